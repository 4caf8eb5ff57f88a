// A typed client for the flow store's control endpoints (docs/emulator.md § Flows), for tests and the demo.
import type { EntryPointRecord, FlowRecord, FlowTag, RouteChange } from "./store";

export type { EntryPointRecord, FlowRecord, FlowTag, RouteChange };

/** Which flow version a live call at an entry point runs, and the connectors it would use. */
export interface EntryPointRoute {
  entryPoint: EntryPointRecord;
  flowName: string | null;
  versionId: string | null;
  versionNumber: number | null;
  connectors: { id: string; name: string | null; exists: boolean; active: boolean }[];
}

export class FlowControl {
  /** `emulatorUrl` is the emulator's base URL; `orgId` the org whose flow store this controls. */
  constructor(
    private readonly emulatorUrl: string,
    private readonly orgId: string,
  ) {}

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const url = `${this.emulatorUrl.replace(/\/+$/, "")}/_emulator/orgs/${encodeURIComponent(this.orgId)}${path}`;
    const res = await fetch(url, {
      method,
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`emulator control ${method} ${path}: HTTP ${res.status} ${text}`);
    return (text === "" ? undefined : JSON.parse(text)) as T;
  }

  /** The org's flows with every version and tag, as the emulator holds them. */
  async flows(): Promise<FlowRecord[]> {
    return (await this.call<{ data: FlowRecord[] }>("GET", "/flows")).data;
  }
  async flow(name: string): Promise<FlowRecord | undefined> {
    return (await this.flows()).find((f) => f.name === name);
  }
  /** Opens the flow (by id or name) in Flow Designer as `lockedBy`: its lockedBy and lockedAt are set. */
  lock(flow: string, lockedBy: string): Promise<{ lockedBy: string; lockedAt: string }> {
    return this.call("PUT", `/flows/${encodeURIComponent(flow)}/lock`, { lockedBy });
  }
  unlock(flow: string): Promise<void> {
    return this.call("DELETE", `/flows/${encodeURIComponent(flow)}/lock`);
  }
  /** An entry point whose live calls run the flow (by id or name) version that holds `flowTagId`. */
  createEntryPoint(input: { name: string; flow: string; flowTagId?: FlowTag }): Promise<EntryPointRecord> {
    return this.call("POST", "/entry-points", input);
  }
  /** Which version and connectors a call arriving now at the entry point (by id or name) would use. */
  route(entryPoint: string): Promise<EntryPointRoute> {
    return this.call("GET", `/entry-points/${encodeURIComponent(entryPoint)}/route`);
  }
  /** Every version the entry point's calls have run, oldest first, one entry per publish that moved it. */
  async routeHistory(entryPoint: string): Promise<RouteChange[]> {
    return (
      await this.call<{ data: RouteChange[] }>(
        "GET",
        `/entry-points/${encodeURIComponent(entryPoint)}/route-history`,
      )
    ).data;
  }
}
