// A typed client for the emulator's control API (docs/emulator.md). Tests, the demo and users' offline
// tests use it to set up orgs and admins, register the remote parties connectors are validated against,
// inject faults and read the request log.

// The shapes the server defines (the log entry, roles, platforms, issued credentials) are its own types:
// type-only imports pull no server code in, and cannot drift from what the server answers.
import type { AdminCredentials, ServiceAppCredentials } from "./control/registry";
import type { LoggedRequest } from "./core/request-log";
import type { Role as AdminRole } from "./core/roles";
import type { OrgRecord, Platform } from "./core/state";

export type { AdminCredentials, AdminRole, Platform, ServiceAppCredentials };

/** An org as the emulator holds it. */
export type EmulatorOrg = OrgRecord;

export interface CreateOrgInput {
  orgId?: string;
  platform?: Platform;
  licenses?: string[];
}

export interface CreateAdminInput {
  role: AdminRole;
  /** Fixed credentials (a fixed access token never expires); generated when omitted. */
  accessToken?: string;
  refreshToken?: string;
  clientId?: string;
  clientSecret?: string;
}

export interface ConnectedAppInput {
  consumerKey: string;
  /** The Salesforce user approved for the app (the JWT `sub`). */
  username: string;
  /** The app's X.509 certificate (PEM); or give publicKey. */
  certificate?: string;
  publicKey?: string;
  /** Accepted JWT audiences; default ["https://login.salesforce.com"]. */
  audiences?: string[];
}

export interface OAuthClientInput {
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  /** For the password grant. */
  username?: string;
  password?: string;
}

export interface BasicAuthInput {
  validationUrl: string;
  username: string;
  password: string;
}

export interface CcaiConfig {
  id: string;
  orgId: string;
  name: string;
  connectorId: string;
}

export type { LoggedRequest };

export interface FaultInput {
  /** An HTTP method or "*". */
  method: string;
  /** An exact path, or a pattern where * matches any characters. */
  path: string;
  /** How many matching requests it applies to (default 1). */
  count?: number;
  /** Answer with this status instead of handling the request... */
  status?: number;
  /** ...or drop the connection before or after the request takes effect. */
  mode?: "drop-after-apply" | "drop-before-apply";
  body?: unknown;
  headers?: Record<string, string>;
}

export interface Fault extends FaultInput {
  id: number;
  count: number;
  remaining: number;
}

export interface ServiceAppInput {
  orgIds: string[];
  role: AdminRole;
  applicationId?: string;
  clientId?: string;
  clientSecret?: string;
  integrationToken?: string;
}

/** A connector as stored, secrets reduced to the names of those set. */
export interface RawConnector {
  id: string;
  organizationId: string;
  name: string;
  type: string;
  description?: string;
  active: boolean;
  version: number;
  settings: Record<string, unknown>;
  credentials: Record<string, unknown>;
  secretFields: string[];
  authorizationRequired: boolean;
  createdTime: number;
  lastUpdatedTime: number;
  references: { type: string; id: string; name: string }[];
}

export class EmulatorControlError extends Error {
  override readonly name = "EmulatorControlError";
  constructor(
    message: string,
    readonly status: number,
    readonly reason?: string,
  ) {
    super(message);
  }
}

