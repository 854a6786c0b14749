/**
 * Remembers the `jti` (token id) of every accepted webhook until its token expires, so that a captured request
 * replayed within its validity window is refused. The dispatcher provides a database-backed store (several
 * instances must share what they have seen); this in-memory one serves tests and a single process.
 */
export interface JtiStore {
  /** Records `jti` until `expiresAt`. Resolves false when it was already recorded and has not expired: a replay. */
  remember(jti: string, expiresAt: Date): Promise<boolean>;
}

export class InMemoryJtiStore implements JtiStore {
  private readonly seen = new Map<string, number>();
  private nextSweepAt = 0;

  /** `sweepEveryMs`: how often expired entries are pruned; a sweep walks the whole map, so not on every call. */
  constructor(
    private readonly now: () => Date = () => new Date(),
    private readonly sweepEveryMs = 10_000,
  ) {}

  remember(jti: string, expiresAt: Date): Promise<boolean> {
    const at = this.now().getTime();
    this.sweep(at);
    const known = this.seen.get(jti);
    if (known !== undefined && known > at) return Promise.resolve(false);
    this.seen.set(jti, expiresAt.getTime());
    return Promise.resolve(true);
  }

  /** How many token ids are held (expired ones included until the next sweep). */
  get size(): number {
    return this.seen.size;
  }

  private sweep(at: number): void {
    if (at < this.nextSweepAt) return;
    for (const [jti, expiresAt] of this.seen) if (expiresAt <= at) this.seen.delete(jti);
    this.nextSweepAt = at + this.sweepEveryMs;
  }
}
