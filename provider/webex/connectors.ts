// The connectors API of one org (docs/connectors-api.md), on top of the OrgCaller's transport rules.
import { isDeepStrictEqual } from "node:util";
import type { Redactor } from "../redact";
import { type CallContext, connectorLabel, describeCall } from "./api-errors";
import { AmbiguousWriteError } from "./errors";
import { type ApiCall, type ApiResult, type OrgCaller, UncertainOutcome } from "./org-caller";
import type { HttpResponse } from "./transport";
import type {
  Connector,
  ConnectorAccess,
  ConnectorCreate,
  ConnectorsApi,
  ConnectorType,
  ConnectorUpdate,
  Reference,
} from "./types";

const MAX_PAGES = 10_000;

/**
 * How far apart "created by the server" and "sent by us" may be, on the server's clock, for a connector found
 * after an uncertain create to count as the one the POST made. The Date header has whole seconds (up to 1 s
 * low) and the request needs time to arrive; 2 s more covers both and stays far below the gap between a run
 * and any earlier stack's create.
 */
export const CREATE_CLOCK_TOLERANCE_MS = 2_000;

/** The server's clock relative to ours, from a response's Date header. */
interface ServerClock {
  /** Server time minus client time, in milliseconds. */
  offsetMs?: number;
}

function readServerClock(res: HttpResponse, receivedAt: number, clock: ServerClock): void {
  const date = res.headers.date === undefined ? Number.NaN : Date.parse(res.headers.date);
  if (!Number.isNaN(date)) clock.offsetMs = date - receivedAt;
}

/**
 * Why a connector found by name cannot be the one a POST sent at `sentAt` (client clock) created, or
 * undefined when the server's clock says it was created after that POST left.
 */
function createdBefore(found: Connector, sentAt: number, clock: ServerClock): string | undefined {
  if (clock.offsetMs === undefined) {
    return "the server's answer carried no Date header, so when it was created cannot be compared with when the request was sent";
  }
  const sentOnServerClock = sentAt + clock.offsetMs;
  if (found.createdTime >= sentOnServerClock - CREATE_CLOCK_TOLERANCE_MS) return undefined;
  return (
    `it was created before this run's request was sent (sent about ${new Date(sentOnServerClock).toISOString()} ` +
    `by the server's clock)`
  );
}

interface Page<T> {
  meta?: { page?: number; totalPages?: number; links?: { next?: string } };
  data?: T[];
}

/**
 * Quotes a value for the list filter (name=="…"), or undefined when the filter cannot carry it unambiguously
 * (a ";" or both kinds of quote): the caller then filters the full list itself.
 */
function filterValue(value: string): string | undefined {
  if (value.includes(";") || (value.includes('"') && value.includes("'"))) return undefined;
  return value.includes('"') ? `'${value}'` : `"${value}"`;
}

function asConnector(ctx: CallContext, result: ApiResult, caller: OrgCaller): Connector {
  const body = result.body as Partial<Connector> | undefined;
  if (!body || typeof body !== "object" || typeof body.id !== "string") {
    throw caller.failure(ctx, result, "The response is not a connector object.");
  }
  return body as Connector;
}

export class OrgConnectors implements ConnectorsApi {
  readonly orgId: string;
  private readonly base: string;

  constructor(
    private readonly caller: OrgCaller,
    private readonly pageSize: number,
  ) {
    this.orgId = caller.orgId;
    this.base = `/organization/${encodeURIComponent(caller.orgId)}`;
  }

  private ctx(operation: CallContext["operation"], connector?: string): CallContext {
    return { orgId: this.orgId, operation, ...(connector ? { connector } : {}) };
  }

  private itemPath(id: string, suffix = ""): string {
    return `${this.base}/connector/${encodeURIComponent(id)}${suffix}`;
  }

