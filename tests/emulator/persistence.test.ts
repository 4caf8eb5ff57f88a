import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "chai";
import { type EmulatorSeed, startEmulator } from "../../emulator";
import {
  Api,
  expectError,
  googleServiceAccountKey,
  rsaKey,
  SF_APP,
  salesforceCredentials,
  validBodies,
} from "./helpers";

describe("emulator: state file and seed", () => {
  let dir: string;
  const closers: (() => Promise<void>)[] = [];

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "wxcc-emulator-"));
  });
  afterEach(async () => {
    while (closers.length) await closers.pop()!();
    rmSync(dir, { recursive: true, force: true });
  });

  async function start(options: Parameters<typeof startEmulator>[0]) {
    const emulator = await startEmulator(options);
    closers.push(() => emulator.close());
    return emulator;
  }

  const seed = (): EmulatorSeed => ({
    orgs: [
      {
        orgId: "org-seeded",
        admins: [
          {
            role: "full-admin",
            accessToken: "seed-access-token-1",
            refreshToken: "seed-refresh-token-1",
            clientId: "seed-client",
            clientSecret: "seed-client-secret",
          },
          { role: "external-read-only", accessToken: "seed-readonly-token" },
        ],
      },
      { orgId: "org-legacy", platform: "1.0", licenses: [] },
    ],
    connectedApps: [{ ...SF_APP, publicKey: rsaKey("salesforce").publicKeyPem }],
    oauthClients: [
      { tokenUrl: "https://auth.acme.example/token", clientId: "flows", clientSecret: "seed-oauth-secret" },
    ],
    basicAuth: [
      { validationUrl: "https://auth.acme.example/check", username: "svc", password: "seed-basic-password" },
    ],
    serviceApps: [
      {
        applicationId: "app-1",
        orgIds: ["org-seeded"],
        role: "full-admin",
        clientId: "app-client",
        clientSecret: "seed-app-secret",
        integrationToken: "seed-integration-token",
      },
    ],
  });

  const SECRETS = [
    "seed-access-token-1",
    "seed-refresh-token-1",
    "seed-client-secret",
    "seed-readonly-token",
    "seed-oauth-secret",
    "seed-basic-password",
    "seed-app-secret",
    "seed-integration-token",
    "wxm-api-key-secret",
    "basic-password-secret",
    "google-authz-code-1",
    "seed-check-password",
  ];

  it("starts from a seed with fixed tokens that never expire", async () => {
    const clock = {
      time: Date.UTC(2026, 0, 1),
      now() {
        return this.time;
      },
    };
    const emulator = await start({ seed: seed(), clock });
    const api = new Api(emulator.url, "seed-access-token-1");
    clock.time += 365 * 24 * 3600 * 1000;
    expect((await api.get("/organization/org-seeded/v2/connector")).status).to.equal(200);
    const readOnly = await api.post("/organization/org-seeded/connector", validBodies().WXM, {
      token: "seed-readonly-token",
    });
    expectError(readOnly, 403, "ROLE_REQUIRED");
    const sf = await api.post("/organization/org-seeded/connector", {
      ...validBodies().SALESFORCE,
      credentials: salesforceCredentials(),
    });
    expect(sf.status, sf.text).to.equal(201);
    const legacy = await emulator.control.createAdmin("org-legacy", { role: "full-admin" });
    expectError(
      await api.post("/organization/org-legacy/connector", validBodies().WXM, { token: legacy.accessToken }),
      400,
      "UNSUPPORTED_ON_PLATFORM",
    );
    const oauth = await api.post("/organization/org-seeded/connector", {
      ...validBodies().CUSTOM,
      name: "oauth",
      credentials: {
        authType: "OAUTH2",
        grantType: "CLIENT_CREDENTIALS",
        clientId: "flows",
        clientSecret: "seed-oauth-secret",
        tokenUrl: "https://auth.acme.example/token",
      },
    });
    expect(oauth.status, oauth.text).to.equal(201);
    const issued = await api.post(
      "/v1/applications/app-1/token",
      { clientId: "app-client", clientSecret: "seed-app-secret", targetOrgId: "org-seeded" },
      { token: "seed-integration-token" },
    );
    expect(issued.status, issued.text).to.equal(200);
    api.expectNoSecrets(SECRETS.filter((s) => s !== "seed-refresh-token-1"));
  });

  it("reads a seed from a JSON file and reports a bad one by its place", async () => {
    const file = join(dir, "seed.json");
    writeFileSync(file, JSON.stringify(seed()));
    const emulator = await start({ seed: file });
    expect(
      (await new Api(emulator.url, "seed-access-token-1").get("/organization/org-seeded/v2/connector"))
        .status,
    ).to.equal(200);
    let failure: Error | undefined;
    await startEmulator({ seed: { orgs: [{ orgId: "x", admins: [{ role: "boss" }] }] } }).catch(
      (error: Error) => {
        failure = error;
      },
    );
    expect(failure?.message).to.contain("orgs[0].admins[0]").and.contain("role");
  });

  it("round-trips through the state file, which holds no plaintext secret", async () => {
    const stateFile = join(dir, "nested", "state.json");
    const first = await start({ stateFile, seed: seed() });
    const api = new Api(first.url, "seed-access-token-1");
    const ids: string[] = [];
    for (const kind of ["SALESFORCE", "GOOGLE", "GOOGLE_CCAI", "WXM", "CUSTOM", "WEBEX_CC"]) {
      const body =
        kind === "SALESFORCE"
          ? { ...validBodies().SALESFORCE, credentials: salesforceCredentials() }
          : validBodies()[kind];
      const created = await api.post("/organization/org-seeded/connector", body);
      expect(created.status, created.text).to.equal(201);
      ids.push(created.body.id);
    }
    await first.control.createCcaiConfig("org-seeded", { name: "cfg", connectorId: ids[2] });
    await first.control.registerBasicAuth({
      validationUrl: "https://auth.acme.example/check2",
      username: "svc",
      password: "seed-check-password",
    });
    const admin = await first.control.createAdmin("org-seeded", { role: "full-admin" });
    const before = (await api.get("/organization/org-seeded/v2/connector")).body.data;
    await first.close();

    const text = readFileSync(stateFile, "utf8");
    for (const secret of [
      ...SECRETS,
      admin.accessToken,
      admin.refreshToken,
      admin.clientSecret,
      rsaKey("salesforce").privateKeyPem.split("\n")[1],
      rsaKey("google").privateKeyPem.split("\n")[1],
      JSON.parse(googleServiceAccountKey()).private_key.split("\n")[1],
    ]) {
      expect(text.includes(secret), `the state file holds ${secret.slice(0, 12)}…`).to.equal(false);
    }
    expect(text).to.not.contain("PRIVATE KEY");

    const second = await start({ stateFile, seed: seed() });
    const again = new Api(second.url, "seed-access-token-1");
    const after = (await again.get("/organization/org-seeded/v2/connector")).body.data;
    expect(after).to.deep.equal(before);
    expect(
      (await again.get("/organization/org-seeded/v2/connector", { token: admin.accessToken })).status,
    ).to.equal(200);
    const refs = await again.get(`/organization/org-seeded/connector/${ids[2]}/incoming-references`);
    expect(refs.body.data.map((r: { name: string }) => r.name)).to.deep.equal(["cfg"]);
    const admins = JSON.parse(readFileSync(stateFile, "utf8")).admins;
    expect(admins).to.have.length(3);
    const dup = await again.post("/organization/org-seeded/connector", {
      ...validBodies().WXM,
      name: "second WXM",
    });
    expectError(dup, 409, "LIMIT_EXCEEDED");
    const basic = await again.post("/organization/org-seeded/connector", {
      ...validBodies().CUSTOM,
      name: "checked",
      credentials: {
        authType: "BASIC",
        username: "svc",
        password: "seed-check-password",
        validationUrl: "https://auth.acme.example/check2",
      },
    });
    expect(basic.status, basic.text).to.equal(201);
  });

  it("refuses a state file that is not its own", async () => {
    const stateFile = join(dir, "state.json");
    writeFileSync(stateFile, "{ nope");
    let failure: Error | undefined;
    await startEmulator({ stateFile }).catch((error: Error) => {
      failure = error;
    });
    expect(failure?.message).to.contain(stateFile).and.contain("not valid JSON");
  });
});
