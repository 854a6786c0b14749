import type { DeliveryStatus } from '@proactive-sms/messagebird';
import type { FaultType } from './fault-plan';
import { rfc3339, type MessageRecord } from './message-record';

/** One accepted (message, recipient): what GET /__sandbox/messages lists. */
export type SandboxMessage = {
  id: string;
  originator: string;
  /** E.164. */
  recipient: string;
  body: string;
  reference: string | null;
  datacoding: 'plain' | 'unicode';
  reportUrl: string | null;
  /** The recipient's current status, as GET /messages/:id shows it. */
  status: DeliveryStatus;
  receivedAt: string;
};

/** One status report the sandbox sent, and how the dispatcher answered it. */
export type ReportDelivery = {
  messageId: string;
  reference: string;
  recipient: string;
  status: DeliveryStatus;
  url: string;
  /** The dispatcher's HTTP status; null when it could not be reached. */
  statusCode: number | null;
  error?: string;
  at: string;
};

/** One inbound SMS webhook the sandbox delivered, and the dispatcher's answer. */
export type InboundDelivery = {
  id: string;
  originator: string;
  recipient: string;
  body: string;
  url: string;
  statusCode: number | null;
  response?: string;
  error?: string;
  at: string;
};

export type SandboxStats = {
  /** POST /messages received. */
  requests: number;
  accepted: number;
  /** Refused by the rate cap (not by a 429 fault, which counts under faults). */
  refused429: number;
  /** Refused with a 4xx for what the request itself said (bad key, invalid parameters). */
  rejected: number;
  faults: number;
  faultsByType: Partial<Record<FaultType, number>>;
  reportsSent: number;
  /** Answered 2xx by the dispatcher. */
  reportsAcknowledged: number;
  reportsFailed: number;
  reportsPending: number;
  inboundSent: number;
  inboundAcknowledged: number;
};

const emptyStats = (): SandboxStats => ({
  requests: 0,
  accepted: 0,
  refused429: 0,
  rejected: 0,
  faults: 0,
  faultsByType: {},
  reportsSent: 0,
  reportsAcknowledged: 0,
  reportsFailed: 0,
  reportsPending: 0,
  inboundSent: 0,
  inboundAcknowledged: 0,
});

/** Everything the sandbox remembers, in memory: a reset starts it over. */
export class SandboxState {
  readonly messages = new Map<string, MessageRecord>();
  private readonly byReference = new Map<string, MessageRecord[]>();
  readonly reports: ReportDelivery[] = [];
  readonly inbound: InboundDelivery[] = [];
  stats: SandboxStats = emptyStats();

  add(record: MessageRecord): void {
    this.messages.set(record.id, record);
    if (record.reference !== null) {
      const list = this.byReference.get(record.reference);
      if (list) list.push(record);
      else this.byReference.set(record.reference, [record]);
    }
    this.stats.accepted += 1;
  }

  countFault(type: FaultType): void {
    this.stats.faults += 1;
    this.stats.faultsByType[type] = (this.stats.faultsByType[type] ?? 0) + 1;
  }

  list(reference?: string): SandboxMessage[] {
    const records = reference === undefined ? this.messages.values() : (this.byReference.get(reference) ?? []);
    const rows: SandboxMessage[] = [];
    for (const record of records) {
      for (const recipient of record.recipients) {
        rows.push({
          id: record.id,
          originator: record.originator,
          recipient: `+${recipient.msisdn}`,
          body: record.body,
          reference: record.reference,
          datacoding: record.datacoding,
          reportUrl: record.reportUrl,
          status: recipient.status,
          receivedAt: rfc3339(record.createdAt),
        });
      }
    }
    return rows;
  }

  reset(): void {
    this.messages.clear();
    this.byReference.clear();
    this.reports.length = 0;
    this.inbound.length = 0;
    this.stats = emptyStats();
  }
}
