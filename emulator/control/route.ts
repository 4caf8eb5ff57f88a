// The control API under /_emulator/ (docs/emulator.md): how tests and the demo set up and inspect the world.

import { isPlainObject } from "../connectors/fields";
import { connectorsOf, findConnector, referencesTo, touch } from "../connectors/route";
import { badRequest, methodNotAllowed, notFound } from "../core/errors";
import { parseFaultSpec } from "../core/faults";
import type { EmulatorRuntime } from "../core/runtime";
import { hashSecret } from "../core/secrets";
import type { TrafficControls } from "../core/traffic";
import type { EmulatorRequest, EmulatorResponse, Route } from "../types";
import {
  createAdmin,
  createCcaiConfig,
  createOrg,
  createServiceApp,
  registerBasicAuth,
  registerConnectedApp,
  registerOAuthClient,
} from "./registry";

type Handler = (req: EmulatorRequest, params: string[]) => EmulatorResponse | Promise<EmulatorResponse>;

interface Endpoint {
  method: string;
  pattern: RegExp;
  handler: Handler;
}

function input(req: EmulatorRequest): Record<string, unknown> {
  if (req.body.length === 0) return {};
  const parsed = req.json();
  if (!isPlainObject(parsed)) throw badRequest("body", "The request body must be a JSON object.");
  return parsed;
}

const ok = (body: unknown, status = 200): EmulatorResponse => ({ status, body });

export function controlRoute(rt: EmulatorRuntime, traffic: TrafficControls): Route {
  const endpoints: Endpoint[] = [];
  const on = (method: string, path: string, handler: Handler) => {
    const pattern = new RegExp(`^/_emulator${path.replace(/\{[^}]+\}/g, "([^/]+)")}$`);
    endpoints.push({ method, pattern, handler });
  };

  on("POST", "/orgs", (req) => ok(createOrg(rt, input(req)), 201));
  on("GET", "/orgs", () => ok({ data: Object.values(rt.state.orgs).map((org) => structuredClone(org)) }));
  on("POST", "/orgs/{orgId}/admins", (req, [orgId]) => ok(createAdmin(rt, orgId, input(req)), 201));
  on("POST", "/service-apps", (req) => ok(createServiceApp(rt, input(req)), 201));
  on("POST", "/salesforce/connected-apps", (req) => ok(registerConnectedApp(rt, input(req)), 201));
  on("POST", "/oauth/clients", (req) => ok(registerOAuthClient(rt, input(req)), 201));
  on("POST", "/basic-auth", (req) => ok(registerBasicAuth(rt, input(req)), 201));
  on("POST", "/orgs/{orgId}/ccai-configs", (req, [orgId]) =>
    ok(createCcaiConfig(rt, orgId, input(req)), 201),
  );
  on("DELETE", "/orgs/{orgId}/ccai-configs/{id}", (_req, [orgId, id]) => {
    const before = rt.state.ccaiConfigs.length;
    rt.state.ccaiConfigs = rt.state.ccaiConfigs.filter((c) => !(c.orgId === orgId && c.id === id));
    if (rt.state.ccaiConfigs.length === before) throw notFound(`No CCAI config ${id} in org ${orgId}.`);
    rt.changed();
    return { status: 204 };
  });

  on("GET", "/requests", (req) => {
    const since = req.query.get("since");
    if (since !== null && !/^\d+$/.test(since))
      throw badRequest("since", "since must be a request seq number.");
    const after = since === null ? 0 : Number(since);
    return ok({ data: traffic.log.since(after), dropped: traffic.log.droppedAfter(after) });
  });
  on("DELETE", "/requests", () => {
    traffic.log.clear();
    return { status: 204 };
  });

  on("POST", "/faults", (req) => ok(traffic.faults.add(parseFaultSpec(input(req))), 201));
  on("GET", "/faults", () => ok({ data: traffic.faults.list() }));
  on("DELETE", "/faults", () => {
    traffic.faults.clear();
    return { status: 204 };
  });
  on("POST", "/latency", (req) => {
    const ms = input(req).ms;
    if (typeof ms !== "number" || !Number.isFinite(ms) || ms < 0) {
      throw badRequest("ms", "ms is required: the added latency in milliseconds (0 to turn it off).");
    }
    traffic.latencyMs = ms;
    return ok({ ms });
  });
  on("POST", "/rate-limit", (req) => {
    const perMinute = input(req).perMinute;
    if (typeof perMinute !== "number" || !Number.isInteger(perMinute) || perMinute < 1) {
      throw badRequest("perMinute", "perMinute is required: requests allowed per client per minute.");
    }
    traffic.limiter.setLimit(perMinute);
    traffic.limiter.reset();
    return ok({ perMinute });
  });
  on("POST", "/tokens/expire", (req) => {
    const token = input(req).accessToken;
    if (typeof token !== "string" || token === "")
      throw badRequest("accessToken", "accessToken is required.");
    const record = rt.state.accessTokens[hashSecret(token)];
    if (!record) throw notFound("No such access token.");
    record.expiresAt = rt.now();
    rt.changed();
    return ok({ expiresAt: record.expiresAt });
  });

  on("GET", "/orgs/{orgId}/connectors", (_req, [orgId]) => {
    const org = rt.state.orgs[orgId];
    if (!org) throw notFound(`No org with the id ${orgId}.`);
    const data = connectorsOf(rt, orgId).map(({ secretHashes, ...rest }) => ({
      ...structuredClone(rest),
      secretFields: Object.keys(secretHashes).sort(),
      references: referencesTo(rt, orgId, rest.id),
    }));
    return ok({ org, data });
  });
  on("POST", "/orgs/{orgId}/connectors/{id}/deactivate", (_req, [orgId, id]) => {
    const record = findConnector(rt, orgId, id);
    if (record.active) {
      record.active = false;
      touch(rt, record);
    }
    return ok({ id, active: false, version: record.version });
  });
  on("DELETE", "/orgs/{orgId}/connectors/{id}", (_req, [orgId, id]) => {
    const record = findConnector(rt, orgId, id);
    rt.state.connectors = rt.state.connectors.filter((c) => c !== record);
    rt.changed();
    return { status: 204 };
  });

  return async (req) => {
    let pathMatched = false;
    for (const endpoint of endpoints) {
      const match = endpoint.pattern.exec(req.path);
      if (!match) continue;
      pathMatched = true;
      if (endpoint.method !== req.method) continue;
      return endpoint.handler(req, match.slice(1).map(decodeURIComponent));
    }
    if (pathMatched) throw methodNotAllowed(req);
    // Not ours: parts have control endpoints too (the emulated Salesforce's under /_emulator/salesforce/).
    return undefined;
  };
}
