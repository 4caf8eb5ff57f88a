import { X509Certificate } from "node:crypto";
import { expect } from "chai";
import { EmulatorControlError } from "../../emulator";
import {
  Api,
  expectError,
  rsaKey,
  salesforceCredentials,
  startWorld,
  validBodies,
  type World,
} from "./helpers";

describe("emulator: the control API", () => {
  let world: World;
  let control: Api;

  beforeEach(async () => {
    world = await startWorld();
    control = new Api(world.emulator.url);
  });
  afterEach(() => world.emulator.close());

  async function expectControlError(promise: Promise<unknown>, status: number, reason: string) {
    const error = await promise.then(
      () => expect.fail("expected the control call to fail"),
      (e: unknown) => e,
    );
    expect(error).to.be.instanceOf(EmulatorControlError);
    expect((error as EmulatorControlError).status).to.equal(status);
    expect((error as EmulatorControlError).reason).to.equal(reason);
    return error as EmulatorControlError;
  }

  it("creates orgs with defaults and refuses duplicates and bad input, naming the field", async () => {
    const { orgId } = await world.emulator.control.createOrg();
    expect(orgId).to.match(/^[0-9a-f-]{36}$/);
    const view = await control.get(`/_emulator/orgs/${orgId}/connectors`);
    expect(view.body.org).to.include({ orgId, platform: "2.0" });
    expect(view.body.org.licenses).to.deep.equal(["FLEX3"]);
    await expectControlError(world.emulator.control.createOrg({ orgId: world.orgId }), 409, "DUPLICATE_ORG");
    expectError(
      await control.post("/_emulator/orgs", { platform: "3.0" }),
      400,
      "VALIDATION_FAILED",
      "platform",
    );
    expectError(
      await control.post("/_emulator/orgs", { licenses: "FLEX3" }),
      400,
      "VALIDATION_FAILED",
      "licenses",
    );
    expectError(await control.post("/_emulator/orgs", "{"), 400, "VALIDATION_FAILED", "body");
  });

  it("creates admins only with a known role in a known org", async () => {
    const item = expectError(
      await control.post(`/_emulator/orgs/${world.orgId}/admins`, { role: "boss" }),
      400,
      "VALIDATION_FAILED",
      "role",
    );
    expect(item.description).to.contain("full-admin").and.contain("view-only");
    const missing = await expectControlError(
      world.emulator.control.createAdmin("no-such-org", { role: "full-admin" }),
      404,
      "NOT_FOUND",
    );
    expect(missing.message).to.contain("no-such-org");
    const fixed = await world.emulator.control.createAdmin(world.orgId, {
      role: "support-basic",
      accessToken: "fixed-token",
    });
    expect(fixed.accessToken).to.equal("fixed-token");
    await expectControlError(
      world.emulator.control.createAdmin(world.orgId, { role: "support-basic", accessToken: "fixed-token" }),
      409,
      "DUPLICATE_TOKEN",
    );
  });

  it("registers a connected app from an X.509 certificate", async () => {
    const certificate = await selfSignedCertificate();
    const registered = await world.emulator.control.registerConnectedApp({
      consumerKey: "cert-app",
      username: "cert@acme.example",
      certificate,
    });
    expect(registered.audiences).to.deep.equal(["https://login.salesforce.com"]);
    const created = await world.api.post(`/organization/${world.orgId}/connector`, {
      ...validBodies().SALESFORCE,
      credentials: salesforceCredentials({ clientId: "cert-app", userEmail: "cert@acme.example" }),
    });
    expect(created.status, created.text).to.equal(201);
    expectError(
      await control.post("/_emulator/salesforce/connected-apps", {
        consumerKey: "k",
        username: "u",
        certificate: "nope",
      }),
      400,
      "VALIDATION_FAILED",
      "certificate",
    );
    expectError(
      await control.post("/_emulator/salesforce/connected-apps", { consumerKey: "k", username: "u" }),
      400,
      "VALIDATION_FAILED",
      "certificate",
    );
  });

  it("shows stored connectors with the names of their secrets and their references, never values", async () => {
    const created = (
      await world.api.post(`/organization/${world.orgId}/connector`, validBodies().GOOGLE_CCAI)
    ).body;
    await world.emulator.control.createCcaiConfig(world.orgId, { name: "cfg", connectorId: created.id });
    const [raw] = await world.emulator.control.connectors(world.orgId);
    expect(raw).to.include({ id: created.id, active: true, version: 0, authorizationRequired: false });
    expect(raw.secretFields).to.deep.equal(["googleAuthorization"]);
    expect(raw.references.map((r) => r.name)).to.deep.equal(["cfg"]);
    expect(JSON.stringify(raw)).to.not.contain("google-authz-code-1").and.not.contain("secretHashes");
    const wxm = (await world.api.post(`/organization/${world.orgId}/connector`, validBodies().WXM)).body;
    expectError(
      await control.post(`/_emulator/orgs/${world.orgId}/ccai-configs`, { name: "x", connectorId: wxm.id }),
      400,
      "VALIDATION_FAILED",
      "connectorId",
    );
    await expectControlError(world.emulator.control.deleteCcaiConfig(world.orgId, "nope"), 404, "NOT_FOUND");
  });

  it("deactivates and deletes out of band, bypassing roles and rules", async () => {
    const created = (
      await world.api.post(`/organization/${world.orgId}/connector`, validBodies().GOOGLE_CCAI)
    ).body;
    await world.emulator.control.createCcaiConfig(world.orgId, { name: "cfg", connectorId: created.id });
    await world.emulator.control.deactivateOutOfBand(world.orgId, created.id);
    const read = await world.api.get(`/organization/${world.orgId}/connector/${created.id}`);
    expect(read.body).to.include({ active: false, version: 1 });
    const active = (await world.api.post(`/organization/${world.orgId}/connector`, validBodies().WXM)).body;
    await world.emulator.control.deleteOutOfBand(world.orgId, active.id);
    await world.emulator.control.deleteOutOfBand(world.orgId, created.id);
    expectError(await world.api.get(`/organization/${world.orgId}/connector/${active.id}`), 404, "NOT_FOUND");
    expect(await world.emulator.control.connectors(world.orgId)).to.deep.equal([]);
    await expectControlError(
      world.emulator.control.deleteOutOfBand(world.orgId, created.id),
      404,
      "NOT_FOUND",
    );
  });

  it("validates registrations of OAuth clients, Basic validators, service apps and latency", async () => {
    expectError(
      await control.post("/_emulator/oauth/clients", {
        tokenUrl: "not a url",
        clientId: "c",
        clientSecret: "s",
      }),
      400,
      "VALIDATION_FAILED",
      "tokenUrl",
    );
    expectError(
      await control.post("/_emulator/oauth/clients", {
        tokenUrl: "https://a.example/t",
        clientId: "c",
        clientSecret: "s",
        username: "u",
      }),
      400,
      "VALIDATION_FAILED",
      "password",
    );
    expectError(
      await control.post("/_emulator/basic-auth", { validationUrl: "https://a.example/v", username: "u" }),
      400,
      "VALIDATION_FAILED",
      "password",
    );
    expectError(
      await control.post("/_emulator/service-apps", { orgIds: [], role: "full-admin" }),
      400,
      "VALIDATION_FAILED",
      "orgIds",
    );
    expectError(await control.post("/_emulator/latency", { ms: -1 }), 400, "VALIDATION_FAILED", "ms");
    expectError(await control.post("/_emulator/tokens/expire", { accessToken: "nope" }), 404, "NOT_FOUND");
    expectError(await control.get("/_emulator/requests?since=x"), 400, "VALIDATION_FAILED", "since");
    expectError(await control.put("/_emulator/orgs"), 405, "METHOD_NOT_ALLOWED");
  });
});

/** A self-signed certificate for the cached Salesforce key, made with openssl when present. */
async function selfSignedCertificate(): Promise<string> {
  const { execFileSync } = await import("node:child_process");
  const { mkdtempSync, writeFileSync, rmSync } = await import("node:fs");
  const { tmpdir } = await import("node:os");
  const { join } = await import("node:path");
  const dir = mkdtempSync(join(tmpdir(), "wxcc-cert-"));
  try {
    const keyFile = join(dir, "key.pem");
    writeFileSync(keyFile, rsaKey("salesforce").privateKeyPem, { mode: 0o600 });
    const pem = execFileSync(
      "openssl",
      ["req", "-new", "-x509", "-key", keyFile, "-subj", "/CN=acme", "-days", "1"],
      {
        encoding: "utf8",
      },
    );
    new X509Certificate(pem);
    return pem;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
