export interface LoggedRequest {
  seq: number;
  /** Epoch ms on the emulator's clock. */
  time: number;
  method: string;
  path: string;
  /** The status sent; 0 when an injected fault dropped the connection. */
  status: number;
  orgId?: string;
  clientId?: string;
  /** Set when an injected fault acted on the request. */
  fault?: string;
}

/** How many requests the log keeps by default: a long-lived emulator keeps the latest ones only. */
export const DEFAULT_REQUEST_LOG_SIZE = 10_000;

/**
 * Every product request (control API calls excluded), without bodies, headers or query strings, in a ring of
 * `capacity` entries. Sequence numbers never restart (not even on clear), so a reader that asks for the
 * entries after the last seq it saw learns from `droppedAfter` how many it missed because the ring was full.
 */
export class RequestLog {
  private readonly ring: LoggedRequest[] = [];
  private seq = 0;
  /** The last seq removed by clear(): entries up to it are gone on purpose, not dropped. */
  private clearedThrough = 0;

  constructor(readonly capacity: number = DEFAULT_REQUEST_LOG_SIZE) {
    if (!Number.isInteger(capacity) || capacity < 1) {
      throw new Error("requestLogSize must be a whole number of at least 1.");
    }
  }

  add(entry: Omit<LoggedRequest, "seq">): void {
    this.seq += 1;
    this.ring[(this.seq - 1) % this.capacity] = { seq: this.seq, ...entry };
  }

  /** The first seq still held (seq + 1 when none is). */
  private oldestHeld(): number {
    return Math.max(this.clearedThrough + 1, this.seq - this.capacity + 1);
  }

  /** The entries held after `seq`, oldest first. */
  since(seq: number): LoggedRequest[] {
    const entries: LoggedRequest[] = [];
    for (let next = Math.max(seq + 1, this.oldestHeld()); next <= this.seq; next++) {
      entries.push(this.ring[(next - 1) % this.capacity]!);
    }
    return entries;
  }

  /** How many entries after `seq` the ring no longer holds because newer ones took their place. */
  droppedAfter(seq: number): number {
    return Math.max(0, this.oldestHeld() - 1 - Math.max(seq, this.clearedThrough));
  }

  clear(): void {
    this.clearedThrough = this.seq;
  }
}
