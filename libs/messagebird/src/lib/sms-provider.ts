/** One SMS to one recipient, as the dispatcher hands it to a provider. */
export type OutgoingSms = {
  /** Sender: an E.164 number or an alphanumeric sender id (≤ 11 characters). */
  originator: string;
  /** E.164, e.g. +15551234567. */
  recipient: string;
  body: string;
  /** Our correlation id; MessageBird only sends delivery reports for messages that carry one. */
  reference: string;
  /** Where MessageBird sends the delivery reports of this message. */
  reportUrl: string;
  datacoding: 'plain' | 'unicode';
};

/**
 * What became of one send attempt. The kinds differ in the one thing the dispatcher must decide: may it try
 * again? MessageBird has no idempotency key, so a retry after an ambiguous failure can text someone twice.
 */
export type SendOutcome =
  | { kind: 'accepted'; providerMessageId: string }
  /** 429: nothing was processed, safe to retry after the delay. */
  | { kind: 'rate_limited'; retryAfterMs: number | null; reason: string }
  /** Certain that MessageBird never received the request (refused connection, unknown host…): safe to retry. */
  | { kind: 'not_sent'; reason: string }
  /** Timeout, 5xx, connection lost after the request went out: it may have been sent. Must NOT be retried. */
  | { kind: 'unknown'; reason: string }
  /** Permanent for this recipient (MessageBird errors 9/10/21 on `recipients`). */
  | { kind: 'invalid_recipient'; reason: string }
  /** MessageBird error 25: the account has no credit left. Nothing was sent. */
  | { kind: 'insufficient_balance'; reason: string }
  /** 401 / MessageBird error 2: wrong access key. Nothing was sent. */
  | { kind: 'bad_credentials'; reason: string }
  /** Any other 4xx: permanent, nothing was sent. */
  | { kind: 'rejected'; reason: string };

export type SendOutcomeKind = SendOutcome['kind'];

export interface SmsProvider {
  send(sms: OutgoingSms): Promise<SendOutcome>;
}
