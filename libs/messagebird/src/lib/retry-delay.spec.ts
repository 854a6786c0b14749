import { parseRetryAfter, RETRY_MAX_DELAY_MS, retryDelayMs } from './retry-delay';

describe('retryDelayMs', () => {
  it('draws from 0 up to 250 ms × 2^(attempt−1) (full jitter)', () => {
    expect(retryDelayMs(1, null, () => 0)).toBe(0);
    expect(retryDelayMs(1, null, () => 0.999999)).toBe(249);
    expect(retryDelayMs(2, null, () => 0.5)).toBe(250);
    expect(retryDelayMs(3, null, () => 0.5)).toBe(500);
    expect(retryDelayMs(5, null, () => 1)).toBe(4000);
  });

  it('never waits more than 30 s of backoff, however many attempts', () => {
    expect(retryDelayMs(8, null, () => 1)).toBe(RETRY_MAX_DELAY_MS);
    expect(retryDelayMs(10_000, null, () => 1)).toBe(RETRY_MAX_DELAY_MS);
    expect(retryDelayMs(Infinity, null, () => 1)).toBe(RETRY_MAX_DELAY_MS);
  });

  it('treats attempt 0 or less as the first retry', () => {
    expect(retryDelayMs(0, null, () => 1)).toBe(250);
    expect(retryDelayMs(-3, null, () => 1)).toBe(250);
  });

  it('never comes back sooner than Retry-After, even above the cap', () => {
    expect(retryDelayMs(1, 2000, () => 0.5)).toBe(2000);
    expect(retryDelayMs(9, 1000, () => 1)).toBe(RETRY_MAX_DELAY_MS);
    expect(retryDelayMs(1, 120_000, () => 1)).toBe(120_000);
    expect(retryDelayMs(1, 0, () => 0)).toBe(0);
  });

  it('keeps a misbehaving random source inside the range', () => {
    expect(retryDelayMs(2, null, () => 7)).toBe(500);
    expect(retryDelayMs(2, null, () => -1)).toBe(0);
  });

  it('spreads retries with the default random source', () => {
    const delays = new Set(Array.from({ length: 50 }, () => retryDelayMs(6, null)));
    expect(delays.size).toBeGreaterThan(10);
    for (const delay of delays) expect(delay).toBeLessThanOrEqual(8000);
  });
});

describe('parseRetryAfter', () => {
  const now = new Date('2026-11-29T12:00:00Z');

  it('reads delay-seconds', () => {
    expect(parseRetryAfter('2', now)).toBe(2000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
  });

  it('reads an HTTP-date, a past one meaning now', () => {
    expect(parseRetryAfter('Sun, 29 Nov 2026 12:00:05 GMT', now)).toBe(5000);
    expect(parseRetryAfter('Sun, 29 Nov 2026 11:00:00 GMT', now)).toBe(0);
  });

  it('gives no hint for a missing or unreadable value', () => {
    expect(parseRetryAfter(undefined, now)).toBeNull();
    expect(parseRetryAfter('', now)).toBeNull();
    expect(parseRetryAfter('-1', now)).toBeNull();
    expect(parseRetryAfter('1.5', now)).toBeNull();
    expect(parseRetryAfter('soon', now)).toBeNull();
  });
});
