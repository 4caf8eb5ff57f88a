// An in-memory ConnectorsApi for unit tests of the lifecycle: it keeps the contract's rules that the
// lifecycle must respect (credentials only while inactive, delete only while inactive, unique names, limits,
// CCAI re-authorization and references, versions), records every call, and fails on demand.
import { randomUUID } from "node:crypto";
import { WebexApiError } from "../../../provider/webex/errors";
import type {
  Connector,
  ConnectorAccess,
  ConnectorCreate,
  ConnectorsApi,
  ConnectorType,
  ConnectorUpdate,
  Reference,
} from "../../../provider/webex/types";

const SECRET_FIELDS = ["privateKey", "authKey", "googleAuthorization", "apiKey", "password", "clientSecret"];
const LIMITS: Partial<Record<ConnectorType, number>> = { SALESFORCE: 5, GOOGLE: 5, WXM: 1, CUSTOM: 10 };

export type Operation =
  | "access"
  | "list"
  | "get"
  | "create"
  | "update"
  | "activate"
  | "deactivate"
  | "reauthorize"
  | "delete"
  | "references";
export const WRITES: readonly Operation[] = [
  "create",
  "update",
  "activate",
  "deactivate",
  "reauthorize",
  "delete",
];

export interface Call {
  op: Operation;
  id?: string;
  withCredentials?: boolean;
}

export interface Stored extends Connector {
  secrets: Record<string, string>;
}

export class FakeConnectorsApi implements ConnectorsApi {
  readonly connectors = new Map<string, Stored>();
  readonly references = new Map<string, Reference[]>();
  readonly calls: Call[] = [];
  /** Failures to raise, by operation, consumed in order. */
  private readonly failures = new Map<Operation, Error[]>();
  /** Rejects a credential edit whose secrets include this value (like a key the connected app refuses). */
  rejectSecret?: string;
  private clock = 1_763_760_000_000;

  constructor(readonly orgId = "org-test") {}

  failNext(op: Operation, error: Error = apiError(500, "INTERNAL", `injected ${op} failure`)): void {
    const queue = this.failures.get(op) ?? [];
    queue.push(error);
    this.failures.set(op, queue);
  }

  writes(): Call[] {
    return this.calls.filter((call) => WRITES.includes(call.op));
  }

  ops(): string[] {
    return this.calls.map((call) => call.op);
  }

  private enter(call: Call): void {
    this.calls.push(call);
    const queued = this.failures.get(call.op)?.shift();
    if (queued) throw queued;
  }

  private public(stored: Stored): Connector {
    const { secrets: _secrets, ...visible } = stored;
    return structuredClone(visible);
  }

  private mustGet(id: string): Stored {
    const stored = this.connectors.get(id);
    if (!stored) throw apiError(404, "NOT_FOUND", `Connector ${id} does not exist in org ${this.orgId}.`);
    return stored;
  }

  private touch(stored: Stored): void {
    stored.version += 1;
    this.clock += 1000;
    stored.lastUpdatedTime = this.clock;
  }

  private split(credentials: Record<string, unknown>): {
    kept: Record<string, unknown>;
    secrets: Record<string, string>;
  } {
    const kept: Record<string, unknown> = {};
    const secrets: Record<string, string> = {};
    for (const [key, value] of Object.entries(credentials)) {
      if (SECRET_FIELDS.includes(key)) secrets[key] = String(value);
      else if (key !== "authorize") kept[key] = value;
    }
    if (this.rejectSecret && Object.values(secrets).includes(this.rejectSecret)) {
      throw apiError(400, "SALESFORCE_VALIDATION_FAILED", "invalid_grant: invalid assertion");
    }
    return { kept, secrets };
  }

  /** What access() answers: a read/write administrator unless a test says otherwise. */
  accessAnswer: ConnectorAccess = { role: "full-admin", access: "READ_WRITE" };

  async access(): Promise<ConnectorAccess> {
    this.enter({ op: "access" });
    return { ...this.accessAnswer };
  }

  async list(filter?: { name?: string; type?: ConnectorType }): Promise<Connector[]> {
    this.enter({ op: "list" });
    return [...this.connectors.values()]
      .filter((c) => filter?.name === undefined || c.name.toLowerCase() === filter.name.toLowerCase())
      .filter((c) => filter?.type === undefined || c.type === filter.type)
      .map((c) => this.public(c));
  }

  async get(id: string): Promise<Connector | undefined> {
    this.enter({ op: "get", id });
    const stored = this.connectors.get(id);
    return stored ? this.public(stored) : undefined;
  }

  async findByName(name: string): Promise<Connector | undefined> {
    return (await this.list({ name }))[0];
  }

