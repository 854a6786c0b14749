import type { TransportView } from './request-observer';
import type { SendOutcome } from './sms-provider';

/** One entry of MessageBird's error body: `{"errors":[{"code":2,"description":"…","parameter":"access_key"}]}`. */
export type MessageBirdApiError = { code: number; description: string; parameter: string | null };

/**
 * The errors messagebird 4.0.1 hands to callbacks (lib/messagebird.js):
 * - `api error(s): …` — a JSON body with `errors`: `statusCode` and `errors` are set;
 * - `response failed` — a body that is not JSON (a load balancer's HTML 5xx, an empty 201): `statusCode` is set;
 * - `request closed` — the response stream closed before its end;
 * - `request failed: <socket error>` — `error` holds the socket error (its `code`: ECONNREFUSED, ENOTFOUND,
 *   ECONNRESET…). The package's own timeout aborts the request, which surfaces here as "socket hang up".
 */
export type PackageError = Error & {
  statusCode?: number;
  errors?: MessageBirdApiError[];
  error?: Error & { code?: string };
};

/**
 * Socket errors that can only happen before a connection exists: the request cannot have reached MessageBird.
 * (EHOSTUNREACH/ETIMEDOUT are not here: they can also end a connection that already carried the request.)
 */
const NEVER_CONNECTED_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NONAME']);

/** MessageBird error codes that, on the `recipients` parameter, mean this number cannot be texted. */
const RECIPIENT_ERROR_CODES = new Set([9, 10, 21]);

export function classifySendError(error: unknown, transport: TransportView): SendOutcome {
  const err = error as PackageError;
  const message = err instanceof Error ? err.message : String(error);

  if (message.startsWith('api error')) return classifyApiError(err, transport);
  if (message === 'response failed') return classifyUnreadableResponse(err, transport);
  if (message.startsWith('request failed') || message === 'request timeout') {
    return classifySocketError(err, transport);
  }
  // 'request closed' (the response was cut short) and any shape this package version does not produce.
  return { kind: 'unknown', reason: `${message}: the request was sent, its outcome is unknown` };
}

/** A 2xx answer: accepted only when it names the created message. */
export function classifyCreated(message: { id?: unknown } | null | undefined): SendOutcome {
  if (message && typeof message.id === 'string' && message.id !== '') {
    return { kind: 'accepted', providerMessageId: message.id };
  }
  return { kind: 'unknown', reason: 'MessageBird answered without a message id' };
}

function classifyApiError(err: PackageError, transport: TransportView): SendOutcome {
  const status = err.statusCode ?? 0;
  const errors = err.errors ?? [];
  const reason = `${status} ${err.message}`;
  if (status === 429) return { kind: 'rate_limited', retryAfterMs: transport.retryAfterMs, reason };
  if (status >= 500 || status === 408 || status < 400) return { kind: 'unknown', reason };
  if (status === 401 || errors.some((e) => e.code === 2)) return { kind: 'bad_credentials', reason };
  if (errors.some((e) => e.code === 25)) return { kind: 'insufficient_balance', reason };
  if (errors.some((e) => RECIPIENT_ERROR_CODES.has(e.code) && /^recipients?$/.test(e.parameter ?? ''))) {
    return { kind: 'invalid_recipient', reason };
  }
  return { kind: 'rejected', reason };
}

function classifyUnreadableResponse(err: PackageError, transport: TransportView): SendOutcome {
  const status = err.statusCode ?? 0;
  const reason = `${status} response that is not MessageBird's JSON`;
  if (status === 429) return { kind: 'rate_limited', retryAfterMs: transport.retryAfterMs, reason };
  if (status === 401) return { kind: 'bad_credentials', reason };
  // A 4xx from whatever stands in front of the API refused the request; a 2xx without JSON may have sent it.
  if (status >= 400 && status < 500 && status !== 408) return { kind: 'rejected', reason };
  return { kind: 'unknown', reason };
}

function classifySocketError(err: PackageError, transport: TransportView): SendOutcome {
  const code = err.error?.code;
  const reason = code ? `${err.message} (${code})` : err.message;
  if (code !== undefined && NEVER_CONNECTED_CODES.has(code)) return { kind: 'not_sent', reason };
  // The connection never opened (TLS: never finished its handshake), so no byte of the request left.
  if (transport.requestSeen && !transport.connected) return { kind: 'not_sent', reason: `${reason} before connecting` };
  return { kind: 'unknown', reason: `${reason} after the request may have been sent` };
}
