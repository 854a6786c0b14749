/**
 * Keys seen recently (event ids, shared file ids), forgotten after `ttlMs` and capped in size, so a
 * long-running bot does not grow without bound. `claim` is atomic within the process.
 */
export class RecentKeys {
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxSize = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** True the first time a key is claimed (within the TTL), false afterwards. */
  claim(key: string): boolean {
    this.prune();
    if (this.seen.has(key)) return false;
    this.seen.set(key, this.now());
    return true;
  }

  has(key: string): boolean {
    this.prune();
    return this.seen.has(key);
  }

  /** Lets the key be claimed again (its processing failed and a retry should run). */
  release(key: string): void {
    this.seen.delete(key);
  }

  private prune(): void {
    const cutoff = this.now() - this.ttlMs;
    for (const [key, at] of this.seen) {
      if (at >= cutoff && this.seen.size <= this.maxSize) break;
      this.seen.delete(key);
    }
  }
}
