// Client-side pacing per org, shared by every caller in the process, so a large deployment paces itself
// under the server's limit (300 requests a minute per client, over a sliding minute) instead of
// collecting 429s. A 429 the server sends anyway holds every caller for that org until Retry-After.
import { type Clock, realClock } from "./clock";

export const DEFAULT_RATE_LIMIT_PER_MINUTE = 300;
const WINDOW_MS = 60_000;

export class SlidingWindowLimiter {
  private readonly stamps: number[] = [];
  private queue: Promise<void> = Promise.resolve();
  private heldUntil = 0;

  constructor(
    public limit: number,
    private readonly clock: Clock = realClock,
    private readonly windowMs: number = WINDOW_MS,
  ) {
    if (!Number.isInteger(limit) || limit < 1) {
      throw new RangeError(`rateLimitPerMinute must be a positive integer; got ${limit}.`);
    }
  }

  /** Resolves when the caller may send one request; callers are served in order. */
  acquire(): Promise<void> {
    const turn = this.queue.then(() => this.waitForSlot());
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  /** Holds every caller until the given time (the server said Retry-After). */
  holdUntil(time: number): void {
    this.heldUntil = Math.max(this.heldUntil, time);
  }

  /** Requests sent within the current window. */
  inWindow(): number {
    this.forgetOld(this.clock.now());
    return this.stamps.length;
  }

  private forgetOld(now: number): void {
    while (this.stamps.length > 0 && this.stamps[0]! <= now - this.windowMs) this.stamps.shift();
  }

  private async waitForSlot(): Promise<void> {
    for (;;) {
      const now = this.clock.now();
      if (now < this.heldUntil) {
        await this.clock.sleep(this.heldUntil - now);
        continue;
      }
      this.forgetOld(now);
      if (this.stamps.length < this.limit) {
        this.stamps.push(now);
        return;
      }
      await this.clock.sleep(this.stamps[0]! + this.windowMs - now);
    }
  }
}

const shared = new Map<string, SlidingWindowLimiter>();

/** The process-wide limiter for one org at one API host. */
export function sharedLimiter(
  key: string,
  limit: number = DEFAULT_RATE_LIMIT_PER_MINUTE,
): SlidingWindowLimiter {
  let limiter = shared.get(key);
  if (!limiter) {
    limiter = new SlidingWindowLimiter(limit);
    shared.set(key, limiter);
  } else if (limiter.limit !== limit) {
    limiter.limit = limit;
  }
  return limiter;
}
