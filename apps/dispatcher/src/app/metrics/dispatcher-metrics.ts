import { Injectable } from '@nestjs/common';
import type { SendOutcomeKind } from '@proactive-sms/messagebird';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** What became of a send: the provider's answer, or `deferred` when the window closed before it could leave. */
export type SendResult = SendOutcomeKind | 'deferred';

const SEND_RESULTS: Record<SendResult, true> = {
  accepted: true,
  rate_limited: true,
  not_sent: true,
  unknown: true,
  invalid_recipient: true,
  insufficient_balance: true,
  bad_credentials: true,
  rejected: true,
  deferred: true,
};

/** The due-recipients gauge stops counting here: a scrape must stay cheap whatever the backlog. */
export const DUE_COUNT_LIMIT = 100_000;

/**
 * The dispatcher's instruments, in a registry of its own (not prom-client's global one), so that several
 * dispatchers in one process — the tests — never share or collide on a metric. `GET /metrics` renders it.
 */
@Injectable()
export class DispatcherMetrics {
  readonly registry = new Registry();

  readonly sends = new Counter({
    name: 'proactive_sms_sends_total',
    help: 'Send attempts by outcome: accepted, rate_limited, not_sent, unknown, invalid_recipient, rejected, insufficient_balance, bad_credentials, deferred (the window closed first).',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });

  readonly claimDuration = new Histogram({
    name: 'proactive_sms_claim_duration_seconds',
    help: 'Time of one claim transaction (due rows, opt-outs, limits, slots), empty claims included.',
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });

  readonly claimed = new Counter({
    name: 'proactive_sms_claimed_recipients_total',
    help: 'Recipients claimed by this process.',
    registers: [this.registry],
  });

  readonly rateLimitWait = new Histogram({
    name: 'proactive_sms_rate_limit_wait_seconds',
    help: 'How far the send limits (provider cap, sender number, campaign cap) put each claimed send’s slot after its claim; 0 when no limit held it back.',
    buckets: [0, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 2, 5, 10, 30],
    registers: [this.registry],
  });

  readonly pacerDelay = new Counter({
    name: 'proactive_sms_pacer_delay_seconds_total',
    help: 'Time the in-process pacer held sends back beyond their slots so that late timers never crowd two requests together.',
    registers: [this.registry],
  });

  readonly queueDepth = new Gauge({
    name: 'proactive_sms_queue_depth',
    help: 'Recipients this process holds: stage="claimed" waiting for their slot, stage="in_flight" with a request out.',
    labelNames: ['stage'] as const,
    registers: [this.registry],
  });

  readonly dueRecipients = new Gauge({
    name: 'proactive_sms_due_recipients',
    help: `Pending recipients whose due time has come, in the database (all dispatchers; paused campaigns included), counted up to ${DUE_COUNT_LIMIT.toLocaleString('en')}.`,
    registers: [this.registry],
  });

  readonly webhooks = new Counter({
    name: 'proactive_sms_webhooks_total',
    help: 'MessageBird webhooks received, by kind (status, inbound) and result (applied, unchanged, ignored, stored, repeated, unknown_number, refused).',
    labelNames: ['kind', 'result'] as const,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
    // Every outcome is shown from the start, at 0: a dashboard reads `unknown 0`, not a missing series.
    for (const outcome of Object.keys(SEND_RESULTS)) this.sends.inc({ outcome }, 0);
  }

  recordSend(result: SendResult): void {
    this.sends.inc({ outcome: result });
  }
}
