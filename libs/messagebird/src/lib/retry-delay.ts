export const RETRY_BASE_DELAY_MS = 250;
export const RETRY_MAX_DELAY_MS = 30_000;

/**
 * Delay before retry number `attempt` (1 = the first retry) of a send that may be retried: exponential backoff
 * with full jitter (a random delay between 0 and min(30 s, 250 ms × 2^(attempt−1))), so that many dispatchers
 * throttled at once do not come back in lockstep. A server-given Retry-After is a floor, never shortened, and
 * is honoured even above the 30 s cap: asking again sooner would only be refused again.
 */
export function retryDelayMs(attempt: number, retryAfterMs: number | null, random: () => number = Math.random): number {
  const step = Number.isFinite(attempt) ? Math.max(1, Math.floor(attempt)) : Number.MAX_SAFE_INTEGER;
  // 2^(step−1) overflows to Infinity for huge steps, which Math.min turns back into the cap.
  const ceiling = Math.min(RETRY_MAX_DELAY_MS, RETRY_BASE_DELAY_MS * 2 ** (step - 1));
  const jitter = Math.min(Math.max(random(), 0), 1);
  const backoff = Math.floor(jitter * ceiling);
  const floor = retryAfterMs !== null && Number.isFinite(retryAfterMs) && retryAfterMs > 0 ? retryAfterMs : 0;
  return Math.max(backoff, Math.ceil(floor));
}

/**
 * A Retry-After header value in milliseconds: either delay-seconds ("2") or an HTTP-date (RFC 9110 §10.2.3).
 * A date already past means "now" (0); anything unparsable gives null (no server hint) rather than a guess.
 */
export function parseRetryAfter(value: string | undefined, now: Date = new Date()): number | null {
  const text = value?.trim();
  if (!text) return null;
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  if (Number.isNaN(at) || !/[a-z]/i.test(text)) return null;
  return Math.max(0, at - now.getTime());
}
