import { EntityManager, MikroORM } from '@mikro-orm/core';
import { Injectable, Logger } from '@nestjs/common';
import { isInsideSendWindow, messageDataCoding, nextSendInstant, renderMessagingAnswer } from '@proactive-sms/domain';
import { Campaign, queryRows, runStatement, toDate } from '@proactive-sms/persistence';
import { Clock } from '../clock';
import { DispatcherConfig } from '../config/dispatcher-config';
import type { ClaimedRecipient } from './claimed-recipient';

type DueRow = {
  id: number | string;
  phone: string;
  timezone: string;
  name: string | null;
  end_at: unknown;
  attempts: number | string;
  list_id: number | string;
  campaign_id: number | string;
  list_status: string;
};

type Slots = Map<string, number>;

const GLOBAL = 'global';

/**
 * The provider and the carriers count requests as they arrive; network jitter can bring two evenly spaced
 * requests closer together there. Spacing them 2% wider keeps every window under its limit.
 */
export const LIMIT_MARGIN = 1.02;

/**
 * Claims due recipients atomically and reserves their send slots under every limit, in one writer
 * transaction: on SQLite the transaction begins IMMEDIATE (one writer at a time), on PostgreSQL the due
 * rows are taken FOR UPDATE SKIP LOCKED and the global limit's row serialises the slot reservations. A
 * recipient is claimed at most once, whatever the number of dispatcher processes.
 */
@Injectable()
export class ClaimRepository {
  private readonly logger = new Logger('Claims');

  constructor(
    private readonly orm: MikroORM,
    private readonly config: DispatcherConfig,
    private readonly clock: Clock,
  ) {}

  private get isPostgres(): boolean {
    return this.config.database.kind === 'postgresql';
  }

