/**
 * The last line of the limits inside one process: slots are reserved evenly in the database, but timers
 * fire late, and a late send followed by an on-time one would crowd two requests together. The pacer
 * hands out start times in order, each at least one interval after the previous start under every key.
 */
export class Pacer {
  private readonly lastStart = new Map<string, number>();

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
}
