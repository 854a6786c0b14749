import { Entity, Index, ManyToOne, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import type { RecipientState } from '@proactive-sms/domain';
import { Campaign } from './campaign.entity';
import { RecipientList } from './recipient-list.entity';

/**
 * One person to text. The dispatcher finds work by (state, due_at): only pending rows whose due time has
 * come are read, never the backlog. The campaign is kept on the row so that "already in this campaign"
 * and the per-campaign limits are one index away; a campaign's waiting recipients in due order (the
 * forecast) are one range of (campaign, state, due_at), whatever the other campaigns hold.
 */
@Entity({ tableName: 'recipients' })
@Index({ name: 'recipients_due_idx', properties: ['state', 'dueAt'] })
@Index({ name: 'recipients_campaign_due_idx', properties: ['campaign', 'state', 'dueAt'] })
@Index({ name: 'recipients_campaign_phone_idx', properties: ['campaign', 'phone'] })
@Index({ name: 'recipients_list_state_idx', properties: ['list', 'state'] })
export class Recipient {
  [OptionalProps]?:
    | 'state'
    | 'name'
    | 'dueAt'
    | 'endAt'
    | 'attempts'
    | 'claimedAt'
    | 'claimedBy'
    | 'requestStartedAt'
    | 'sentAt'
    | 'deliveredAt'
    | 'finishedAt'
    | 'providerMessageId'
    | 'lastError'
    | 'createdAt'
    | 'updatedAt';

  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @ManyToOne(() => RecipientList, { deleteRule: 'cascade' })
  list!: RecipientList;

  @ManyToOne(() => Campaign, { deleteRule: 'cascade' })
  campaign!: Campaign;

  /** The CSV line the recipient came from, for the admin's reference. */
  @Property({ type: 'integer' })
  line!: number;

  /** E.164. */
  @Property({ type: 'string', length: 20 })
  phone!: string;

  /** Canonical IANA zone. */
  @Property({ type: 'string', length: 64 })
  timezone!: string;

  @Property({ type: 'string', length: 200, nullable: true })
  name: string | null = null;

  @Property({ type: 'string', length: 16 })
  state: RecipientState = 'pending';

  /** First instant inside the schedule and the legal floor in the recipient's zone. Null: no window at all. */
  @Property({ type: 'datetime', nullable: true })
  dueAt: Date | null = null;

  /** The list's end, as an instant in the recipient's zone. */
  @Property({ type: 'datetime', nullable: true })
  endAt: Date | null = null;

  @Property({ type: 'integer' })
  attempts = 0;

  @Property({ type: 'datetime', nullable: true })
  claimedAt: Date | null = null;

  /** The dispatcher process holding the claim; a claim older than the lease is recovered by anyone. */
  @Property({ type: 'string', length: 64, nullable: true })
  claimedBy: string | null = null;

  /**
   * Set just before the request to the provider may leave. A claim recovered without it was never sent
   * (back to pending); with it and no provider id, the outcome is unknown and it is never resent.
   */
  @Property({ type: 'datetime', nullable: true })
  requestStartedAt: Date | null = null;

  @Property({ type: 'datetime', nullable: true })
  sentAt: Date | null = null;

  @Property({ type: 'datetime', nullable: true })
  deliveredAt: Date | null = null;

  /** When it reached a final state other than sent/delivered (failed, not reached, stopped…). */
  @Property({ type: 'datetime', nullable: true })
  finishedAt: Date | null = null;

  @Property({ type: 'string', length: 64, nullable: true, index: 'recipients_provider_message_idx' })
  providerMessageId: string | null = null;

  @Property({ type: 'text', nullable: true })
  lastError: string | null = null;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
