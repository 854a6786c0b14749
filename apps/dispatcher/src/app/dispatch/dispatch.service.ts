import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { isInsideSendWindow, nextSendInstant } from '@proactive-sms/domain';
import type { SmsProvider } from '@proactive-sms/messagebird';
import { Clock } from '../clock';
import { DispatcherConfig } from '../config/dispatcher-config';
import { DispatcherMetrics } from '../metrics/dispatcher-metrics';
import { ClaimRepository } from './claim.repository';
import type { ClaimedRecipient } from './claimed-recipient';
import { OutcomeRecorder } from './outcome.recorder';
import { Pacer } from './pacer';

export const SMS_PROVIDER = Symbol('SMS_PROVIDER');

/** How far ahead of their slots claimed sends are marked started, in one write. */
const WAVE_MS = 25;

/**
 * Moves due recipients to the provider. A tick claims what this process can send soon; a wave loop marks
 * the next few milliseconds' sends as started and fires each at its slot. Claims and waves never overlap
 * themselves, and sends in flight never block the next claim.
 */
@Injectable()
export class DispatchService implements OnApplicationShutdown {
  private readonly logger = new Logger('Dispatch');
  private readonly pacer = new Pacer();
  private queue: ClaimedRecipient[] = [];
  private inFlight = 0;
  private ticking = false;
  private waveScheduled = false;
  private stopped = false;
  private waving = false;
  /** The last claim took all the room it was given: there may be more due right now. */
  private moreMayBeDue = false;
  /** A claim between ticks, still running. */
  private refilling: Promise<void> | null = null;
  private readonly sends = new Set<Promise<void>>();
  /** Campaigns whose sends ran out of balance here: the rest of their queue goes back untouched at once. */
  private readonly outOfBalance = new Set<number>();
  /** Set when the provider refused our key: nothing more is sent until the process restarts. */
  halted: string | null = null;

  constructor(
    private readonly claims: ClaimRepository,
    private readonly outcomes: OutcomeRecorder,
    private readonly config: DispatcherConfig,
    private readonly clock: Clock,
    @Inject(SMS_PROVIDER) private readonly provider: SmsProvider,
    private readonly metrics: DispatcherMetrics,
  ) {}

  /** One tick: recover dead processes' claims, then claim what this process can send within the horizon. */
  async tick(): Promise<void> {
    if (this.ticking || this.halted) return;
    this.ticking = true;
    try {
      const recovered = await this.claims.recoverExpired();
      if (recovered.requeued + recovered.unknown > 0) {
        this.logger.warn(
          `recovered expired claims: ${recovered.requeued} back to pending, ${recovered.unknown} unknown`,
        );
      }
      await this.claimMore();
    } catch (error) {
      this.logger.error(`tick failed: ${(error as Error).stack ?? (error as Error).message}`);
    } finally {
      this.ticking = false;
    }
  }

  /**
   * Between ticks: when the last claim took every place it was offered (more may be due) and the queue runs
   * low, claim again at once instead of waiting for the next tick. A tick's batch is bounded (a few times the
   * requests in flight), so without this a process would send one batch per tick, far below the limits.
   */
  private refill(): void {
    if (!this.moreMayBeDue || this.ticking || this.halted || this.stopped) return;
    if (this.queue.length >= this.config.maxInFlight * 2) return;
    this.ticking = true;
    this.refilling = this.claimMore()
      .catch((error: unknown) =>
        this.logger.error(`claim failed: ${(error as Error).stack ?? (error as Error).message}`),
      )
      .finally(() => {
        this.ticking = false;
        this.refilling = null;
      });
  }

  private async claimMore(): Promise<void> {
    const room = this.config.maxInFlight * 4 - this.queue.length - this.inFlight;
    if (room <= 0) return;
    this.moreMayBeDue = false;
    const stopTimer = this.metrics.claimDuration.startTimer();
    const claimed = await this.claims.claim(room, Math.max(2 * this.config.dispatchIntervalMs, 1000));
    stopTimer();
    if (this.stopped) {
      // Shutting down while this claim ran: what it took goes back untouched.
      await this.claims.releaseUnsent(claimed.map((recipient) => recipient.id));
      return;
    }
    this.moreMayBeDue = claimed.length >= room;
    this.metrics.claimed.inc(claimed.length);
    for (const recipient of claimed)
      this.metrics.rateLimitWait.observe(Math.max(0, recipient.slotAt - recipient.claimedAt) / 1000);
    if (claimed.length > 0) {
      // Claims only come from active campaigns: one claimed again was resumed after a top-up.
      for (const recipient of claimed) this.outOfBalance.delete(recipient.campaignId);
      this.queue = [...this.queue, ...claimed].sort((a, b) => a.slotAt - b.slotAt);
      this.scheduleWave(0);
    }
  }

  /** Resolves when everything claimed so far has been sent and recorded (tests, shutdown). */
  async drain(): Promise<void> {
    while (this.queue.length > 0 || this.sends.size > 0 || this.waving) {
      if (this.queue.length > 0) this.scheduleWave(0);
      // A real pause (not the clock's): waves run on timers, which a loop of resolved promises would starve.
      await Promise.race([...this.sends, new Promise((resolve) => setTimeout(resolve, 2))]);
    }
    await this.outcomes.flush();
  }

