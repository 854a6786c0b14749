import { Migration } from '@mikro-orm/migrations';

export class Migration20261129235320 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create index \`recipients_campaign_due_idx\` on \`recipients\` (\`campaign_id\`, \`state\`, \`due_at\`);`,
    );
  }
}
