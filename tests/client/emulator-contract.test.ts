// The client against the emulator over real HTTP: the connector lifecycle, every rule of the contract
// surfacing as a typed error with its message, pagination, and secret scrubbing.
import { generateKeyPairSync } from "node:crypto";
import { expect } from "chai";
import { type RunningEmulator, startEmulator } from "../../emulator";
import { WebexApiError } from "../../provider/webex";
import type { Connector, ConnectorsApi } from "../../provider/webex/types";
import {
  ccaiBody,
  connectorsFor,
  customBody,
  expectNoSecrets,
  knownSecrets,
  lastSeq,
  newOrg,
  refreshCredentials,
  uniqueName,
  webexCcBody,
  wxmBody,
} from "./support/emulator-world";

async function refusal(promise: Promise<unknown>, status: number, reason: string): Promise<WebexApiError> {
  const err = await promise.then(
    () => expect.fail(`expected HTTP ${status} ${reason}`),
    (e: unknown) => e,
  );
  expect(err).to.be.instanceOf(WebexApiError);
  const apiErr = err as WebexApiError;
  expect(apiErr.status, apiErr.message).to.equal(status);
  expect(apiErr.reason, apiErr.message).to.equal(reason);
  expect(apiErr.message)
    .to.contain(`HTTP ${status} ${reason}`)
    .and.match(/\[trackingId: emulator_[0-9a-f-]+\]/);
  expect(apiErr.details.trackingId).to.match(/^emulator_/);
  expectNoSecrets(apiErr);
  return apiErr;
}

