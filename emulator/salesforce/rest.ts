// The REST API under /salesforce/services/data: the version list, SOQL query (with nextRecordsUrl paging),
// User and CallCenter records, User.CallCenterId updates, and the Metadata deploy request.
import type { EmulatorContext, EmulatorRequest, EmulatorResponse } from "../types";
import { deployStatus, startDeploy } from "./deploy";
import {
  bearer,
  invalidSession,
  json,
  MAX_API_VERSION,
  MIN_API_VERSION,
  restError,
  sessionOf,
  spendApiRequest,
} from "./http";
import { parseSoql, runSoql, SoqlError } from "./soql";
import { type SalesforceState, type SfUser, salesforceState, sameId } from "./state";

const NOT_FOUND = "The requested resource does not exist";

function versions(): EmulatorResponse {
  const list = [];
  for (let v = MIN_API_VERSION; v <= MAX_API_VERSION; v++) {
    list.push({ label: `v${v}.0`, url: `/services/data/v${v}.0`, version: `${v}.0` });
  }
  return json(200, list);
}

function tables(state: SalesforceState, version: string) {
  return {
    User: {
      fields: ["Id", "Username", "Name", "CallCenterId", "IsActive"],
      rows: state.users.map((u) => ({
        __url: `/services/data/v${version}/sobjects/User/${u.id}`,
        Id: u.id,
        Username: u.username,
        Name: u.username,
        CallCenterId: u.callCenterId,
        IsActive: u.isActive,
      })),
    },
    CallCenter: {
      fields: ["Id", "Name", "InternalName", "AdapterUrl", "CustomSettings", "Version"],
      rows: state.callCenters.map((c) => ({
        __url: `/services/data/v${version}/sobjects/CallCenter/${c.id}`,
        Id: c.id,
        Name: c.displayName,
        InternalName: c.fullName,
        AdapterUrl: c.adapterUrl,
        CustomSettings: c.customSettings,
        Version: c.version === null ? null : Number(c.version),
      })),
    },
  };
}

function page(
  state: SalesforceState,
  version: string,
  cursor: string,
  records: Record<string, unknown>[],
  from: number,
) {
  const batch = records.slice(from, from + state.queryBatchSize);
  const done = from + batch.length >= records.length;
  const body: Record<string, unknown> = { totalSize: records.length, done, records: batch };
  if (!done) body.nextRecordsUrl = `/services/data/v${version}/query/${cursor}-${from + batch.length}`;
  return json(200, body, state);
}

function query(req: EmulatorRequest, state: SalesforceState, version: string): EmulatorResponse {
  const q = req.query.get("q");
  if (!q) return restError(400, "MALFORMED_QUERY", "A query string (q) is required", state);
  let records: Record<string, unknown>[];
  try {
    records = runSoql(parseSoql(q), tables(state, version), (a, b) =>
      typeof a === "string" && typeof b === "string"
        ? sameId(a, b) || a.toLowerCase() === b.toLowerCase()
        : a === b,
    );
  } catch (e) {
    if (e instanceof SoqlError) return restError(400, e.errorCode, e.message, state);
    throw e;
  }
  if (records.length <= state.queryBatchSize) return page(state, version, "", records, 0);
  state.counter += 1;
  const cursor = `01g${state.counter.toString(36).toUpperCase().padStart(12, "0")}`;
  state.cursors[cursor] = { records, next: 0 };
  // Query locators expire in Salesforce too; only the most recent ones are kept.
  const keys = Object.keys(state.cursors);
  for (const old of keys.slice(0, Math.max(0, keys.length - 20))) delete state.cursors[old];
  return page(state, version, cursor, records, 0);
}

function moreResults(state: SalesforceState, version: string, locator: string): EmulatorResponse {
  const m = /^(.+)-(\d+)$/.exec(locator);
  const cursor = m ? state.cursors[m[1]] : undefined;
  if (!m || !cursor) return restError(400, "INVALID_QUERY_LOCATOR", "invalid query locator", state);
  return page(state, version, m[1], cursor.records, Number(m[2]));
}

function userView(u: SfUser, version: string) {
  return {
    attributes: { type: "User", url: `/services/data/v${version}/sobjects/User/${u.id}` },
    Id: u.id,
    Username: u.username,
    Name: u.username,
    CallCenterId: u.callCenterId,
    IsActive: u.isActive,
  };
}

