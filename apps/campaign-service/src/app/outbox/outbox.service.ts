import { EntityManager } from '@mikro-orm/core';
import { Injectable, NotFoundException } from '@nestjs/common';
import { OutboxMessage, queryRows, runStatement } from '@proactive-sms/persistence';
import type { OutboxItem as OutboxItemView } from '@proactive-sms/service-client';
import { Clock } from '../clock';

export type { OutboxItem as OutboxItemView } from '@proactive-sms/service-client';

/** How long a taken item is reserved for the bot before it is offered again. */
export const OUTBOX_LEASE_MS = 60_000;

/**
 * The bot's side of the outbox: it takes due notifications (reserved for a lease so two bot processes
 * never post the same one), posts them, and reports each as delivered (with Slack's ts) or failed (retried
 * with backoff). Nothing leaves the outbox until Slack accepted it.
 */
@Injectable()
export class OutboxService {
  constructor(
    private readonly em: EntityManager,
    private readonly clock: Clock,
  ) {}

  async take(limit: number): Promise<OutboxItemView[]> {
    return this.em.transactional(async (em) => {
      const now = this.clock.now();
      const rows = await queryRows<{ id: number | string }>(
        em,
        `select id from outbox where delivered_at is null and (next_attempt_at is null or next_attempt_at <= ?) order by id limit ${Math.floor(limit)}`,
        [now],
      );
      const ids = rows.map((row) => Number(row.id));
      if (ids.length === 0) return [];
      await runStatement(
        em,
        `update outbox set attempts = attempts + 1, next_attempt_at = ? where id in (${ids.map(() => '?').join(', ')})`,
        [new Date(now.getTime() + OUTBOX_LEASE_MS * this.clock.rate), ...ids],
      );
      const items = await em.find(OutboxMessage, { id: { $in: ids } }, { orderBy: { id: 'asc' } });
      return Promise.all(items.map(async (item) => this.view(em, item)));
    });
  }

  async delivered(id: number, slackTs: string): Promise<void> {
    const changed = await runStatement(
      this.em,
      `update outbox set delivered_at = ?, slack_ts = ?, last_error = null where id = ?`,
      [this.clock.now(), slackTs, id],
    );
    if (changed === 0) throw new NotFoundException(`Outbox item ${id} does not exist`);
  }

  async failed(id: number, error: string): Promise<{ nextAttemptAt: string }> {
    const item = await this.em.findOne(OutboxMessage, id);
    if (!item) throw new NotFoundException(`Outbox item ${id} does not exist`);
    // Exponential backoff, capped at ten minutes: Slack being down loses nothing, it only delays.
    const delay = Math.min(10 * 60_000, 1000 * 2 ** Math.min(item.attempts, 10));
    // Back-offs are real time: with a simulated clock they are `rate` times longer on it.
    const nextAttemptAt = new Date(this.clock.now().getTime() + delay * this.clock.rate);
    await runStatement(
      this.em,
      `update outbox set last_error = ?, next_attempt_at = ? where id = ? and delivered_at is null`,
      [error.slice(0, 1000), nextAttemptAt, id],
    );
    return { nextAttemptAt: nextAttemptAt.toISOString() };
  }

  private async view(em: EntityManager, item: OutboxMessage): Promise<OutboxItemView> {
    const phone = typeof item.payload['phone'] === 'string' ? item.payload['phone'] : null;
    let threadTs: string | null = null;
    if (phone) {
      // One thread per phone number and channel: the first delivered message about the phone starts it.
      const earlier = await queryRows<{ slack_ts: string; payload: unknown }>(
        em,
        `select slack_ts, payload from outbox where channel_id = ? and slack_ts is not null and id < ? order by id limit 500`,
        [item.channelId, item.id],
      );
      const first = earlier.find((row) => {
        const payload =
          typeof row.payload === 'string'
            ? (JSON.parse(row.payload) as Record<string, unknown>)
            : (row.payload as Record<string, unknown>);
        return payload['phone'] === phone;
      });
      threadTs = first?.slack_ts ?? null;
    }
    return {
      id: item.id,
      kind: item.kind,
      channelId: item.channelId,
      payload: item.payload,
      attempts: item.attempts,
      threadTs,
      createdAt: item.createdAt.toISOString(),
    };
  }
}
