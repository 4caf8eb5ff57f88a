import type { IncomingMessage } from "node:http";
import type { EmulatorRequest } from "../types";
import { badRequest, EmulatorHttpError } from "./errors";

const MAX_BODY_BYTES = 1024 * 1024;

export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > MAX_BODY_BYTES) {
      throw new EmulatorHttpError(413, "PAYLOAD_TOO_LARGE", "The request body is larger than 1 MiB.", "body");
    }
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}

export function toEmulatorRequest(req: IncomingMessage, body: Buffer): EmulatorRequest {
  const url = new URL(req.url ?? "/", "http://emulator.invalid");
  let form: URLSearchParams | undefined;
  const headers: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    headers[name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : value;
  }
  return {
    method: (req.method ?? "GET").toUpperCase(),
    path: url.pathname,
    query: url.searchParams,
    headers,
    body,
    json<T>(): T {
      const text = body.toString("utf8");
      if (text.trim() === "") {
        throw badRequest("body", "The request body is empty; send a JSON object.");
      }
      try {
        return JSON.parse(text) as T;
      } catch {
        // The parser's own message quotes the input, which may hold a secret: never echo it.
        throw badRequest(
          "body",
          "The request body is not valid JSON; send a JSON object with content-type application/json.",
        );
      }
    },
    // The core (who is calling, for the rate limit and the log) and the route both read a token request's
    // form: parse it once.
    form(): URLSearchParams {
      form ??= new URLSearchParams(body.toString("utf8"));
      return form;
    },
  };
}

export function bearerToken(req: EmulatorRequest): string | undefined {
  const header = req.headers["authorization"];
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match ? match[1] : undefined;
}