  private async allPages<T>(
    path: string,
    query: URLSearchParams,
    ctx: CallContext,
    onResponse?: ApiCall["onResponse"],
  ): Promise<T[]> {
    const items: T[] = [];
    for (let page = 0; page < MAX_PAGES; page++) {
      query.set("page", String(page));
      query.set("pageSize", String(this.pageSize));
      const result = await this.caller.call({
        method: "GET",
        path: `${path}?${query}`,
        ctx,
        replay: "retry",
        ...(onResponse ? { onResponse } : {}),
      });
      const body = result.body as Page<T> | undefined;
      if (!body || !Array.isArray(body.data))
        throw this.caller.failure(ctx, result, "The response has no data array.");
      items.push(...body.data);
      const totalPages = body.meta?.totalPages;
      const more = typeof totalPages === "number" ? page + 1 < totalPages : Boolean(body.meta?.links?.next);
      if (!more || body.data.length === 0) return items;
    }
    throw new Error(`${describeCall(ctx)}: more than ${MAX_PAGES} pages; refusing to continue.`);
  }

  list(filter?: { name?: string; type?: ConnectorType }): Promise<Connector[]> {
    return this.listWith(filter);
  }

  private async listWith(
    filter?: { name?: string; type?: ConnectorType },
    onResponse?: ApiCall["onResponse"],
  ): Promise<Connector[]> {
    const clauses: string[] = [];
    const name = filter?.name;
    const quotedName = name === undefined ? undefined : filterValue(name);
    if (quotedName !== undefined) clauses.push(`name==${quotedName}`);
    if (filter?.type !== undefined) clauses.push(`type=="${filter.type}"`);
    const query = new URLSearchParams();
    if (clauses.length > 0) query.set("filter", clauses.join(";"));
    const ctx = filter?.name !== undefined ? this.ctx("find", connectorLabel(filter.name)) : this.ctx("list");
    const listed = await this.allPages<Connector>(`${this.base}/v2/connector`, query, ctx, onResponse);
    if (name === undefined || quotedName !== undefined) return listed;
    return listed.filter((c) => c.name.toLowerCase() === name.toLowerCase());
  }

  async access(): Promise<ConnectorAccess> {
    const ctx = this.ctx("access");
    const result = await this.caller.call({
      method: "GET",
      path: `${this.base}/connector-access`,
      ctx,
      replay: "retry",
    });
    const body = result.body as Partial<ConnectorAccess> | undefined;
    const known = ["READ_WRITE", "READ_ONLY", "NONE"];
    if (!body || typeof body.role !== "string" || !known.includes(String(body.access))) {
      throw this.caller.failure(ctx, result, "The response is not an access object { role, access }.");
    }
    return { role: body.role, access: body.access as ConnectorAccess["access"] };
  }

  async get(id: string): Promise<Connector | undefined> {
    const ctx = this.ctx("read", connectorLabel(undefined, id));
    const result = await this.caller.call({
      method: "GET",
      path: this.itemPath(id),
      ctx,
      replay: "retry",
      accept: [404],
    });
    return result.status === 404 ? undefined : asConnector(ctx, result, this.caller);
  }

  findByName(name: string): Promise<Connector | undefined> {
    return this.findWith(name);
  }

  private async findWith(name: string, onResponse?: ApiCall["onResponse"]): Promise<Connector | undefined> {
    // Names are unique per org ignoring case; prefer an exact match if the filter matched loosely.
    const candidates = (await this.listWith({ name }, onResponse)).filter(
      (c) => c.name.toLowerCase() === name.toLowerCase(),
    );
    return candidates.find((c) => c.name === name) ?? candidates[0];
  }

  async create(body: ConnectorCreate, isOurs: (found: Connector) => boolean): Promise<Connector> {
    const ctx = this.ctx("create", connectorLabel(body.name));
    const redactor = this.caller.redactorFor(body);
    let sentAt = this.caller.now();
    try {
      const result = await this.caller.call({
        method: "POST",
        path: `${this.base}/connector`,
        body,
        ctx,
        replay: "once",
        redactor,
        onSend: (now) => {
          sentAt = now;
        },
      });
      return asConnector(ctx, result, this.caller);
    } catch (err) {
      if (!(err instanceof UncertainOutcome)) throw err;
      return this.settleUncertainCreate(body, isOurs, err.message, ctx, redactor, sentAt);
    }
  }

