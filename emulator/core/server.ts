// The HTTP core: parses each request, applies the traffic controls, routes it to a part, and answers in the
// product's shapes. Parts never see the socket.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { setTimeout as delay } from "node:timers/promises";
import { grantOf } from "../identity/webex-tokens";
import type { EmulatorRequest, EmulatorResponse, Route } from "../types";
import { EmulatorHttpError, errorBody, errorResponse, newTrackingId, notFound } from "./errors";
import { bearerToken, readBody, toEmulatorRequest } from "./request";
import type { EmulatorRuntime } from "./runtime";
import { hashSecret } from "./secrets";
import type { TrafficControls } from "./traffic";

export const CONTROL_PREFIX = "/_emulator/";

export interface ServerParts {
  rt: EmulatorRuntime;
  traffic: TrafficControls;
  /** The control API and the parts' control endpoints, asked in order: no latency, rate limit, faults or log. */
  control: Route[];
  /** The product's parts, asked in order. */
  routes: Route[];
}

/** `now`: the emulator's clock, sent as the Date header (clients compare it with createdTime). */
function send(res: ServerResponse, response: EmulatorResponse, trackingId: string, now?: number): void {
  const headers: Record<string, string> = {
    TrackingID: trackingId,
    ...(now === undefined ? {} : { Date: new Date(now).toUTCString() }),
    ...(response.headers ?? {}),
  };
  let payload: Buffer | string | undefined;
  if (response.body === undefined || response.status === 204) {
    payload = undefined;
  } else if (typeof response.body === "string" || Buffer.isBuffer(response.body)) {
    payload = response.body;
  } else {
    payload = JSON.stringify(response.body);
    if (!Object.keys(headers).some((name) => name.toLowerCase() === "content-type")) {
      headers["Content-Type"] = "application/json";
    }
  }
  res.writeHead(response.status, headers);
  res.end(payload);
}

async function answer(route: Route, req: EmulatorRequest, parts: ServerParts, trackingId: string) {
  try {
    return await route(req, parts.rt.context);
  } catch (error) {
    if (error instanceof EmulatorHttpError) return errorResponse(error, trackingId);
    process.stderr.write(
      `wxcc-emulator: internal error on ${req.method} ${req.path}: ${(error as Error).name}\n`,
    );
    return errorResponse(
      new EmulatorHttpError(
        500,
        "INTERNAL_ERROR",
        "The emulator failed to handle the request; see its stderr.",
      ),
      trackingId,
    );
  }
}

function notFoundResponse(req: EmulatorRequest, trackingId: string): EmulatorResponse {
  return errorResponse(notFound(`Nothing answers ${req.method} ${req.path} on this emulator.`), trackingId);
}

async function routeTo(
  routes: Route[],
  req: EmulatorRequest,
  parts: ServerParts,
  trackingId: string,
): Promise<EmulatorResponse> {
  for (const route of routes) {
    const response = await answer(route, req, parts, trackingId);
    if (response) return response;
  }
  return notFoundResponse(req, trackingId);
}

/** The OAuth client behind the request: its bearer token's, or the form's client_id on token endpoints. */
function clientOf(parts: ServerParts, req: EmulatorRequest): string | undefined {
  const token = bearerToken(req);
  if (token) return grantOf(parts.rt, token)?.clientId;
  const isForm = req.headers["content-type"]?.includes("application/x-www-form-urlencoded");
  return (isForm ? req.form().get("client_id") : null) || undefined;
}

/**
 * The service a request is for: in reality the identity service (webexapis.com), the Contact Center API
 * (api.wxcc-<region>.cisco.com) and Salesforce are separate hosts, each counting its own requests.
 */
function serviceOf(path: string): "identity" | "salesforce" | "api" {
  if (path.startsWith("/v1/")) return "identity";
  if (path.startsWith("/salesforce/")) return "salesforce";
  return "api";
}

