/** At most `limit` events per key in any `windowSeconds`-long window. */
export interface RateLimit {
  limit: number;
  windowSeconds: number;
}

/** Keys kept before old ones are dropped, so a spray of fresh keys cannot grow memory. */
const MAX_KEYS = 50_000;

/**
 * A sliding-window counter per key (an account, a client address): it remembers the times
 * of the last `limit` events, and a key is over its limit while `limit` of them fall inside
 * the window. Exact (no fixed-window burst at the boundary) and small: `limit` numbers a key.
 */
export class SlidingWindow {
  private readonly events = new Map<string, number[]>();

  constructor(
    private readonly rule: RateLimit,
    private readonly now: () => number = Date.now,
  ) {}

  /** Seconds until `key` may act again; 0 when it may act now. */
  retryAfter(key: string): number {
    const times = this.recent(key);
    if (times.length < this.rule.limit) return 0;
    const oldest = times[times.length - this.rule.limit]!;
    return Math.max(1, Math.ceil((oldest + this.rule.windowSeconds * 1000 - this.now()) / 1000));
  }

  record(key: string): void {
    const times = this.recent(key);
    times.push(this.now());
    if (times.length > this.rule.limit) times.splice(0, times.length - this.rule.limit);
    this.events.delete(key);
    this.events.set(key, times);
    if (this.events.size > MAX_KEYS) this.prune();
  }

  /** Records an event unless `key` is over its limit; returns retryAfter as it was. */
  take(key: string): number {
    const wait = this.retryAfter(key);
    if (wait === 0) this.record(key);
    return wait;
  }

  clear(key: string): void {
    this.events.delete(key);
  }

  private recent(key: string): number[] {
    const start = this.now() - this.rule.windowSeconds * 1000;
    return (this.events.get(key) ?? []).filter((time) => time > start);
  }

  private prune(): void {
    const start = this.now() - this.rule.windowSeconds * 1000;
    for (const [key, times] of this.events) {
      if ((times[times.length - 1] ?? 0) <= start) this.events.delete(key);
    }
    // Still too many live keys: drop the least recently active (the map keeps that order).
    for (const key of this.events.keys()) {
      if (this.events.size <= MAX_KEYS) break;
      this.events.delete(key);
    }
  }
}
