// The client against the emulator when things go wrong: injected 5xx, the server's rate limit, expiring
// tokens, dropped connections around a create, and service-app authentication.
import { expect } from "chai";
import { type RunningEmulator, startEmulator } from "../../emulator";
import { AmbiguousWriteError, ConfigurationError, type RetryEvent } from "../../provider/webex";
import type { Connector, ConnectorCreate } from "../../provider/webex/types";
import {
  connectorsFor,
  customBody,
  expectNoSecrets,
  knownSecrets,
  lastSeq,
  newOrg,
  refreshCredentials,
  type TestOrg,
  uniqueName,
} from "./support/emulator-world";

/** What the lifecycle would check: the same kind, description and settings as sent. */
const sameAs = (sent: ConnectorCreate) => (found: Connector) =>
  found.type === sent.type &&
  (found.description ?? "") === (sent.description ?? "") &&
  JSON.stringify(found.settings) === JSON.stringify(sent.settings);

describe("client against the emulator: resilience", () => {
  let emulator: RunningEmulator;
  /** Added to the emulator's clock, to let tokens expire without waiting. */
  let skewMs = 0;
  let org: TestOrg;

  before(async () => {
    emulator = await startEmulator({ clock: () => Date.now() + skewMs });
  });
  after(() => emulator.close());
  beforeEach(async () => {
    org = await newOrg(emulator.control);
  });
  afterEach(() => emulator.control.clearFaults());

  const api = (options = {}) =>
    connectorsFor(emulator.url, org.orgId, refreshCredentials(org.admin), options);

  it("retries through injected 503s on reads, updates and deletes", async () => {
    const retries: RetryEvent[] = [];
    const client = api({ onRetry: (e: RetryEvent) => retries.push(e) });
    const created = await client.create(customBody(uniqueName("Retry")), () => false);
    await emulator.control.injectFault({
      method: "GET",
      path: `/organization/${org.orgId}/connector/*`,
      status: 503,
      count: 2,
    });
    await emulator.control.injectFault({ method: "PUT", path: "/organization/*", status: 502, count: 1 });
    await emulator.control.injectFault({
      method: "POST",
      path: "/organization/*/deactivate",
      status: 500,
      count: 1,
    });
    await emulator.control.injectFault({ method: "DELETE", path: "/organization/*", status: 503, count: 1 });
    const since = await lastSeq(emulator.control);
    expect((await client.get(created.id))?.id).to.equal(created.id);
    const { id, name, type, version, settings } = created;
    const updated = await client.update({ id, name, type, version, settings, description: "after a 502" });
    expect(updated.version).to.equal(1);
    await client.deactivate(created.id);
    expect(await client.delete(created.id)).to.equal(true);
    const statuses = (await emulator.control.requests(since)).map((r) => `${r.method} ${r.status}`);
    expect(statuses).to.deep.equal([
      "GET 503",
      "GET 503",
      "GET 200",
      "PUT 502",
      "PUT 200",
      "POST 500",
      "POST 200",
      "DELETE 503",
      "DELETE 204",
    ]);
    expect(retries.map((r) => r.reason)).to.deep.equal(Array(5).fill("server-error"));
  });

  it("settles a create whose connection dropped after it was applied by adopting it", async () => {
    const body = customBody(uniqueName("Dropped"));
    await emulator.control.injectFault({
      method: "POST",
      path: `/organization/${org.orgId}/connector`,
      mode: "drop-after-apply",
    });
    const since = await lastSeq(emulator.control);
    const adopted = await api().create(body, sameAs(body));
    expect(adopted).to.include({ name: body.name, type: "CUSTOM", version: 0 });
    const log = await emulator.control.requests(since);
    const creates = log.filter(
      (r) => r.method === "POST" && r.path === `/organization/${org.orgId}/connector`,
    );
    expect(
      creates.map((r) => r.status),
      "one POST, never replayed",
    ).to.deep.equal([0]);
    expect((await emulator.control.connectors(org.orgId)).map((c) => c.name)).to.deep.equal([body.name]);
  });

  it("refuses to adopt someone else's connector after a dropped create, saying what exists", async () => {
    const name = uniqueName("Taken");
    const theirs = await api().create({ ...customBody(name), description: "someone else's" }, () => false);
    await emulator.control.injectFault({
      method: "POST",
      path: `/organization/${org.orgId}/connector`,
      mode: "drop-before-apply",
    });
    const ours = customBody(name);
    const err = (await api()
      .create(ours, sameAs(ours))
      .catch((e) => e)) as AmbiguousWriteError;
    expect(err).to.be.instanceOf(AmbiguousWriteError);
    expect(err.details).to.deep.equal({ orgId: org.orgId, connector: name, method: "POST" });
    expect(err.message)
      .to.contain(`id ${theirs.id}`)
      .and.contain("does not match what was sent")
      .and.contain("UND_ERR_SOCKET");
    expectNoSecrets(err);
  });

  it("says a dropped create was most likely not applied when nothing by its name exists", async () => {
    await emulator.control.injectFault({
      method: "POST",
      path: `/organization/${org.orgId}/connector`,
      mode: "drop-before-apply",
    });
    const body = customBody(uniqueName("Lost"));
    const err = (await api()
      .create(body, sameAs(body))
      .catch((e) => e)) as AmbiguousWriteError;
    expect(err).to.be.instanceOf(AmbiguousWriteError);
    expect(err.message).to.contain("most likely not created");
    expect(await emulator.control.connectors(org.orgId)).to.deep.equal([]);
  });

  it("treats a replayed delete that finds 404 as deleted", async () => {
    const client = api();
    const created = await client.create(customBody(uniqueName("Del")), () => false);
    await client.deactivate(created.id);
    await emulator.control.injectFault({
      method: "DELETE",
      path: "/organization/*",
      mode: "drop-after-apply",
    });
    expect(await client.delete(created.id)).to.equal(true);
    expect(await client.get(created.id)).to.equal(undefined);
  });

  it("makes one token request per org for many concurrent calls", async () => {
    const since = await lastSeq(emulator.control);
    const clients = [api(), api(), api()];
    await Promise.all(Array.from({ length: 30 }, (_, i) => clients[i % 3]!.list()));
    const log = await emulator.control.requests(since);
    expect(log.filter((r) => r.path === "/v1/access_token")).to.have.length(1);
    expect(log.filter((r) => r.path.endsWith("/v2/connector") && r.status === 200)).to.have.length(30);
  });

  it("renews an expired token once and carries on", async () => {
    const client = api();
    await client.list();
    skewMs += 3601_000; // the emulator's tokens live 3600 s
    const since = await lastSeq(emulator.control);
    await Promise.all([client.list(), client.list(), client.list()]);
    const log = await emulator.control.requests(since);
    expect(
      log.filter((r) => r.path === "/v1/access_token"),
      "one renewal for all callers",
    ).to.have.length(1);
    expect(log.filter((r) => r.status === 401).length).to.be.within(1, 3);
    expect(log.filter((r) => r.path.endsWith("/v2/connector") && r.status === 200)).to.have.length(3);
  });

  it("names the config key when an expired plain access token is refused", async () => {
    const client = connectorsFor(emulator.url, org.orgId, { accessToken: org.admin.accessToken });
    await client.list();
    await emulator.control.expireToken(org.admin.accessToken);
    const err = (await client.list().catch((e) => e)) as ConfigurationError;
    expect(err).to.be.instanceOf(ConfigurationError);
    expect(err.message)
      .to.contain("wxcc:accessToken")
      .and.contain("WXCC_ACCESS_TOKEN")
      .and.contain(org.orgId);
    expectNoSecrets(err);
  });

  it("authenticates as a service app authorized in the org", async () => {
    const app = await emulator.control.createServiceApp({ orgIds: [org.orgId], role: "cc-service-admin" });
    knownSecrets.add(app.clientSecret).add(app.integrationToken);
    const since = await lastSeq(emulator.control);
    const client = connectorsFor(emulator.url, org.orgId, { serviceApp: app });
    const created = await client.create(customBody(uniqueName("Sa")), () => false);
    await Promise.all([client.list(), client.get(created.id)]);
    const log = await emulator.control.requests(since);
    expect(log.filter((r) => r.path === `/v1/applications/${app.applicationId}/token`)).to.have.length(1);
    expect(
      log.filter((r) => r.path.startsWith("/organization/")).every((r) => r.clientId === app.clientId),
    ).to.equal(true);
  });

  it("explains a service app that is not authorized in the target org", async () => {
    const other = await newOrg(emulator.control);
    const app = await emulator.control.createServiceApp({ orgIds: [other.orgId], role: "full-admin" });
    knownSecrets.add(app.clientSecret).add(app.integrationToken);
    const err = (await connectorsFor(emulator.url, org.orgId, { serviceApp: app })
      .list()
      .catch((e) => e)) as ConfigurationError;
    expect(err).to.be.instanceOf(ConfigurationError);
    expect(err.message).to.contain("NOT_AUTHORIZED_IN_ORG").and.contain("wxcc:serviceApp");
    expectNoSecrets(err);
  });
});

