import { expect } from "chai";
import { backoffDelay, DEFAULT_RETRY_POLICY, retryAfterMs, retryPolicy } from "../../provider/webex/backoff";
import { SlidingWindowLimiter } from "../../provider/webex/rate-limiter";
import { FakeClock, settle } from "./support/fake-clock";

describe("backoff and Retry-After", () => {
  const policy = { ...DEFAULT_RETRY_POLICY, baseDelayMs: 100, maxDelayMs: 1000, maxRetryAfterMs: 5000 };

  it("grows exponentially, jittered between half and all of the step, and is capped", () => {
    expect([1, 2, 3, 4].map((n) => backoffDelay(n, policy, () => 1))).to.deep.equal([100, 200, 400, 800]);
    expect(backoffDelay(3, policy, () => 0)).to.equal(200);
    expect(backoffDelay(10, policy, () => 1)).to.equal(1000);
  });

  it("parses Retry-After seconds and HTTP dates, capped", () => {
    expect(retryAfterMs("4", policy, 0)).to.equal(4000);
    expect(retryAfterMs("0.5", policy, 0)).to.equal(500);
    expect(retryAfterMs("3600", policy, 0)).to.equal(5000);
    const now = Date.parse("2025-01-01T00:00:00Z");
    expect(retryAfterMs("Wed, 01 Jan 2025 00:00:02 GMT", policy, now)).to.equal(2000);
    expect(retryAfterMs("soon", policy, 0)).to.equal(undefined);
    expect(retryAfterMs(undefined, policy, 0)).to.equal(undefined);
  });

  it("rejects a nonsensical retry policy, naming the field", () => {
    expect(() => retryPolicy({ maxAttempts: 0 })).to.throw(/retry.maxAttempts must be a positive integer/);
    expect(() => retryPolicy({ baseDelayMs: -1 })).to.throw(/retry.baseDelayMs/);
    expect(retryPolicy({ maxAttempts: 2 }).maxAttempts).to.equal(2);
  });
});

describe("SlidingWindowLimiter", () => {
  it("lets the limit through at once and the rest as the window slides", async () => {
    const clock = new FakeClock();
    const limiter = new SlidingWindowLimiter(3, clock);
    const granted: number[] = [];
    const all = [0, 1, 2, 3, 4].map((i) => limiter.acquire().then(() => granted.push(i)));
    await settle();
    expect(granted).to.deep.equal([0, 1, 2]);
    await clock.advance(30_000);
    expect(granted).to.have.length(3);
    await clock.advance(30_000);
    expect(granted).to.deep.equal([0, 1, 2, 3, 4]);
    await Promise.all(all);
    expect(limiter.inWindow()).to.equal(2);
  });

  it("counts a sliding window, not fixed minutes", async () => {
    const clock = new FakeClock();
    const limiter = new SlidingWindowLimiter(2, clock);
    await limiter.acquire();
    await clock.advance(40_000);
    await limiter.acquire();
    let third = false;
    const pending = limiter.acquire().then(() => {
      third = true;
    });
    await clock.advance(19_999);
    expect(third, "the first request is still inside the window").to.equal(false);
    await clock.advance(1);
    await pending;
    expect(third).to.equal(true);
  });

  it("holds every caller until a server's Retry-After has passed", async () => {
    const clock = new FakeClock();
    const limiter = new SlidingWindowLimiter(100, clock);
    limiter.holdUntil(clock.now() + 4000);
    let done = 0;
    const both = [limiter.acquire(), limiter.acquire()].map((p) => p.then(() => done++));
    await settle();
    expect(done).to.equal(0);
    await clock.advance(4000);
    await Promise.all(both);
    expect(done).to.equal(2);
  });

  it("refuses a non-positive limit", () => {
    expect(() => new SlidingWindowLimiter(0)).to.throw(/rateLimitPerMinute must be a positive integer/);
  });
});
