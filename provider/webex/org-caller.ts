// Sends one API call for one org with everything around it: pacing, the bearer token (renewed once on a
// 401), bounded retries with backoff, and the rule that decides what may be sent twice. A call marked
// `once` (a create) is never replayed after it may have reached the server; the caller settles it instead.
import { AsyncLocalStorage } from "node:async_hooks";
import type { Redactor } from "../redact";
import { apiError, type CallContext, connectionError, trackingIdOf } from "./api-errors";
import { RateLimitStorm } from "./backoff";
import type { Reservation, SlidingWindowLimiter } from "./rate-limiter";
import { exchange, retryDelay, type Runtime, waitToRetry } from "./runtime";
import { accessTokenRefused, type TokenSource } from "./tokens";
import { type HttpRequest, type HttpResponse, TransportError } from "./transport";

export interface ApiCall {
  method: HttpRequest["method"];
  /** Path and query, relative to the API base URL. */
  path: string;
  body?: unknown;
  /** A body already encoded, sent as it is instead of `body` as JSON (a multipart/form-data upload). */
  encoded?: { contentType: string; text: string };
  ctx: CallContext;
  /** "retry": replaying is harmless. "once": never sent again after it may have been applied. */
  replay: "retry" | "once";
  /** Non-2xx statuses handed back to the caller instead of thrown (e.g. 404 for a read). */
  accept?: number[];
  /** Extra secrets for this call (e.g. the connector's own credentials). */
  redactor?: Redactor;
  /** Told the client's clock each time the request is about to leave (after pacing and the token). */
  onSend?: (now: number) => void;
  /** Told every HTTP response, e.g. to read the server's clock from its Date header. */
  onResponse?: (res: HttpResponse) => void;
}

export interface ApiResult {
  status: number;
  body: unknown;
  response: HttpResponse;
  /** True when an earlier attempt of this call may have been applied by the server. */
  replayed: boolean;
}

/** A `once` call that may or may not have been applied. */
export class UncertainOutcome extends Error {
  override readonly name = "UncertainOutcome";
}

/** The quota reservation of the sequence the current call belongs to, if any. */
const currentReservation = new AsyncLocalStorage<Reservation>();

export class OrgCaller {
  constructor(
    readonly orgId: string,
    private readonly baseUrl: string,
    private readonly runtime: Runtime,
    private readonly tokens: TokenSource,
    private readonly limiter: SlidingWindowLimiter,
    readonly redactor: Redactor,
  ) {}

  /**
   * Runs `sequence` with `calls` requests of the client's quota set aside for it: its calls use those slots,
   * while other callers wait for room beside them. Waits, if it must, before the first call.
   */
  async withReservedQuota<T>(calls: number, sequence: () => Promise<T>): Promise<T> {
    // Within a sequence that already holds slots of this limiter, waiting for more could wait on itself.
    if (currentReservation.getStore()?.isFor(this.limiter)) return sequence();
    const reservation = await this.limiter.reserve(calls);
    try {
      return await currentReservation.run(reservation, sequence);
    } finally {
      reservation.release();
    }
  }

  async call(call: ApiCall): Promise<ApiResult> {
    const { policy, clock } = this.runtime;
    const redactor = call.redactor ?? this.redactor;
    const url = `${this.baseUrl}${call.path}`;
    const body = call.encoded?.text ?? (call.body === undefined ? undefined : JSON.stringify(call.body));
    const contentType = call.encoded?.contentType ?? "application/json";
    let renewedToken = false;
    let maybeApplied = false;
    const storm = new RateLimitStorm(policy);
    for (let attempt = 1; ; attempt++) {
      // The attempts that count against maxAttempts: 429s have their own budget of time.
      const failures = attempt - storm.count;
      const info = { orgId: this.orgId, kind: "api" as const, attempt, method: call.method, url };
      const token = await this.tokens.token();
      // The slot is taken right before sending: the server counts a request when it arrives, so a slot taken
      // before a token request would leave the window a round trip early.
      const reservation = currentReservation.getStore();
      await (reservation?.isFor(this.limiter) ? reservation.acquire() : this.limiter.acquire());
      this.redactor.add(token);
      if (redactor !== this.redactor) redactor.add(token);
      const req: HttpRequest = {
        method: call.method,
        url,
        headers: {
          authorization: `Bearer ${token}`,
          accept: "application/json",
          ...(body !== undefined ? { "content-type": contentType } : {}),
        },
        ...(body !== undefined ? { body } : {}),
        timeoutMs: this.runtime.timeoutMs,
      };
      let res: HttpResponse;
      try {
        call.onSend?.(clock.now());
        res = await exchange(this.runtime, info, req);
        call.onResponse?.(res);
      } catch (err) {
        if (!(err instanceof TransportError)) throw err;
        if (err.maybeSent && call.replay === "once") {
          throw new UncertainOutcome(
            redactor.redact(
              `the connection failed after the request was sent (${err.message}${err.code ? `, ${err.code}` : ""})`,
            ),
          );
        }
        if (failures >= policy.maxAttempts)
          throw connectionError(call.ctx, err.message, err.code, attempt, redactor);
        maybeApplied ||= err.maybeSent;
        await waitToRetry(this.runtime, info, retryDelay(this.runtime, failures), "connection");
        continue;
      }

      if (res.status === 401) {
        if (!this.tokens.renewable)
          throw redactor.redactError(accessTokenRefused(this.orgId, trackingIdOf(res)));
        if (!renewedToken) {
          // The token expired or was revoked early: renew it once and try again, without using an attempt.
          renewedToken = true;
          this.tokens.invalidate(token);
          attempt--;
          await waitToRetry(this.runtime, info, 0, "token-refused");
          continue;
        }
        throw apiError(
          call.ctx,
          res,
          redactor,
          "Webex refused a freshly issued token too: check the credentials' org and scopes.",
        );
      }
      if (res.status === 429) {
        // Refused before processing: safe to send again, whatever the method.
        const delay = retryDelay(this.runtime, storm.count + 1, res.headers["retry-after"]);
        this.limiter.holdUntil(clock.now() + delay);
        if (!storm.admit(delay)) throw apiError(call.ctx, res, redactor, storm.exhausted());
        await waitToRetry(this.runtime, info, delay, "rate-limited");
        continue;
      }
      if (res.status >= 500) {
        if (call.replay === "once") {
          throw new UncertainOutcome(apiError(call.ctx, res, redactor).message);
        }
        if (failures >= policy.maxAttempts)
          throw apiError(call.ctx, res, redactor, `Gave up after ${attempt} attempts.`);
        maybeApplied = true;
        await waitToRetry(this.runtime, info, retryDelay(this.runtime, failures), "server-error");
        continue;
      }
      if ((res.status >= 200 && res.status < 300) || call.accept?.includes(res.status)) {
        return { status: res.status, body: res.json, response: res, replayed: maybeApplied };
      }
      throw apiError(call.ctx, res, redactor);
    }
  }

  /** The client's clock (milliseconds since the epoch). */
  now(): number {
    return this.runtime.clock.now();
  }

  /** A redactor for one call that sends `body`: the org's secrets and every secret field in the body. */
  redactorFor(body: unknown): Redactor {
    return this.redactor.with().addSecretFieldsOf(body);
  }

  /** The error for a response the caller accepted but then decided is a failure after all. */
  failure(ctx: CallContext, result: ApiResult, note?: string, redactor: Redactor = this.redactor) {
    return apiError(ctx, result.response, redactor, note);
  }
}
