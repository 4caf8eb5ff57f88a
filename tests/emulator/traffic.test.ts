import { expect } from "chai";
import { Api, BODY_SECRETS, expectError, FakeClock, startWorld, validBodies, type World } from "./helpers";

describe("emulator: rate limit, faults, latency and the request log", () => {
  let world: World;
  let clock: FakeClock;
  const list = () => `/organization/${world.orgId}/v2/connector`;

  beforeEach(async () => {
    clock = new FakeClock();
    world = await startWorld({ clock, rateLimitPerMinute: 3 });
  });
  afterEach(async () => {
    world.api.expectNoSecrets([...BODY_SECRETS, world.admin.clientSecret]);
    await world.emulator.close();
  });

  it("limits each OAuth client over a sliding minute with 429, Retry-After and RATE_LIMITED", async () => {
    for (let i = 0; i < 3; i++) expect((await world.api.get(list())).status).to.equal(200);
    clock.advance(20_000);
    const limited = await world.api.get(list());
    expectError(limited, 429, "RATE_LIMITED");
    expect(limited.headers.get("retry-after")).to.equal("40");

    const other = await world.emulator.control.createAdmin(world.orgId, { role: "full-admin" });
    expect((await world.api.get(list(), { token: other.accessToken })).status).to.equal(200);
    expect((await world.emulator.control.connectors(world.orgId)).length).to.equal(0);

    clock.advance(40_000);
    expect((await world.api.get(list())).status).to.equal(200);
    const log = await world.emulator.control.requests();
    expect(log.map((entry) => entry.status)).to.deep.equal([200, 200, 200, 429, 200, 200]);
  });

  it("shares one limit across the tokens of one client", async () => {
    const refreshed = await world.api.call(
      "POST",
      "/v1/access_token",
      new URLSearchParams({
        grant_type: "refresh_token",
        client_id: world.admin.clientId,
        client_secret: world.admin.clientSecret,
        refresh_token: world.admin.refreshToken,
      }).toString(),
      { token: null, headers: { "content-type": "application/x-www-form-urlencoded" } },
    );
    const second = new Api(world.emulator.url, refreshed.body.access_token);
    await world.api.get(list());
    await second.get(list());
    await world.api.get(list());
    expectError(await second.get(list()), 429, "RATE_LIMITED");
  });

  it("limits token requests by the client_id in their form, apart from the API's requests", async () => {
    const form = new URLSearchParams({
      grant_type: "refresh_token",
      client_id: world.admin.clientId,
      client_secret: world.admin.clientSecret,
      refresh_token: world.admin.refreshToken,
    }).toString();
    const refresh = () =>
      world.api.call("POST", "/v1/access_token", form, {
        token: null,
        headers: { "content-type": "application/x-www-form-urlencoded" },
      });
    for (let i = 0; i < 3; i++) expect((await refresh()).status).to.equal(200);
    expectError(await refresh(), 429, "RATE_LIMITED");
    // The identity service and the Contact Center API are separate hosts with separate counts.
    expect((await world.api.get(list())).status).to.equal(200);
    const log = await world.emulator.control.requests();
    expect(log.map((entry) => entry.clientId)).to.deep.equal(Array(5).fill(world.admin.clientId));
  });

  it("changes the limit through the control API", async () => {
    await world.emulator.control.setRateLimit(1);
    expect((await world.api.get(list())).status).to.equal(200);
    expectError(await world.api.get(list()), 429, "RATE_LIMITED");
  });

  it("answers with an injected status for the given count, then recovers", async () => {
    await world.emulator.control.injectFault({
      method: "GET",
      path: "/organization/*/v2/connector",
      count: 2,
      status: 503,
      headers: { "Retry-After": "1" },
    });
    expect(await world.emulator.control.faults()).to.have.length(1);
    for (let i = 0; i < 2; i++) {
      const failed = await world.api.get(list());
      expectError(failed, 503, "INJECTED_FAULT");
      expect(failed.headers.get("retry-after")).to.equal("1");
    }
    expect((await world.api.get(list())).status).to.equal(200);
    expect(await world.emulator.control.faults()).to.have.length(0);
  });

  it("sends an injected body as given, matching only the method", async () => {
    const create = `/organization/${world.orgId}/connector`;
    await world.emulator.control.injectFault({
      method: "POST",
      path: create,
      status: 500,
      body: { custom: true },
    });
    expect((await world.api.get(list())).status).to.equal(200);
    const failed = await world.api.post(create, validBodies().WXM);
    expect(failed.status).to.equal(500);
    expect(failed.body).to.deep.equal({ custom: true });
    expect(await world.emulator.control.connectors(world.orgId)).to.have.length(0);
  });

  it("drops the connection before applying a write", async () => {
    await world.emulator.control.injectFault({
      method: "POST",
      path: `/organization/${world.orgId}/connector`,
      count: 1,
      mode: "drop-before-apply",
    });
    let failure: unknown;
    await world.api.post(`/organization/${world.orgId}/connector`, validBodies().WXM).catch((error) => {
      failure = error;
    });
    expect(failure).to.be.instanceOf(Error);
    expect(await world.emulator.control.connectors(world.orgId)).to.have.length(0);
    const [entry] = await world.emulator.control.requests();
    expect(entry).to.include({ method: "POST", status: 0, fault: "drop-before-apply" });
  });

  it("drops the connection after applying a write", async () => {
    await world.emulator.control.injectFault({
      method: "*",
      path: "/organization/*",
      mode: "drop-after-apply",
    });
    let failure: unknown;
    await world.api.post(`/organization/${world.orgId}/connector`, validBodies().WXM).catch((error) => {
      failure = error;
    });
    expect(failure).to.be.instanceOf(Error);
    const stored = await world.emulator.control.connectors(world.orgId);
    expect(stored.map((c) => c.name)).to.deep.equal(["Survey feedback"]);
    const [entry] = await world.emulator.control.requests();
    expect(entry).to.include({ status: 0, fault: "drop-after-apply" });
    expect((await world.api.get(list())).body.meta.totalRecords).to.equal(1);
  });

  it("clears faults", async () => {
    await world.emulator.control.injectFault({ method: "GET", path: list(), count: 5, status: 500 });
    await world.emulator.control.clearFaults();
    expect((await world.api.get(list())).status).to.equal(200);
  });

  it("refuses a malformed fault", async () => {
    const api = new Api(world.emulator.url);
    expectError(
      await api.post("/_emulator/faults", { method: "GET", path: list() }),
      400,
      "VALIDATION_FAILED",
      "status",
    );
    expectError(
      await api.post("/_emulator/faults", { method: "GET", path: list(), mode: "explode" }),
      400,
      "VALIDATION_FAILED",
      "mode",
    );
    expectError(
      await api.post("/_emulator/faults", { method: "GET", path: "x", status: 500 }),
      400,
      "VALIDATION_FAILED",
      "path",
    );
  });

  it("adds latency to product requests but not to the control API", async () => {
    await world.emulator.control.setLatency(300);
    let started = Date.now();
    await world.api.get(list());
    expect(Date.now() - started).to.be.at.least(290);
    started = Date.now();
    await world.emulator.control.requests();
    expect(Date.now() - started).to.be.below(290);
    await world.emulator.control.setLatency(0);
  });

  it("logs every product request with its status, org and client, never the control API", async () => {
    await world.api.get(list());
    await world.api.post(`/organization/${world.orgId}/connector`, validBodies().WXM);
    await world.api.get("/nowhere");
    const log = await world.emulator.control.requests();
    expect(log.map(({ method, path, status }) => ({ method, path, status }))).to.deep.equal([
      { method: "GET", path: list(), status: 200 },
      { method: "POST", path: `/organization/${world.orgId}/connector`, status: 201 },
      { method: "GET", path: "/nowhere", status: 404 },
    ]);
    expect(log[0]).to.include({ orgId: world.orgId, clientId: world.admin.clientId, time: clock.time });
    expect(log.map((entry) => entry.seq)).to.deep.equal([1, 2, 3]);
    expect((await world.emulator.control.requests(2)).map((entry) => entry.seq)).to.deep.equal([3]);
    await world.emulator.control.clearRequests();
    expect(await world.emulator.control.requests()).to.deep.equal([]);
    await world.api.get(list());
    expect((await world.emulator.control.requests()).map((entry) => entry.seq)).to.deep.equal([4]);
  });

  it("answers unknown paths with 404 in the error shape", async () => {
    const item = expectError(await world.api.get("/v1/people/me"), 404, "NOT_FOUND");
    expect(item.description).to.contain("/v1/people/me");
    expectError(await new Api(world.emulator.url).get("/_emulator/nothing"), 404, "NOT_FOUND");
  });
});