function rateKey(parts: ServerParts, req: EmulatorRequest, remote: string | undefined): string {
  const token = bearerToken(req);
  const client = clientOf(parts, req) ?? (token ? `token:${hashSecret(token)}` : `anonymous:${remote ?? ""}`);
  return `${serviceOf(req.path)}|${client}`;
}

function whoAndWhere(parts: ServerParts, req: EmulatorRequest): { orgId?: string; clientId?: string } {
  const token = bearerToken(req);
  const grant = token ? grantOf(parts.rt, token) : undefined;
  const pathOrg = /^\/(?:organization|flow-store)\/([^/]+)\//.exec(req.path);
  const orgId = pathOrg ? decodeURIComponent(pathOrg[1]) : grant?.orgIds[0];
  const clientId = clientOf(parts, req);
  return {
    ...(orgId === undefined ? {} : { orgId }),
    ...(clientId === undefined ? {} : { clientId }),
  };
}

async function handleProduct(
  parts: ServerParts,
  req: EmulatorRequest,
  incoming: IncomingMessage,
  res: ServerResponse,
  trackingId: string,
): Promise<void> {
  const { traffic, rt } = parts;
  if (traffic.latencyMs > 0) await delay(traffic.latencyMs);
  const log = (status: number, fault?: string) =>
    traffic.log.add({
      time: rt.now(),
      method: req.method,
      path: req.path,
      status,
      ...whoAndWhere(parts, req),
      ...(fault === undefined ? {} : { fault }),
    });
  const fault = traffic.faults.take(req.method, req.path);
  if (fault?.mode === "drop-before-apply") {
    log(0, fault.mode);
    incoming.socket.destroy();
    return;
  }
  if (fault?.status !== undefined) {
    const body =
      fault.body ??
      errorBody(trackingId, fault.status, "INJECTED_FAULT", [
        { description: "A fault injected through the emulator's control API." },
      ]);
    send(res, { status: fault.status, headers: fault.headers, body }, trackingId, rt.now());
    log(fault.status, "status");
    return;
  }
  const waitSeconds = traffic.limiter.take(rateKey(parts, req, incoming.socket.remoteAddress));
  if (waitSeconds > 0) {
    const limited = new EmulatorHttpError(
      429,
      "RATE_LIMITED",
      `Too many requests from this client; retry after ${waitSeconds} seconds.`,
      undefined,
      {},
      { "Retry-After": String(waitSeconds) },
    );
    send(res, errorResponse(limited, trackingId), trackingId, rt.now());
    log(429);
    return;
  }
  const response = await routeTo(parts.routes, req, parts, trackingId);
  rt.flush();
  if (fault?.mode === "drop-after-apply") {
    log(0, fault.mode);
    incoming.socket.destroy();
    return;
  }
  send(res, response, trackingId, rt.now());
  log(response.status);
}

async function handle(parts: ServerParts, incoming: IncomingMessage, res: ServerResponse): Promise<void> {
  const trackingId = newTrackingId();
  let req: EmulatorRequest;
  try {
    req = toEmulatorRequest(incoming, await readBody(incoming));
  } catch (error) {
    const failure =
      error instanceof EmulatorHttpError
        ? error
        : new EmulatorHttpError(400, "BAD_REQUEST", "The request could not be read.");
    send(res, errorResponse(failure, trackingId), trackingId);
    return;
  }
  if (req.path.startsWith(CONTROL_PREFIX)) {
    const response = await routeTo(parts.control, req, parts, trackingId);
    parts.rt.flush();
    send(res, response, trackingId);
    return;
  }
  await handleProduct(parts, req, incoming, res, trackingId);
}

export function createEmulatorServer(parts: ServerParts): Server {
  const server = createServer((incoming, res) => {
    handle(parts, incoming, res).catch((error: unknown) => {
      process.stderr.write(`wxcc-emulator: failed to answer a request: ${(error as Error).name}\n`);
      if (!res.headersSent) {
        res.writeHead(500);
        res.end();
      } else {
        res.destroy();
      }
    });
  });
  return server;
}
