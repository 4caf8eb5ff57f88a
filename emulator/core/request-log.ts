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

/** Every product request (control API calls excluded), without bodies, headers or query strings. */
export class RequestLog {
  private entries: LoggedRequest[] = [];
  private seq = 0;

  add(entry: Omit<LoggedRequest, "seq">): void {
    this.seq += 1;
    this.entries.push({ seq: this.seq, ...entry });
  }

  since(seq: number): LoggedRequest[] {
    return this.entries.filter((entry) => entry.seq > seq);
  }

  clear(): void {
    this.entries = [];
  }
}
