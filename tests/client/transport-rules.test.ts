// The client's transport rules against a scripted local server: retries, Retry-After, backoff bounds,
// what may be replayed, and how an uncertain create is settled.
import { expect } from "chai";
import { AmbiguousWriteError, createWebexClient, type RetryEvent, WebexApiError } from "../../provider/webex";
import type { ClientOptions, ConnectorCreate, ConnectorsApi } from "../../provider/webex/types";
import {
  apiErrorBody,
  connectorBody,
  type FakeServer,
  type Handler,
  startFakeServer,
} from "./support/fake-server";

const fastRetry = { maxAttempts: 4, baseDelayMs: 5, maxDelayMs: 20, maxRetryAfterMs: 50 };
let orgSeq = 0;

const createBody: ConnectorCreate = {
  name: "Custom-1",
  type: "CUSTOM",
  settings: { resourceDomainUrl: "https://example.test" },
  credentials: { authType: "BASIC", username: "u", password: "basic-password-1" },
};

describe("client transport rules", () => {
  let server: FakeServer;
  let retries: RetryEvent[];
  let orgId: string;

  beforeEach(async () => {
    server = await startFakeServer();
    retries = [];
    orgId = `org-transport-${++orgSeq}`;
  });
  afterEach(() => server.close());

  function api(options: ClientOptions = {}): ConnectorsApi {
    return createWebexClient({
      baseUrl: server.url,
      retry: fastRetry,
      onRetry: (e) => retries.push(e),
      ...options,
    }).connectors({ orgId, region: "us1", credentials: { accessToken: "access-token-abc123" } });
  }

  function sequence(...replies: Array<ReturnType<Handler>>): Handler {
    let i = 0;
    return () => replies[Math.min(i++, replies.length - 1)]!;
  }

  const postsTo = (suffix: string) =>
    server.requests.filter((r) => r.method === "POST" && r.path.endsWith(suffix));

  it("retries a read after 503s and returns the answer", async () => {
    server.handle(
      sequence(
        { status: 503, body: apiErrorBody(503, "UNAVAILABLE", "try later") },
        { status: 502, body: "<html>bad gateway</html>" },
        { status: 200, body: connectorBody() },
      ),
    );
    const found = await api().get("c-1");
    expect(found?.id).to.equal("c-1");
    expect(server.requests).to.have.length(3);
    expect(retries.map((r) => r.reason)).to.deep.equal(["server-error", "server-error"]);
    expect(server.requests[0]!.headers.authorization).to.equal("Bearer access-token-abc123");
  });

  it("honours Retry-After on 429 but caps it", async () => {
    server.handle(
      sequence(
        {
          status: 429,
          headers: { "Retry-After": "3600" },
          body: apiErrorBody(429, "RATE_LIMITED", "slow down"),
        },
        { status: 200, body: connectorBody() },
      ),
    );
    await api().get("c-1");
    expect(retries).to.have.length(1);
    expect(retries[0]).to.include({ reason: "rate-limited", delayMs: 50, method: "GET" });
  });

  it("uses the server's Retry-After when it is under the cap", async () => {
    server.handle(
      sequence({ status: 429, headers: { "Retry-After": "0.02" } }, { status: 200, body: connectorBody() }),
    );
    await api().get("c-1");
    expect(retries[0]!.delayMs).to.equal(20);
  });

  it("keeps backoff within the configured bounds", async () => {
    server.handle(() => ({ status: 500, body: apiErrorBody(500, "INTERNAL", "boom") }));
    const err = await api({ retry: { maxAttempts: 6, baseDelayMs: 4, maxDelayMs: 10 } })
      .get("c-1")
      .catch((e) => e);
    expect(err).to.be.instanceOf(WebexApiError);
    expect(retries).to.have.length(5);
    for (const [i, r] of retries.entries()) {
      const step = Math.min(10, 4 * 2 ** i);
      expect(r.delayMs, `retry ${i + 1}`).to.be.within(step / 2, step);
    }
  });

  it("gives up after the last attempt with everything known in the error", async () => {
    server.handle(() => ({ status: 503, body: apiErrorBody(503, "UNAVAILABLE", "maintenance window") }));
    const err = (await api()
      .get("c-9")
      .catch((e) => e)) as WebexApiError;
    expect(err).to.be.instanceOf(WebexApiError);
    expect(server.requests).to.have.length(4);
    expect(err.status).to.equal(503);
    expect(err.message).to.contain(`Reading connector id c-9 in org ${orgId}`);
    expect(err.message).to.contain("HTTP 503 UNAVAILABLE: maintenance window");
    expect(err.message).to.contain("trackingId: fake_503_UNAVAILABLE");
    expect(err.message).to.contain("Gave up after 4 attempts");
  });

  it("retries a POST that was refused before it was sent (connection refused)", async () => {
    const closed = await startFakeServer();
    const deadUrl = closed.url;
    await closed.close();
    const events: number[] = [];
    const err = (await createWebexClient({
      baseUrl: deadUrl,
      retry: fastRetry,
      onRequest: (e) => events.push(e.status),
    })
      .connectors({ orgId, region: "us1", credentials: { accessToken: "access-token-abc123" } })
      .create(createBody, () => true)
      .catch((e) => e)) as WebexApiError;
    expect(err).to.be.instanceOf(WebexApiError);
    expect(err).to.not.be.instanceOf(AmbiguousWriteError);
    expect(events, "every attempt was made").to.deep.equal([0, 0, 0, 0]);
    expect(err.status).to.equal(0);
    expect(err.message).to.contain("ECONNREFUSED").and.contain("after 4 attempts").and.contain('"Custom-1"');
  });

  it("waits out a storm of 429s longer than maxAttempts: a 429 says when to come back", async () => {
    const storm = Array.from({ length: 6 }, () => ({ status: 429, headers: { "Retry-After": "0" } }));
    server.handle(sequence(...storm, { status: 200, body: connectorBody() }));
    const found = await api().get("c-1");
    expect(found?.id).to.equal("c-1");
    expect(server.requests).to.have.length(7);
    expect(retries.map((r) => r.reason)).to.deep.equal(Array(6).fill("rate-limited"));
  });

  it("fails a 429 storm that outlasts retry.maxRateLimitWaitMs, saying how long it waited", async () => {
    server.handle(() => ({ status: 429, headers: { "Retry-After": "0.02" } }));
    const err = (await api({ retry: { ...fastRetry, maxRateLimitWaitMs: 50 } })
      .get("c-1")
      .catch((e) => e)) as WebexApiError;
    expect(err).to.be.instanceOf(WebexApiError);
    expect(err.status).to.equal(429);
    expect(server.requests).to.have.length(3);
    expect(err.message)
      .to.contain("Gave up after 3 answers of 429 Too Many Requests")
      .and.contain("retry.maxRateLimitWaitMs");
  });

  it("retries a POST create after a 429: the server refused it without applying it", async () => {
    server.handle(
      sequence({ status: 429, headers: { "Retry-After": "0" } }, { status: 201, body: connectorBody() }),
    );
    const created = await api().create(createBody, () => false);
    expect(created.id).to.equal("c-1");
    expect(postsTo("/connector")).to.have.length(2);
  });

  describe("a create whose outcome is uncertain", () => {
    const listWith = (items: unknown[]) => ({
      status: 200,
      body: { meta: { page: 0, pageSize: 100, totalPages: 1, totalRecords: items.length }, data: items },
    });

    function scripted(
      postReply: "drop" | "hang" | { status: number; body?: unknown },
      existing: unknown[],
    ): Handler {
      return (req) => {
        if (req.method === "POST") return postReply;
        if (req.path.endsWith("/v2/connector")) return listWith(existing);
        return { status: 404 };
      };
    }

    it("adopts the connector when the socket dropped after sending and the lookup finds ours", async () => {
      server.handle(scripted("drop", [connectorBody({ id: "c-77", createdTime: Date.now() })]));
      let examined: string | undefined;
      const found = await api().create(createBody, (c) => {
        examined = c.id;
        return true;
      });
      expect(found.id).to.equal("c-77");
      expect(examined).to.equal("c-77");
      expect(postsTo("/connector"), "the POST is never replayed").to.have.length(1);
      const lookup = server.requests.find((r) => r.method === "GET")!;
      expect(lookup.query.get("filter")).to.equal('name=="Custom-1"');
    });

    it("throws AmbiguousWriteError naming what exists when the found connector is not ours", async () => {
      server.handle(scripted("drop", [connectorBody({ id: "c-other", type: "CUSTOM" })]));
      const err = (await api()
        .create(createBody, () => false)
        .catch((e) => e)) as AmbiguousWriteError;
      expect(err).to.be.instanceOf(AmbiguousWriteError);
      expect(err.details).to.deep.equal({ orgId, connector: "Custom-1", method: "POST" });
      expect(err.message).to.contain("UND_ERR_SOCKET").and.contain("id c-other").and.contain("not adopted");
      expect(postsTo("/connector")).to.have.length(1);
    });

    it("never adopts a matching connector the server's clock says was created before the POST left", async () => {
      // A connector of another stack, created a minute before this request by the server's (Date header) clock.
      const older = connectorBody({ id: "c-theirs", createdTime: Date.now() - 60_000 });
      server.handle(scripted("drop", [older]));
      const err = (await api()
        .create(createBody, () => true)
        .catch((e) => e)) as AmbiguousWriteError;
      expect(err).to.be.instanceOf(AmbiguousWriteError);
      expect(err.message)
        .to.contain("may belong to someone else")
        .and.contain("id c-theirs")
        .and.contain(new Date(older.createdTime as number).toISOString())
        .and.contain("created before this run's request was sent");
      expect(postsTo("/connector")).to.have.length(1);
    });

    it("says the create was most likely not applied when nothing by that name exists", async () => {
      server.handle(scripted("drop", []));
      const err = (await api()
        .create(createBody, () => true)
        .catch((e) => e)) as AmbiguousWriteError;
      expect(err).to.be.instanceOf(AmbiguousWriteError);
      expect(err.message)
        .to.contain('no connector named "Custom-1" exists')
        .and.contain("Run the deployment again");
      expect(postsTo("/connector")).to.have.length(1);
    });

    it("does not replay a create answered with 503, and settles it by name", async () => {
      server.handle(
        scripted({ status: 503, body: apiErrorBody(503, "UNAVAILABLE", "overloaded") }, [
          connectorBody({ createdTime: Date.now() }),
        ]),
      );
      const found = await api().create(createBody, (c) => c.name === "Custom-1");
      expect(found.id).to.equal("c-1");
      expect(postsTo("/connector")).to.have.length(1);
    });

    it("treats a timeout as uncertain too", async () => {
      server.handle(scripted("hang", []));
      const err = (await api({ timeoutMs: 150 })
        .create(createBody, () => true)
        .catch((e) => e)) as AmbiguousWriteError;
      expect(err).to.be.instanceOf(AmbiguousWriteError);
      expect(err.message).to.contain("UND_ERR_HEADERS_TIMEOUT");
      expect(postsTo("/connector")).to.have.length(1);
    });

    it("says whether it exists is unknown when the lookup fails as well", async () => {
      server.handle((req) =>
        req.method === "POST" ? "drop" : { status: 403, body: apiErrorBody(403, "X", "no") },
      );
      const err = (await api()
        .create(createBody, () => true)
        .catch((e) => e)) as AmbiguousWriteError;
      expect(err).to.be.instanceOf(AmbiguousWriteError);
      expect(err.message).to.contain("that lookup failed too").and.contain("unknown");
    });
  });

  it("retries activate after a dropped connection: it is idempotent", async () => {
    server.handle(sequence("drop", { status: 200, body: connectorBody({ active: true, version: 2 }) }));
    const c = await api().activate("c-1");
    expect(c.version).to.equal(2);
    expect(postsTo("/activate")).to.have.length(2);
    expect(retries[0]!.reason).to.equal("connection");
  });

  it("reports a DELETE replay that finds 404 as deleted, and a first 404 as already gone", async () => {
    server.handle(sequence({ status: 503 }, { status: 404, body: apiErrorBody(404, "NOT_FOUND", "gone") }));
    expect(await api().delete("c-1")).to.equal(true);
    server.handle(() => ({ status: 404, body: apiErrorBody(404, "NOT_FOUND", "gone") }));
    expect(await api().delete("c-1")).to.equal(false);
    server.handle(() => ({ status: 204 }));
    expect(await api().delete("c-1")).to.equal(true);
  });

  it("recognises its own replayed PUT behind a VERSION_CONFLICT", async () => {
    const applied = connectorBody({ version: 4, description: "new text" });
    server.handle((req) => {
      if (req.method === "PUT") {
        const puts = server.requests.filter((r) => r.method === "PUT").length;
        return puts === 1
          ? "drop"
          : { status: 409, body: apiErrorBody(409, "VERSION_CONFLICT", "version is 4") };
      }
      return { status: 200, body: applied };
    });
    const update = { ...connectorBody({ version: 3, description: "new text" }) } as never;
    const result = await api().update(update);
    expect(result.version).to.equal(4);
  });

  it("surfaces a VERSION_CONFLICT that was not caused by its own replay", async () => {
    server.handle(() => ({
      status: 409,
      body: apiErrorBody(409, "VERSION_CONFLICT", "version is 7", { field: "version" }),
    }));
    const err = (await api()
      .update(connectorBody({ version: 3 }) as never)
      .catch((e) => e)) as WebexApiError;
    expect(err).to.be.instanceOf(WebexApiError);
    expect(err.reason).to.equal("VERSION_CONFLICT");
    expect(err.details.field).to.equal("version");
    expect(err.message).to.contain('Updating connector "Custom-1" (id c-1)');
  });

  it("returns undefined for a connector that does not exist", async () => {
    server.handle(() => ({ status: 404, body: apiErrorBody(404, "NOT_FOUND", "no such connector") }));
    expect(await api().get("missing")).to.equal(undefined);
  });

  it("reports every exchange to onRequest without secrets", async () => {
    const events: unknown[] = [];
    server.handle(sequence({ status: 503 }, { status: 200, body: connectorBody() }));
    await api({ onRequest: (e) => events.push(e) }).get("c-1");
    expect(events).to.have.length(2);
    expect(events[0]).to.include({ orgId, kind: "api", method: "GET", status: 503, attempt: 1 });
    expect(events[1]).to.include({ status: 200, attempt: 2, path: `/organization/${orgId}/connector/c-1` });
    expect((events[1] as { durationMs: number }).durationMs)
      .to.be.a("number")
      .and.at.least(0);
    expect(JSON.stringify(events)).to.not.contain("access-token-abc123");
  });

  it("a throwing observer does not break the call", async () => {
    server.handle(() => ({ status: 200, body: connectorBody() }));
    const c = await api({
      onRequest: () => {
        throw new Error("observer bug");
      },
    }).get("c-1");
    expect(c?.id).to.equal("c-1");
  });
});