describe("client against the emulator: the server's rate limit", () => {
  let emulator: RunningEmulator;
  const start = Date.now();

  before(async () => {
    // The emulator's clock runs 600 times faster, so its one-minute window passes in 100 ms and the
    // client's (capped) wait for Retry-After is enough without the test sleeping.
    emulator = await startEmulator({
      clock: () => start + (Date.now() - start) * 600,
      tokenTtlSeconds: 10 * 24 * 3600,
      rateLimitPerMinute: 4,
    });
  });
  after(() => emulator.close());

  it("paces through 429s with Retry-After so no failure surfaces", async () => {
    const org = await newOrg(emulator.control);
    const retries: RetryEvent[] = [];
    const client = connectorsFor(emulator.url, org.orgId, refreshCredentials(org.admin), {
      retry: { maxAttempts: 8, baseDelayMs: 5, maxDelayMs: 50, maxRetryAfterMs: 150 },
      onRetry: (e: RetryEvent) => retries.push(e),
    });
    const results = await Promise.all(Array.from({ length: 12 }, () => client.list()));
    expect(results).to.have.length(12);
    const log = await emulator.control.requests();
    expect(
      log.some((r) => r.status === 429),
      "the server did limit",
    ).to.equal(true);
    const limited = retries.filter((r) => r.reason === "rate-limited");
    expect(limited.length).to.be.greaterThan(0);
    // Retry-After is at least 1 s on the server's clock; the client waited the capped 150 ms.
    expect(limited.every((r) => r.delayMs === 150)).to.equal(true);
  });
});
