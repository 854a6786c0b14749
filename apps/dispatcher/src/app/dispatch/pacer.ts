/**
 * How far ahead of its even spacing a request may leave. Timers fire late and in groups of whole
 * milliseconds: holding every request that comes a fraction of an interval early would slow sends far below
 * the limits. A tolerance of τ lets at most 1 + (T + τ) / interval requests leave in any window of T — with
 * intervals 2% wider than the limits, that stays within every limit whose window is a second or longer (2%
 * of a second is 20 ms), and leaves the rest of the margin for network jitter.
 */
export const PACER_TOLERANCE_MS = 3;

/**
 * The last line of the limits inside one process. Slots are reserved evenly in the database, but timers
 * fire late, and a late send followed by an on-time one would crowd two requests together. The pacer hands
 * out start times in order, each at least one interval after the previous start under every key; and as a
 * request is about to leave, it holds it back unless it keeps to the even spacing of the requests that really
 * left (a virtual schedule, as in GCRA): several timers that fire late together would otherwise go out as one
 * burst.
 */
export class Pacer {
  private readonly lastStart = new Map<string, number>();
  /** Per key, when the next request would leave on the even spacing of those that left. */
  private readonly nextDue = new Map<string, number>();

  constructor(private readonly toleranceMs = PACER_TOLERANCE_MS) {}

  /** The start instant for a send whose slot is `slotAt` under these limits; reserved as it is returned. */
  reserve(slotAt: number, limits: [key: string, intervalMs: number][], now: number): number {
    let start = Math.max(slotAt, now);
    for (const [key, interval] of limits) {
      const last = this.lastStart.get(key);
      if (last !== undefined) start = Math.max(start, last + interval);
    }
    for (const [key] of limits) this.lastStart.set(key, start);
    return start;
  }

  /**
   * Just before a request leaves: 0 when it may leave now (and it is counted as gone), else how many
   * milliseconds it must still wait.
   */
  hold(limits: [key: string, intervalMs: number][], now: number): number {
    let release = now;
    for (const [key] of limits) {
      const due = this.nextDue.get(key);
      if (due !== undefined) release = Math.max(release, due - this.toleranceMs);
    }
    if (release > now) return release - now;
    for (const [key, interval] of limits) this.nextDue.set(key, Math.max(this.nextDue.get(key) ?? now, now) + interval);
    return 0;
  }
}
