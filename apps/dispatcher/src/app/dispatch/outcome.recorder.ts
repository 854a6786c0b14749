import { EntityManager, MikroORM } from '@mikro-orm/core';
import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { SendOutcome } from '@proactive-sms/messagebird';
import { retryDelayMs } from '@proactive-sms/messagebird';
import { Campaign, enqueueOutbox, queryRows, refreshCompletion, runStatement } from '@proactive-sms/persistence';
import { Clock } from '../clock';
import { DispatcherConfig } from '../config/dispatcher-config';
import type { ClaimedRecipient } from './claimed-recipient';

/** After this many tries that provably sent nothing (429, connection refused), a recipient fails. */
export const MAX_ATTEMPTS = 8;

/** The send did not happen because the window closed between claim and send: back to pending. */
export type Deferred = { kind: 'deferred'; dueAt: Date | null; reason: string };

type Outcome = { recipient: ClaimedRecipient; attempt: number; outcome: SendOutcome | Deferred; at: Date };

/**
 * Persists send outcomes in small batches (one transaction every few milliseconds instead of one per
 * message). Every update is conditional on the state it expects, so a late or repeated write never
 * undoes a delivery report that arrived first.
 */
@Injectable()
export class OutcomeRecorder implements OnApplicationShutdown {
  private readonly logger = new Logger('Outcomes');
  private buffer: Outcome[] = [];
  private flushing: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly orm: MikroORM,
    private readonly clock: Clock,
    private readonly config: DispatcherConfig,
  ) {}

  record(recipient: ClaimedRecipient, attempt: number, outcome: SendOutcome | Deferred): void {
    this.buffer.push({ recipient, attempt, outcome, at: this.clock.now() });
    if (this.buffer.length >= 200) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), 25);
  }

  /** Writes everything recorded so far; resolves once it is committed. */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const batch = this.buffer;
    this.buffer = [];
    this.flushing = this.flushing
      .then(() => (batch.length > 0 ? this.write(batch) : undefined))
      .catch((error: unknown) => {
        this.logger.error(`could not record ${batch.length} outcome(s): ${(error as Error).message}`);
        // Back in the queue for the next flush: an outcome is never dropped while the process lives.
        this.buffer.unshift(...batch);
        this.timer ??= setTimeout(() => void this.flush(), 1000);
      });
    return this.flushing;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.flush();
  }

  private async write(batch: Outcome[]): Promise<void> {
    const finishedLists = new Map<number, number>();
    await this.orm.em.fork().transactional(async (em) => {
      const now = this.clock.now();
      const accepted: { id: number; providerMessageId: string; at: Date }[] = [];
      for (const { recipient, attempt, outcome, at } of batch) {
        const id = recipient.id;
        switch (outcome.kind) {
          case 'accepted':
            accepted.push({ id, providerMessageId: outcome.providerMessageId, at });
            finishedLists.set(recipient.listId, recipient.campaignId);
            break;
          case 'rate_limited':
          case 'not_sent':
            if (attempt >= MAX_ATTEMPTS) {
              await this.finish(
                em,
                id,
                'failed',
                `Gave up after ${attempt} attempts that were not accepted: ${outcome.reason}`,
                now,
              );
              finishedLists.set(recipient.listId, recipient.campaignId);
            } else {
              const retryAt = new Date(
                now.getTime() + retryDelayMs(attempt, outcome.kind === 'rate_limited' ? outcome.retryAfterMs : null),
              );
              await this.requeue(em, id, retryAt, outcome.reason, now);
            }
            break;
          case 'deferred':
            await this.requeue(em, id, outcome.dueAt, outcome.reason, now);
            break;
          case 'unknown':
            await this.finish(em, id, 'unknown', outcome.reason, now);
            finishedLists.set(recipient.listId, recipient.campaignId);
            break;
          case 'invalid_recipient':
          case 'rejected':
            await this.finish(em, id, 'failed', outcome.reason, now);
            finishedLists.set(recipient.listId, recipient.campaignId);
            break;
          case 'insufficient_balance':
            await this.requeue(em, id, null, outcome.reason, now, true);
            await this.pauseForBalance(em, recipient.campaignId, outcome.reason, now);
            break;
          case 'bad_credentials':
            await this.requeue(em, id, null, outcome.reason, now, true);
            await this.alertBadCredentials(em, recipient.campaignId, outcome.reason, now);
            break;
          default: {
            const never: never = outcome;
            throw new Error(`unhandled outcome ${JSON.stringify(never)}`);
          }
        }
      }
      await this.recordAccepted(em, accepted, now);
    });
    await this.completeFinishedLists(finishedLists);
  }

  /**
   * The accepted sends of a batch, a few hundred per statement (the common outcome: one statement per batch
   * rather than one per message). Every SET sees the row as it was: a claimed or unknown recipient becomes
   * sent; one a delivery report already moved on keeps its state and only gets what the report lacked.
   */
  private async recordAccepted(
    em: EntityManager,
    accepted: { id: number; providerMessageId: string; at: Date }[],
    now: Date,
  ): Promise<void> {
    // PostgreSQL types a CASE of quoted literals as text: the send times are cast back to timestamps.
    const timestamp = this.config.database.kind === 'postgresql' ? 'timestamptz' : 'integer';
    for (let offset = 0; offset < accepted.length; offset += 300) {
      const chunk = accepted.slice(offset, offset + 300);
      const byId = `case id ${chunk.map(() => 'when ? then ?').join(' ')} end`;
      const ids = chunk.flatMap(({ id, providerMessageId }) => [id, providerMessageId]);
      const times = chunk.flatMap(({ id, at }) => [id, at]);
      await runStatement(
        em,
        `update recipients set
            state = case when state in ('sending', 'unknown') then 'sent' else state end,
            last_error = case when state in ('sending', 'unknown') then null else last_error end,
            provider_message_id = case when state in ('sending', 'unknown') then ${byId} else coalesce(provider_message_id, ${byId}) end,
            sent_at = case when state in ('sending', 'unknown') then cast(${byId} as ${timestamp})
                           else coalesce(sent_at, cast(${byId} as ${timestamp})) end,
            updated_at = ?
          where id in (${chunk.map(() => '?').join(', ')})`,
        [...ids, ...ids, ...times, ...times, now, ...chunk.map(({ id }) => id)],
      );
    }
  }

  private async requeue(
    em: EntityManager,
    id: number,
    dueAt: Date | null,
    reason: string,
    now: Date,
    keepDue = false,
  ): Promise<void> {
    await runStatement(
      em,
      `update recipients set state = 'pending', ${keepDue ? '' : 'due_at = ?, '}claimed_by = null, claimed_at = null, request_started_at = null,
              last_error = ?, updated_at = ?
        where id = ? and state = 'sending'`,
      keepDue ? [reason, now, id] : [dueAt, reason, now, id],
    );
  }

  private async finish(
    em: EntityManager,
    id: number,
    state: 'failed' | 'unknown',
    reason: string,
    now: Date,
  ): Promise<void> {
    await runStatement(
      em,
      `update recipients set state = ?, last_error = ?, finished_at = ?, claimed_by = null, updated_at = ? where id = ? and state = 'sending'`,
      [state, reason, now, now, id],
    );
  }

  /** Not enough balance: nothing more can be sent, so the campaign pauses and its channel hears why. */
  private async pauseForBalance(em: EntityManager, campaignId: number, reason: string, now: Date): Promise<void> {
    const paused = await runStatement(
      em,
      `update campaigns set status = 'paused', updated_at = ? where id = ? and status = 'active'`,
      [now, campaignId],
    );
    if (paused > 0) this.logger.warn(`campaign ${campaignId} paused: ${reason}`);
    await this.alert(em, campaignId, `balance:${campaignId}:${now.toISOString().slice(0, 10)}`, (campaign) => ({
      title: 'Campaign paused: not enough MessageBird balance',
      text: `MessageBird refused to send: ${reason}. The campaign "${campaign.name}" is paused; nobody was lost. Top up the balance, then resume the campaign.`,
    }));
  }

  private async alertBadCredentials(em: EntityManager, campaignId: number, reason: string, now: Date): Promise<void> {
    await this.alert(em, campaignId, `bad_credentials:${campaignId}:${now.toISOString().slice(0, 13)}`, () => ({
      title: 'Sending stopped: MessageBird refused the access key',
      text: `MessageBird answered: ${reason}. The dispatcher stopped sending; every recipient is still pending. Fix MESSAGEBIRD_ACCESS_KEY and restart the dispatcher.`,
    }));
  }

  /** An error alert in the campaign's channel, once per dedupe key. */
  private async alert(
    em: EntityManager,
    campaignId: number,
    dedupeKey: string,
    describe: (campaign: Campaign) => { title: string; text: string },
  ): Promise<void> {
    const campaign = await em.findOneOrFail(Campaign, campaignId);
    await enqueueOutbox(em, {
      kind: 'alert',
      channelId: campaign.slackChannelId,
      payload: { severity: 'error', campaignId, campaignName: campaign.name, ...describe(campaign) },
      dedupeKey,
    });
  }

  /** Lists whose last recipient just reached a final state are completed (and then maybe their campaign). */
  private async completeFinishedLists(lists: Map<number, number>): Promise<void> {
    if (lists.size === 0) return;
    const em = this.orm.em.fork();
    const ids = [...lists.keys()];
    // EXISTS stops at the first open recipient of each list: a list with thousands waiting costs one index probe.
    const open = await queryRows<{ id: number | string }>(
      em,
      `select l.id from recipient_lists l where l.id in (${ids.map(() => '?').join(', ')})
          and exists (select 1 from recipients r where r.list_id = l.id and r.state in ('pending', 'sending'))`,
      ids,
    );
    const stillOpen = new Set(open.map((row) => Number(row.id)));
    const campaigns = new Set(ids.filter((id) => !stillOpen.has(id)).map((id) => lists.get(id)!));
    for (const campaignId of campaigns) {
      await em.transactional((tx) => refreshCompletion(tx, campaignId, this.clock.now()));
    }
  }
}
