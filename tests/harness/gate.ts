// The HTTP gate the gated provider (fixtures/gate-provider.ts) asks before finishing each operation, so a
// test decides when each operation ends.
import * as http from "node:http";
import type { AddressInfo } from "node:net";

/** The HTTP gate the gated provider asks before finishing each operation. */
export class Gate {
  readonly events: string[] = [];
  maxInFlight = 0;
  private readonly held = new Map<string, http.ServerResponse>();
  private readonly waiters: Array<() => void> = [];
  private readonly server = http.createServer((req, res) => {
    const what = decodeURIComponent((req.url ?? "/").slice(1));
    this.events.push(`start ${what}`);
    this.held.set(what, res);
    // A caller that went away (its process was killed) is no longer waiting.
    res.on("close", () => {
      if (this.held.get(what) !== res) return;
      this.held.delete(what);
      this.events.push(`gone ${what}`);
      this.wake();
    });
    this.maxInFlight = Math.max(this.maxInFlight, this.held.size);
    this.wake();
  });
  url = "";

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  inFlight(): string[] {
    return [...this.held.keys()].sort();
  }

  /** Resolves once every named operation has reached the gate. */
  async arrived(...names: string[]): Promise<void> {
    await this.until(() => names.every((n) => this.events.includes(`start ${n}`)));
  }

  /** Waits until the named operation is waiting at the gate (again, if it passed before), then lets it through. */
  async letThrough(name: string): Promise<void> {
    await this.until(() => this.held.has(name));
    this.release(name);
  }

  /** Resolves once the named operation's caller went away without an answer (its process was killed). */
  async gone(name: string): Promise<void> {
    await this.until(() => !this.held.has(name));
  }

  /** Resolves once `done()` holds, checked again at each arrival and departure at the gate. */
  private async until(done: () => boolean): Promise<void> {
    while (!done()) await new Promise<void>((resolve) => this.waiters.push(resolve));
  }

  private wake(): void {
    for (const wake of this.waiters.splice(0)) wake();
  }

  release(...names: string[]): void {
    for (const name of names) this.answer(name, 200, "end");
  }

  /** Answers the named operations with HTTP 500: the gated provider then fails them. */
  refuse(...names: string[]): void {
    for (const name of names) this.answer(name, 500, "refused");
  }

  private answer(name: string, status: number, event: string): void {
    const res = this.held.get(name);
    if (!res) throw new Error(`${name} is not waiting at the gate`);
    this.held.delete(name);
    this.events.push(`${event} ${name}`);
    res.statusCode = status;
    res.end(status === 200 ? "ok" : "refused");
  }

  index(event: string): number {
    return this.events.indexOf(event);
  }

  async close(): Promise<void> {
    for (const res of this.held.values()) res.end("ok");
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
