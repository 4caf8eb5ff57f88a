/** A sliding 60-second window per key (the OAuth client behind the token). */
export class RateLimiter {
  private readonly windows = new Map<string, number[]>();

  constructor(
    private limitPerMinute: number,
    private readonly now: () => number,
  ) {}

  setLimit(limitPerMinute: number): void {
    this.limitPerMinute = limitPerMinute;
  }

  /** Records the request and returns 0, or returns the seconds to wait when the key is over its limit. */
  take(key: string): number {
    const now = this.now();
    const windowStart = now - 60_000;
    const hits = (this.windows.get(key) ?? []).filter((time) => time > windowStart);
    if (hits.length >= this.limitPerMinute) {
      this.windows.set(key, hits);
      return Math.max(1, Math.ceil((hits[0] + 60_000 - now) / 1000));
    }
    hits.push(now);
    this.windows.set(key, hits);
    return 0;
  }

  reset(): void {
    this.windows.clear();
  }
}
