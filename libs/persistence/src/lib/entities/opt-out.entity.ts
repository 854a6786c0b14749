import { Entity, ManyToOne, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { SenderNumber } from './sender-number.entity';

/** A number that asked a sender to stop. Lifted (opt back in) rows keep their history. */
@Entity({ tableName: 'opt_outs' })
@Unique({ name: 'opt_outs_sender_phone_unique', properties: ['senderNumber', 'phone'] })
export class OptOut {
  [OptionalProps]?: 'createdAt' | 'liftedAt';

  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @ManyToOne(() => SenderNumber, { deleteRule: 'cascade' })
  senderNumber!: SenderNumber;

  @Property({ type: 'string', length: 20 })
  phone!: string;

  /** The keyword or the reason (e.g. "STOP"). */
  @Property({ type: 'string', length: 200 })
  source!: string;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', nullable: true })
  liftedAt: Date | null = null;
}