export class EmulatorControl {
  /** @param baseUrl the emulator's URL, e.g. http://127.0.0.1:41234 */
  constructor(readonly baseUrl: string) {}

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.baseUrl.replace(/\/+$/, "")}/_emulator${path}`, {
      method,
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    const parsed = text === "" ? undefined : (JSON.parse(text) as unknown);
    if (!response.ok) {
      const error = (parsed as { error?: { reason?: string; message?: { description?: string }[] } })?.error;
      const description = error?.message?.[0]?.description ?? text;
      throw new EmulatorControlError(
        `emulator control ${method} ${path} failed with ${response.status}: ${description}`,
        response.status,
        error?.reason,
      );
    }
    return parsed as T;
  }

  createOrg(input: CreateOrgInput = {}): Promise<{ orgId: string }> {
    return this.call("POST", "/orgs", input);
  }

  /** Every org the emulator holds, in creation order. */
  async orgs(): Promise<EmulatorOrg[]> {
    return (await this.call<{ data: EmulatorOrg[] }>("GET", "/orgs")).data;
  }

  createAdmin(orgId: string, input: CreateAdminInput): Promise<AdminCredentials> {
    return this.call("POST", `/orgs/${encodeURIComponent(orgId)}/admins`, input);
  }

  registerConnectedApp(
    input: ConnectedAppInput,
  ): Promise<{ consumerKey: string; username: string; audiences: string[] }> {
    return this.call("POST", "/salesforce/connected-apps", input);
  }

  registerOAuthClient(
    input: OAuthClientInput,
  ): Promise<{ tokenUrl: string; clientId: string; username?: string }> {
    return this.call("POST", "/oauth/clients", input);
  }

  registerBasicAuth(input: BasicAuthInput): Promise<{ validationUrl: string; username: string }> {
    return this.call("POST", "/basic-auth", input);
  }

  createCcaiConfig(orgId: string, input: { name: string; connectorId: string }): Promise<CcaiConfig> {
    return this.call("POST", `/orgs/${encodeURIComponent(orgId)}/ccai-configs`, input);
  }

  async deleteCcaiConfig(orgId: string, id: string): Promise<void> {
    await this.call("DELETE", `/orgs/${encodeURIComponent(orgId)}/ccai-configs/${encodeURIComponent(id)}`);
  }

  /** The request log; `since` returns only entries after that seq. */
  async requests(since?: number): Promise<LoggedRequest[]> {
    return (await this.requestLog(since)).data;
  }

  /**
   * The request log with `dropped`: how many entries after `since` the log no longer holds because it is
   * full (it keeps the latest `requestLogSize`).
   */
  requestLog(since?: number): Promise<{ data: LoggedRequest[]; dropped: number }> {
    const query = since === undefined ? "" : `?since=${since}`;
    return this.call("GET", `/requests${query}`);
  }

  async clearRequests(): Promise<void> {
    await this.call("DELETE", "/requests");
  }

  injectFault(input: FaultInput): Promise<Fault> {
    return this.call("POST", "/faults", input);
  }

  async faults(): Promise<Fault[]> {
    return (await this.call<{ data: Fault[] }>("GET", "/faults")).data;
  }

  async clearFaults(): Promise<void> {
    await this.call("DELETE", "/faults");
  }

  async setLatency(ms: number): Promise<void> {
    await this.call("POST", "/latency", { ms });
  }

  async setRateLimit(perMinute: number): Promise<void> {
    await this.call("POST", "/rate-limit", { perMinute });
  }

  async expireToken(accessToken: string): Promise<void> {
    await this.call("POST", "/tokens/expire", { accessToken });
  }

  createServiceApp(input: ServiceAppInput): Promise<ServiceAppCredentials> {
    return this.call("POST", "/service-apps", input);
  }

  async connectors(orgId: string): Promise<RawConnector[]> {
    return (await this.call<{ data: RawConnector[] }>("GET", `/orgs/${encodeURIComponent(orgId)}/connectors`))
      .data;
  }

  /** Deactivates a connector as a human would in Control Hub, bypassing roles and rules. */
  async deactivateOutOfBand(orgId: string, id: string): Promise<void> {
    await this.call(
      "POST",
      `/orgs/${encodeURIComponent(orgId)}/connectors/${encodeURIComponent(id)}/deactivate`,
    );
  }

  /** Deletes a connector as a human would in Control Hub, even when it is active or referenced. */
  async deleteOutOfBand(orgId: string, id: string): Promise<void> {
    await this.call("DELETE", `/orgs/${encodeURIComponent(orgId)}/connectors/${encodeURIComponent(id)}`);
  }
}