  get pending(): { queued: number; inFlight: number } {
    return { queued: this.queue.length, inFlight: this.inFlight };
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    await this.refilling;
    const unsent = this.queue.map((recipient) => recipient.id);
    this.queue = [];
    await this.claims.releaseUnsent(unsent);
    await Promise.allSettled([...this.sends]);
    await this.outcomes.flush();
  }

  private scheduleWave(delayMs: number): void {
    if (this.waveScheduled || this.waving || this.stopped) return;
    this.waveScheduled = true;
    // The clock's sleep, so that in simulated time a wait for a far slot passes at once — then one turn of
    // the event loop: a simulated sleep resolves at once, and waves chained only through resolved promises
    // would starve the I/O they wait for (the responses of the sends in flight), spinning forever.
    void this.clock
      .sleep(delayMs)
      .then(() => new Promise((resolve) => setImmediate(resolve)))
      .then(() => {
        this.waveScheduled = false;
        if (!this.stopped) void this.wave();
      });
  }

  private async wave(): Promise<void> {
    this.waving = true;
    try {
      const cutoff = this.clock.now().getTime() + WAVE_MS;
      const room = this.config.maxInFlight - this.inFlight;
      let count = 0;
      while (count < this.queue.length && count < room && this.queue[count]!.slotAt <= cutoff) count += 1;
      const taken = this.queue.splice(0, count);
      const held = taken.filter((recipient) => this.outOfBalance.has(recipient.campaignId));
      if (held.length > 0) await this.claims.releaseUnsent(held.map((recipient) => recipient.id));
      const batch = taken.filter((recipient) => !this.outOfBalance.has(recipient.campaignId));
      if (batch.length > 0) {
        const started = await this.claims.markStarted(batch.map((recipient) => recipient.id));
        for (const recipient of batch) if (started.has(recipient.id)) this.launch(recipient);
      }
    } catch (error) {
      this.logger.error(`wave failed: ${(error as Error).message}`);
    } finally {
      this.waving = false;
      this.refill();
      if (this.queue.length > 0) {
        const next = this.queue[0]!.slotAt - WAVE_MS - this.clock.now().getTime();
        this.scheduleWave(this.inFlight >= this.config.maxInFlight ? 5 : Math.max(1, Math.min(next, 4 * WAVE_MS)));
      }
    }
  }

  private launch(recipient: ClaimedRecipient): void {
    this.inFlight += 1;
    const send = this.send(recipient).finally(() => {
      this.inFlight -= 1;
      this.sends.delete(send);
      this.refill();
    });
    this.sends.add(send);
  }

  private async send(recipient: ClaimedRecipient): Promise<void> {
    const attempt = recipient.attempt;
    const readyAt = this.clock.now().getTime();
    const startAt = this.pacer.reserve(recipient.slotAt, recipient.limits, readyAt);
    const held = startAt - Math.max(recipient.slotAt, readyAt);
    if (held > 0) this.metrics.pacerDelay.inc(held / 1000);
    await this.clock.sleep(startAt - this.clock.now().getTime());
    for (let wait = this.pacer.hold(recipient.limits, this.clock.now().getTime()); wait > 0;) {
      // A timer that fired late, together with others: this one waits its turn rather than crowd them.
      this.metrics.pacerDelay.inc(wait / 1000);
      await this.clock.sleep(Math.ceil(wait));
      wait = this.pacer.hold(recipient.limits, this.clock.now().getTime());
    }
    const now = this.clock.now();
    // The window may have closed while the send waited for its slot (close times are exclusive).
    if (!isInsideSendWindow(now, recipient.schedule, recipient.timezone, this.config.legalWindow)) {
      const dueAt = nextSendInstant({
        schedule: recipient.schedule,
        timeZone: recipient.timezone,
        legalWindow: this.config.legalWindow,
        notBefore: now,
      });
      this.outcomes.record(recipient, attempt, {
        kind: 'deferred',
        dueAt,
        reason: 'The send window closed before the message could leave.',
      });
      this.metrics.recordSend('deferred');
      return;
    }
    let outcome;
    try {
      outcome = await this.provider.send(recipient.sms);
    } catch (error) {
      // The adapter classifies every failure; an exception here means we cannot know what left.
      outcome = { kind: 'unknown' as const, reason: `Unexpected error while sending: ${(error as Error).message}` };
    }
    this.outcomes.record(recipient, attempt, outcome);
    this.metrics.recordSend(outcome.kind);
    if (outcome.kind === 'insufficient_balance') this.outOfBalance.add(recipient.campaignId);
    if (outcome.kind === 'bad_credentials' && !this.halted) {
      this.halted = outcome.reason;
      this.logger.error(`MessageBird refused the access key (${outcome.reason}): dispatching stopped until restart`);
      const unsent = this.queue.map((queued) => queued.id);
      this.queue = [];
      await this.claims.releaseUnsent(unsent);
    }
  }
}
