// One HTTP exchange over undici, and the one distinction retries depend on: whether a failed request may
// have reached the server (and so may have been applied) or certainly did not leave this process.
import { Agent, request } from "undici";

export interface HttpRequest {
  method: "GET" | "POST" | "PUT" | "DELETE";
  url: string;
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string | undefined>;
  text: string;
  /** The parsed body when it is JSON. */
  json: unknown;
}

/** Errors raised before any byte of the request could reach the server. */
const NOT_SENT_CODES = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EADDRNOTAVAIL",
  "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_INVALID_ARG",
  "ERR_TLS_CERT_ALTNAME_INVALID",
  "CERT_HAS_EXPIRED",
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
]);

/** A request that got no HTTP response. The message is undici's own and must be scrubbed before use. */
export class TransportError extends Error {
  override readonly name = "TransportError";
  constructor(
    message: string,
    readonly code: string | undefined,
    /** False only when the request certainly never reached the server. */
    readonly maybeSent: boolean,
  ) {
    super(message);
  }
}

// One pool for the process, so keep-alive connections are reused across resources and clients.
const agent = new Agent({ connect: { timeout: 15_000 }, keepAliveTimeout: 10_000 });

function flatHeaders(
  headers: Record<string, string | string[] | undefined>,
): Record<string, string | undefined> {
  const flat: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(headers)) {
    flat[name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : value;
  }
  return flat;
}

function parseJson(text: string): unknown {
  if (text.length === 0) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export async function send(req: HttpRequest): Promise<HttpResponse> {
  try {
    const res = await request(req.url, {
      method: req.method,
      headers: req.headers,
      body: req.body,
      dispatcher: agent,
      headersTimeout: req.timeoutMs,
      bodyTimeout: req.timeoutMs,
    });
    const text = await res.body.text();
    return { status: res.statusCode, headers: flatHeaders(res.headers), text, json: parseJson(text) };
  } catch (err) {
    const error = err as NodeJS.ErrnoException;
    const code = error.code ?? (error.cause as NodeJS.ErrnoException | undefined)?.code;
    const message = error.message || String(err);
    throw new TransportError(message, code, !(code !== undefined && NOT_SENT_CODES.has(code)));
  }
}
