import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import { RecentKeys } from '../support/recent-keys';

/**
 * Slack redelivers an event (same event_id, X-Slack-Retry-Num 1..3) when it did not get the ack in time.
 * Bolt acks events before the listeners run, so a redelivery usually means the first try is still
 * running or already done: it is dropped. When the first try failed, its id is released so that the
 * redelivery is processed — retries are never dropped blindly.
 */
export class EventDeduplicator {
  private readonly seen: RecentKeys;

  constructor(ttlMs = 60 * 60_000) {
    this.seen = new RecentKeys(ttlMs);
  }

  middleware(): Middleware<AnyMiddlewareArgs> {
    return async ({ body, next }) => {
      const eventId = typeof body === 'object' && body !== null && 'event_id' in body ? body.event_id : undefined;
      if (typeof eventId !== 'string') return next();
      if (!this.seen.claim(eventId)) return;
      try {
        await next();
      } catch (error) {
        this.seen.release(eventId);
        throw error;
      }
    };
  }
}
