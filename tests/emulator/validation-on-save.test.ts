import { createPrivateKey } from "node:crypto";
import { expect } from "chai";
import { SignJWT } from "jose";
import type { ConnectedApp } from "../../emulator";
import { verifyJwtBearerAssertion } from "../../emulator/identity/jwt-bearer";
import {
  expectError,
  registerSalesforceApp,
  rsaKey,
  SF_APP,
  salesforceCredentials,
  startWorld,
  validBodies,
  type World,
} from "./helpers";

describe("emulator: validation on save", () => {
  let world: World;
  const create = (body: Record<string, unknown>) =>
    world.api.post(`/organization/${world.orgId}/connector`, body);

  beforeEach(async () => {
    world = await startWorld();
  });
  afterEach(async () => {
    world.api.expectNoSecrets([
      rsaKey("salesforce").privateKeyPem,
      rsaKey("other").privateKeyPem,
      "oauth-client-secret",
      "wrong-secret",
      "owner-password",
      "basic-password-secret",
    ]);
    await world.emulator.close();
  });

  describe("Salesforce", () => {
    const salesforce = (credentials: Record<string, unknown>) => ({
      ...validBodies().SALESFORCE,
      credentials: salesforceCredentials(credentials),
    });

    const refusals: [string, () => Promise<void>, Record<string, unknown>, string, string][] = [
      [
        "an unknown consumer key",
        async () => {},
        {},
        "invalid_client_id: client identifier invalid",
        "credentials.clientId",
      ],
      [
        "a user the app does not know",
        () => registerSalesforceApp(world),
        { userEmail: "someone.else@acme.example" },
        "invalid_grant: user hasn't approved this consumer",
        "credentials.userEmail",
      ],
      [
        "an audience the app does not accept",
        () => registerSalesforceApp(world),
        { authorizationServerUrl: "https://test.salesforce.com" },
        "invalid_grant: audience is invalid",
        "credentials.authorizationServerUrl",
      ],
      [
        "a private key that does not match the certificate",
        () => registerSalesforceApp(world),
        { privateKey: rsaKey("other").privateKeyPem },
        "invalid_grant: invalid assertion",
        "credentials.privateKey",
      ],
    ];
    for (const [what, setup, credentials, message, field] of refusals) {
      it(`refuses ${what} with 400 SALESFORCE_VALIDATION_FAILED (${message})`, async () => {
        await setup();
        const refused = await create(salesforce(credentials));
        const item = expectError(refused, 400, "SALESFORCE_VALIDATION_FAILED", field);
        expect(item.description).to.contain(message);
        expect(`${item.error}: ${item.error_description}`).to.equal(message);
        expect((await world.emulator.control.connectors(world.orgId)).length).to.equal(0);
      });
    }

    it("accepts the key that pairs with the registered certificate and a custom audience", async () => {
      await world.emulator.control.registerConnectedApp({
        ...SF_APP,
        publicKey: rsaKey("salesforce").publicKeyPem,
        audiences: ["https://acme.my.salesforce.com"],
      });
      const created = await create(salesforce({ authorizationServerUrl: "https://acme.my.salesforce.com" }));
      expect(created.status, created.text).to.equal(201);
    });

    it("validates credentials edited with PUT before storing them", async () => {
      await registerSalesforceApp(world);
      const created = (await create(salesforce({}))).body;
      const path = `/organization/${world.orgId}/connector/${created.id}`;
      await world.api.post(`${path}/deactivate`);
      const refused = await world.api.put(path, {
        ...created,
        version: 1,
        credentials: salesforceCredentials({ privateKey: rsaKey("other").privateKeyPem }),
      });
      expectError(refused, 400, "SALESFORCE_VALIDATION_FAILED", "credentials.privateKey");
      expect((await world.api.get(path)).body.version).to.equal(1);
    });
  });

  describe("the JWT bearer check shared with the emulated Salesforce", () => {
    const app = (): ConnectedApp => ({
      consumerKey: SF_APP.consumerKey,
      username: SF_APP.username,
      publicKeyPem: rsaKey("salesforce").publicKeyPem,
      audiences: ["https://login.salesforce.com"],
    });
    const now = Date.UTC(2026, 5, 1);
    const sign = (exp: number, key = rsaKey("salesforce").privateKeyPem) =>
      new SignJWT({})
        .setProtectedHeader({ alg: "RS256" })
        .setIssuer(SF_APP.consumerKey)
        .setSubject(SF_APP.username)
        .setAudience("https://login.salesforce.com")
        .setExpirationTime(exp)
        .sign(createPrivateKey(key));

    it("accepts a fresh assertion and reports who it is for", async () => {
      const result = await verifyJwtBearerAssertion([app()], await sign(now / 1000 + 180), now);
      expect(result).to.deep.equal({
        ok: true,
        consumerKey: SF_APP.consumerKey,
        username: SF_APP.username,
        audience: "https://login.salesforce.com",
      });
    });

    it("refuses an expired assertion with invalid_grant: expired authorization code", async () => {
      const result = await verifyJwtBearerAssertion([app()], await sign(now / 1000 - 1), now);
      expect(result).to.deep.equal({
        ok: false,
        error: "invalid_grant",
        error_description: "expired authorization code",
      });
    });

    it("refuses garbage as an invalid assertion", async () => {
      const result = await verifyJwtBearerAssertion([app()], "not.a.jwt", now);
      expect(result).to.deep.equal({
        ok: false,
        error: "invalid_grant",
        error_description: "invalid assertion",
      });
    });
  });

  describe("Custom OAuth 2.0", () => {
    const tokenUrl = "https://auth.acme.example/oauth/token";
    const oauth = (credentials: Record<string, unknown>) => ({
      ...validBodies().CUSTOM,
      credentials: {
        authType: "OAUTH2",
        grantType: "CLIENT_CREDENTIALS",
        clientId: "flows-client",
        clientSecret: "oauth-client-secret",
        tokenUrl,
        scope: "crm.read",
        ...credentials,
      },
    });

    beforeEach(async () => {
      await world.emulator.control.registerOAuthClient({
        tokenUrl,
        clientId: "flows-client",
        clientSecret: "oauth-client-secret",
        username: "owner",
        password: "owner-password",
      });
    });

    it("saves when the token URL grants a token to the client", async () => {
      const created = await create(oauth({}));
      expect(created.status, created.text).to.equal(201);
      expect(created.body.credentials).to.deep.equal({
        authType: "OAUTH2",
        grantType: "CLIENT_CREDENTIALS",
        clientId: "flows-client",
        tokenUrl,
        scope: "crm.read",
      });
      expect(created.body.secretFields).to.deep.equal(["clientSecret"]);
    });

    it("saves a password grant for the registered user", async () => {
      const created = await create(
        oauth({ grantType: "PASSWORD", username: "owner", password: "owner-password", scope: undefined }),
      );
      expect(created.status, created.text).to.equal(201);
      expect(created.body.secretFields).to.deep.equal(["clientSecret", "password"]);
    });

    const refusals: [string, Record<string, unknown>, string, string][] = [
      [
        "a wrong client secret",
        { clientSecret: "wrong-secret" },
        "credentials.clientSecret",
        "invalid_client",
      ],
      ["an unknown client", { clientId: "nobody" }, "credentials.clientId", "invalid_client"],
      [
        "a token URL nothing answers",
        { tokenUrl: "https://elsewhere.example/token" },
        "credentials.tokenUrl",
        "404",
      ],
      [
        "a wrong resource owner password",
        { grantType: "PASSWORD", username: "owner", password: "wrong-secret" },
        "credentials.password",
        "invalid_grant",
      ],
    ];
    for (const [what, credentials, field, mentions] of refusals) {
      it(`refuses ${what} with 400 OAUTH_VALIDATION_FAILED naming the token URL`, async () => {
        const item = expectError(await create(oauth(credentials)), 400, "OAUTH_VALIDATION_FAILED", field);
        expect(item.description).to.contain((credentials.tokenUrl as string | undefined) ?? tokenUrl);
        expect(item.description).to.contain(mentions);
      });
    }
  });

  describe("Custom Basic with a validation URL", () => {
    const validationUrl = "https://auth.acme.example/check";
    const basic = (credentials: Record<string, unknown>) => ({
      ...validBodies().CUSTOM,
      credentials: {
        authType: "BASIC",
        username: "svc-flows",
        password: "basic-password-secret",
        validationUrl,
        ...credentials,
      },
    });

    beforeEach(async () => {
      await world.emulator.control.registerBasicAuth({
        validationUrl,
        username: "svc-flows",
        password: "basic-password-secret",
      });
    });

    it("saves when the validation URL accepts the username and password", async () => {
      const created = await create(basic({}));
      expect(created.status, created.text).to.equal(201);
      expect(created.body.credentials).to.deep.equal({
        authType: "BASIC",
        username: "svc-flows",
        validationUrl,
      });
    });

    it("refuses a wrong password with 400 BASIC_VALIDATION_FAILED naming the URL and its status", async () => {
      const item = expectError(
        await create(basic({ password: "wrong-secret" })),
        400,
        "BASIC_VALIDATION_FAILED",
        "credentials.password",
      );
      expect(item.description).to.contain(validationUrl).and.contain("401");
    });

    it("refuses a URL nothing answers with its 404", async () => {
      const item = expectError(
        await create(basic({ validationUrl: "https://auth.acme.example/other" })),
        400,
        "BASIC_VALIDATION_FAILED",
        "credentials.validationUrl",
      );
      expect(item.description).to.contain("404");
    });

    it("does not validate Basic credentials without a validation URL", async () => {
      const created = await create(basic({ validationUrl: undefined, password: "anything-goes" }));
      expect(created.status, created.text).to.equal(201);
    });
  });
});
