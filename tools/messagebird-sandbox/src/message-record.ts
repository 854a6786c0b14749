import type { DeliveryStatus } from '@proactive-sms/messagebird';
import type { Message, Recipient } from 'messagebird';
import { measureSms, type Datacoding } from './sms-measure';

/** What the sandbox keeps of one recipient of an accepted message. */
export type RecipientRecord = {
  /** Digits, as MessageBird keeps msisdns. */
  msisdn: string;
  status: DeliveryStatus;
  statusDatetime: Date;
  statusReason: string | null;
  statusErrorCode: number | null;
  /** The status the delivery reports will end on (delivered unless a fault says otherwise). */
  finalStatus: DeliveryStatus;
  finalReason: string | null;
  finalErrorCode: number | null;
};

/** An accepted message, as compact as possible: the Message object is only built when asked for. */
export type MessageRecord = {
  id: string;
  type: 'sms' | 'binary' | 'flash';
  originator: string;
  body: string;
  reference: string | null;
  reportUrl: string | null;
  validity: number | null;
  gateway: number;
  typeDetails: Record<string, unknown>;
  datacoding: Datacoding;
  mclass: 0 | 1;
  scheduledAt: Date | null;
  createdAt: Date;
  recipients: RecipientRecord[];
};

/** RFC 3339 in UTC the way MessageBird writes it: 2016-04-29T09:42:26+00:00 (no fraction). */
export function rfc3339(at: Date): string {
  return `${at.toISOString().slice(0, 19)}+00:00`;
}

export const messageHref = (id: string): string => `https://rest.messagebird.com/messages/${id}`;

/**
 * The Message object of messagebird's types/messages.d.ts, with the recipient fields MessageBird's answers carry
 * beyond the type (statusReason, statusErrorCode, messageLength, messagePartCount, price, network codes). The
 * sandbox knows no networks: those are null, as MessageBird itself answers before the operator is known.
 */
export function toMessageObject(record: MessageRecord): Message {
  const { messageLength, messagePartCount } = measureSms(record.body, record.datacoding);
  const items = record.recipients.map((r) => ({
    recipient: Number(r.msisdn),
    status: r.status,
    statusReason: r.statusReason,
    statusErrorCode: r.statusErrorCode,
    statusDatetime: rfc3339(r.statusDatetime),
    recipientCountry: null,
    recipientCountryPrefix: null,
    recipientOperator: null,
    mccmnc: null,
    mcc: null,
    mnc: null,
    messageLength,
    messagePartCount,
    price: { amount: null, currency: null },
  })) satisfies Recipient[];
  const message = {
    id: record.id,
    href: messageHref(record.id),
    direction: 'mt',
    type: record.type,
    originator: record.originator,
    body: record.body,
    reference: record.reference,
    reportUrl: record.reportUrl,
    validity: record.validity,
    gateway: record.gateway,
    typeDetails: record.typeDetails,
    datacoding: record.datacoding,
    mclass: record.mclass,
    scheduledDatetime: record.scheduledAt ? rfc3339(record.scheduledAt) : null,
    createdDatetime: rfc3339(record.createdAt),
    recipients: {
      totalCount: items.length,
      // "Sent" counts every recipient the message went out to, whatever became of it since (MessageBird's own
      // examples show totalSentCount 1 beside totalDeliveredCount 1 for a single delivered recipient).
      totalSentCount: items.filter((i) => i.status !== 'scheduled').length,
      totalDeliveredCount: items.filter((i) => i.status === 'delivered').length,
      totalDeliveryFailedCount: items.filter((i) => i.status === 'delivery_failed').length,
      items,
    },
  };
  // types/messages.d.ts types `reference` as null and the datetimes and validity as always present; MessageBird
  // sends a string reference and nulls for the unset ones, which is what a client must be ready for.
  return message as unknown as Message;
}
