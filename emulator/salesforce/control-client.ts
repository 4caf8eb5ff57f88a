// A typed client for the emulated Salesforce's control API, for tests and demos.
import type { SfCallCenterSection, SfComponentMessage } from "./state";

export interface SalesforceCallCenterView {
  id: string;
  internalName: string;
  displayName: string;
  adapterUrl: string | null;
  customSettings: string | null;
  sections: SfCallCenterSection[];
  assignedUsers: string[];
}

export interface SalesforceUserView {
  id: string;
  username: string;
  /** The internal name of the user's call center. */
  callCenter: string | null;
}

export interface SalesforceDeployView {
  id: string;
  status: string;
  done: boolean;
  summary: { upserted: string[]; deleted: string[] } | null;
  componentFailures: SfComponentMessage[];
}

export class SalesforceControl {
  /** `emulatorUrl` is the emulator's base URL (not the /salesforce one). */
  constructor(private readonly emulatorUrl: string) {}

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.emulatorUrl}/_emulator/salesforce${path}`, {
      method,
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`control ${method} ${path}: HTTP ${res.status} ${text}`);
    return (text === "" ? undefined : JSON.parse(text)) as T;
  }

  org(): Promise<{ orgId: string; apiUsage: number; apiLimit: number; deployPolls: number }> {
    return this.call("GET", "/org");
  }
  createUser(username: string): Promise<SalesforceUserView> {
    return this.call("POST", "/users", { username });
  }
  async users(): Promise<SalesforceUserView[]> {
    return (await this.call<{ data: SalesforceUserView[] }>("GET", "/users")).data;
  }
  /** Assigns (or with null unassigns) a user out of band, as an admin would in Setup. */
  assignUser(username: string, internalName: string | null): Promise<SalesforceUserView> {
    return this.call("PUT", `/users/${encodeURIComponent(username)}/call-center`, { internalName });
  }
  async callCenters(): Promise<SalesforceCallCenterView[]> {
    return (await this.call<{ data: SalesforceCallCenterView[] }>("GET", "/call-centers")).data;
  }
  async callCenter(internalName: string): Promise<SalesforceCallCenterView | undefined> {
    return (await this.callCenters()).find((c) => c.internalName === internalName);
  }
  /** Changes (or with a label adds) one item out of band, as an admin editing the call center in Setup. */
  editItem(
    internalName: string,
    edit: { section: string; item: string; value: string; label?: string },
  ): Promise<SalesforceCallCenterView> {
    return this.call("PATCH", `/call-centers/${encodeURIComponent(internalName)}/items`, edit);
  }
  deleteCallCenter(internalName: string): Promise<void> {
    return this.call("DELETE", `/call-centers/${encodeURIComponent(internalName)}`);
  }
  /** Expires every session issued so far: the next API call gets 401 INVALID_SESSION_ID. */
  expireSessions(): Promise<{ expired: number }> {
    return this.call("POST", "/sessions/expire");
  }
  /** The next deploy fails with this component problem. */
  failNextDeploy(problem: string): Promise<{ pending: number }> {
    return this.call("POST", "/deploy-failures", { problem });
  }
  async deploys(): Promise<SalesforceDeployView[]> {
    return (await this.call<{ data: SalesforceDeployView[] }>("GET", "/deploys")).data;
  }
  setLimits(limits: {
    apiUsage?: number;
    apiLimit?: number;
  }): Promise<{ apiUsage: number; apiLimit: number }> {
    return this.call("POST", "/limits", limits);
  }
  settings(s: {
    deployPolls?: number;
    queryBatchSize?: number;
  }): Promise<{ deployPolls: number; queryBatchSize: number }> {
    return this.call("POST", "/settings", s);
  }
}
