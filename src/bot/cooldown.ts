/**
 * Per-user rate limit: at most `limit` uses in any sliding window of `windowMs`.
 * In memory and per process (each shard limits the users of its own guilds), which is what a
 * per-user courtesy limit needs; Discord's own rate limits protect the API itself.
 */
export type CooldownResult = { ok: true } | { ok: false; retryAfterSeconds: number };

export class Cooldown {
  private readonly uses = new Map<string, number[]>();
  private lastSweep = 0;

  constructor(
    readonly limit: number,
    readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Records a use by `userId` if allowed; otherwise says how long to wait. */
  take(userId: string): CooldownResult {
    if (this.limit <= 0) return { ok: true };
    const now = this.now();
    this.sweep(now);
    const since = now - this.windowMs;
    const recent = (this.uses.get(userId) ?? []).filter((t) => t > since);
    if (recent.length >= this.limit) {
      this.uses.set(userId, recent);
      const oldest = recent[0] ?? now;
      const waitMs = oldest + this.windowMs - now;
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
    }
    recent.push(now);
    this.uses.set(userId, recent);
    return { ok: true };
  }

  /** How many users are being tracked (for tests and memory checks). */
  get size(): number {
    return this.uses.size;
  }

  /** Forget users whose uses have all expired, at most once per window. */
  private sweep(now: number): void {
    if (now - this.lastSweep < this.windowMs) return;
    this.lastSweep = now;
    const since = now - this.windowMs;
    for (const [user, times] of this.uses) {
      if (!times.some((t) => t > since)) this.uses.delete(user);
    }
  }
}
