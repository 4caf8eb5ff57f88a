// Authentication: the refresh-token grant, service apps, the process-wide token cache, renewal before
// expiry and after a 401, and clear errors when credentials are refused.
import { expect } from "chai";
import { ConfigurationError, createWebexClient, WebexApiError } from "../../provider/webex";
import { TokenSource } from "../../provider/webex/tokens";
import type { ConnectorsApi, OrgCredentials } from "../../provider/webex/types";
import { FakeClock, settle } from "./support/fake-clock";
import {
  apiErrorBody,
  connectorBody,
  type FakeServer,
  type SeenRequest,
  startFakeServer,
} from "./support/fake-server";

let orgSeq = 0;
const fastRetry = { maxAttempts: 3, baseDelayMs: 5, maxDelayMs: 20, maxRetryAfterMs: 50 };

describe("client authentication", () => {
  let server: FakeServer;
  let orgId: string;
  let issued: number;
  /** Tokens the fake API accepts. */
  let valid: Set<string>;

  beforeEach(async () => {
    orgId = `org-auth-${++orgSeq}`;
    issued = 0;
    valid = new Set();
    server = await startFakeServer((req) => {
      if (req.path === "/v1/access_token" || req.path.startsWith("/v1/applications/")) {
        const token = `issued-token-${orgId}-${++issued}`;
        valid.add(token);
        return {
          status: 200,
          body: {
            access_token: token,
            expires_in: 3600,
            refresh_token: "rotated-refresh-1",
            token_type: "Bearer",
          },
        };
      }
      const presented = (req.headers.authorization ?? "").replace(/^Bearer /, "");
      if (!valid.has(presented))
        return { status: 401, body: apiErrorBody(401, "UNAUTHORIZED", "token expired") };
      return { status: 200, body: connectorBody() };
    });
  });
  afterEach(() => server.close());

  const refreshCredentials = (secret = "client-secret-xyz"): OrgCredentials => ({
    clientId: "client-id-1",
    clientSecret: secret,
    refreshToken: "refresh-token-original",
  });

  function api(credentials: OrgCredentials): ConnectorsApi {
    return createWebexClient({ baseUrl: server.url, identityUrl: server.url, retry: fastRetry }).connectors({
      orgId,
      region: "eu1",
      credentials,
    });
  }

  const tokenRequests = () => server.requests.filter((r) => r.path.startsWith("/v1/"));

  it("exchanges the refresh token for an access token with the form grant", async () => {
    await api(refreshCredentials()).get("c-1");
    const [tokenReq] = tokenRequests() as [SeenRequest];
    expect(tokenReq.method).to.equal("POST");
    expect(tokenReq.headers["content-type"]).to.equal("application/x-www-form-urlencoded");
    expect(Object.fromEntries(new URLSearchParams(tokenReq.body))).to.deep.equal({
      grant_type: "refresh_token",
      client_id: "client-id-1",
      client_secret: "client-secret-xyz",
      refresh_token: "refresh-token-original",
    });
    const apiReq = server.requests.find((r) => r.path.includes("/connector/"))!;
    expect(apiReq.headers.authorization).to.equal(`Bearer issued-token-${orgId}-1`);
  });

  it("asks the Applications API for a service app's token in the target org", async () => {
    await api({
      serviceApp: {
        applicationId: "app-42",
        clientId: "sa-client",
        clientSecret: "sa-secret-value",
        integrationToken: "integration-token-1",
      },
    }).get("c-1");
    const [tokenReq] = tokenRequests() as [SeenRequest];
    expect(tokenReq.path).to.equal("/v1/applications/app-42/token");
    expect(tokenReq.headers.authorization).to.equal("Bearer integration-token-1");
    expect(JSON.parse(tokenReq.body)).to.deep.equal({
      clientId: "sa-client",
      clientSecret: "sa-secret-value",
      targetOrgId: orgId,
    });
  });

  it("sends the service app's own targetOrgId when it differs from the org id", async () => {
    await api({
      serviceApp: {
        applicationId: "a",
        clientId: "c",
        clientSecret: "sa-secret-value",
        integrationToken: "it-1234567",
        targetOrgId: "Y2lzY29zcGFyazovL3Vz",
      },
    }).get("c-1");
    expect(JSON.parse(tokenRequests()[0]!.body).targetOrgId).to.equal("Y2lzY29zcGFyazovL3Vz");
  });

  it("makes one token request for many concurrent calls and reuses it across clients", async () => {
    await Promise.all(Array.from({ length: 25 }, () => api(refreshCredentials()).get("c-1")));
    await api(refreshCredentials()).get("c-1");
    expect(tokenRequests()).to.have.length(1);
  });

  it("treats rotated credentials as a new cache entry", async () => {
    await api(refreshCredentials("client-secret-one")).get("c-1");
    await api(refreshCredentials("client-secret-two")).get("c-1");
    expect(tokenRequests()).to.have.length(2);
  });

  it("renews the token once after a 401 and retries, sharing the renewal between callers", async () => {
    const client = api(refreshCredentials());
    await client.get("c-1");
    valid.clear(); // the server revokes every token it issued
    await Promise.all([client.get("c-1"), client.get("c-1"), client.get("c-1")]);
    expect(tokenRequests()).to.have.length(2);
    const second = new URLSearchParams(tokenRequests()[1]!.body);
    expect(second.get("refresh_token"), "the rotated refresh token is used").to.equal("rotated-refresh-1");
  });

  it("renews only once: a second 401 is an error", async () => {
    server.handle((req) =>
      req.path.startsWith("/v1/")
        ? { status: 200, body: { access_token: `fresh-token-${Math.random()}`, expires_in: 3600 } }
        : { status: 401, body: apiErrorBody(401, "UNAUTHORIZED", "wrong org") },
    );
    const err = (await api(refreshCredentials())
      .get("c-1")
      .catch((e) => e)) as WebexApiError;
    expect(err).to.be.instanceOf(WebexApiError);
    expect(err.status).to.equal(401);
    expect(err.message).to.contain("freshly issued token");
    expect(tokenRequests()).to.have.length(2);
    expect(server.requests.filter((r) => r.path.includes("/connector/"))).to.have.length(2);
  });

  it("names the config key to fix when a plain access token is refused, without the token", async () => {
    const err = (await api({ accessToken: "stale-access-token-1" })
      .get("c-1")
      .catch((e) => e)) as ConfigurationError;
    expect(err).to.be.instanceOf(ConfigurationError);
    expect(err.message).to.contain("wxcc:accessToken").and.contain("WXCC_ACCESS_TOKEN").and.contain(orgId);
    expect(err.message).to.contain("trackingId fake_401_UNAUTHORIZED");
    expect(err.message + err.stack).to.not.contain("stale-access-token-1");
    expect(tokenRequests()).to.have.length(0);
  });

  it("turns a refused refresh grant into a configuration error naming the keys, without secrets", async () => {
    server.handle(() => ({
      status: 400,
      body: { error: "invalid_grant", error_description: "refresh token refresh-token-original is expired" },
    }));
    const err = (await api(refreshCredentials())
      .get("c-1")
      .catch((e) => e)) as ConfigurationError;
    expect(err).to.be.instanceOf(ConfigurationError);
    expect(err.message)
      .to.contain("invalid_grant")
      .and.contain("wxcc:refreshToken")
      .and.contain("wxcc:clientSecret");
    expect(err.message).to.not.contain("refresh-token-original");
  });

  it("explains a refused service-app token request", async () => {
    server.handle(() => ({
      status: 401,
      body: { message: "The request requires a valid access token set in the Authorization request header." },
    }));
    const err = (await api({
      serviceApp: {
        applicationId: "a",
        clientId: "c",
        clientSecret: "sa-secret-value",
        integrationToken: "integration-token-1",
      },
    })
      .get("c-1")
      .catch((e) => e)) as ConfigurationError;
    expect(err).to.be.instanceOf(ConfigurationError);
    expect(err.message).to.contain("spark:applications_token").and.contain("wxcc:serviceApp");
  });

  it("retries the identity service on 503", async () => {
    let calls = 0;
    server.handle((req) => {
      if (req.path.startsWith("/v1/")) {
        return ++calls === 1
          ? { status: 503 }
          : { status: 200, body: { access_token: "late-token-123", expires_in: 60 } };
      }
      return { status: 200, body: connectorBody() };
    });
    expect((await api(refreshCredentials()).get("c-1"))?.id).to.equal("c-1");
    expect(calls).to.equal(2);
  });

  it("refuses incomplete credentials before any request, naming the field", () => {
    expect(() => api({ clientId: "x", clientSecret: "", refreshToken: "r" } as OrgCredentials)).to.throw(
      ConfigurationError,
      /clientSecret is missing or empty: set wxcc:clientSecret/,
    );
    expect(() => api({} as OrgCredentials)).to.throw(ConfigurationError, /No Webex credentials/);
  });
});

