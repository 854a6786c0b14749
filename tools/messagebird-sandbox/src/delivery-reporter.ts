import type { DeliveryStatus } from '@proactive-sms/messagebird';
import { rfc3339, type MessageRecord, type RecipientRecord } from './message-record';
import type { SandboxConfig } from './sandbox-config';
import type { SandboxState } from './sandbox-state';
import { measureSms } from './sms-measure';
import type { WebhookClient } from './webhook-client';
import { signMessageBirdWebhook } from './webhook-signer';

type ReporterDeps = {
  state: SandboxState;
  client: WebhookClient;
  signingKey: string;
  config: () => SandboxConfig;
  now: () => Date;
};

/**
 * Sends the status reports of accepted messages as MessageBird does: for a message with a reportUrl and a
 * reference, one signed `GET <reportUrl>?…` per recipient and status, `reportDelayMs` after acceptance (after the
 * scheduled time for a scheduled message). Not retried when the dispatcher fails to answer 2xx: the failure is
 * recorded, and a test that needs a second delivery can inject one (`deliver` is public for that).
 */
export class DeliveryReporter {
  private readonly timers = new Set<NodeJS.Timeout>();
  private pending = 0;
  private waiters: Array<() => void> = [];

  constructor(private readonly deps: ReporterDeps) {}

  schedule(record: MessageRecord): void {
    if (!record.reportUrl || !record.reference) return;
    const { reportDelayMs, sentReports } = this.deps.config();
    const untilScheduled = record.scheduledAt
      ? Math.max(0, record.scheduledAt.getTime() - this.deps.now().getTime())
      : 0;
    for (const recipient of record.recipients) {
      const statuses: DeliveryStatus[] =
        sentReports && recipient.finalStatus !== 'sent' ? ['sent', recipient.finalStatus] : [recipient.finalStatus];
      this.later(untilScheduled + reportDelayMs, async () => {
        for (const status of statuses) await this.deliver(record, recipient, status);
      });
    }
  }

  /** Moves the recipient to `status` and sends the signed report. */
  async deliver(record: MessageRecord, recipient: RecipientRecord, status: DeliveryStatus): Promise<void> {
    const { state, client, signingKey, now } = this.deps;
    const at = now();
    const final = status === recipient.finalStatus;
    recipient.status = status;
    recipient.statusDatetime = at;
    recipient.statusReason = final ? recipient.finalReason : null;
    recipient.statusErrorCode = final ? recipient.finalErrorCode : null;

    const url = reportUrl(record, recipient, at);
    const signature = signMessageBirdWebhook({ signingKey, url, now: at });
    state.stats.reportsSent += 1;
    const entry = {
      messageId: record.id,
      reference: record.reference ?? '',
      recipient: `+${recipient.msisdn}`,
      status,
      url,
      at: rfc3339(at),
    };
    try {
      const response = await client.send('GET', url, { 'MessageBird-Signature-JWT': signature });
      if (!state.messages.has(record.id)) return; // reset meanwhile
      const acknowledged = response.statusCode >= 200 && response.statusCode < 300;
      if (acknowledged) state.stats.reportsAcknowledged += 1;
      else state.stats.reportsFailed += 1;
      state.reports.push({ ...entry, statusCode: response.statusCode });
    } catch (error) {
      if (!state.messages.has(record.id)) return;
      state.stats.reportsFailed += 1;
      state.reports.push({ ...entry, statusCode: null, error: error instanceof Error ? error.message : String(error) });
    }
  }

  /** Scheduled or in-flight reports. */
  get pendingCount(): number {
    return this.pending;
  }

  /** Resolves once no report is scheduled or in flight. */
  settled(): Promise<void> {
    if (this.pending === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  cancel(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.pending -= this.timers.size;
    this.timers.clear();
    this.wakeIfIdle();
  }

  private later(delayMs: number, work: () => Promise<void>): void {
    this.pending += 1;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      work()
        .catch(() => undefined) // deliver() records its own failures
        .finally(() => {
          this.pending -= 1;
          this.wakeIfIdle();
        });
    }, delayMs);
    this.timers.add(timer);
  }

  private wakeIfIdle(): void {
    if (this.pending > 0) return;
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }
}

/**
 * The report URL with MessageBird's fields, keys sorted as MessageBird sends them (its reports arrive as
 * `datacoding=plain&id=…&mccmnc=…&messageLength=…&…&statusDatetime=2023-10-11T10%3A30%3A21%2B00%3A00&statusReason=…`).
 */
export function reportUrl(record: MessageRecord, recipient: RecipientRecord, at: Date): string {
  const { messageLength, messagePartCount } = measureSms(record.body, record.datacoding);
  const fields: Record<string, string> = {
    datacoding: record.datacoding,
    id: record.id,
    messageLength: String(messageLength),
    messagePartCount: String(messagePartCount),
    ported: '0',
    'price[amount]': '0.000',
    'price[currency]': 'EUR',
    recipient: recipient.msisdn,
    reference: record.reference ?? '',
    status: recipient.status,
    statusDatetime: rfc3339(at),
  };
  if (recipient.statusErrorCode !== null) fields['statusErrorCode'] = String(recipient.statusErrorCode);
  if (recipient.statusReason) fields['statusReason'] = recipient.statusReason;
  const query = new URLSearchParams(
    Object.keys(fields)
      .sort()
      .map((key): [string, string] => [key, fields[key]!]),
  );
  const base = record.reportUrl ?? '';
  return `${base}${base.includes('?') ? '&' : '?'}${query.toString()}`;
}
