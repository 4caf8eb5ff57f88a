// What every request of one client shares: the retry policy, the clock, the observers, and the timed,
// observed HTTP exchange itself.

import { backoffDelay, type RetryPolicy, retryAfterMs } from "./backoff";
import type { Clock } from "./clock";
import { type HttpRequest, type HttpResponse, send, TransportError } from "./transport";
import type { RequestEvent, RetryEvent } from "./types";

export interface Runtime {
  policy: RetryPolicy;
  timeoutMs: number;
  clock: Clock;
  random: () => number;
  onRequest?: (event: RequestEvent) => void;
  onRetry?: (event: RetryEvent) => void;
}

function safely<E>(observer: ((event: E) => void) | undefined, event: E): void {
  if (!observer) return;
  try {
    observer(event);
  } catch {
    // An observer's bug must not change the outcome of a deployment.
  }
}

export interface ExchangeInfo {
  orgId: string;
  kind: "api" | "token";
  attempt: number;
}

/** Sends one request and reports it to onRequest, answered or not. */
export async function exchange(
  runtime: Runtime,
  info: ExchangeInfo,
  req: HttpRequest,
): Promise<HttpResponse> {
  if (!runtime.onRequest) return send(req);
  const started = runtime.clock.now();
  const path = new URL(req.url).pathname;
  const report = (status: number, errorCode?: string) =>
    safely(runtime.onRequest, {
      orgId: info.orgId,
      kind: info.kind,
      attempt: info.attempt,
      method: req.method,
      path,
      status,
      durationMs: runtime.clock.now() - started,
      ...(errorCode ? { errorCode } : {}),
    });
  try {
    const res = await send(req);
    report(res.status);
    return res;
  } catch (err) {
    report(0, err instanceof TransportError ? err.code : undefined);
    throw err;
  }
}

/**
 * How long to wait before attempt `attempt + 1`: what the server's Retry-After says when it sent one (a 429),
 * else the jittered backoff.
 */
export function retryDelay(runtime: Runtime, attempt: number, retryAfter?: string): number {
  const { policy, clock, random } = runtime;
  return (
    (retryAfter === undefined ? undefined : retryAfterMs(retryAfter, policy, clock.now())) ??
    backoffDelay(attempt, policy, random)
  );
}

/** Reports and waits out a retry delay. */
export async function waitToRetry(
  runtime: Runtime,
  info: ExchangeInfo & { method: string; url: string },
  delayMs: number,
  reason: RetryEvent["reason"],
): Promise<void> {
  safely(runtime.onRetry, {
    orgId: info.orgId,
    kind: info.kind,
    method: info.method,
    path: new URL(info.url).pathname,
    attempt: info.attempt,
    delayMs,
    reason,
  });
  await runtime.clock.sleep(delayMs);
}
