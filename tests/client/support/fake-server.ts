// A tiny HTTP server on 127.0.0.1 whose behaviour each test scripts, for the transport rules the emulator
// cannot easily provoke (dropped sockets, odd headers, exact status sequences).
import * as http from "node:http";
import type { AddressInfo } from "node:net";

export interface SeenRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** Returns a reply, "drop" to destroy the socket without answering, or "hang" to never answer. */
export type Handler = (req: SeenRequest) => Reply | "drop" | "hang" | Promise<Reply | "drop" | "hang">;

export interface FakeServer {
  url: string;
  requests: SeenRequest[];
  handle(handler: Handler): void;
  close(): Promise<void>;
}

export async function startFakeServer(initial?: Handler): Promise<FakeServer> {
  let handler: Handler = initial ?? (() => ({ status: 404, body: { error: { message: "no handler" } } }));
  const requests: SeenRequest[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", async () => {
      const url = new URL(req.url ?? "/", "http://127.0.0.1");
      const seen: SeenRequest = {
        method: req.method ?? "GET",
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      };
      requests.push(seen);
      const reply = await handler(seen);
      if (reply === "drop") {
        req.socket.destroy();
        return;
      }
      if (reply === "hang") return;
      const isText = typeof reply.body === "string";
      const payload =
        reply.body === undefined ? "" : isText ? (reply.body as string) : JSON.stringify(reply.body);
      res.writeHead(reply.status, {
        "content-type": isText ? "text/html" : "application/json",
        ...reply.headers,
      });
      res.end(payload);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    handle(next) {
      handler = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** An error body shaped like the API's ApiErrorResponse. */
export function apiErrorBody(
  status: number,
  reason: string,
  description: string,
  extra: Record<string, unknown> = {},
) {
  return {
    trackingId: `fake_${status}_${reason}`,
    error: { key: String(status), reason, message: [{ description, ...extra }] },
  };
}

export function connectorBody(overrides: Record<string, unknown> = {}) {
  return {
    id: "c-1",
    organizationId: "org-1",
    name: "Custom-1",
    type: "CUSTOM",
    description: "",
    active: true,
    version: 0,
    settings: { resourceDomainUrl: "https://example.test" },
    credentials: { authType: "BASIC", username: "u" },
    secretFields: ["password"],
    createdTime: 1_763_760_000_000,
    lastUpdatedTime: 1_763_760_000_000,
    ...overrides,
  };
}
