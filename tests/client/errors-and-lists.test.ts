// What a refusal looks like to the operator, that no secret survives into it, and list pagination.
import { generateKeyPairSync } from "node:crypto";
import { expect } from "chai";
import { createWebexClient, WebexApiError } from "../../provider/webex";
import { roleNeededFrom } from "../../provider/webex/api-errors";
import type { ClientOptions, ConnectorsApi } from "../../provider/webex/types";
import { apiErrorBody, connectorBody, type FakeServer, startFakeServer } from "./support/fake-server";

let orgSeq = 0;
let pem: string | undefined;
const privateKey = () =>
  (pem ??= generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({
    type: "pkcs8",
    format: "pem",
  }) as string);

describe("client errors and lists", () => {
  let server: FakeServer;
  let orgId: string;

  beforeEach(async () => {
    server = await startFakeServer();
    orgId = `org-errors-${++orgSeq}`;
  });
  afterEach(() => server.close());

  function api(options: ClientOptions = {}, accessToken = "access-token-abc123"): ConnectorsApi {
    return createWebexClient({
      baseUrl: server.url,
      retry: { maxAttempts: 2, baseDelayMs: 1 },
      ...options,
    }).connectors({
      orgId,
      region: "us1",
      credentials: { accessToken },
    });
  }

  it("names org, connector, operation, status, reason, field, server message and trackingId", async () => {
    server.handle(() => ({
      status: 409,
      headers: { TrackingID: "hdr_1" },
      body: apiErrorBody(
        409,
        "DUPLICATE_NAME",
        `A connector named "Custom-1" already exists in org ${orgId}.`,
        { field: "name" },
      ),
    }));
    const err = (await api()
      .create({ name: "Custom-1", type: "CUSTOM", settings: {}, credentials: {} }, () => true)
      .catch((e) => e)) as WebexApiError;
    expect(err).to.be.instanceOf(WebexApiError);
    expect(err.message).to.equal(
      `Creating connector "Custom-1" in org ${orgId} failed: HTTP 409 DUPLICATE_NAME: ` +
        `A connector named "Custom-1" already exists in org ${orgId}. (field: name) [trackingId: fake_409_DUPLICATE_NAME]`,
    );
    expect(err.details).to.deep.include({
      status: 409,
      orgId,
      connector: '"Custom-1"',
      reason: "DUPLICATE_NAME",
      field: "name",
      trackingId: "fake_409_DUPLICATE_NAME",
    });
  });

  it("names the role a 403 needs", async () => {
    const description =
      "Creating a connector needs a read/write administrator role (Full administrator, Contact Center service administrator); " +
      "the token's role external-read-only can only read connectors.";
    server.handle(() => ({ status: 403, body: apiErrorBody(403, "ROLE_REQUIRED", description) }));
    const err = (await api()
      .deactivate("c-1")
      .catch((e) => e)) as WebexApiError;
    expect(err.status).to.equal(403);
    expect(err.details.roleNeeded).to.equal(
      "read/write administrator role (Full administrator, Contact Center service administrator)",
    );
    expect(err.message).to.contain("Deactivating connector id c-1").and.contain(err.details.roleNeeded!);
    expect(err.message, "the role is not repeated when the server named it").to.not.contain("Role needed:");
  });

  it("extracts roles from differently worded messages, and nothing when none is named", () => {
    expect(roleNeededFrom(["Reading connectors needs an administrator role; view-only cannot."])).to.equal(
      "administrator role",
    );
    expect(
      roleNeededFrom([
        "Deleting a connector needs a read/write administrator role (Full administrator (full-admin), Contact Center service administrator (cc-service-admin)); the token's role support-basic can only read connectors.",
      ]),
    ).to.equal(
      "read/write administrator role (Full administrator (full-admin), Contact Center service administrator (cc-service-admin))",
    );
    expect(roleNeededFrom(["Licence FLEX3 is required."])).to.equal(undefined);
    expect(roleNeededFrom(["Forbidden."], "read/write administrator")).to.equal("read/write administrator");
  });

  it("adds the role to the message when the server only gave it as a field", async () => {
    server.handle(() => ({
      status: 403,
      body: apiErrorBody(403, "ROLE_REQUIRED", "Forbidden.", { roleNeeded: "read/write administrator" }),
    }));
    const err = (await api()
      .activate("c-1")
      .catch((e) => e)) as WebexApiError;
    expect(err.message).to.contain("Forbidden. Role needed: read/write administrator.");
  });

  it("lists what refers to a connector on a 412", async () => {
    server.handle(() => ({
      status: 412,
      body: apiErrorBody(412, "REFERENCED", "Connector is used by CCAI config Sales-Bot.", {
        references: [{ type: "ccai-config", id: "cfg-1", name: "Sales-Bot" }],
      }),
    }));
    const err = (await api()
      .delete("c-1")
      .catch((e) => e)) as WebexApiError;
    expect(err.details.references).to.deep.equal([{ type: "ccai-config", id: "cfg-1", name: "Sales-Bot" }]);
    expect(err.message).to.contain('Referenced by: ccai-config "Sales-Bot" (id cfg-1)');
  });

  it("quotes a non-JSON error page briefly and uses the TrackingID header", async () => {
    server.handle(() => ({
      status: 400,
      headers: { TrackingID: "hdr_42" },
      body: "<html><body>Bad   request</body></html>",
    }));
    const err = (await api()
      .get("c-1")
      .catch((e) => e)) as WebexApiError;
    expect(err.message)
      .to.contain("HTTP 400: <html><body>Bad request</body></html>")
      .and.contain("[trackingId: hdr_42]");
  });

  it("scrubs the token, the connector's secrets, extra secrets and PEM keys from every message", async () => {
    const key = privateKey();
    const keyLine = key.split("\n")[2]!;
    server.handle((req) => ({
      status: 400,
      body: apiErrorBody(
        400,
        "SALESFORCE_VALIDATION_FAILED",
        // A careless server echoing everything it was sent.
        `auth=${req.headers.authorization} body=${req.body} extra=operator-known-secret line=${keyLine}`,
      ),
    }));
    const err = (await api({ secrets: ["operator-known-secret"] })
      .create(
        {
          name: "SF",
          type: "SALESFORCE",
          settings: {},
          credentials: { clientId: "3MVG9-visible", userEmail: "i@acme.example", privateKey: key },
        },
        () => true,
      )
      .catch((e) => e)) as WebexApiError;
    expect(err).to.be.instanceOf(WebexApiError);
    const text = `${err.message}\n${err.stack}\n${JSON.stringify(err.details)}`;
    for (const secret of ["access-token-abc123", "operator-known-secret", keyLine, "BEGIN PRIVATE KEY"]) {
      expect(text, secret).to.not.contain(secret);
    }
    expect(err.message, "non-secret fields stay readable")
      .to.contain("3MVG9-visible")
      .and.contain("i@acme.example");
  });

  it("scrubs secrets from the re-authorization body and from undici's own errors", async () => {
    server.handle((req) => ({
      status: 400,
      body: apiErrorBody(400, "VALIDATION_FAILED", `got ${req.body}`),
    }));
    const err = (await api()
      .reauthorize("c-1", "google-auth-code-123")
      .catch((e) => e)) as WebexApiError;
    expect(err.message).to.not.contain("google-auth-code-123");

    // A connection error message from undici, with a secret as the path (the org id here).
    const closed = await startFakeServer();
    await closed.close();
    const refused = (await createWebexClient({
      baseUrl: closed.url,
      retry: { maxAttempts: 1 },
      secrets: ["org-secret-path"],
    })
      .connectors({
        orgId: "org-secret-path",
        region: "us1",
        credentials: { accessToken: "access-token-abc123" },
      })
      .list()
      .catch((e) => e)) as WebexApiError;
    expect(refused.message).to.contain("ECONNREFUSED").and.not.contain("org-secret-path");
  });

  it("follows every page of a list", async () => {
    const all = Array.from({ length: 7 }, (_, i) => connectorBody({ id: `c-${i}`, name: `N-${i}` }));
    server.handle((req) => {
      const page = Number(req.query.get("page"));
      const size = Number(req.query.get("pageSize"));
      return {
        status: 200,
        body: {
          meta: { page, pageSize: size, totalPages: Math.ceil(all.length / size), totalRecords: all.length },
          data: all.slice(page * size, page * size + size),
        },
      };
    });
    const listed = await api({ pageSize: 3 }).list({ type: "CUSTOM" });
    expect(listed.map((c) => c.id)).to.deep.equal(all.map((c) => c.id));
    expect(server.requests.map((r) => r.query.get("page"))).to.deep.equal(["0", "1", "2"]);
    expect(server.requests[0]!.query.get("filter")).to.equal('type=="CUSTOM"');
  });

  it("follows links.next when totalPages is absent", async () => {
    server.handle((req) => {
      const page = Number(req.query.get("page"));
      return {
        status: 200,
        body: {
          meta: { page, links: page < 1 ? { next: "/next" } : {} },
          data: [connectorBody({ id: `c-${page}` })],
        },
      };
    });
    expect((await api().list()).map((c) => c.id)).to.deep.equal(["c-0", "c-1"]);
  });

  it("finds by name with the list filter, case-insensitively, preferring an exact match", async () => {
    server.handle(() => ({
      status: 200,
      body: {
        meta: { page: 0, totalPages: 1 },
        data: [
          connectorBody({ id: "lower", name: 'sales "x"' }),
          connectorBody({ id: "exact", name: 'Sales "X"' }),
        ],
      },
    }));
    const found = await api().findByName('Sales "X"');
    expect(found?.id).to.equal("exact");
    expect(server.requests[0]!.query.get("filter")).to.equal(`name=='Sales "X"'`);
    server.handle(() => ({ status: 200, body: { meta: { page: 0, totalPages: 1 }, data: [] } }));
    expect(await api().findByName("absent")).to.equal(undefined);
  });

  it("filters locally when a name cannot travel in the filter", async () => {
    server.handle(() => ({
      status: 200,
      body: {
        meta: { page: 0, totalPages: 1 },
        data: [connectorBody({ id: "a", name: "A;B" }), connectorBody({ id: "b", name: "A" })],
      },
    }));
    expect((await api().findByName("a;b"))?.id).to.equal("a");
    expect(server.requests[0]!.query.get("filter")).to.equal(null);
  });

  it("lists incoming references across pages", async () => {
    server.handle((req) => {
      const page = Number(req.query.get("page"));
      return {
        status: 200,
        body: {
          meta: { page, totalPages: 2 },
          data: [{ type: "ccai-config", id: `r${page}`, name: `Ref ${page}` }],
        },
      };
    });
    const refs = await api().incomingReferences("c-1");
    expect(refs.map((r) => r.id)).to.deep.equal(["r0", "r1"]);
    expect(server.requests[0]!.path).to.equal(`/organization/${orgId}/connector/c-1/incoming-references`);
  });

  it("refuses a response that is not a connector, with a clear message", async () => {
    server.handle(() => ({ status: 200, body: { unexpected: true } }));
    const err = (await api()
      .activate("c-1")
      .catch((e) => e)) as WebexApiError;
    expect(err).to.be.instanceOf(WebexApiError);
    expect(err.message).to.contain("Activating connector id c-1").and.contain("not a connector object");
  });

  it("validates client options, naming the option", () => {
    expect(() => createWebexClient({ pageSize: 501 })).to.throw(/pageSize must be an integer from 1 to 500/);
    expect(() => createWebexClient({ rateLimitPerMinute: 0 })).to.throw(/rateLimitPerMinute/);
    expect(() => createWebexClient({ retry: { maxAttempts: 0 } })).to.throw(/retry.maxAttempts/);
    expect(() => createWebexClient({ baseUrl: "http://example.com" })).to.not.throw();
    expect(() =>
      createWebexClient({ baseUrl: "http://example.com" }).connectors({
        orgId: "o",
        region: "us1",
        credentials: { accessToken: "x" },
      }),
    ).to.throw(/plain http is allowed only for loopback/);
  });
});
