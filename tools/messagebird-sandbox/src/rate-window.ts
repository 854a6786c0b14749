/**
 * An exact sliding one-second window over admitted requests: a ring of the last `cap` admission times. A request
 * is admitted when the oldest of them is a second old or more. O(1) per request, so it holds at benchmark rates.
 */
export class RateWindow {
  private readonly times: Float64Array;
  private next = 0;

  constructor(
    readonly cap: number,
    private readonly windowMs = 1000,
  ) {
    this.times = new Float64Array(cap).fill(-Infinity);
  }

  /** Admits and counts the request, or gives the milliseconds until a slot frees up. */
  admit(now: number): { admitted: true } | { admitted: false; retryInMs: number } {
    const oldest = this.times[this.next]!;
    if (now - oldest < this.windowMs) return { admitted: false, retryInMs: oldest + this.windowMs - now };
    this.times[this.next] = now;
    this.next = (this.next + 1) % this.cap;
    return { admitted: true };
  }
}
