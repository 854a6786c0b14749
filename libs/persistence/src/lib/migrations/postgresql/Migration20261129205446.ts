import { Migration } from '@mikro-orm/migrations';

export class Migration20261129205446 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "audit_log" ("id" serial primary key, "actor" varchar(64) not null, "action" varchar(64) not null, "entity_type" varchar(32) not null, "entity_id" varchar(64) not null, "details" jsonb null, "at" timestamptz not null);`,
    );
    this.addSql(`create index "audit_log_entity_type_entity_id_index" on "audit_log" ("entity_type", "entity_id");`);

    this.addSql(
      `create table "messaging_answers" ("id" serial primary key, "name" varchar(100) not null, "language" varchar(16) not null, "body" text not null, "default_first_name" varchar(100) null, "created_at" timestamptz not null);`,
    );
    this.addSql(`create index "messaging_answers_language_index" on "messaging_answers" ("language");`);

    this.addSql(
      `create table "outbox" ("id" serial primary key, "kind" varchar(32) not null, "channel_id" varchar(32) not null, "payload" jsonb not null, "dedupe_key" varchar(128) null, "attempts" int not null default 0, "next_attempt_at" timestamptz null, "last_error" text null, "delivered_at" timestamptz null, "slack_ts" varchar(32) null, "created_at" timestamptz not null);`,
    );
    this.addSql(`alter table "outbox" add constraint "outbox_dedupe_key_unique" unique ("dedupe_key");`);
    this.addSql(`create index "outbox_pending_idx" on "outbox" ("delivered_at", "next_attempt_at");`);

    this.addSql(
      `create table "refused_uploads" ("id" varchar(36) not null, "campaign_id" int not null, "file_name" varchar(255) not null, "error_count" int not null, "error_log" text not null, "created_by" varchar(32) not null, "created_at" timestamptz not null, constraint "refused_uploads_pkey" primary key ("id"));`,
    );

    this.addSql(
      `create table "sender_numbers" ("id" serial primary key, "number" varchar(20) not null, "label" varchar(100) not null, "sms_capable" boolean not null, "inbox_channel_id" varchar(32) not null, "messages_per_second" double precision not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null);`,
    );
    this.addSql(`alter table "sender_numbers" add constraint "sender_numbers_number_unique" unique ("number");`);

    this.addSql(
      `create table "opt_outs" ("id" serial primary key, "sender_number_id" int not null, "phone" varchar(20) not null, "source" varchar(200) not null, "created_at" timestamptz not null, "lifted_at" timestamptz null);`,
    );
    this.addSql(
      `alter table "opt_outs" add constraint "opt_outs_sender_phone_unique" unique ("sender_number_id", "phone");`,
    );

    this.addSql(
      `create table "inbound_messages" ("id" serial primary key, "provider_message_id" varchar(64) not null, "sender_number_id" int not null, "phone" varchar(20) not null, "body" text not null, "kind" varchar(16) not null, "campaign_id" int null, "recipient_id" int null, "received_at" timestamptz not null);`,
    );
    this.addSql(
      `alter table "inbound_messages" add constraint "inbound_messages_provider_message_id_unique" unique ("provider_message_id");`,
    );
    this.addSql(`create index "inbound_messages_phone_index" on "inbound_messages" ("phone");`);

    this.addSql(
      `create table "campaigns" ("id" serial primary key, "name" varchar(100) not null, "description" text not null default '', "sender_number_id" int not null, "language" varchar(16) not null, "answer_id" int not null, "schedule" jsonb not null, "slack_channel_id" varchar(32) not null, "status" varchar(16) not null default 'active', "cap_count" int null, "cap_per_seconds" int null, "created_by" varchar(32) not null, "created_at" timestamptz not null, "updated_at" timestamptz not null);`,
    );
    this.addSql(`alter table "campaigns" add constraint "campaigns_name_unique" unique ("name");`);

    this.addSql(
      `create table "recipient_lists" ("id" serial primary key, "campaign_id" int not null, "file_name" varchar(255) not null, "outreach_start_at" varchar(16) not null, "outreach_end_at" varchar(16) null, "status" varchar(16) not null default 'scheduled', "recipients" int not null, "duplicates" int not null default 0, "skipped_opted_out" int not null default 0, "skipped_already_in_campaign" int not null default 0, "created_by" varchar(32) not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "completed_at" timestamptz null);`,
    );
    this.addSql(
      `create index "recipient_lists_campaign_id_status_index" on "recipient_lists" ("campaign_id", "status");`,
    );

    this.addSql(
      `create table "recipients" ("id" serial primary key, "list_id" int not null, "campaign_id" int not null, "line" int not null, "phone" varchar(20) not null, "timezone" varchar(64) not null, "name" varchar(200) null, "state" varchar(16) not null default 'pending', "due_at" timestamptz null, "end_at" timestamptz null, "attempts" int not null default 0, "claimed_at" timestamptz null, "sent_at" timestamptz null, "delivered_at" timestamptz null, "finished_at" timestamptz null, "provider_message_id" varchar(64) null, "last_error" text null, "created_at" timestamptz not null, "updated_at" timestamptz not null);`,
    );
    this.addSql(`create index "recipients_provider_message_idx" on "recipients" ("provider_message_id");`);
    this.addSql(`create index "recipients_list_state_idx" on "recipients" ("list_id", "state");`);
    this.addSql(`create index "recipients_campaign_phone_idx" on "recipients" ("campaign_id", "phone");`);
    this.addSql(`create index "recipients_due_idx" on "recipients" ("state", "due_at");`);

    this.addSql(
      `alter table "opt_outs" add constraint "opt_outs_sender_number_id_foreign" foreign key ("sender_number_id") references "sender_numbers" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "inbound_messages" add constraint "inbound_messages_sender_number_id_foreign" foreign key ("sender_number_id") references "sender_numbers" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "campaigns" add constraint "campaigns_sender_number_id_foreign" foreign key ("sender_number_id") references "sender_numbers" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "campaigns" add constraint "campaigns_answer_id_foreign" foreign key ("answer_id") references "messaging_answers" ("id") on update cascade on delete restrict;`,
    );

    this.addSql(
      `alter table "recipient_lists" add constraint "recipient_lists_campaign_id_foreign" foreign key ("campaign_id") references "campaigns" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "recipients" add constraint "recipients_list_id_foreign" foreign key ("list_id") references "recipient_lists" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "recipients" add constraint "recipients_campaign_id_foreign" foreign key ("campaign_id") references "campaigns" ("id") on update cascade on delete cascade;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "campaigns" drop constraint "campaigns_answer_id_foreign";`);

    this.addSql(`alter table "opt_outs" drop constraint "opt_outs_sender_number_id_foreign";`);

    this.addSql(`alter table "inbound_messages" drop constraint "inbound_messages_sender_number_id_foreign";`);

    this.addSql(`alter table "campaigns" drop constraint "campaigns_sender_number_id_foreign";`);

    this.addSql(`alter table "recipient_lists" drop constraint "recipient_lists_campaign_id_foreign";`);

    this.addSql(`alter table "recipients" drop constraint "recipients_campaign_id_foreign";`);

    this.addSql(`alter table "recipients" drop constraint "recipients_list_id_foreign";`);

    this.addSql(`drop table if exists "audit_log" cascade;`);

    this.addSql(`drop table if exists "messaging_answers" cascade;`);

    this.addSql(`drop table if exists "outbox" cascade;`);

    this.addSql(`drop table if exists "refused_uploads" cascade;`);

    this.addSql(`drop table if exists "sender_numbers" cascade;`);

    this.addSql(`drop table if exists "opt_outs" cascade;`);

    this.addSql(`drop table if exists "inbound_messages" cascade;`);

    this.addSql(`drop table if exists "campaigns" cascade;`);

    this.addSql(`drop table if exists "recipient_lists" cascade;`);

    this.addSql(`drop table if exists "recipients" cascade;`);
  }
}
