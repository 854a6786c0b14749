import type { EntityManager } from '@mikro-orm/core';
import { OutboxMessage, type OutboxKind } from './entities/outbox-message.entity';

/**
 * Queues a notification for the Slack bot in the caller's transaction. With a dedupe key, the same event
 * (a webhook delivered twice, an alert raised by two dispatchers) is queued once.
 */
export async function enqueueOutbox(
  em: EntityManager,
  message: { kind: OutboxKind; channelId: string; payload: Record<string, unknown>; dedupeKey?: string },
): Promise<void> {
  const row = { ...message, dedupeKey: message.dedupeKey ?? null, attempts: 0, createdAt: new Date() };
  if (message.dedupeKey) {
    await em.upsert(OutboxMessage, row, { onConflictFields: ['dedupeKey'], onConflictAction: 'ignore' });
  } else {
    await em.insert(OutboxMessage, row);
  }
}
