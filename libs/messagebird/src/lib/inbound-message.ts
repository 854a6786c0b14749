import { parseDatetime } from './delivery-report';
import { toE164 } from './phone-number';
import { firstParam, type WebhookParams } from './webhook-params';

/** An SMS a customer sent to one of our numbers. */
export type InboundMessage = {
  providerMessageId: string;
  /** The customer, E.164. */
  originator: string;
  /** Our number that received it, E.164. */
  recipient: string;
  body: string;
  receivedAt: Date;
};

/**
 * Reads MessageBird's "receive message" webhook (legacy SMS API: a form-encoded POST with id, recipient,
 * originator, body, createdDatetime). Accepts the field variants MessageBird's forwarders are seen to send:
 * `receiver` for the recipient, `payload`/`message` for the text, `CreatedDatetime` capitalised, or a Unix
 * `date_utc` when no RFC 3339 time is given. Null when a required field is missing (an empty text is allowed).
 */
export function parseInboundMessage(params: WebhookParams): InboundMessage | null {
  const providerMessageId = firstParam(params, 'id', 'message_id', 'mid');
  const originator = toE164(firstParam(params, 'originator'));
  const recipient = toE164(firstParam(params, 'recipient', 'receiver'));
  const body = textParam(params, 'body', 'payload', 'message');
  const receivedAt = parseDatetime(firstParam(params, 'createdDatetime', 'CreatedDatetime')) ?? unixSeconds(params);
  if (!providerMessageId || !originator || !recipient || body === undefined || !receivedAt) return null;
  return { providerMessageId, originator, recipient, body, receivedAt };
}

/** Like firstParam but keeps an empty text: an empty SMS is still a message. */
function textParam(params: WebhookParams, ...names: string[]): string | undefined {
  for (const name of names) {
    const value = params[name];
    const first = typeof value === 'string' ? value : value?.[0];
    if (first !== undefined) return first;
  }
  return undefined;
}

function unixSeconds(params: WebhookParams): Date | null {
  const value = firstParam(params, 'date_utc');
  return value && /^\d{9,11}$/.test(value) ? new Date(Number(value) * 1000) : null;
}
