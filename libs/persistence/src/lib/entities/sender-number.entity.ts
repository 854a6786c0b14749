import { Entity, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';

/** A phone number campaigns send from. Replies to it are relayed to its inbox channel in Slack. */
@Entity({ tableName: 'sender_numbers' })
export class SenderNumber {
  [OptionalProps]?: 'messagesPerSecond' | 'createdAt' | 'updatedAt';

  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  /** E.164. */
  @Property({ type: 'string', length: 20, unique: true })
  number!: string;

  @Property({ type: 'string', length: 100 })
  label!: string;

  @Property({ type: 'boolean' })
  smsCapable!: boolean;

  /** The Slack channel where replies to this number go. */
  @Property({ type: 'string', length: 32 })
  inboxChannelId!: string;

  /** The carrier's throughput for this number (10DLC default: 1 per second). */
  @Property({ type: 'double' })
  messagesPerSecond = 1;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
