import { badRequest } from "./errors";

export type FaultMode = "drop-after-apply" | "drop-before-apply";

export interface FaultSpec {
  /** An HTTP method, or "*" for any. */
  method: string;
  /** An exact path, or a pattern where * matches any run of characters. */
  path: string;
  /** How many matching requests the fault applies to. */
  count: number;
  /** Answer with this status instead of handling the request... */
  status?: number;
  /** ...or drop the connection before or after the request takes effect. */
  mode?: FaultMode;
  /** The body sent with `status`; defaults to the error shape with reason INJECTED_FAULT. */
  body?: unknown;
  /** Extra response headers sent with `status`, e.g. { "Retry-After": "1" }. */
  headers?: Record<string, string>;
}

export interface Fault extends FaultSpec {
  id: number;
  remaining: number;
}

function patternOf(path: string): RegExp {
  const escaped = path.split("*").map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"));
  return new RegExp(`^${escaped.join(".*")}$`);
}

export function parseFaultSpec(input: Record<string, unknown>): FaultSpec {
  const { method, path, count, status, mode, body, headers } = input;
  if (typeof method !== "string" || method === "")
    throw badRequest("method", 'method is required: an HTTP method or "*".');
  if (typeof path !== "string" || !path.startsWith("/")) {
    throw badRequest("path", "path is required: a path starting with /, where * matches any characters.");
  }
  const times = count === undefined ? 1 : count;
  if (typeof times !== "number" || !Number.isInteger(times) || times < 1) {
    throw badRequest("count", "count must be a positive integer (how many matching requests fail).");
  }
  if ((status === undefined) === (mode === undefined)) {
    throw badRequest(
      "status",
      'give exactly one of status (an HTTP status) or mode ("drop-after-apply" | "drop-before-apply").',
    );
  }
  if (
    status !== undefined &&
    (typeof status !== "number" || !Number.isInteger(status) || status < 100 || status > 599)
  ) {
    throw badRequest("status", "status must be an HTTP status code between 100 and 599.");
  }
  if (mode !== undefined && mode !== "drop-after-apply" && mode !== "drop-before-apply") {
    throw badRequest("mode", 'mode must be "drop-after-apply" or "drop-before-apply".');
  }
  if (
    headers !== undefined &&
    (typeof headers !== "object" ||
      headers === null ||
      Object.values(headers).some((v) => typeof v !== "string"))
  ) {
    throw badRequest("headers", "headers must be an object of header names to string values.");
  }
  return {
    method: method.toUpperCase(),
    path,
    count: times,
    ...(status === undefined ? {} : { status: status as number }),
    ...(mode === undefined ? {} : { mode: mode as FaultMode }),
    ...(body === undefined ? {} : { body }),
    ...(headers === undefined ? {} : { headers: headers as Record<string, string> }),
  };
}

export class FaultInjector {
  private faults: (Fault & { pattern: RegExp })[] = [];
  private nextId = 1;

  add(spec: FaultSpec): Fault {
    const fault = { ...spec, id: this.nextId++, remaining: spec.count, pattern: patternOf(spec.path) };
    this.faults.push(fault);
    return this.describe(fault);
  }

  /** The first armed fault matching the request, consumed by one. */
  take(method: string, path: string): Fault | undefined {
    const fault = this.faults.find((f) => (f.method === "*" || f.method === method) && f.pattern.test(path));
    if (!fault) return undefined;
    fault.remaining -= 1;
    if (fault.remaining === 0) this.faults = this.faults.filter((f) => f !== fault);
    return this.describe(fault);
  }

  list(): Fault[] {
    return this.faults.map((f) => this.describe(f));
  }

  clear(): void {
    this.faults = [];
  }

  private describe(fault: Fault & { pattern?: RegExp }): Fault {
    const { pattern: _pattern, ...rest } = fault;
    return rest;
  }
}
