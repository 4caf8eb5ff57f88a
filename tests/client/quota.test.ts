// Whose quota a call uses, against the emulator: Webex limits each OAuth client ID, so every org reached
// through one service app shares one limit; and a sequence that takes a connector down gets its slots set
// aside first, so no other caller can make it wait for the window while the connector is inactive.
import { expect } from "chai";
import { type RunningEmulator, startEmulator } from "../../emulator";
import type { Clock } from "../../provider/webex/clock";
import {
  connectorsFor,
  customBody,
  knownSecrets,
  lastSeq,
  newOrg,
  refreshCredentials,
  uniqueName,
} from "./support/emulator-world";
import { FakeClock, settle } from "./support/fake-clock";

/** Time running `factor` times faster than the real clock: a minute's window passes in 60 000 ÷ factor ms. */
function fastClock(factor: number): Clock & { time: () => number } {
  const start = Date.now();
  const time = () => start + (Date.now() - start) * factor;
  return {
    time,
    now: time,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms) / factor)),
  };
}

describe("client against the emulator: one quota per OAuth client", () => {
  let emulator: RunningEmulator;
  // The client and the server share one fast clock, so the client's pacing windows are the server's.
  const clock = fastClock(600);

  before(async () => {
    // The server allows twice what the client paces itself to: enough slack for request timing, not enough
    // for three orgs each spending the client's whole limit.
    emulator = await startEmulator({
      clock: clock.time,
      tokenTtlSeconds: 10 * 24 * 3600,
      rateLimitPerMinute: 8,
    });
  });
  after(() => emulator.close());

  it("paces every org reached through one service app under the app's one limit", async () => {
    const orgs = await Promise.all([1, 2, 3].map(() => newOrg(emulator.control)));
    const app = await emulator.control.createServiceApp({
      orgIds: orgs.map((o) => o.orgId),
      role: "full-admin",
    });
    knownSecrets.add(app.clientSecret).add(app.integrationToken);
    const since = await lastSeq(emulator.control);
    const apis = orgs.map((o) =>
      connectorsFor(emulator.url, o.orgId, { serviceApp: app }, { rateLimitPerMinute: 4, clock }),
    );
    const lists = await Promise.all(apis.flatMap((api) => [1, 2, 3, 4].map(() => api.list())));
    expect(lists).to.have.length(12);
    const calls = (await emulator.control.requests(since)).filter((r) => r.path.startsWith("/organization/"));
    expect(calls).to.have.length(12);
    expect(new Set(calls.map((r) => r.orgId)).size).to.equal(3);
    expect(
      calls.filter((r) => r.status === 429).map((r) => r.orgId),
      "no call was refused: the three orgs paced under one limit",
    ).to.deep.equal([]);
    // 12 calls at 4 a minute: the last ones waited for the window twice (less the first calls' token
    // requests, which came after their slots were taken; at this clock's speed 50 ms is 30 s).
    const times = calls.map((r) => r.time);
    expect(Math.max(...times) - Math.min(...times)).to.be.at.least(2 * 60_000 - 30_000);
  });
});

describe("client against the emulator: quota set aside for a sequence", () => {
  let emulator: RunningEmulator;

  before(async () => {
    emulator = await startEmulator();
  });
  after(() => emulator.close());

  /** A new org's API, paced to `limit` a minute on a clock the test moves. */
  async function pacedOrg(limit: number) {
    const org = await newOrg(emulator.control);
    const clock = new FakeClock();
    const credentials = { accessToken: org.admin.accessToken };
    const api = connectorsFor(emulator.url, org.orgId, credentials, { rateLimitPerMinute: limit, clock });
    return { api, clock };
  }

  it("keeps other callers from taking the slots between a deactivation and the re-activation", async () => {
    const { api, clock } = await pacedOrg(3);
    const created = await api.create(customBody(uniqueName("Reserved")), () => false);
    await clock.advance(61_000); // a minute and the client's second of slack
    const since = await lastSeq(emulator.control);

    let deactivated!: () => void;
    const down = new Promise<void>((resolve) => {
      deactivated = resolve;
    });
    const rotation = api.withReservedQuota(3, async () => {
      const inactive = await api.deactivate(created.id);
      deactivated();
      const edited = await api.update({
        id: created.id,
        name: inactive.name,
        type: "CUSTOM",
        version: inactive.version,
        description: "CRM lookups",
        settings: { resourceDomainUrl: "https://crm.example.test" },
        credentials: { authType: "BASIC", username: "svc-user", password: uniqueName("rotated-pass") },
      });
      expect(edited.active).to.equal(false);
      return api.activate(created.id);
    });
    // Another caller arrives while the connector is down (outside the sequence, as another resource would).
    await down;
    let listed = false;
    const other = api.list().then((all) => {
      listed = true;
      return all;
    });
    const activated = await rotation;
    expect(activated.active).to.equal(true);
    await settle();
    expect(listed, "the window is full of the sequence's three calls").to.equal(false);
    await clock.advance(61_000); // a minute and the client's second of slack
    expect((await other).map((c) => c.id)).to.include(created.id);

    const order = (await emulator.control.requests(since)).map((r) =>
      r.method === "GET" ? "list" : r.method === "PUT" ? "edit" : r.path.split("/").pop(),
    );
    expect(order).to.deep.equal(["deactivate", "edit", "activate", "list"]);
  });

  it("runs a sequence nested in another on the outer one's slots instead of waiting on itself", async () => {
    const { api } = await pacedOrg(2);
    const lists = await api.withReservedQuota(2, async () => [
      await api.list(),
      await api.withReservedQuota(2, () => api.list()),
    ]);
    expect(lists).to.have.length(2);
  });
});

describe("client against the emulator: when a slot is taken", () => {
  it("takes the slot when the request leaves, after its token, so the window slides as the server's does", async () => {
    const clock = new FakeClock();
    const emulator = await startEmulator({ clock, rateLimitPerMinute: 2, tokenTtlSeconds: 24 * 3600 });
    try {
      const org = await newOrg(emulator.control);
      const since = await lastSeq(emulator.control);
      const credentials = refreshCredentials(org.admin);
      // The token request takes 5 s of (fake) time: the first API call arrives 5 s after it was asked for.
      const api = connectorsFor(emulator.url, org.orgId, credentials, {
        rateLimitPerMinute: 2,
        clock,
        onRequest: (event) => {
          if (event.kind === "token") void clock.advance(5_000);
        },
      });
      await api.list();
      await api.list();
      let third = false;
      const pending = api.list().then(() => {
        third = true;
      });
      await clock.advance(55_000);
      expect(third, "a minute has passed since the first call was asked for, not since it arrived").to.equal(
        false,
      );
      // A minute after it arrived, plus the client's second of slack for the server's arrival jitter.
      await clock.advance(6_000);
      await pending;
      const statuses = (await emulator.control.requests(since))
        .filter((r) => r.path.startsWith("/organization/"))
        .map((r) => r.status);
      expect(statuses).to.deep.equal([200, 200, 200]);
    } finally {
      await emulator.close();
    }
  });
});
