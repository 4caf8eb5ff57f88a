// Turns an API refusal into a WebexApiError whose message alone tells an operator what happened: which
// org, which connector, which operation, the HTTP status and reason, the server's words, the trackingId,
// and for 403 the role that is needed.
import type { Redactor } from "../redact";
import { settingName } from "../settings";
import { WebexApiError } from "./errors";
import type { HttpResponse } from "./transport";
import type { Reference } from "./types";

export type Operation =
  | "access"
  | "list"
  | "read"
  | "find"
  | "create"
  | "update"
  | "activate"
  | "deactivate"
  | "reauthorize"
  | "delete"
  | "references"
  | "list-flows"
  | "export-flow"
  | "import-flow"
  | "publish-flow";

export interface CallContext {
  orgId: string;
  operation: Operation;
  /** How to name the connector (or the flow, for flow operations): its name, its id, or both. */
  connector?: string;
  /** What the call is about, when not a connector (e.g. "desktop layout"). */
  noun?: string;
}

const VERBS: Record<Operation, string> = {
  access: "Checking the credentials' access to connectors",
  list: "Listing connectors",
  read: "Reading connector",
  find: "Looking up connector",
  create: "Creating connector",
  update: "Updating connector",
  activate: "Activating connector",
  deactivate: "Deactivating connector",
  reauthorize: "Re-authorizing connector",
  delete: "Deleting connector",
  references: "Listing what refers to connector",
  "list-flows": "Listing flows",
  "export-flow": "Exporting flow",
  "import-flow": "Importing flow",
  "publish-flow": "Publishing flow",
};

/** "Creating connector "Salesforce-Prod" in org org-acme" */
export function describeCall(ctx: CallContext): string {
  const verb = ctx.noun
    ? VERBS[ctx.operation].replace(/connectors?/, (w) => ctx.noun + w.slice(9))
    : VERBS[ctx.operation];
  const subject = ctx.connector ? `${verb} ${ctx.connector}` : verb;
  return `${subject} in org ${ctx.orgId}`;
}

/** Names a connector by name and/or id for messages. */
export function connectorLabel(name: string | undefined, id?: string): string {
  if (name && id) return `${JSON.stringify(name)} (id ${id})`;
  if (name) return JSON.stringify(name);
  return id ? `id ${id}` : "";
}

interface ApiErrorBody {
  trackingId?: unknown;
  error?: { key?: unknown; reason?: unknown; message?: unknown };
}

interface ParsedError {
  reason?: string;
  descriptions: string[];
  field?: string;
  references?: Reference[];
  trackingId?: string;
  roleNeeded?: string;
}

function asReferences(value: unknown): Reference[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const refs = value.filter(
    (r): r is Reference => r !== null && typeof r === "object" && typeof (r as Reference).id === "string",
  );
  return refs.length > 0
    ? refs.map((r) => ({ type: String(r.type), id: r.id, name: String(r.name ?? "") }))
    : undefined;
}

/** The trackingId of a response: from the error body, else the TrackingID header. */
export function trackingIdOf(res: HttpResponse): string | undefined {
  const fromBody = (res.json as ApiErrorBody | undefined)?.trackingId;
  return typeof fromBody === "string" ? fromBody : res.headers.trackingid;
}

function parseErrorBody(res: HttpResponse): ParsedError {
  const body = (res.json ?? {}) as ApiErrorBody;
  const parsed: ParsedError = { descriptions: [] };
  const trackingId = trackingIdOf(res);
  if (trackingId) parsed.trackingId = trackingId;
  const error = body.error;
  if (error && typeof error === "object") {
    if (typeof error.reason === "string") parsed.reason = error.reason;
    const messages = Array.isArray(error.message) ? error.message : [error.message];
    for (const item of messages) {
      if (typeof item === "string") parsed.descriptions.push(item);
      else if (item && typeof item === "object") {
        const m = item as Record<string, unknown>;
        if (typeof m.description === "string") parsed.descriptions.push(m.description);
        if (typeof m.field === "string" && !parsed.field) parsed.field = m.field;
        parsed.references ??= asReferences(m.references);
        if (typeof m.roleNeeded === "string") parsed.roleNeeded ??= m.roleNeeded;
      }
    }
  }
  if (parsed.descriptions.length === 0 && res.json === undefined && res.text.trim() !== "") {
    // Not an ApiErrorResponse (e.g. a proxy's HTML page): quote the start of it.
    parsed.descriptions.push(res.text.trim().replace(/\s+/g, " ").slice(0, 300));
  }
  return parsed;
}

