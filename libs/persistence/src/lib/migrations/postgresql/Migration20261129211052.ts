import { Migration } from '@mikro-orm/migrations';

export class Migration20261129211052 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "rate_limit_slots" ("key" varchar(64) not null, "next_at" bigint not null, constraint "rate_limit_slots_pkey" primary key ("key"));`,
    );

    this.addSql(
      `create table "webhook_jtis" ("jti" varchar(128) not null, "expires_at" timestamptz not null, constraint "webhook_jtis_pkey" primary key ("jti"));`,
    );
    this.addSql(`create index "webhook_jtis_expires_at_index" on "webhook_jtis" ("expires_at");`);

    this.addSql(
      `alter table "recipients" add column "claimed_by" varchar(64) null, add column "request_started_at" timestamptz null;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "rate_limit_slots" cascade;`);

    this.addSql(`drop table if exists "webhook_jtis" cascade;`);

    this.addSql(`alter table "recipients" drop column "claimed_by", drop column "request_started_at";`);
  }
}
