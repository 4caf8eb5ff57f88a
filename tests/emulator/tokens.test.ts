import { expect } from "chai";
import { Api, expectError, FakeClock, startWorld, type World } from "./helpers";

describe("emulator: Webex tokens", () => {
  let world: World;
  let clock: FakeClock;
  const list = () => `/organization/${world.orgId}/v2/connector`;

  beforeEach(async () => {
    clock = new FakeClock();
    world = await startWorld({ clock, tokenTtlSeconds: 600 });
  });
  afterEach(async () => {
    world.api.expectNoSecrets([world.admin.clientSecret]);
    await world.emulator.close();
  });

  function refresh(form: Record<string, string>) {
    return world.api.call("POST", "/v1/access_token", new URLSearchParams(form).toString(), {
      token: null,
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
  }

  it("expires access tokens on the injected clock and refreshes them", async () => {
    expect((await world.api.get(list())).status).to.equal(200);
    clock.advance(600_000);
    const expired = expectError(await world.api.get(list()), 401, "TOKEN_EXPIRED", "Authorization");
    expect(expired.description).to.contain("refresh");
    const refreshed = await refresh({
      grant_type: "refresh_token",
      client_id: world.admin.clientId,
      client_secret: world.admin.clientSecret,
      refresh_token: world.admin.refreshToken,
    });
    expect(refreshed.status, refreshed.text).to.equal(200);
    expect(refreshed.body).to.include({
      expires_in: 600,
      refresh_token: world.admin.refreshToken,
      token_type: "Bearer",
    });
    expect(refreshed.body.refresh_token_expires_in).to.be.a("number");
    expect(refreshed.body.access_token).to.not.equal(world.admin.accessToken);
    expect((await world.api.get(list(), { token: refreshed.body.access_token })).status).to.equal(200);
    clock.advance(599_000);
    expect((await world.api.get(list(), { token: refreshed.body.access_token })).status).to.equal(200);
  });

  it("forgets a token a day after it expired", async () => {
    clock.advance(600_000 + 24 * 3600 * 1000 + 1);
    expectError(await world.api.get(list()), 401, "TOKEN_EXPIRED");
    await world.emulator.control.createAdmin(world.orgId, { role: "full-admin" });
    expectError(await world.api.get(list()), 401, "UNAUTHORIZED");
  });

  it("expires a token on demand through the control API", async () => {
    await world.emulator.control.expireToken(world.admin.accessToken);
    expectError(await world.api.get(list()), 401, "TOKEN_EXPIRED");
  });

  it("refuses a refresh with a wrong secret, a foreign refresh token or another grant type", async () => {
    const good = {
      grant_type: "refresh_token",
      client_id: world.admin.clientId,
      client_secret: world.admin.clientSecret,
      refresh_token: world.admin.refreshToken,
    };
    expectError(await refresh({ ...good, client_secret: "nope" }), 401, "INVALID_CLIENT", "client_id");
    expectError(await refresh({ ...good, refresh_token: "nope" }), 400, "INVALID_GRANT", "refresh_token");
    const other = await world.emulator.control.createAdmin(world.orgId, { role: "full-admin" });
    expectError(await refresh({ ...good, refresh_token: other.refreshToken }), 400, "INVALID_GRANT");
    expectError(await refresh({ ...good, grant_type: "password" }), 400, "VALIDATION_FAILED", "grant_type");
    expectError(await refresh({ ...good, client_id: "" }), 400, "VALIDATION_FAILED", "client_id");
  });

  describe("service apps", () => {
    it("issues org-scoped tokens to an authorized service app for the token-manager integration", async () => {
      const app = await world.emulator.control.createServiceApp({
        orgIds: [world.orgId],
        role: "full-admin",
      });
      const webexOrgId = Buffer.from(`ciscospark://us/ORGANIZATION/${world.orgId}`).toString("base64");
      for (const targetOrgId of [world.orgId, webexOrgId]) {
        const issued = await world.api.post(
          `/v1/applications/${app.applicationId}/token`,
          { clientId: app.clientId, clientSecret: app.clientSecret, targetOrgId },
          { token: app.integrationToken },
        );
        expect(issued.status, issued.text).to.equal(200);
        expect(issued.body).to.include({ expires_in: 600, token_type: "Bearer" });
        const api = new Api(world.emulator.url, issued.body.access_token);
        expect((await api.get(list())).status).to.equal(200);
        const log = await world.emulator.control.requests();
        expect(log.at(-1)).to.include({ clientId: app.clientId, orgId: world.orgId, status: 200 });
        world.api.seen.push(...api.seen);
      }
      world.api.expectNoSecrets([app.clientSecret]);
    });

    it("refuses without spark:applications_token, with wrong client secrets and outside its orgs", async () => {
      const app = await world.emulator.control.createServiceApp({
        orgIds: [world.orgId],
        role: "full-admin",
      });
      await world.emulator.control.createOrg({ orgId: "org-elsewhere" });
      const path = `/v1/applications/${app.applicationId}/token`;
      const body = { clientId: app.clientId, clientSecret: app.clientSecret, targetOrgId: world.orgId };
      expectError(await world.api.post(path, body), 403, "SCOPE_REQUIRED");
      expectError(await world.api.post(path, body, { token: null }), 401, "UNAUTHORIZED");
      const integration = { token: app.integrationToken };
      expectError(
        await world.api.post(path, { ...body, clientSecret: "x" }, integration),
        401,
        "INVALID_CLIENT",
      );
      expectError(
        await world.api.post(path, { ...body, targetOrgId: "org-elsewhere" }, integration),
        403,
        "NOT_AUTHORIZED_IN_ORG",
        "targetOrgId",
      );
      expectError(
        await world.api.post(path, { ...body, targetOrgId: undefined }, integration),
        400,
        "VALIDATION_FAILED",
        "targetOrgId",
      );
      expectError(
        await world.api.post("/v1/applications/unknown/token", body, integration),
        404,
        "NOT_FOUND",
      );
      const onConnectors = await world.api.get(list(), integration);
      expectError(onConnectors, 403, "SCOPE_REQUIRED");
    });

    it("refreshes a service app's token with its own client", async () => {
      const app = await world.emulator.control.createServiceApp({
        orgIds: [world.orgId],
        role: "cc-service-admin",
      });
      const issued = await world.api.post(
        `/v1/applications/${app.applicationId}/token`,
        { clientId: app.clientId, clientSecret: app.clientSecret, targetOrgId: world.orgId },
        { token: app.integrationToken },
      );
      clock.advance(601_000);
      expectError(await world.api.get(list(), { token: issued.body.access_token }), 401, "TOKEN_EXPIRED");
      const refreshed = await refresh({
        grant_type: "refresh_token",
        client_id: app.clientId,
        client_secret: app.clientSecret,
        refresh_token: issued.body.refresh_token,
      });
      expect(refreshed.status, refreshed.text).to.equal(200);
      expect((await world.api.get(list(), { token: refreshed.body.access_token })).status).to.equal(200);
    });
  });
});
