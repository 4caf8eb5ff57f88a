import { FaultInjector } from "./faults";
import { RateLimiter } from "./rate-limiter";
import { RequestLog } from "./request-log";

/** What the core applies to every product request: latency, rate limit, faults, and the log. */
export class TrafficControls {
  readonly faults = new FaultInjector();
  readonly log: RequestLog;
  readonly limiter: RateLimiter;

  constructor(
    public latencyMs: number,
    rateLimitPerMinute: number,
    now: () => number,
    requestLogSize?: number,
  ) {
    this.limiter = new RateLimiter(rateLimitPerMinute, now);
    this.log = new RequestLog(requestLogSize);
  }
}