  async claim(limit: number, horizonMs: number): Promise<ClaimedRecipient[]> {
    if (limit <= 0) return [];
    return this.orm.em.fork().transactional(async (em) => {
      const now = this.clock.now();
      const nowMs = now.getTime();
      // The first statement writes: it takes the global limit's row lock (PostgreSQL) and the writer lock (SQLite).
      await runStatement(em, `insert into rate_limit_slots (key, next_at) values (?, 0) on conflict (key) do nothing`, [
        GLOBAL,
      ]);
      await queryRows(em, `select key from rate_limit_slots where key = ?${this.isPostgres ? ' for update' : ''}`, [
        GLOBAL,
      ]);

      const due = await queryRows<DueRow>(
        em,
        `select r.id, r.phone, r.timezone, r.name, r.end_at, r.attempts, r.list_id, r.campaign_id, l.status as list_status
           from recipients r
           join recipient_lists l on l.id = r.list_id
           join campaigns c on c.id = r.campaign_id
          where r.state = 'pending' and r.due_at <= ? and c.status = 'active' and l.status in ('scheduled', 'in_progress')
          order by r.due_at, r.id
          limit ${Math.floor(limit)}${this.isPostgres ? ' for update of r skip locked' : ''}`,
        [now],
      );
      if (due.length === 0) return [];

      const campaignIds = [...new Set(due.map((row) => Number(row.campaign_id)))];
      const campaigns = new Map(
        (await em.find(Campaign, { id: { $in: campaignIds } }, { populate: ['answer', 'senderNumber'] })).map((c) => [
          c.id,
          c,
        ]),
      );
      const optedOut = await this.optedOut(em, due, campaigns);
      const slots = await this.loadSlots(em, campaigns);
      const horizon = nowMs + horizonMs;

      const claimed: ClaimedRecipient[] = [];
      const skipped = { optedOut: [] as number[], notReached: [] as number[] };
      const rescheduled: { id: number; dueAt: Date | null }[] = [];
      const saturated = new Set<string>();

      const broken = new Set<number>();
      for (const row of due) {
        const id = Number(row.id);
        const campaign = campaigns.get(Number(row.campaign_id))!;
        if (broken.has(campaign.id)) continue;
        try {
          const sender = campaign.senderNumber;
          const endAt = toDate(row.end_at)?.getTime() ?? null;
          if (optedOut.has(`${sender.id}:${row.phone}`)) {
            skipped.optedOut.push(id);
            continue;
          }
          if (endAt !== null && endAt <= nowMs) {
            skipped.notReached.push(id);
            continue;
          }
          const keys = limitKeys(campaign);
          if (keys.some((key) => saturated.has(key))) continue;
          const slotAt = Math.max(nowMs, ...keys.map((key) => slots.get(key) ?? 0));
          if (slotAt > horizon) {
            // Everything behind this limit waits for a later tick: claim nothing we cannot send soon.
            keys.filter((key) => (slots.get(key) ?? 0) > horizon).forEach((key) => saturated.add(key));
            continue;
          }
          if (endAt !== null && slotAt >= endAt) continue; // the limits push it past the end: settled at the end
          if (!isInsideSendWindow(new Date(slotAt), campaign.schedule, row.timezone, this.config.legalWindow)) {
            const next = nextSendInstant({
              schedule: campaign.schedule,
              timeZone: row.timezone,
              legalWindow: this.config.legalWindow,
              notBefore: new Date(slotAt),
            });
            // Past the end (or never): due at the end, when the claim marks it not reached.
            const dueAt =
              next && (endAt === null || next.getTime() < endAt) ? next : endAt !== null ? new Date(endAt) : null;
            rescheduled.push({ id, dueAt });
            continue;
          }
          const limits = limitIntervals(campaign, this.config.maxRequestsPerSecond);
          for (const [key, interval] of limits) slots.set(key, slotAt + interval);
          const body = renderMessagingAnswer(campaign.answer.body, {
            firstName: row.name,
            defaultFirstName: campaign.answer.defaultFirstName,
          });
          claimed.push({
            id,
            campaignId: campaign.id,
            listId: Number(row.list_id),
            timezone: row.timezone,
            schedule: campaign.schedule,
            claimedAt: nowMs,
            slotAt,
            limits,
            attempt: Number(row.attempts) + 1,
            sms: {
              originator: sender.number,
              recipient: row.phone,
              body,
              reference: String(id),
              reportUrl: this.config.deliveryReportUrl,
              datacoding: messageDataCoding(body),
            },
          });
        } catch (error) {
          // One broken campaign (say, a schedule that no longer parses) never stops the others.
          broken.add(campaign.id);
          this.logger.error(`campaign ${campaign.id} skipped this tick: ${(error as Error).message}`);
        }
      }

      await this.updateIds(em, skipped.optedOut, `state = 'opted_out', finished_at = ?, updated_at = ?`, [now, now]);
      await this.updateIds(em, skipped.notReached, `state = 'not_reached', finished_at = ?, updated_at = ?`, [
        now,
        now,
      ]);
      for (const { id, dueAt } of rescheduled) {
        await runStatement(em, `update recipients set due_at = ?, updated_at = ? where id = ?`, [dueAt, now, id]);
      }
      await this.updateIds(
        em,
        claimed.map((c) => c.id),
        `state = 'sending', claimed_by = ?, claimed_at = ?, request_started_at = null, attempts = attempts + 1, updated_at = ?`,
        [this.config.dispatcherId, now, now],
      );
      const started = [
        ...new Set(due.filter((row) => row.list_status === 'scheduled').map((row) => Number(row.list_id))),
      ];
      if (claimed.length > 0 && started.length > 0) {
        await runStatement(
          em,
          `update recipient_lists set status = 'in_progress', updated_at = ? where status = 'scheduled' and id in (${started.map(() => '?').join(', ')})`,
          [now, ...started],
        );
      }
      for (const [key, nextAt] of slots) {
        await runStatement(
          em,
          `insert into rate_limit_slots (key, next_at) values (?, ?) on conflict (key) do update set next_at = excluded.next_at`,
          [key, Math.ceil(nextAt)],
        );
      }
      return claimed;
    });
  }

  /**
   * Just before the requests may leave: marks them started, but only those this process still holds in a
   * campaign and list that are still running. The others go back untouched (a pause between claim and send).
   */
  async markStarted(ids: number[]): Promise<Set<number>> {
    if (ids.length === 0) return new Set();
    const em = this.orm.em.fork();
    return em.transactional(async (tx) => {
      const now = this.clock.now();
      const rows = await queryRows<{ id: number | string }>(
        tx,
        `update recipients set request_started_at = ?, updated_at = ?
          where id in (${ids.map(() => '?').join(', ')}) and state = 'sending' and claimed_by = ? and request_started_at is null
            and exists (select 1 from campaigns c where c.id = recipients.campaign_id and c.status = 'active')
            and exists (select 1 from recipient_lists l where l.id = recipients.list_id and l.status in ('scheduled', 'in_progress'))
          returning id`,
        [now, now, ...ids, this.config.dispatcherId],
      );
      const started = new Set(rows.map((row) => Number(row.id)));
      const released = ids.filter((id) => !started.has(id));
      if (released.length > 0) await this.release(tx, released, now);
      return started;
    });
  }

  /** Gives claims back that were never sent: pending again, or stopped when their list or campaign was stopped. */
  async releaseUnsent(ids: number[]): Promise<void> {
    if (ids.length === 0) return;
    await this.orm.em.fork().transactional((tx) => this.release(tx, ids, this.clock.now()));
  }