  async create(body: ConnectorCreate, _isOurs: (found: Connector) => boolean): Promise<Connector> {
    this.enter({ op: "create" });
    if ([...this.connectors.values()].some((c) => c.name.toLowerCase() === body.name.toLowerCase())) {
      throw apiError(
        409,
        "DUPLICATE_NAME",
        `A connector named "${body.name}" already exists in org ${this.orgId}.`,
      );
    }
    const limit = LIMITS[body.type];
    if (
      limit !== undefined &&
      [...this.connectors.values()].filter((c) => c.type === body.type).length >= limit
    ) {
      throw apiError(409, "LIMIT_EXCEEDED", `The org has ${limit} ${body.type} connectors already.`);
    }
    const { kept, secrets } = this.split(body.credentials);
    this.clock += 1000;
    const stored: Stored = {
      id: randomUUID(),
      organizationId: this.orgId,
      name: body.name,
      type: body.type,
      description: body.description,
      active: true,
      version: 0,
      settings: structuredClone(body.settings),
      credentials: kept,
      secretFields: Object.keys(secrets),
      authorizationRequired: body.type === "GOOGLE_CCAI" ? false : undefined,
      createdTime: this.clock,
      lastUpdatedTime: this.clock,
      secrets,
    };
    if (body.type === "WEBEX_CC") stored.credentials.access = accessOf(kept.scopes);
    this.connectors.set(stored.id, stored);
    return this.public(stored);
  }

  async update(body: ConnectorUpdate): Promise<Connector> {
    this.enter({ op: "update", id: body.id, withCredentials: body.credentials !== undefined });
    const stored = this.mustGet(body.id);
    if (body.version !== stored.version) throw apiError(409, "VERSION_CONFLICT", "version is stale");
    if (body.name !== stored.name) throw apiError(400, "IMMUTABLE_FIELD", "name cannot change");
    if (body.credentials !== undefined) {
      if (stored.active) {
        throw apiError(409, "CONNECTOR_ACTIVE", "Deactivate the connector before editing its credentials.");
      }
      if (stored.type === "GOOGLE_CCAI" && "googleAuthorization" in body.credentials) {
        throw apiError(400, "VALIDATION_FAILED", "googleAuthorization is accepted on create only");
      }
      const { kept, secrets } = this.split(body.credentials);
      stored.credentials = kept;
      if (stored.type === "WEBEX_CC") stored.credentials.access = accessOf(kept.scopes);
      stored.secrets = { ...(stored.type === "GOOGLE_CCAI" ? stored.secrets : {}), ...secrets };
      stored.secretFields = Object.keys(stored.secrets);
      if (stored.type === "GOOGLE_CCAI") stored.authorizationRequired = true;
    }
    stored.description = body.description;
    stored.settings = structuredClone(body.settings);
    this.touch(stored);
    return this.public(stored);
  }

  async activate(id: string): Promise<Connector> {
    this.enter({ op: "activate", id });
    const stored = this.mustGet(id);
    if (stored.authorizationRequired) {
      throw apiError(
        409,
        "AUTHORIZATION_REQUIRED",
        "Re-authorize the connector with Google before activating it.",
      );
    }
    if (!stored.active) {
      stored.active = true;
      this.touch(stored);
    }
    return this.public(stored);
  }

  async deactivate(id: string): Promise<Connector> {
    this.enter({ op: "deactivate", id });
    const stored = this.mustGet(id);
    if (stored.active) {
      stored.active = false;
      this.touch(stored);
    }
    return this.public(stored);
  }

  async reauthorize(id: string, googleAuthorization: string): Promise<Connector> {
    this.enter({ op: "reauthorize", id });
    const stored = this.mustGet(id);
    if (stored.type !== "GOOGLE_CCAI")
      throw apiError(400, "VALIDATION_FAILED", "only GOOGLE_CCAI re-authorizes");
    stored.secrets.googleAuthorization = googleAuthorization;
    stored.authorizationRequired = false;
    this.touch(stored);
    return this.public(stored);
  }

  async delete(id: string): Promise<boolean> {
    this.enter({ op: "delete", id });
    const stored = this.connectors.get(id);
    if (!stored) return false;
    if (stored.active)
      throw apiError(409, "CONNECTOR_ACTIVE", "Deactivate the connector before deleting it.");
    const refs = this.references.get(id) ?? [];
    if (refs.length > 0) {
      throw new WebexApiError(`Deleting connector: ${refs[0].name} refers to it.`, {
        status: 412,
        orgId: this.orgId,
        reason: "REFERENCED",
        references: refs,
      });
    }
    this.connectors.delete(id);
    return true;
  }

  async incomingReferences(id: string): Promise<Reference[]> {
    this.enter({ op: "references", id });
    this.mustGet(id);
    return this.references.get(id) ?? [];
  }

  /** The quota reservations the lifecycle asked for, in order (calls each). */
  readonly reservations: number[] = [];

  async withReservedQuota<T>(calls: number, sequence: () => Promise<T>): Promise<T> {
    this.reservations.push(calls);
    return sequence();
  }

  /** The stored secrets, to assert what was applied. */
  secretsOf(id: string): Record<string, string> {
    return { ...this.mustGet(id).secrets };
  }
}

function accessOf(scopes: unknown): string {
  return Array.isArray(scopes) && scopes.includes("cjp_config_write") ? "READ_WRITE" : "READ_ONLY";
}

export function apiError(status: number, reason: string, message: string): WebexApiError {
  return new WebexApiError(message, { status, orgId: "org-test", reason });
}