  /** After a create that may or may not have been applied: adopt what was created, or say what is known. */
  private async settleUncertainCreate(
    body: ConnectorCreate,
    isOurs: (found: Connector) => boolean,
    what: string,
    ctx: CallContext,
    redactor: Redactor,
    sentAt: number,
  ): Promise<Connector> {
    const name = JSON.stringify(body.name);
    const head = `${describeCall(ctx)} has an uncertain outcome: ${what}. A create is never sent twice, so the connector was looked up by name instead:`;
    const fail = (known: string) =>
      new AmbiguousWriteError(redactor.redact(`${head} ${known}`), {
        orgId: this.orgId,
        connector: body.name,
        method: "POST",
      });
    let found: Connector | undefined;
    const clock: ServerClock = {};
    try {
      found = await this.findWith(body.name, (res) => readServerClock(res, this.caller.now(), clock));
    } catch (lookupError) {
      throw fail(
        `that lookup failed too (${(lookupError as Error).message}), so whether the connector exists is unknown. ` +
          `Check the org for a connector named ${name} before running again.`,
      );
    }
    if (!found) {
      throw fail(
        `no connector named ${name} exists, so it was most likely not created (if the server is still processing ` +
          `the request it may appear shortly). Run the deployment again to retry the create.`,
      );
    }
    const doubt = isOurs(found) ? createdBefore(found, sentAt, clock) : "it does not match what was sent";
    if (doubt === undefined) return found;
    throw fail(
      `a connector named ${name} exists but may belong to someone else (id ${found.id}, type ${found.type}, ` +
        `created ${new Date(found.createdTime).toISOString()}): ${doubt}, so it was not adopted. Check it in ` +
        `Control Hub: if this run created it after all, delete it and run the deployment again; otherwise ` +
        `rename this resource or the other connector.`,
    );
  }

  async update(body: ConnectorUpdate): Promise<Connector> {
    const ctx = this.ctx("update", connectorLabel(body.name, body.id));
    const redactor = this.caller.redactorFor(body);
    const result = await this.caller.call({
      method: "PUT",
      path: this.itemPath(body.id),
      body,
      ctx,
      replay: "retry",
      accept: [409],
      redactor,
    });
    if (result.status !== 409) return asConnector(ctx, result, this.caller);
    const reason = (result.body as { error?: { reason?: unknown } } | undefined)?.error?.reason;
    if (result.replayed && reason === "VERSION_CONFLICT") {
      // An earlier attempt may have been applied and bumped the version: if the stored connector is exactly
      // one version on and carries what we sent, that attempt was ours.
      const current = await this.get(body.id);
      if (current && current.version === body.version + 1 && this.carries(current, body)) return current;
    }
    throw this.caller.failure(ctx, result, undefined, redactor);
  }

  private carries(current: Connector, sent: ConnectorUpdate): boolean {
    return (
      (current.description ?? "") === (sent.description ?? "") &&
      isDeepStrictEqual(current.settings ?? {}, sent.settings ?? {})
    );
  }

  private async action(
    id: string,
    action: "activate" | "deactivate" | "reauthorize",
    body?: unknown,
  ): Promise<Connector> {
    const ctx = this.ctx(action, connectorLabel(undefined, id));
    const redactor = body === undefined ? undefined : this.caller.redactorFor(body);
    const result = await this.caller.call({
      method: "POST",
      path: this.itemPath(id, `/${action}`),
      ...(body !== undefined ? { body } : {}),
      ctx,
      replay: "retry",
      ...(redactor ? { redactor } : {}),
    });
    return asConnector(ctx, result, this.caller);
  }

  activate(id: string): Promise<Connector> {
    return this.action(id, "activate");
  }

  deactivate(id: string): Promise<Connector> {
    return this.action(id, "deactivate");
  }

  reauthorize(id: string, googleAuthorization: string): Promise<Connector> {
    return this.action(id, "reauthorize", { googleAuthorization });
  }

  async delete(id: string): Promise<boolean> {
    const ctx = this.ctx("delete", connectorLabel(undefined, id));
    const result = await this.caller.call({
      method: "DELETE",
      path: this.itemPath(id),
      ctx,
      replay: "retry",
      accept: [404],
    });
    // A 404 on a replay means an earlier attempt deleted it.
    return result.status !== 404 || result.replayed;
  }

  async incomingReferences(id: string): Promise<Reference[]> {
    const ctx = this.ctx("references", connectorLabel(undefined, id));
    return this.allPages<Reference>(this.itemPath(id, "/incoming-references"), new URLSearchParams(), ctx);
  }

  withReservedQuota<T>(calls: number, sequence: () => Promise<T>): Promise<T> {
    return this.caller.withReservedQuota(calls, sequence);
  }
}