describe("client against the emulator: the contract", () => {
  let emulator: RunningEmulator;
  let api: ConnectorsApi;
  let orgId: string;

  before(async () => {
    emulator = await startEmulator();
  });
  after(() => emulator.close());

  beforeEach(async () => {
    const org = await newOrg(emulator.control);
    orgId = org.orgId;
    api = connectorsFor(emulator.url, orgId, refreshCredentials(org.admin));
  });

  it("runs a connector through its whole lifecycle", async () => {
    const name = uniqueName("Crm");
    const created = await api.create(customBody(name), () => false);
    expect(created).to.include({ name, type: "CUSTOM", active: true, version: 0, organizationId: orgId });
    expect(created.secretFields).to.deep.equal(["password"]);
    expect(JSON.stringify(created)).to.not.contain("basic-pass");
    expect((await api.get(created.id))?.id).to.equal(created.id);
    expect((await api.findByName(name.toUpperCase()))?.id, "names match ignoring case").to.equal(created.id);

    const edited = await api.update({
      id: created.id,
      name,
      type: "CUSTOM",
      version: created.version,
      description: "edited while active",
      settings: { resourceDomainUrl: "https://crm2.example.test" },
    });
    expect(edited).to.include({ version: 1, description: "edited while active" });
    const inactive = await api.deactivate(created.id);
    expect(inactive.active).to.equal(false);
    const rekeyed = await api.update({
      id: created.id,
      name,
      type: "CUSTOM",
      version: inactive.version,
      settings: edited.settings,
      credentials: customBody(name, "rotated-basic-password").credentials,
    });
    expect(rekeyed.version).to.equal(inactive.version + 1);
    expect((await api.activate(created.id)).active).to.equal(true);
    await api.deactivate(created.id);
    expect(await api.delete(created.id)).to.equal(true);
    expect(await api.get(created.id)).to.equal(undefined);
    expect(await api.delete(created.id), "already gone").to.equal(false);
  });

  it("refuses a duplicate name (ignoring case) with 409 DUPLICATE_NAME", async () => {
    const name = uniqueName("Dup");
    await api.create(customBody(name), () => false);
    const err = await refusal(
      api.create(customBody(name.toLowerCase()), () => false),
      409,
      "DUPLICATE_NAME",
    );
    expect(err.details.field).to.equal("name");
    expect(err.message).to.contain(
      `Creating connector ${JSON.stringify(name.toLowerCase())} in org ${orgId}`,
    );
    expect(err.message).to.contain(`A connector named "${name}" already exists in org ${orgId}`);
  });

  it("refuses a kind past its per-org limit with 409 LIMIT_EXCEEDED", async () => {
    await api.create(wxmBody(uniqueName("Wxm")), () => false);
    const err = await refusal(
      api.create(wxmBody(uniqueName("Wxm")), () => false),
      409,
      "LIMIT_EXCEEDED",
    );
    expect(err.message).to.contain("1 WXM connector");
  });

  it("refuses a credentials edit while active with 409 CONNECTOR_ACTIVE", async () => {
    const name = uniqueName("Active");
    const created = await api.create(customBody(name), () => false);
    const err = await refusal(
      api.update({ ...created, credentials: customBody(name, "another-password-1").credentials }),
      409,
      "CONNECTOR_ACTIVE",
    );
    expect(err.message).to.contain("Deactivate the connector before editing its credentials");
    expect(err.message).to.contain(`Updating connector ${JSON.stringify(name)} (id ${created.id})`);
    await refusal(api.delete(created.id), 409, "CONNECTOR_ACTIVE");
  });

  it("refuses deleting a referenced CCAI connector with 412 REFERENCED and lists the references", async () => {
    const created = await api.create(ccaiBody(uniqueName("Ccai")), () => false);
    const config = await emulator.control.createCcaiConfig(orgId, {
      name: "Sales-Bot",
      connectorId: created.id,
    });
    expect(await api.incomingReferences(created.id)).to.deep.equal([
      { type: "ccai-config", id: config.id, name: "Sales-Bot" },
    ]);
    await api.deactivate(created.id);
    const err = await refusal(api.delete(created.id), 412, "REFERENCED");
    expect(err.details.references).to.deep.equal([{ type: "ccai-config", id: config.id, name: "Sales-Bot" }]);
    expect(err.message).to.contain(`Referenced by: ccai-config "Sales-Bot" (id ${config.id})`);
    const reauthorized = await api.reauthorize(created.id, "google-authorization-refreshed");
    expect(reauthorized.authorizationRequired).to.equal(false);
  });

  it("names the role needed when a read-only admin writes (403 ROLE_REQUIRED)", async () => {
    const reader = await newOrg(emulator.control, "external-read-only");
    const readOnly = connectorsFor(emulator.url, reader.orgId, refreshCredentials(reader.admin));
    expect(await readOnly.list()).to.deep.equal([]);
    const err = await refusal(
      readOnly.create(customBody(uniqueName("Ro")), () => false),
      403,
      "ROLE_REQUIRED",
    );
    expect(err.details.roleNeeded).to.match(/^read\/write administrator role \(Full administrator/);
    expect(err.message).to.contain(err.details.roleNeeded!).and.contain("external-read-only");
  });

  it("refuses every call of a view-only admin", async () => {
    const viewer = await newOrg(emulator.control, "view-only");
    const err = await refusal(
      connectorsFor(emulator.url, viewer.orgId, refreshCredentials(viewer.admin)).list(),
      403,
      "ROLE_REQUIRED",
    );
    expect(err.details.roleNeeded).to.be.a("string").and.contain("role");
    expect(err.message).to.contain(`Listing connectors in org ${viewer.orgId}`);
  });

  it("refuses kinds the org's platform lacks (400 UNSUPPORTED_ON_PLATFORM)", async () => {
    const legacy = await newOrg(emulator.control, "full-admin", { platform: "1.0" });
    const err = await refusal(
      connectorsFor(emulator.url, legacy.orgId, refreshCredentials(legacy.admin)).create(
        wxmBody(uniqueName("Wxm")),
        () => false,
      ),
      400,
      "UNSUPPORTED_ON_PLATFORM",
    );
    expect(err.details.field).to.equal("type");
    expect(err.message).to.contain("1.0 platform");
  });

  it("refuses a Webex CC connector without the FLEX3 licence (403 LICENSE_REQUIRED)", async () => {
    const unlicensed = await newOrg(emulator.control, "full-admin", { licenses: [] });
    const err = await refusal(
      connectorsFor(emulator.url, unlicensed.orgId, refreshCredentials(unlicensed.admin)).create(
        webexCcBody(uniqueName("Cc")),
        () => false,
      ),
      403,
      "LICENSE_REQUIRED",
    );
    expect(err.message).to.contain("FLEX3");
    expect(err.details.roleNeeded, "a licence is not a role").to.equal(undefined);
  });

  it("refuses malformed fields (400 VALIDATION_FAILED) and missing consent (400 CONSENT_REQUIRED)", async () => {
    const body = customBody(uniqueName("Bad"));
    body.settings = { resourceDomainUrl: "http://crm.example.test" };
    const err = await refusal(
      api.create(body, () => false),
      400,
      "VALIDATION_FAILED",
    );
    expect(err.details.field).to.equal("settings.resourceDomainUrl");
    const noConsent = webexCcBody(uniqueName("Cc"));
    noConsent.credentials = { scopes: ["cjp_config", "cjp_config_read"] };
    const consent = await refusal(
      api.create(noConsent, () => false),
      400,
      "CONSENT_REQUIRED",
    );
    expect(consent.message).to.contain("I authorize this connector");
  });

  it("reports a refused Salesforce key without ever quoting it (400 SALESFORCE_VALIDATION_FAILED)", async () => {
    const privateKey = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({
      type: "pkcs8",
      format: "pem",
    }) as string;
    knownSecrets.add(privateKey);
    for (const line of privateKey.split("\n").filter((l) => l.length > 40)) knownSecrets.add(line);
    const err = await refusal(
      api.create(
        {
          name: uniqueName("Sf"),
          type: "SALESFORCE",
          settings: {},
          credentials: {
            clientId: "3MVG9-unknown-app",
            userEmail: "integration@acme.example",
            authorizationServerUrl: "https://login.salesforce.com",
            privateKey,
          },
        },
        () => false,
      ),
      400,
      "SALESFORCE_VALIDATION_FAILED",
    );
    expect(err.message).to.contain("Salesforce refused");
  });

  it("follows every page of the list", async () => {
    const paged = connectorsFor(emulator.url, orgId, { accessToken: await newAdminToken() }, { pageSize: 3 });
    const names = Array.from({ length: 7 }, () => uniqueName("Page"));
    const created: Connector[] = [];
    for (const name of names) created.push(await api.create(customBody(name), () => false));
    const since = await lastSeq(emulator.control);
    const listed = await paged.list();
    expect(listed.map((c) => c.id)).to.deep.equal(created.map((c) => c.id));
    const pages = (await emulator.control.requests(since)).filter((r) => r.path.endsWith("/v2/connector"));
    expect(pages).to.have.length(3);
    expect((await paged.list({ type: "WXM" })).length).to.equal(0);
  });

  async function newAdminToken(): Promise<string> {
    const admin = await emulator.control.createAdmin(orgId, { role: "full-admin" });
    knownSecrets.add(admin.accessToken);
    return admin.accessToken;
  }
});