/** The role a 403 asks for, as the server words it ("… needs a read/write administrator role (…)"). */
export function roleNeededFrom(descriptions: string[], structured?: string): string | undefined {
  const group = String.raw`\((?:[^()]|\([^()]*\))*\)`; // one level of nested parentheses
  const pattern = new RegExp(
    String.raw`\bneeds? (?:an? |the )?((?:[^;.()]|${group})*?\brole\b(?:\s*${group})?)`,
    "i",
  );
  for (const text of descriptions) {
    const match = pattern.exec(text);
    if (match) return match[1]!.trim();
  }
  return structured;
}

function statusText(status: number): string {
  const known: Record<number, string> = {
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not Found",
    409: "Conflict",
    412: "Precondition Failed",
    429: "Too Many Requests",
    500: "Internal Server Error",
    502: "Bad Gateway",
    503: "Service Unavailable",
    504: "Gateway Timeout",
  };
  return known[status] ?? "HTTP error";
}

/** Calls on the API's collection paths: a 404 there means the host does not serve the connectors API. */
const COLLECTION_OPERATIONS: ReadonlySet<Operation> = new Set(["access", "list", "find", "create"]);
const NAME_NOT_RESOLVED = new Set(["ENOTFOUND", "EAI_AGAIN"]);

/**
 * What to do when the host does not serve the connectors API: Webex has not published one, so only the
 * emulator or an endpoint implementing the project's contract can answer.
 */
export function unpublishedApiNote(what: string): string {
  return (
    `${what} Webex has not published an API for Contact Center connectors: the provider expects an endpoint ` +
    `that implements pulumi-wxcc's contract (docs/connectors-api.md: GET /organization/{orgId}/v2/connector, ` +
    `POST /organization/{orgId}/connector, …). Point ${settingName("baseUrl")} and ${settingName("identityUrl")} ` +
    `at the emulator (npx wxcc-emulator prints its URL) or at an endpoint that implements that contract.`
  );
}

export function apiError(
  ctx: CallContext,
  res: HttpResponse,
  redactor: Redactor,
  note?: string,
): WebexApiError {
  const parsed = parseErrorBody(res);
  const roleNeeded = res.status === 403 ? roleNeededFrom(parsed.descriptions, parsed.roleNeeded) : undefined;
  const said = parsed.descriptions.length > 0 ? parsed.descriptions.join(" ") : statusText(res.status);
  const parts = [
    `${describeCall(ctx)} failed: HTTP ${res.status}${parsed.reason ? ` ${parsed.reason}` : ""}: ${said}`,
  ];
  if (parsed.field) parts.push(`(field: ${parsed.field})`);
  // The server usually words the role itself; say it separately only when it did not.
  if (roleNeeded && !said.includes(roleNeeded)) parts.push(`Role needed: ${roleNeeded}.`);
  if (parsed.references) {
    const list = parsed.references.map((r) => `${r.type} ${JSON.stringify(r.name)} (id ${r.id})`).join(", ");
    parts.push(`Referenced by: ${list}.`);
  }
  if (note) parts.push(note);
  if (res.status === 404 && COLLECTION_OPERATIONS.has(ctx.operation)) {
    parts.push(unpublishedApiNote("This host does not serve the connectors API."));
  }
  parts.push(`[trackingId: ${parsed.trackingId ?? "none"}]`);
  return new WebexApiError(redactor.redact(parts.join(" ")), {
    status: res.status,
    orgId: ctx.orgId,
    ...(ctx.connector ? { connector: redactor.redact(ctx.connector) } : {}),
    ...(parsed.reason ? { reason: parsed.reason } : {}),
    ...(parsed.trackingId ? { trackingId: parsed.trackingId } : {}),
    ...(parsed.field ? { field: parsed.field } : {}),
    ...(parsed.references ? { references: parsed.references } : {}),
    ...(roleNeeded ? { roleNeeded: redactor.redact(roleNeeded) } : {}),
  });
}

/** A request that never got an answer, after every attempt. */
export function connectionError(
  ctx: CallContext,
  message: string,
  code: string | undefined,
  attempts: number,
  redactor: Redactor,
): WebexApiError {
  return new WebexApiError(
    redactor.redact(
      `${describeCall(ctx)} failed: no response from Webex after ${attempts} attempt${attempts === 1 ? "" : "s"}: ` +
        `${message}${code ? ` (${code})` : ""}.` +
        (code !== undefined && NAME_NOT_RESOLVED.has(code)
          ? ` ${unpublishedApiNote("The API host's name does not resolve.")}`
          : ""),
    ),
    {
      status: 0,
      orgId: ctx.orgId,
      reason: code ?? "CONNECTION_FAILED",
      ...(ctx.connector ? { connector: ctx.connector } : {}),
    },
  );
}
