import { Entity, ManyToOne, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { SenderNumber } from './sender-number.entity';

/** A text a recipient sent to one of our numbers. */
@Entity({ tableName: 'inbound_messages' })
export class InboundMessage {
  [OptionalProps]?: 'receivedAt' | 'campaignId' | 'recipientId';

  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  /** The provider's id of the inbound message: a repeated webhook is recognised by it. */
  @Property({ type: 'string', length: 64, unique: true })
  providerMessageId!: string;

  @ManyToOne(() => SenderNumber, { deleteRule: 'cascade' })
  senderNumber!: SenderNumber;

  /** The texting phone, E.164. */
  @Property({ type: 'string', length: 20, index: true })
  phone!: string;

  @Property({ type: 'text' })
  body!: string;

  /** opt_out | opt_in | help | message */
  @Property({ type: 'string', length: 16 })
  kind!: string;

  @Property({ type: 'integer', nullable: true })
  campaignId: number | null = null;

  @Property({ type: 'integer', nullable: true })
  recipientId: number | null = null;

  @Property({ type: 'datetime' })
  receivedAt: Date = new Date();
}