describe("TokenSource", () => {
  it("renews a margin before expiry, not after", async () => {
    const clock = new FakeClock();
    let fetched = 0;
    const source = new TokenSource(
      {
        orgId: `org-clock-${++orgSeq}`,
        region: "us1",
        credentials: { clientId: "c", clientSecret: "s-123456", refreshToken: "r-123456" },
      },
      "https://identity.test",
      async () => ({ accessToken: `t${++fetched}`, expiresInSeconds: 100, refreshToken: undefined }),
      clock,
    );
    expect(await source.token()).to.equal("t1");
    await clock.advance(89_000);
    expect(await source.token(), "still well inside its lifetime").to.equal("t1");
    await clock.advance(1_000); // 10 s (10%) before the 100 s expiry
    expect(await source.token()).to.equal("t2");
    expect(fetched).to.equal(2);
  });

  it("shares one in-flight request and forgets only the token that was refused", async () => {
    const clock = new FakeClock();
    let release!: (v: { accessToken: string; expiresInSeconds: number; refreshToken: undefined }) => void;
    let fetched = 0;
    const source = new TokenSource(
      {
        orgId: `org-clock-${++orgSeq}`,
        region: "us1",
        credentials: { clientId: "c", clientSecret: "s-123456", refreshToken: "r-123456" },
      },
      "https://identity.test",
      () => {
        fetched++;
        return new Promise((resolve) => {
          release = resolve;
        });
      },
      clock,
    );
    const waiting = [source.token(), source.token(), source.token()];
    await settle();
    release({ accessToken: "shared", expiresInSeconds: 3600, refreshToken: undefined });
    expect(await Promise.all(waiting)).to.deep.equal(["shared", "shared", "shared"]);
    source.invalidate("some-older-token");
    expect(await source.token()).to.equal("shared");
    expect(fetched).to.equal(1);
  });
});
