// Unary gRPC calls over one HTTP/2 connection with Node's own http2 module. The harness calls the plugin
// only with unary methods, one request message and one response message each, which is all of gRPC's wire
// format it needs (the "gRPC over HTTP2" protocol document: length-prefixed messages, status in trailers).
// The general client (@grpc/grpc-js) runs each call through its channel, subchannel, filter and resolver
// machinery, several promises and ticks per call; measured in the bench, that was the largest share of the
// harness's own CPU per plugin call, and users' test suites pay it for every resource.
import * as http2 from "node:http2";

/** The status codes this client produces itself (grpc/status.h). */
export const GrpcStatus = { UNKNOWN: 2, INTERNAL: 13, UNAVAILABLE: 14 } as const;

/** A call that ended with a non-OK status, shaped as grpc-js's ServiceError is (code, details, metadata). */
export class GrpcCallError extends Error {
  constructor(
    readonly code: number,
    readonly details: string,
    /** The binary `grpc-status-details-bin` trailer (a google.rpc.Status), if the server sent one. */
    readonly statusDetails?: Buffer,
  ) {
    super(`${code} ${details}`);
    this.name = "GrpcCallError";
  }
}

/** The 5-byte gRPC message prefix: not compressed, then the length (big-endian). */
const PREFIX_BYTES = 5;

export class UnaryChannel {
  private session?: http2.ClientHttp2Session;

  constructor(private readonly authority: string) {}

  private connected(): http2.ClientHttp2Session {
    if (this.session && !this.session.closed && !this.session.destroyed) return this.session;
    const session = http2.connect(`http://${this.authority}`);
    // A connection error also fails every stream on it, which reports it to its caller; without a listener
    // the session's own 'error' event would be thrown.
    session.on("error", () => undefined);
    this.session = session;
    return session;
  }

  /** Sends `message` to `path` ("/package.Service/Method") and resolves with the response message. */
  call(path: string, message: Uint8Array): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      let stream: http2.ClientHttp2Stream;
      try {
        stream = this.connected().request({
          ":method": "POST",
          ":path": path,
          "content-type": "application/grpc",
          te: "trailers",
        });
      } catch (err) {
        reject(new GrpcCallError(GrpcStatus.UNAVAILABLE, (err as Error).message));
        return;
      }
      const frame = Buffer.allocUnsafe(PREFIX_BYTES + message.length);
      frame[0] = 0;
      frame.writeUInt32BE(message.length, 1);
      frame.set(message, PREFIX_BYTES);
      stream.end(frame);

      const chunks: Buffer[] = [];
      let status: http2.IncomingHttpHeaders | undefined;
      let failure: Error | undefined;
      // A trailers-only response (every error the server sends before any message) carries the status in
      // its headers; otherwise it comes in the trailers.
      stream.on("response", (headers) => {
        if (headers["grpc-status"] !== undefined) status = headers;
      });
      stream.on("trailers", (trailers) => {
        status = trailers;
      });
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("error", (err) => {
        failure = err;
      });
      stream.on("close", () => {
        if (status === undefined) {
          const why = failure?.message ?? `the stream closed with HTTP/2 code ${stream.rstCode ?? "unknown"}`;
          reject(new GrpcCallError(GrpcStatus.UNAVAILABLE, `no status from the server: ${why}`));
          return;
        }
        const code = Number(status["grpc-status"]);
        if (code !== 0) {
          reject(statusError(code, status));
          return;
        }
        try {
          resolve(onlyMessage(Buffer.concat(chunks)));
        } catch (err) {
          reject(new GrpcCallError(GrpcStatus.INTERNAL, (err as Error).message));
        }
      });
    });
  }

  close(): void {
    this.session?.close();
    this.session = undefined;
  }
}

function statusError(code: number, status: http2.IncomingHttpHeaders): GrpcCallError {
  const rawMessage = header(status["grpc-message"]);
  let details = rawMessage ?? "";
  try {
    details = decodeURIComponent(details);
  } catch {
    // Not percent-encoded as the protocol asks: keep the text as sent.
  }
  const detailsBin = header(status["grpc-status-details-bin"]);
  return new GrpcCallError(
    Number.isInteger(code) ? code : GrpcStatus.UNKNOWN,
    details,
    detailsBin === undefined ? undefined : Buffer.from(detailsBin, "base64"),
  );
}

function header(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** The one message of a unary response body. */
function onlyMessage(body: Buffer): Buffer {
  if (body.length < PREFIX_BYTES) throw new Error(`a response of ${body.length} bytes has no message`);
  if (body[0] !== 0) throw new Error("a compressed response message, which the request did not accept");
  const length = body.readUInt32BE(1);
  if (body.length !== PREFIX_BYTES + length) {
    throw new Error(`a response message of ${length} bytes in a body of ${body.length}`);
  }
  return body.subarray(PREFIX_BYTES);
}
