// Client-side pacing per OAuth client, shared by every caller in the process, so a large deployment paces
// itself under the server's limit (300 requests a minute per client ID, over a sliding minute) instead of
// collecting 429s. A 429 the server sends anyway holds every caller of that client until Retry-After.
// A sequence that must not stall half-way (deactivate → edit → activate: the connector is down in between)
// reserves its slots before it starts, so other callers cannot take them while it runs. With a ledger, the
// requests other processes on this machine sent for the same client count too (quota-ledger.ts).
import { type Clock, realClock } from "./clock";
import type { QuotaLedger } from "./quota-ledger";

export const DEFAULT_RATE_LIMIT_PER_MINUTE = 300;
const WINDOW_MS = 60_000;
/**
 * The server counts a request when it arrives and handles it, a little after the client sent it, and not
 * always equally late: a slot freed exactly a minute after the send can still be inside the server's
 * window. A second of slack costs under 2% of a saturated minute and spares a 429.
 */
export const ARRIVAL_MARGIN_MS = 1000;

export class SlidingWindowLimiter {
  private readonly stamps: number[] = [];
  /** Slots set aside by reservations and not used yet: they count as taken. */
  private reserved = 0;
  private queue: Promise<void> = Promise.resolve();
  private heldUntil = 0;
  /** Wakes callers waiting for reserved slots to be used or released. */
  private changed: { promise: Promise<void>; notify: () => void } = signal();

  constructor(
    public limit: number,
    private readonly clock: Clock = realClock,
    private readonly windowMs: number = WINDOW_MS,
    private readonly ledger?: QuotaLedger,
  ) {
    if (!Number.isInteger(limit) || limit < 1) {
      throw new RangeError(`rateLimitPerMinute must be a positive integer; got ${limit}.`);
    }
  }

  /** Resolves when the caller may send one request; callers are served in order. */
  acquire(): Promise<void> {
    return this.inTurn(1, (now) => {
      this.stamps.push(now);
      this.ledger?.record(now);
    });
  }

  /**
   * Resolves, in turn with every other caller, once `calls` requests fit in the window together, and sets
   * them aside for the one sequence. More than the whole limit cannot be set aside: the rest acquire as usual.
   */
  async reserve(calls: number): Promise<Reservation> {
    const slots = Math.max(0, Math.min(calls, this.limit));
    if (slots > 0) {
      // Other processes see the slots as taken from now on: they cannot wait for the sequence to use them.
      await this.inTurn(slots, (now) => {
        this.reserved += slots;
        this.ledger?.record(now, slots);
      });
    }
    return new Reservation(this, slots);
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

  /** Slots reserved and not used yet. */
  get reservedSlots(): number {
    return this.reserved;
  }

  /** @internal A reservation sends one of its slots: wait out a server hold, then stamp it. */
  async useReserved(): Promise<void> {
    await this.waitForHold();
    this.reserved--;
    this.stamps.push(this.clock.now());
    this.notify();
  }

  /** @internal A reservation gives back what it did not use. */
  releaseReserved(slots: number): void {
    if (slots <= 0) return;
    this.reserved -= slots;
    this.notify();
  }

  private notify(): void {
    const { notify } = this.changed;
    this.changed = signal();
    notify();
  }

  private inTurn(slots: number, take: (now: number) => void): Promise<void> {
    const turn = this.queue.then(() => this.waitForRoom(slots, take));
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  private forgetOld(now: number): void {
    while (this.stamps.length > 0 && this.stamps[0]! <= now - this.windowMs) this.stamps.shift();
  }

  private async waitForHold(): Promise<void> {
    for (let now = this.clock.now(); now < this.heldUntil; now = this.clock.now()) {
      await this.clock.sleep(this.heldUntil - now);
    }
  }

  /** Waits until `slots` more fit in the window (beside what is reserved), then takes them. */
  private async waitForRoom(slots: number, take: (now: number) => void): Promise<void> {
    for (;;) {
      await this.waitForHold();
      const now = this.clock.now();
      this.forgetOld(now);
      const others = this.ledger?.othersSince(now - this.windowMs) ?? [];
      const free = this.limit - this.stamps.length - others.length - this.reserved;
      if (free >= slots) {
        take(now);
        return;
      }
      // Room comes back when the oldest request leaves the window, or when a reservation is used or released.
      const changed = this.changed.promise;
      const sent = others.length === 0 ? this.stamps : [...this.stamps, ...others].sort((a, b) => a - b);
      const needFromStamps = slots - free;
      if (needFromStamps <= sent.length) {
        const expires = sent[needFromStamps - 1]! + this.windowMs;
        await Promise.race([this.clock.sleep(expires - now), changed]);
      } else {
        await changed;
      }
    }
  }
}

/** Slots set aside for one sequence of requests; each request uses one, and the rest go back at release. */
export class Reservation {
  private remaining: number;

  constructor(
    private readonly limiter: SlidingWindowLimiter,
    slots: number,
  ) {
    this.remaining = slots;
  }

  /** Resolves when the caller may send one request: from the reservation while it lasts, then as usual. */
  acquire(): Promise<void> {
    if (this.remaining <= 0) return this.limiter.acquire();
    this.remaining--;
    return this.limiter.useReserved();
  }

  /** Gives back the slots the sequence did not use. */
  release(): void {
    this.limiter.releaseReserved(this.remaining);
    this.remaining = 0;
  }

  /** Whether the reservation belongs to this limiter. */
  isFor(limiter: SlidingWindowLimiter): boolean {
    return limiter === this.limiter;
  }
}

function signal(): { promise: Promise<void>; notify: () => void } {
  let notify!: () => void;
  const promise = new Promise<void>((resolve) => {
    notify = resolve;
  });
  return { promise, notify };
}

const shared = new Map<string, SlidingWindowLimiter>();

/**
 * The process-wide limiter for one OAuth client at one API host; `ledger` makes the first one for the key
 * count other processes' requests too.
 */
export function sharedLimiter(
  key: string,
  limit: number = DEFAULT_RATE_LIMIT_PER_MINUTE,
  clock: Clock = realClock,
  ledger?: () => QuotaLedger | undefined,
): SlidingWindowLimiter {
  let limiter = shared.get(key);
  if (!limiter) {
    limiter = new SlidingWindowLimiter(limit, clock, WINDOW_MS + ARRIVAL_MARGIN_MS, ledger?.());
    shared.set(key, limiter);
  } else if (limiter.limit !== limit) {
    limiter.limit = limit;
  }
  return limiter;
}
