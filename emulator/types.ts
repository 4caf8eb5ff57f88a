// Seams between the emulator's core (server, store, control API) and its parts (the Webex connectors API,
// the identity providers, the emulated Salesforce). Each part is a Route; the core applies latency, rate
// limits, fault injection and the request log to every route alike.

export interface EmulatorRequest {
  method: string;
  /** The path without the query string, e.g. /salesforce/services/oauth2/token */
  path: string;
  query: URLSearchParams;
  headers: Record<string, string | undefined>;
  body: Buffer;
  /** Parses the body as JSON; throws an EmulatorHttpError(400) if it is not. */
  json<T = unknown>(): T;
  /** Parses an application/x-www-form-urlencoded body. */
  form(): URLSearchParams;
}

export interface EmulatorResponse {
  status: number;
  headers?: Record<string, string>;
  /** Objects are sent as JSON; strings and Buffers as they are (set content-type in headers). */
  body?: unknown;
}

/** Answers a request, or returns undefined when the path is not its own. */
export type Route = (req: EmulatorRequest, ctx: EmulatorContext) => Promise<EmulatorResponse | undefined>;

export interface ConnectedApp {
  consumerKey: string;
  username: string;
  /** SPKI PEM of the certificate's (or given) public key. */
  publicKeyPem: string;
  /** Accepted JWT audiences; default ["https://login.salesforce.com"]. */
  audiences: string[];
}

export type JwtBearerResult =
  | { ok: true; consumerKey: string; username: string; audience: string }
  | { ok: false; error: string; error_description: string };

export interface EmulatorContext {
  now(): number;
  newId(): string;
  /** The registered Salesforce connected apps, shared by the Salesforce connector's validation on save and
   * the emulated Salesforce token endpoint. */
  verifyJwtBearerAssertion(assertion: string): Promise<JwtBearerResult>;
  /** Extension state owned by a part (e.g. "salesforce"); persisted with the rest in stateFile. */
  extension<T>(name: string, init: () => T): T;
  /** Call after changing state so a stateFile is written. */
  changed(): void;
}
