import { generateKeyPairSync } from "node:crypto";
import { expect } from "chai";
import {
  BODY_SECRETS,
  expectError,
  googleServiceAccountKey,
  registerSalesforceApp,
  rsaKey,
  salesforceCredentials,
  startWorld,
  validBodies,
  type World,
} from "./helpers";

describe("emulator: connector kinds, limits, platform and licence", () => {
  let world: World;
  const create = (body: Record<string, unknown>) =>
    world.api.post(`/organization/${world.orgId}/connector`, body);
  const withCredentials = (
    kind: string,
    credentials: Record<string, unknown>,
    extra: Record<string, unknown> = {},
  ) => ({
    ...validBodies()[kind],
    credentials,
    ...extra,
  });

  before(async () => {
    world = await startWorld();
    await registerSalesforceApp(world);
  });
  after(async () => {
    world.api.expectNoSecrets([
      ...BODY_SECRETS,
      rsaKey("salesforce").privateKeyPem,
      rsaKey("salesforce").pkcs1PrivateKeyPem,
      rsaKey("google").privateKeyPem,
    ]);
    await world.emulator.close();
  });

  const cases: [string, () => Record<string, unknown>, string, string, string?][] = [
    ["a missing name", () => ({ ...validBodies().WXM, name: undefined }), "VALIDATION_FAILED", "name"],
    ["an unknown type", () => ({ ...validBodies().WXM, type: "FAX" }), "VALIDATION_FAILED", "type"],
    [
      "a too long description",
      () => ({ ...validBodies().WXM, description: "x".repeat(256) }),
      "VALIDATION_FAILED",
      "description",
    ],
    [
      "an unknown top-level field",
      () => ({ ...validBodies().WXM, colour: "red" }),
      "VALIDATION_FAILED",
      "colour",
    ],
    [
      "missing credentials",
      () => ({ ...validBodies().WXM, credentials: undefined }),
      "VALIDATION_FAILED",
      "credentials",
    ],
    [
      "a Salesforce http authorization server URL",
      () =>
        withCredentials(
          "SALESFORCE",
          salesforceCredentials({ authorizationServerUrl: "http://login.salesforce.com" }),
        ),
      "VALIDATION_FAILED",
      "credentials.authorizationServerUrl",
      "https://",
    ],
    [
      "a Salesforce private key that is not PEM",
      () => withCredentials("SALESFORCE", salesforceCredentials({ privateKey: "not-a-key" })),
      "VALIDATION_FAILED",
      "credentials.privateKey",
      "PEM RSA private key",
    ],
    [
      "a Salesforce private key that is not RSA",
      () =>
        withCredentials(
          "SALESFORCE",
          salesforceCredentials({
            privateKey: generateKeyPairSync("ed25519")
              .privateKey.export({ type: "pkcs8", format: "pem" })
              .toString(),
          }),
        ),
      "VALIDATION_FAILED",
      "credentials.privateKey",
    ],
    [
      "a Salesforce user that is not an email",
      () => withCredentials("SALESFORCE", salesforceCredentials({ userEmail: "integration" })),
      "VALIDATION_FAILED",
      "credentials.userEmail",
    ],
    [
      "a Salesforce field that does not exist",
      () => withCredentials("SALESFORCE", salesforceCredentials({ password: "x" })),
      "VALIDATION_FAILED",
      "credentials.password",
    ],
    [
      "a Google key that is not JSON",
      () => withCredentials("GOOGLE", { authKey: "{not json" }),
      "VALIDATION_FAILED",
      "credentials.authKey",
      "service-account key",
    ],
    [
      "a Google key that is not a service account",
      () =>
        withCredentials("GOOGLE", {
          authKey: JSON.stringify({ ...JSON.parse(googleServiceAccountKey()), type: "user" }),
        }),
      "VALIDATION_FAILED",
      "credentials.authKey",
      "service_account",
    ],
    [
      "a Google key without a PEM private_key",
      () =>
        withCredentials("GOOGLE", {
          authKey: JSON.stringify({ ...JSON.parse(googleServiceAccountKey()), private_key: "abc" }),
        }),
      "VALIDATION_FAILED",
      "credentials.authKey",
      "private_key",
    ],
    [
      "a Google key without project_id",
      () =>
        withCredentials("GOOGLE", {
          authKey: JSON.stringify({ ...JSON.parse(googleServiceAccountKey()), project_id: undefined }),
        }),
      "VALIDATION_FAILED",
      "credentials.authKey",
      "project_id",
    ],
    [
      "a CCAI service account that is not an email",
      () =>
        withCredentials("GOOGLE_CCAI", {
          ...(validBodies().GOOGLE_CCAI.credentials as object),
          serviceAccount: "someone",
        }),
      "VALIDATION_FAILED",
      "credentials.serviceAccount",
    ],
    [
      "a CCAI connector without its Google authorization",
      () =>
        withCredentials("GOOGLE_CCAI", {
          ...(validBodies().GOOGLE_CCAI.credentials as object),
          googleAuthorization: undefined,
        }),
      "VALIDATION_FAILED",
      "credentials.googleAuthorization",
    ],
    [
      "a WXM connector without its API key",
      () => withCredentials("WXM", { username: "u" }),
      "VALIDATION_FAILED",
      "credentials.apiKey",
    ],
    [
      "a Custom http resource domain URL",
      () => ({ ...validBodies().CUSTOM, settings: { resourceDomainUrl: "http://crm.acme.example" } }),
      "VALIDATION_FAILED",
      "settings.resourceDomainUrl",
      "only the https:// prefix is allowed",
    ],
    [
      "a Custom connector without a resource domain URL",
      () => ({ ...validBodies().CUSTOM, settings: {} }),
      "VALIDATION_FAILED",
      "settings.resourceDomainUrl",
    ],
    [
      "a Custom connector with an unknown auth type",
      () => withCredentials("CUSTOM", { authType: "DIGEST" }),
      "VALIDATION_FAILED",
      "credentials.authType",
    ],
    [
      "a Custom http validation URL",
      () =>
        withCredentials("CUSTOM", {
          authType: "BASIC",
          username: "u",
          password: "basic-password-secret",
          validationUrl: "http://auth.acme.example/check",
        }),
      "VALIDATION_FAILED",
      "credentials.validationUrl",
    ],
    [
      "a Custom OAuth 2.0 connector with an http token URL",
      () =>
        withCredentials("CUSTOM", {
          authType: "OAUTH2",
          grantType: "CLIENT_CREDENTIALS",
          clientId: "c",
          clientSecret: "s",
          tokenUrl: "http://auth.acme.example/token",
        }),
      "VALIDATION_FAILED",
      "credentials.tokenUrl",
    ],
    [
      "a Custom OAuth 2.0 connector with an unknown grant type",
      () =>
        withCredentials("CUSTOM", {
          authType: "OAUTH2",
          grantType: "IMPLICIT",
          clientId: "c",
          clientSecret: "s",
          tokenUrl: "https://auth.acme.example/token",
        }),
      "VALIDATION_FAILED",
      "credentials.grantType",
    ],
    [
      "a Custom password grant without the user's password",
      () =>
        withCredentials("CUSTOM", {
          authType: "OAUTH2",
          grantType: "PASSWORD",
          clientId: "c",
          clientSecret: "s",
          tokenUrl: "https://auth.acme.example/token",
          username: "u",
        }),
      "VALIDATION_FAILED",
      "credentials.password",
    ],
    [
      "a Custom client-credentials grant with a username",
      () =>
        withCredentials("CUSTOM", {
          authType: "OAUTH2",
          grantType: "CLIENT_CREDENTIALS",
          clientId: "c",
          clientSecret: "s",
          tokenUrl: "https://auth.acme.example/token",
          username: "u",
        }),
      "VALIDATION_FAILED",
      "credentials.username",
    ],
    [
      "Webex CC scopes that are neither set",
      () => withCredentials("WEBEX_CC", { scopes: ["cjp_config"], authorize: true }),
      "VALIDATION_FAILED",
      "credentials.scopes",
    ],
    [
      "Webex CC scopes listed twice",
      () =>
        withCredentials("WEBEX_CC", {
          scopes: ["cjp_config", "cjp_config_read", "cjp_config"],
          authorize: true,
        }),
      "VALIDATION_FAILED",
      "credentials.scopes",
    ],
    [
      "a Webex CC access that contradicts the scopes",
      () =>
        withCredentials("WEBEX_CC", {
          scopes: ["cjp_config", "cjp_config_read"],
          authorize: true,
          access: "READ_WRITE",
        }),
      "VALIDATION_FAILED",
      "credentials.access",
    ],
    [
      "a settings field on a kind without settings",
      () => ({ ...validBodies().WXM, settings: { resourceDomainUrl: "https://x.example" } }),
      "VALIDATION_FAILED",
      "settings.resourceDomainUrl",
    ],
  ];

  for (const [what, body, reason, field, mentions] of cases) {
    it(`refuses ${what} with 400 ${reason} naming ${field}`, async () => {
      const item = expectError(await create(body()), 400, reason, field);
      expect(item.description).to.contain(field);
      if (mentions) expect(item.description).to.contain(mentions);
    });
  }

  it("refuses a Webex CC connector without consent, quoting the consent text", async () => {
    for (const authorize of [undefined, false]) {
      const response = await create(
        withCredentials("WEBEX_CC", {
          scopes: ["cjp_config_read", "cjp_config"],
          ...(authorize === undefined ? {} : { authorize }),
        }),
      );
      const item = expectError(response, 400, "CONSENT_REQUIRED", "credentials.authorize");
      expect(item.description).to.contain(
        '"I authorize this connector to read, write, modify and delete data in the Contact Center solution"',
      );
    }
  });

  it("accepts both Webex CC scope sets in any order and derives the access", async () => {
    const readWrite = await create(
      withCredentials(
        "WEBEX_CC",
        { scopes: ["cjp_user", "cjp_config_write", "cjp_config", "cjp_config_read"], authorize: true },
        { name: "rw" },
      ),
    );
    expect(readWrite.status, readWrite.text).to.equal(201);
    expect(readWrite.body.credentials.access).to.equal("READ_WRITE");
    expect(readWrite.body.credentials).to.not.have.property("authorize");
  });

  it("accepts a PKCS#1 Salesforce key and a Google key given as an object", async () => {
    const sf = await create(
      withCredentials(
        "SALESFORCE",
        salesforceCredentials({ privateKey: rsaKey("salesforce").pkcs1PrivateKeyPem }),
        {
          name: "pkcs1",
        },
      ),
    );
    expect(sf.status, sf.text).to.equal(201);
    const google = await create(
      withCredentials("GOOGLE", { authKey: JSON.parse(googleServiceAccountKey()) }, { name: "key object" }),
    );
    expect(google.status, google.text).to.equal(201);
    expect(google.body.credentials).to.deep.equal({});
  });

  describe("per-org limits", () => {
    const limits: [string, number, (i: number) => Record<string, unknown>][] = [
      ["WXM", 1, (i) => ({ ...validBodies().WXM, name: `wxm-${i}` })],
      ["GOOGLE", 5, (i) => ({ ...validBodies().GOOGLE, name: `tts-${i}` })],
      ["CUSTOM", 10, (i) => ({ ...validBodies().CUSTOM, name: `custom-${i}` })],
      ["SALESFORCE", 5, (i) => ({ ...validBodies().SALESFORCE, name: `sf-${i}` })],
    ];
    for (const [kind, limit, body] of limits) {
      it(`allows ${limit} ${kind} connector(s) per org, then 409 LIMIT_EXCEEDED`, async () => {
        await world.emulator.control.createOrg({ orgId: `limits-${kind}` });
        const admin = await world.emulator.control.createAdmin(`limits-${kind}`, { role: "full-admin" });
        const path = `/organization/limits-${kind}/connector`;
        for (let i = 0; i < limit; i++) {
          const created = await world.api.post(path, body(i), { token: admin.accessToken });
          expect(created.status, created.text).to.equal(201);
        }
        const over = await world.api.post(path, body(limit), { token: admin.accessToken });
        expect(expectError(over, 409, "LIMIT_EXCEEDED", "type").description).to.contain(String(limit));
      });
    }
  });

  it("accepts only SALESFORCE and CUSTOM on a 1.0 platform org", async () => {
    await world.emulator.control.createOrg({ orgId: "legacy", platform: "1.0" });
    const admin = await world.emulator.control.createAdmin("legacy", { role: "full-admin" });
    for (const kind of ["GOOGLE", "GOOGLE_CCAI", "WXM", "WEBEX_CC"]) {
      const refused = await world.api.post("/organization/legacy/connector", validBodies()[kind], {
        token: admin.accessToken,
      });
      expect(expectError(refused, 400, "UNSUPPORTED_ON_PLATFORM", "type").description).to.contain("1.0");
    }
    for (const kind of ["SALESFORCE", "CUSTOM"]) {
      const created = await world.api.post("/organization/legacy/connector", validBodies()[kind], {
        token: admin.accessToken,
      });
      expect(created.status, created.text).to.equal(201);
    }
  });

  it("needs the FLEX3 licence for a Webex CC connector", async () => {
    await world.emulator.control.createOrg({ orgId: "flex2", licenses: ["FLEX2"] });
    const admin = await world.emulator.control.createAdmin("flex2", { role: "full-admin" });
    const refused = await world.api.post("/organization/flex2/connector", validBodies().WEBEX_CC, {
      token: admin.accessToken,
    });
    expect(expectError(refused, 403, "LICENSE_REQUIRED").description).to.contain("FLEX3");
    const custom = await world.api.post("/organization/flex2/connector", validBodies().CUSTOM, {
      token: admin.accessToken,
    });
    expect(custom.status).to.equal(201);
  });

  it("refuses a body that is not JSON without echoing it", async () => {
    const response = await world.api.call(
      "POST",
      `/organization/${world.orgId}/connector`,
      '{ "apiKey": "wxm-api-key-secret',
      {
        headers: { "content-type": "application/json" },
      },
    );
    expectError(response, 400, "VALIDATION_FAILED", "body");
  });
});
