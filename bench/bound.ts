// The ideal time an operation could take, from what the API itself imposes: each call costs one round trip
// of latency, at most `concurrency` calls are in flight, each OAuth client may send `rateLimit` requests per
// sliding minute, and some calls must wait for others (nothing is written before the org's token arrives).
// The bound is the largest of the three terms; no schedule beats it. Live traffic sharing the quota is left
// out on purpose: it only makes things slower, so the bound stays a true lower bound without knowing how
// much of each window live traffic filled.

export interface BoundInput {
  /** The fewest calls the operation can make, per OAuth client (one client per org here), tokens included. */
  minimalCallsPerClient: readonly number[];
  /**
   * Of those, the ones the API's rate limit counts (default: all). Token requests go to the identity
   * service, another host, so they take a round trip but nothing from the API's quota.
   */
  quotaCallsPerClient?: readonly number[];
  /** The longest chain of calls that must follow one another (token → write → …). */
  criticalPathCalls: number;
  latencyMs: number;
  /** Calls in flight at once: the harness's step parallelism (each step makes its calls in sequence). */
  concurrency: number;
  /** Requests per client per sliding minute. */
  rateLimit: number;
}

export type BindingTerm = "latency ÷ concurrency" | "critical path" | "rate limit";

export interface Bound {
  ms: number;
  binding: BindingTerm;
  terms: Record<BindingTerm, number>;
  minimalCalls: number;
}

const WINDOW_MS = 60_000;

/**
 * A sliding window lets `available` requests through in any minute, so n requests span at least
 * ceil(n / available) − 1 whole windows between the first and the last. (n ÷ rate is not a lower bound:
 * a burst within the quota goes through at once.)
 */
export function rateLimitMs(calls: number, available: number): number {
  if (calls <= 0) return 0;
  if (available <= 0) return Number.POSITIVE_INFINITY;
  return (Math.ceil(calls / available) - 1) * WINDOW_MS;
}

export function idealBound(input: BoundInput): Bound {
  if (!(input.concurrency >= 1)) throw new RangeError("concurrency must be at least 1");
  const minimalCalls = input.minimalCallsPerClient.reduce((a, b) => a + b, 0);
  const terms: Record<BindingTerm, number> = {
    "latency ÷ concurrency": (minimalCalls * input.latencyMs) / input.concurrency,
    "critical path": input.criticalPathCalls * input.latencyMs,
    "rate limit": Math.max(
      0,
      ...(input.quotaCallsPerClient ?? input.minimalCallsPerClient).map((n) =>
        rateLimitMs(n, input.rateLimit),
      ),
    ),
  };
  const binding = (Object.keys(terms) as BindingTerm[]).reduce((a, b) => (terms[b] > terms[a] ? b : a));
  return { ms: terms[binding], binding, terms, minimalCalls };
}
