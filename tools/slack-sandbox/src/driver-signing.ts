// Slack's request signing (v0): X-Slack-Signature = "v0=" + HMAC-SHA256(secret, "v0:{ts}:{raw body}").
// The driver signs exactly the bytes it sends, so a receiver verifying the raw body accepts it.
import { createHmac } from 'node:crypto';

/** How far from now a stale or future timestamp is put: beyond the 5-minute window receivers allow. */
export const SKEW_SECONDS = 6 * 60;

export function slackSignature(signingSecret: string, timestampSeconds: number, rawBody: string): string {
  const hmac = createHmac('sha256', signingSecret).update(`v0:${timestampSeconds}:${rawBody}`);
  return `v0=${hmac.digest('hex')}`;
}

/**
 * `valid` signs correctly; `bad` signs with the wrong secret; `missing` sends no signature header.
 * `timestamp`: `stale` is 6 minutes in the past, `future` 6 minutes ahead, a number is used as is.
 */
export interface SigningOptions {
  signature?: 'valid' | 'bad' | 'missing';
  timestamp?: 'now' | 'stale' | 'future' | number;
}

export function signingHeaders(
  signingSecret: string,
  now: Date,
  rawBody: string,
  options: SigningOptions = {},
): Record<string, string> {
  const nowSeconds = Math.floor(now.getTime() / 1000);
  const timestamp =
    typeof options.timestamp === 'number'
      ? options.timestamp
      : options.timestamp === 'stale'
        ? nowSeconds - SKEW_SECONDS
        : options.timestamp === 'future'
          ? nowSeconds + SKEW_SECONDS
          : nowSeconds;
  const headers: Record<string, string> = { 'x-slack-request-timestamp': String(timestamp) };
  const mode = options.signature ?? 'valid';
  if (mode === 'valid') headers['x-slack-signature'] = slackSignature(signingSecret, timestamp, rawBody);
  if (mode === 'bad') headers['x-slack-signature'] = slackSignature(`${signingSecret}-wrong`, timestamp, rawBody);
  return headers;
}