  private async release(em: EntityManager, ids: number[], now: Date): Promise<void> {
    const marks = ids.map(() => '?').join(', ');
    await runStatement(
      em,
      `update recipients set state = 'pending', claimed_by = null, claimed_at = null, updated_at = ?
        where id in (${marks}) and state = 'sending' and claimed_by = ? and request_started_at is null`,
      [now, ...ids, this.config.dispatcherId],
    );
    await runStatement(
      em,
      `update recipients set state = 'stopped', finished_at = ?, updated_at = ?
        where id in (${marks}) and state = 'pending'
          and (exists (select 1 from campaigns c where c.id = recipients.campaign_id and c.status = 'stopped')
            or exists (select 1 from recipient_lists l where l.id = recipients.list_id and l.status = 'stopped'))`,
      [now, now, ...ids],
    );
  }

  /**
   * Claims whose process died (older than the lease, from any process): never started → pending again;
   * started without a provider id → unknown, shown to the operator and never resent automatically.
   */
  async recoverExpired(): Promise<{ requeued: number; unknown: number }> {
    const em = this.orm.em.fork();
    const now = this.clock.now();
    // The lease is real time (how long a live process may take); a simulated clock runs `rate` times faster.
    const expired = new Date(now.getTime() - this.config.claimLeaseMs * this.clock.rate);
    return em.transactional(async (tx) => {
      const requeued = await runStatement(
        tx,
        `update recipients set state = 'pending', claimed_by = null, claimed_at = null, updated_at = ?
          where state = 'sending' and claimed_at < ? and request_started_at is null`,
        [now, expired],
      );
      const unknown = await runStatement(
        tx,
        `update recipients set state = 'unknown', finished_at = ?, updated_at = ?,
                last_error = 'The dispatcher stopped while the request was in flight: it may or may not have been sent.'
          where state = 'sending' and claimed_at < ? and request_started_at is not null`,
        [now, now, expired],
      );
      return { requeued, unknown };
    });
  }

  private async optedOut(em: EntityManager, due: DueRow[], campaigns: Map<number, Campaign>): Promise<Set<string>> {
    const pairs = due.map((row) => [campaigns.get(Number(row.campaign_id))!.senderNumber.id, row.phone] as const);
    const phones = [...new Set(pairs.map(([, phone]) => phone))];
    const rows = await queryRows<{ sender_number_id: number | string; phone: string }>(
      em,
      `select sender_number_id, phone from opt_outs where lifted_at is null and phone in (${phones.map(() => '?').join(', ')})`,
      phones,
    );
    return new Set(rows.map((row) => `${Number(row.sender_number_id)}:${row.phone}`));
  }

  private async loadSlots(em: EntityManager, campaigns: Map<number, Campaign>): Promise<Slots> {
    const keys = [...new Set([...campaigns.values()].flatMap(limitKeys))];
    const rows = await queryRows<{ key: string; next_at: number | string }>(
      em,
      `select key, next_at from rate_limit_slots where key in (${keys.map(() => '?').join(', ')})`,
      keys,
    );
    return new Map(rows.map((row) => [row.key, Number(row.next_at)]));
  }

  private async updateIds(em: EntityManager, ids: number[], set: string, params: unknown[]): Promise<void> {
    for (let offset = 0; offset < ids.length; offset += 500) {
      const chunk = ids.slice(offset, offset + 500);
      await runStatement(em, `update recipients set ${set} where id in (${chunk.map(() => '?').join(', ')})`, [
        ...params,
        ...chunk,
      ]);
    }
  }
}

/** The limits a campaign's sends count against: the provider's global cap, its sender number, its own cap. */
export function limitKeys(campaign: Campaign): string[] {
  const keys = [GLOBAL, `sender:${campaign.senderNumber.id}`];
  if (campaign.capCount && campaign.capPerSeconds) keys.push(`campaign:${campaign.id}`);
  return keys;
}

/**
 * The spacing each limit imposes between two sends. Even spacing never exceeds a limit in any window,
 * also across ticks and processes: 1 per second is one each 1,000 ms; 40 per 300 s one each 7.5 s.
 */
export function limitIntervals(campaign: Campaign, maxRequestsPerSecond: number): [string, number][] {
  const intervals: [string, number][] = [
    [GLOBAL, 1000 / maxRequestsPerSecond],
    [`sender:${campaign.senderNumber.id}`, 1000 / campaign.senderNumber.messagesPerSecond],
  ];
  if (campaign.capCount && campaign.capPerSeconds)
    intervals.push([`campaign:${campaign.id}`, (campaign.capPerSeconds * 1000) / campaign.capCount]);
  return intervals.map(([key, interval]) => [key, interval * LIMIT_MARGIN]);
}
