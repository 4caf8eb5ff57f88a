// How long to wait before trying again: the server's Retry-After when it gives one (capped, so a hostile or
// broken header cannot park a deployment for hours), otherwise jittered exponential backoff. 429s are waited
// out within a total time; other failures get a number of attempts.

export interface RetryPolicy {
  /** Attempts of one call that end in 5xx or a lost connection (429s are not counted: see below). */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  maxRetryAfterMs: number;
  /**
   * A 429 is the server saying when to come back, not a failure: a storm of them is waited out, for at most
   * this long in all per call, before the call fails.
   */
  maxRateLimitWaitMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 5,
  baseDelayMs: 500,
  maxDelayMs: 20_000,
  maxRetryAfterMs: 60_000,
  maxRateLimitWaitMs: 300_000,
};

export function retryPolicy(overrides: Partial<RetryPolicy> | undefined): RetryPolicy {
  const policy = { ...DEFAULT_RETRY_POLICY };
  for (const key of Object.keys(policy) as Array<keyof RetryPolicy>) {
    const value = overrides?.[key];
    if (value === undefined) continue;
    if (
      !Number.isFinite(value) ||
      value < 0 ||
      (key === "maxAttempts" && (value < 1 || !Number.isInteger(value)))
    ) {
      throw new RangeError(
        `retry.${key} must be a ${key === "maxAttempts" ? "positive integer" : "non-negative number"}; got ${value}.`,
      );
    }
    policy[key] = value;
  }
  return policy;
}

/** Exponential backoff for the given retry (1 = first retry), jittered between half and all of it. */
export function backoffDelay(retry: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, retry - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/** Parses Retry-After (delta seconds or an HTTP date) into milliseconds, capped; undefined if absent or bad. */
export function retryAfterMs(
  header: string | undefined,
  policy: RetryPolicy,
  now: number,
): number | undefined {
  if (header === undefined) return undefined;
  const text = header.trim();
  let ms: number | undefined;
  if (/^\d+(\.\d+)?$/.test(text)) ms = Number(text) * 1000;
  else {
    const date = Date.parse(text);
    if (!Number.isNaN(date)) ms = Math.max(0, date - now);
  }
  return ms === undefined ? undefined : Math.min(ms, policy.maxRetryAfterMs);
}

/** The 429s one call has met: waited out while their waits add up to no more than maxRateLimitWaitMs. */
export class RateLimitStorm {
  /** 429 answers so far. */
  count = 0;
  private waitedMs = 0;

  constructor(private readonly policy: RetryPolicy) {}

  /** Records another 429 and whether waiting `delayMs` for it still fits the budget. */
  admit(delayMs: number): boolean {
    this.count += 1;
    if (this.waitedMs + delayMs > this.policy.maxRateLimitWaitMs) return false;
    this.waitedMs += delayMs;
    return true;
  }

  /** Why the call gives up, for the error message. */
  exhausted(): string {
    return (
      `Gave up after ${this.count} answers of 429 Too Many Requests: ${Math.round(this.waitedMs / 1000)} s ` +
      `were waited out already, and the next wait would pass the limit of ` +
      `${Math.round(this.policy.maxRateLimitWaitMs / 1000)} s (retry.maxRateLimitWaitMs) for one call.`
    );
  }
}
