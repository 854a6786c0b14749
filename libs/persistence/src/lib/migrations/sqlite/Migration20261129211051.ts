import { Migration } from '@mikro-orm/migrations';

export class Migration20261129211051 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`rate_limit_slots\` (\`key\` text not null, \`next_at\` bigint not null, primary key (\`key\`));`,
    );

    this.addSql(
      `create table \`webhook_jtis\` (\`jti\` text not null, \`expires_at\` datetime not null, primary key (\`jti\`));`,
    );
    this.addSql(`create index \`webhook_jtis_expires_at_index\` on \`webhook_jtis\` (\`expires_at\`);`);

    this.addSql(`alter table \`recipients\` add column \`claimed_by\` text null;`);
    this.addSql(`alter table \`recipients\` add column \`request_started_at\` datetime null;`);
  }
}
