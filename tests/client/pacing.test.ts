import { expect } from "chai";
import { backoffDelay, DEFAULT_RETRY_POLICY, retryAfterMs, retryPolicy } from "../../provider/webex/backoff";
import { SlidingWindowLimiter } from "../../provider/webex/rate-limiter";
import { quotaOwner } from "../../provider/webex/tokens";
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

  it("sets slots aside for a sequence: other callers wait beside them, and get back what it did not use", async () => {
    const clock = new FakeClock();
    const limiter = new SlidingWindowLimiter(4, clock);
    await limiter.acquire();
    const reservation = await limiter.reserve(3);
    expect(limiter.reservedSlots).to.equal(3);
    let other = false;
    const pending = limiter.acquire().then(() => {
      other = true;
    });
    await settle();
    expect(other, "the window is full: 1 sent and 3 set aside").to.equal(false);
    await reservation.acquire();
    await reservation.acquire();
    await settle();
    expect(other, "used slots count as sent").to.equal(false);
    reservation.release();
    await pending;
    expect(other, "the unused slot went back").to.equal(true);
    expect(limiter.reservedSlots).to.equal(0);
    expect(limiter.inWindow()).to.equal(4);
  });

  it("reserves only once every slot fits, and never more than the whole limit", async () => {
    const clock = new FakeClock();
    const limiter = new SlidingWindowLimiter(3, clock);
    await limiter.acquire();
    await clock.advance(10_000);
    await limiter.acquire();
    let reserved: Awaited<ReturnType<SlidingWindowLimiter["reserve"]>> | undefined;
    const pending = limiter.reserve(3).then((r) => {
      reserved = r;
    });
    await clock.advance(49_999);
    expect(reserved, "two requests are still in the window").to.equal(undefined);
    await clock.advance(1);
    await settle();
    expect(reserved, "one left the window: room for two, not three").to.equal(undefined);
    await clock.advance(10_000);
    await pending;
    expect(limiter.reservedSlots).to.equal(3);
    reserved!.release();
    const whole = await limiter.reserve(10);
    expect(limiter.reservedSlots, "capped at the limit").to.equal(3);
    for (let i = 0; i < 3; i++) await whole.acquire();
    let beyond = false;
    const extra = whole.acquire().then(() => {
      beyond = true;
    });
    await settle();
    expect(beyond, "past its slots a reservation acquires as usual").to.equal(false);
    await clock.advance(60_000);
    await extra;
    expect(beyond).to.equal(true);
  });

  it("makes a reserved slot wait out a server's Retry-After too", async () => {
    const clock = new FakeClock();
    const limiter = new SlidingWindowLimiter(10, clock);
    const reservation = await limiter.reserve(2);
    limiter.holdUntil(clock.now() + 3000);
    let sent = false;
    const pending = reservation.acquire().then(() => {
      sent = true;
    });
    await clock.advance(2999);
    expect(sent).to.equal(false);
    await clock.advance(1);
    await pending;
    expect(sent).to.equal(true);
  });

  it("refuses a non-positive limit", () => {
    expect(() => new SlidingWindowLimiter(0)).to.throw(/rateLimitPerMinute must be a positive integer/);
  });
});

describe("whose quota a call uses", () => {
  it("is the OAuth client: one integration or service app is one quota whatever the org", () => {
    const app = (clientId: string) => ({
      serviceApp: { applicationId: "app", clientId, clientSecret: "s-123456", integrationToken: "i-123456" },
    });
    const refresh = (clientId: string) => ({ clientId, clientSecret: "s-123456", refreshToken: "r-123456" });
    expect(quotaOwner(app("C1"))).to.equal(quotaOwner(app("C1")));
    expect(quotaOwner(app("C1"))).to.not.equal(quotaOwner(app("C2")));
    expect(quotaOwner(refresh("C1"))).to.equal(quotaOwner({ ...refresh("C1"), refreshToken: "r-other-1" }));
    expect(quotaOwner(refresh("C1"))).to.not.equal(quotaOwner(refresh("C3")));
  });

  it("is the token itself for a bare access token, without holding it", () => {
    const token = "partner-admin-token-0001";
    expect(quotaOwner({ accessToken: token })).to.equal(quotaOwner({ accessToken: token }));
    expect(quotaOwner({ accessToken: token })).to.not.equal(quotaOwner({ accessToken: `${token}x` }));
    expect(quotaOwner({ accessToken: token })).to.not.contain(token);
  });
});
