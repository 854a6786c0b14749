import { toE164 } from './phone-number';
import { firstParam, type WebhookParams } from './webhook-params';

export const DELIVERY_STATUSES = ['scheduled', 'sent', 'buffered', 'delivered', 'expired', 'delivery_failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** One status report, as MessageBird sends it: `GET <reportUrl>?id=…&reference=…&recipient=…&status=…`. */
export type DeliveryReport = {
  providerMessageId: string;
  reference: string;
  /** E.164. */
  recipient: string;
  status: DeliveryStatus;
  statusDatetime: Date;
  statusReason?: string;
  /** MessageBird's `statusErrorCode` (e.g. 103 when the handset said STOP), when there is one. */
  errorCode?: number;
};

/**
 * Reads a status report's query parameters; null when a required field is missing or unreadable (answer such a
 * request 200 anyway once its signature is verified: MessageBird would only retry the same broken report).
 * Unknown extra fields (mccmnc, price[amount], ported, messageLength…) are ignored.
 */
export function parseDeliveryReport(params: WebhookParams): DeliveryReport | null {
  const providerMessageId = firstParam(params, 'id');
  const reference = firstParam(params, 'reference');
  const recipient = toE164(firstParam(params, 'recipient'));
  const status = firstParam(params, 'status');
  const statusDatetime = parseDatetime(firstParam(params, 'statusDatetime'));
  if (!providerMessageId || !reference || !recipient || !isDeliveryStatus(status) || !statusDatetime) return null;

  const report: DeliveryReport = { providerMessageId, reference, recipient, status, statusDatetime };
  const statusReason = firstParam(params, 'statusReason');
  if (statusReason) report.statusReason = statusReason;
  const errorCode = firstParam(params, 'statusErrorCode');
  if (errorCode !== undefined && /^\d+$/.test(errorCode)) report.errorCode = Number(errorCode);
  return report;
}

/**
 * What a report means for our recipient: `scheduled` and `buffered` are not news (null: leave the status alone),
 * `sent` = handed to the operator, `delivered` = on the handset, `expired` and `delivery_failed` = it never will be.
 */
export function mapDeliveryStatus(status: DeliveryStatus): 'sent' | 'delivered' | 'failed' | null {
  switch (status) {
    case 'scheduled':
    case 'buffered':
      return null;
    case 'sent':
      return 'sent';
    case 'delivered':
      return 'delivered';
    case 'expired':
    case 'delivery_failed':
      return 'failed';
  }
}

export function isDeliveryStatus(value: unknown): value is DeliveryStatus {
  return typeof value === 'string' && (DELIVERY_STATUSES as readonly string[]).includes(value);
}

/** RFC 3339 as MessageBird writes it (2023-10-11T10:30:21+00:00); a value without a zone is refused, not guessed. */
export function parseDatetime(value: string | undefined): Date | null {
  const text = value?.trim() ?? '';
  const match = /^(\d{4})-(\d{2})-(\d{2})T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})$/i.exec(text);
  if (!match) return null;
  // Date would roll 02-31 over into March: check that the calendar day exists.
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const calendarDay = new Date(Date.UTC(year, month - 1, day));
  if (calendarDay.getUTCMonth() !== month - 1 || calendarDay.getUTCDate() !== day) return null;
  const at = new Date(text);
  return Number.isNaN(at.getTime()) ? null : at;
}
