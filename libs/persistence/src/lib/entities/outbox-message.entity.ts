import { Entity, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';

export const OUTBOX_KINDS = ['reply', 'opt_out', 'opt_in', 'alert', 'list_completed'] as const;
export type OutboxKind = (typeof OUTBOX_KINDS)[number];

/**
 * Notifications for the Slack bot (replies to route, alerts). The bot takes them in order and marks each
 * delivered once Slack accepted it; until then they stay, so nothing is lost while Slack is down.
 */
@Entity({ tableName: 'outbox' })
@Index({ name: 'outbox_pending_idx', properties: ['deliveredAt', 'nextAttemptAt'] })
export class OutboxMessage {
  [OptionalProps]?: 'createdAt' | 'deliveredAt' | 'attempts' | 'nextAttemptAt' | 'lastError' | 'dedupeKey' | 'slackTs';

  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Property({ type: 'string', length: 32 })
  kind!: OutboxKind;

  /** The Slack channel to post in. */
  @Property({ type: 'string', length: 32 })
  channelId!: string;

  @Property({ type: 'json' })
  payload!: Record<string, unknown>;

  /** Makes a repeated event (the same inbound message twice) a no-op. */
  @Property({ type: 'string', length: 128, nullable: true, unique: true })
  dedupeKey: string | null = null;

  @Property({ type: 'integer' })
  attempts = 0;

  @Property({ type: 'datetime', nullable: true })
  nextAttemptAt: Date | null = null;

  @Property({ type: 'text', nullable: true })
  lastError: string | null = null;

  @Property({ type: 'datetime', nullable: true })
  deliveredAt: Date | null = null;

  @Property({ type: 'string', length: 32, nullable: true })
  slackTs: string | null = null;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();
}