function patchUser(req: EmulatorRequest, state: SalesforceState, user: SfUser): EmulatorResponse {
  let body: unknown;
  try {
    body = JSON.parse(req.body.toString("utf8"));
  } catch {
    return restError(400, "JSON_PARSER_ERROR", "The request body is not valid JSON.", state);
  }
  if (!body || typeof body !== "object" || Array.isArray(body)) {
    return restError(400, "JSON_PARSER_ERROR", "The request body must be a JSON object.", state);
  }
  const fields = Object.keys(body);
  const other = fields.filter((f) => f !== "CallCenterId");
  if (other.length > 0) {
    return restError(
      400,
      "INVALID_FIELD_FOR_INSERT_UPDATE",
      `Unable to create/update fields: ${other.join(", ")}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`,
      state,
      other,
    );
  }
  const value = (body as { CallCenterId?: unknown }).CallCenterId;
  if (value === null) {
    user.callCenterId = null;
    return { status: 204, headers: { "Sforce-Limit-Info": `api-usage=${state.apiUsage}/${state.apiLimit}` } };
  }
  if (typeof value !== "string" || !/^[A-Za-z0-9]{15}([A-Za-z0-9]{3})?$/.test(value)) {
    return restError(
      400,
      "MALFORMED_ID",
      `Call Center ID: id value of incorrect type: ${String(value)}`,
      state,
      ["CallCenterId"],
    );
  }
  const target = state.callCenters.find((c) => sameId(c.id, value));
  if (!target) {
    return restError(400, "INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id", state, [
      "CallCenterId",
    ]);
  }
  user.callCenterId = target.id;
  return { status: 204, headers: { "Sforce-Limit-Info": `api-usage=${state.apiUsage}/${state.apiLimit}` } };
}

/** Answers /salesforce/services/data[/…]; `rest` is the part after /services/data. */
export async function dataApi(
  req: EmulatorRequest,
  ctx: EmulatorContext,
  rest: string,
): Promise<EmulatorResponse> {
  if (rest === "" || rest === "/")
    return req.method === "GET" ? versions() : restError(405, "METHOD_NOT_ALLOWED", "Use GET.");
  const m = /^\/v(\d+)\.(\d)(\/.*)?$/.exec(rest);
  if (!m || Number(m[1]) < MIN_API_VERSION || Number(m[1]) > MAX_API_VERSION)
    return restError(404, "NOT_FOUND", NOT_FOUND);
  const version = `${m[1]}.${m[2]}`;
  const path = (m[3] ?? "/").replace(/\/+$/, "");
  const state = salesforceState(ctx);
  const session = sessionOf(state, bearer(req), ctx.now());
  if (!session) return invalidSession(state);
  // Every authenticated call spends the daily limit, so the state has changed whatever the route does next.
  const refused = spendApiRequest(state);
  ctx.changed();
  if (refused) return refused;

  const route = `${req.method} ${path}`;
  if (route === "GET /query") return query(req, state, version);
  let p = /^GET \/query\/([^/]+)$/.exec(route);
  if (p) return moreResults(state, version, p[1]);
  if (route === "POST /metadata/deployRequest") return startDeploy(req, state, session, ctx.now(), version);
  p = /^GET \/metadata\/deployRequest\/([^/]+)$/.exec(route);
  if (p) return deployStatus(state, decodeURIComponent(p[1]), req.query.get("includeDetails") === "true");
  p = /^(GET|PATCH) \/sobjects\/User\/([^/]+)$/.exec(route);
  if (p) {
    const user = state.users.find((u) => sameId(u.id, decodeURIComponent(p![2])));
    if (!user) return restError(404, "NOT_FOUND", NOT_FOUND, state);
    if (p[1] === "GET") return json(200, userView(user, version), state);
    return patchUser(req, state, user);
  }
  p = /^GET \/sobjects\/CallCenter\/([^/]+)$/.exec(route);
  if (p) {
    const found = tables(state, version).CallCenter.rows.find((r) => sameId(r.Id, decodeURIComponent(p![1])));
    if (!found) return restError(404, "NOT_FOUND", NOT_FOUND, state);
    const { __url, ...fields } = found;
    return json(200, { attributes: { type: "CallCenter", url: __url }, ...fields }, state);
  }
  if (/^(PATCH|DELETE) \/sobjects\/CallCenter\//.test(route)) {
    // The CallCenter sObject supports create and query only: updates and deletes go through the Metadata API.
    return restError(
      405,
      "METHOD_NOT_ALLOWED",
      `HTTP Method '${req.method}' not allowed. Allowed are GET,HEAD`,
      state,
    );
  }
  return restError(404, "NOT_FOUND", NOT_FOUND, state);
}
