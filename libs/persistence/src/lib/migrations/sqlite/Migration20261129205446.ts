import { Migration } from '@mikro-orm/migrations';

export class Migration20261129205446 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`audit_log\` (\`id\` integer not null primary key autoincrement, \`actor\` text not null, \`action\` text not null, \`entity_type\` text not null, \`entity_id\` text not null, \`details\` json null, \`at\` datetime not null);`,
    );
    this.addSql(
      `create index \`audit_log_entity_type_entity_id_index\` on \`audit_log\` (\`entity_type\`, \`entity_id\`);`,
    );

    this.addSql(
      `create table \`messaging_answers\` (\`id\` integer not null primary key autoincrement, \`name\` text not null, \`language\` text not null, \`body\` text not null, \`default_first_name\` text null, \`created_at\` datetime not null);`,
    );
    this.addSql(`create index \`messaging_answers_language_index\` on \`messaging_answers\` (\`language\`);`);

    this.addSql(
      `create table \`outbox\` (\`id\` integer not null primary key autoincrement, \`kind\` text not null, \`channel_id\` text not null, \`payload\` json not null, \`dedupe_key\` text null, \`attempts\` integer not null default 0, \`next_attempt_at\` datetime null, \`last_error\` text null, \`delivered_at\` datetime null, \`slack_ts\` text null, \`created_at\` datetime not null);`,
    );
    this.addSql(`create unique index \`outbox_dedupe_key_unique\` on \`outbox\` (\`dedupe_key\`);`);
    this.addSql(`create index \`outbox_pending_idx\` on \`outbox\` (\`delivered_at\`, \`next_attempt_at\`);`);

    this.addSql(
      `create table \`refused_uploads\` (\`id\` text not null, \`campaign_id\` integer not null, \`file_name\` text not null, \`error_count\` integer not null, \`error_log\` text not null, \`created_by\` text not null, \`created_at\` datetime not null, primary key (\`id\`));`,
    );

    this.addSql(
      `create table \`sender_numbers\` (\`id\` integer not null primary key autoincrement, \`number\` text not null, \`label\` text not null, \`sms_capable\` integer not null, \`inbox_channel_id\` text not null, \`messages_per_second\` double not null default 1, \`created_at\` datetime not null, \`updated_at\` datetime not null);`,
    );
    this.addSql(`create unique index \`sender_numbers_number_unique\` on \`sender_numbers\` (\`number\`);`);

    this.addSql(
      `create table \`opt_outs\` (\`id\` integer not null primary key autoincrement, \`sender_number_id\` integer not null, \`phone\` text not null, \`source\` text not null, \`created_at\` datetime not null, \`lifted_at\` datetime null, constraint \`opt_outs_sender_number_id_foreign\` foreign key(\`sender_number_id\`) references \`sender_numbers\`(\`id\`) on delete cascade on update cascade);`,
    );
    this.addSql(`create index \`opt_outs_sender_number_id_index\` on \`opt_outs\` (\`sender_number_id\`);`);
    this.addSql(
      `create unique index \`opt_outs_sender_phone_unique\` on \`opt_outs\` (\`sender_number_id\`, \`phone\`);`,
    );

    this.addSql(
      `create table \`inbound_messages\` (\`id\` integer not null primary key autoincrement, \`provider_message_id\` text not null, \`sender_number_id\` integer not null, \`phone\` text not null, \`body\` text not null, \`kind\` text not null, \`campaign_id\` integer null, \`recipient_id\` integer null, \`received_at\` datetime not null, constraint \`inbound_messages_sender_number_id_foreign\` foreign key(\`sender_number_id\`) references \`sender_numbers\`(\`id\`) on delete cascade on update cascade);`,
    );
    this.addSql(
      `create unique index \`inbound_messages_provider_message_id_unique\` on \`inbound_messages\` (\`provider_message_id\`);`,
    );
    this.addSql(
      `create index \`inbound_messages_sender_number_id_index\` on \`inbound_messages\` (\`sender_number_id\`);`,
    );
    this.addSql(`create index \`inbound_messages_phone_index\` on \`inbound_messages\` (\`phone\`);`);

    this.addSql(
      `create table \`campaigns\` (\`id\` integer not null primary key autoincrement, \`name\` text not null, \`description\` text not null default '', \`sender_number_id\` integer not null, \`language\` text not null, \`answer_id\` integer not null, \`schedule\` json not null, \`slack_channel_id\` text not null, \`status\` text not null default 'active', \`cap_count\` integer null, \`cap_per_seconds\` integer null, \`created_by\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, constraint \`campaigns_sender_number_id_foreign\` foreign key(\`sender_number_id\`) references \`sender_numbers\`(\`id\`) on delete restrict on update cascade, constraint \`campaigns_answer_id_foreign\` foreign key(\`answer_id\`) references \`messaging_answers\`(\`id\`) on delete restrict on update cascade);`,
    );
    this.addSql(`create unique index \`campaigns_name_unique\` on \`campaigns\` (\`name\`);`);
    this.addSql(`create index \`campaigns_sender_number_id_index\` on \`campaigns\` (\`sender_number_id\`);`);
    this.addSql(`create index \`campaigns_answer_id_index\` on \`campaigns\` (\`answer_id\`);`);

    this.addSql(
      `create table \`recipient_lists\` (\`id\` integer not null primary key autoincrement, \`campaign_id\` integer not null, \`file_name\` text not null, \`outreach_start_at\` text not null, \`outreach_end_at\` text null, \`status\` text not null default 'scheduled', \`recipients\` integer not null, \`duplicates\` integer not null default 0, \`skipped_opted_out\` integer not null default 0, \`skipped_already_in_campaign\` integer not null default 0, \`created_by\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`completed_at\` datetime null, constraint \`recipient_lists_campaign_id_foreign\` foreign key(\`campaign_id\`) references \`campaigns\`(\`id\`) on delete cascade on update cascade);`,
    );
    this.addSql(`create index \`recipient_lists_campaign_id_index\` on \`recipient_lists\` (\`campaign_id\`);`);
    this.addSql(
      `create index \`recipient_lists_campaign_id_status_index\` on \`recipient_lists\` (\`campaign_id\`, \`status\`);`,
    );

    this.addSql(
      `create table \`recipients\` (\`id\` integer not null primary key autoincrement, \`list_id\` integer not null, \`campaign_id\` integer not null, \`line\` integer not null, \`phone\` text not null, \`timezone\` text not null, \`name\` text null, \`state\` text not null default 'pending', \`due_at\` datetime null, \`end_at\` datetime null, \`attempts\` integer not null default 0, \`claimed_at\` datetime null, \`sent_at\` datetime null, \`delivered_at\` datetime null, \`finished_at\` datetime null, \`provider_message_id\` text null, \`last_error\` text null, \`created_at\` datetime not null, \`updated_at\` datetime not null, constraint \`recipients_list_id_foreign\` foreign key(\`list_id\`) references \`recipient_lists\`(\`id\`) on delete cascade on update cascade, constraint \`recipients_campaign_id_foreign\` foreign key(\`campaign_id\`) references \`campaigns\`(\`id\`) on delete cascade on update cascade);`,
    );
    this.addSql(`create index \`recipients_list_id_index\` on \`recipients\` (\`list_id\`);`);
    this.addSql(`create index \`recipients_campaign_id_index\` on \`recipients\` (\`campaign_id\`);`);
    this.addSql(`create index \`recipients_provider_message_idx\` on \`recipients\` (\`provider_message_id\`);`);
    this.addSql(`create index \`recipients_list_state_idx\` on \`recipients\` (\`list_id\`, \`state\`);`);
    this.addSql(`create index \`recipients_campaign_phone_idx\` on \`recipients\` (\`campaign_id\`, \`phone\`);`);
    this.addSql(`create index \`recipients_due_idx\` on \`recipients\` (\`state\`, \`due_at\`);`);
  }
}
