import { expect } from "chai";
import {
  BODY_SECRETS,
  expectError,
  FakeClock,
  registerSalesforceApp,
  rsaKey,
  startWorld,
  validBodies,
  type World,
} from "./helpers";

describe("emulator: connector lifecycle", () => {
  let world: World;
  const base = () => `/organization/${world.orgId}`;

  beforeEach(async () => {
    world = await startWorld();
    await registerSalesforceApp(world);
  });
  afterEach(async () => {
    world.api.expectNoSecrets([
      ...BODY_SECRETS,
      rsaKey("salesforce").privateKeyPem,
      world.admin.clientSecret,
    ]);
    await world.emulator.close();
  });

  async function create(kind: string, overrides: Record<string, unknown> = {}) {
    const response = await world.api.post(`${base()}/connector`, { ...validBodies()[kind], ...overrides });
    expect(response.status, response.text).to.equal(201);
    return response.body;
  }

  it("creates every kind active at version 0 with only the names of its secrets", async () => {
    const expected: Record<string, string[]> = {
      SALESFORCE: ["privateKey"],
      GOOGLE: ["authKey"],
      GOOGLE_CCAI: ["googleAuthorization"],
      WXM: ["apiKey"],
      CUSTOM: ["password"],
      WEBEX_CC: [],
    };
    for (const kind of Object.keys(expected)) {
      const created = await create(kind);
      expect(created).to.include({ type: kind, active: true, version: 0, organizationId: world.orgId });
      expect(created.id).to.match(/^[0-9a-f-]{36}$/);
      expect(created.secretFields).to.deep.equal(expected[kind]);
      expect(created.createdTime).to.be.a("number");
      const read = await world.api.get(`${base()}/connector/${created.id}`);
      expect(read.status).to.equal(200);
      expect(read.body).to.deep.equal(created);
    }
    const webex = (
      await world.api.get(`${base()}/v2/connector?filter=${encodeURIComponent('type=="WEBEX_CC"')}`)
    ).body.data[0];
    expect(webex.credentials).to.deep.equal({
      scopes: ["cjp_config", "cjp_config_read"],
      access: "READ_ONLY",
    });
    const ccai = (await world.api.get(`${base()}/v2/connector?type=GOOGLE_CCAI`)).body.data[0];
    expect(ccai.authorizationRequired).to.equal(false);
    expect(ccai.credentials).to.not.have.property("googleAuthorization");
  });

  it("refuses a duplicate name, ignoring case, with 409 DUPLICATE_NAME", async () => {
    await create("WXM");
    const again = await world.api.post(`${base()}/connector`, {
      ...validBodies().CUSTOM,
      name: "SURVEY FEEDBACK",
    });
    const item = expectError(again, 409, "DUPLICATE_NAME", "name");
    expect(item.description).to.contain('"Survey feedback"').and.contain(world.orgId);
  });

  it("keeps orgs apart: the same name may exist in two orgs, and a token cannot cross orgs", async () => {
    await world.emulator.control.createOrg({ orgId: "org-other" });
    const other = await world.emulator.control.createAdmin("org-other", { role: "full-admin" });
    await create("WXM");
    const inOther = await world.api.post("/organization/org-other/connector", validBodies().WXM, {
      token: other.accessToken,
    });
    expect(inOther.status).to.equal(201);
    expectError(
      await world.api.get("/organization/org-other/v2/connector"),
      403,
      "ORG_ACCESS_DENIED",
      "orgId",
    );
  });

  it("updates settings and description while active and bumps the version each time", async () => {
    const created = await create("CUSTOM", { description: "first" });
    const put = await world.api.put(`${base()}/connector/${created.id}`, {
      id: created.id,
      name: created.name,
      type: created.type,
      version: 0,
      description: "second",
      settings: { resourceDomainUrl: "https://crm2.acme.example" },
    });
    expect(put.status, put.text).to.equal(200);
    expect(put.body).to.include({ version: 1, description: "second", active: true });
    expect(put.body.settings).to.deep.equal({ resourceDomainUrl: "https://crm2.acme.example" });
    expect(put.body.credentials).to.deep.equal(created.credentials);
    expect(put.body.secretFields).to.deep.equal(["password"]);
    expect(put.body.lastUpdatedTime).to.be.at.least(created.lastUpdatedTime);
  });

  it("accepts a full-object PUT that echoes the response fields back", async () => {
    const created = await create("WXM");
    // Echoing credentials would be a credentials edit: a client leaves them out to keep them.
    const put = await world.api.put(`${base()}/connector/${created.id}`, {
      ...created,
      credentials: undefined,
      description: "echo",
    });
    expect(put.status, put.text).to.equal(200);
    expect(put.body.description).to.equal("echo");
  });

  it("refuses a stale version with 409 VERSION_CONFLICT", async () => {
    const created = await create("WXM");
    const body = { id: created.id, name: created.name, type: "WXM", version: 0, settings: {} };
    expect((await world.api.put(`${base()}/connector/${created.id}`, body)).status).to.equal(200);
    const stale = await world.api.put(`${base()}/connector/${created.id}`, body);
    expect(expectError(stale, 409, "VERSION_CONFLICT", "version").description).to.contain("version 1");
  });

  it("refuses to change name or type with 400 IMMUTABLE_FIELD naming the field", async () => {
    const created = await create("WXM");
    const body = { id: created.id, name: created.name, type: "WXM", version: 0, settings: {} };
    expectError(
      await world.api.put(`${base()}/connector/${created.id}`, { ...body, name: "Renamed" }),
      400,
      "IMMUTABLE_FIELD",
      "name",
    );
    expectError(
      await world.api.put(`${base()}/connector/${created.id}`, { ...body, type: "CUSTOM" }),
      400,
      "IMMUTABLE_FIELD",
      "type",
    );
    expectError(
      await world.api.put(`${base()}/connector/${created.id}`, { ...body, id: "another" }),
      400,
      "VALIDATION_FAILED",
      "id",
    );
  });

  it("edits credentials only while inactive, then validates and stores them", async () => {
    const created = await create("WXM");
    const edit = {
      id: created.id,
      name: created.name,
      type: "WXM",
      settings: {},
      credentials: { username: "wxm-user-2", apiKey: "wxm-api-key-secret-2" },
    };
    const refused = await world.api.put(`${base()}/connector/${created.id}`, { ...edit, version: 0 });
    const item = expectError(refused, 409, "CONNECTOR_ACTIVE", "credentials");
    expect(item.description).to.contain("Deactivate the connector before editing its credentials");
    const off = await world.api.post(`${base()}/connector/${created.id}/deactivate`);
    expect(off.body).to.include({ active: false, version: 1 });
    const edited = await world.api.put(`${base()}/connector/${created.id}`, { ...edit, version: 1 });
    expect(edited.status, edited.text).to.equal(200);
    expect(edited.body).to.include({ version: 2, active: false });
    expect(edited.body.credentials).to.deep.equal({ username: "wxm-user-2" });
    const on = await world.api.post(`${base()}/connector/${created.id}/activate`);
    expect(on.body).to.include({ active: true, version: 3 });
    world.api.expectNoSecrets(["wxm-api-key-secret-2"]);
  });

  it("activates and deactivates idempotently without bumping the version twice", async () => {
    const created = await create("WXM");
    const path = `${base()}/connector/${created.id}`;
    expect((await world.api.post(`${path}/activate`)).body.version).to.equal(0);
    expect((await world.api.post(`${path}/deactivate`)).body.version).to.equal(1);
    expect((await world.api.post(`${path}/deactivate`)).body).to.include({ version: 1, active: false });
  });

  it("deletes only inactive connectors, then answers 404", async () => {
    const created = await create("CUSTOM");
    const path = `${base()}/connector/${created.id}`;
    expectError(await world.api.delete(path), 409, "CONNECTOR_ACTIVE");
    await world.api.post(`${path}/deactivate`);
    const deleted = await world.api.delete(path);
    expect(deleted.status).to.equal(204);
    expect(deleted.text).to.equal("");
    expectError(await world.api.get(path), 404, "NOT_FOUND");
    expectError(await world.api.delete(path), 404, "NOT_FOUND");
  });

  it("requires Google CCAI re-authorization after a credentials edit before re-activation", async () => {
    const created = await create("GOOGLE_CCAI");
    const path = `${base()}/connector/${created.id}`;
    await world.api.post(`${path}/deactivate`);
    const credentials = { ...(validBodies().GOOGLE_CCAI.credentials as Record<string, unknown>) };
    const refusedAuth = await world.api.put(path, { ...created, version: 1, credentials });
    expectError(refusedAuth, 400, "VALIDATION_FAILED", "credentials.googleAuthorization");
    delete credentials.googleAuthorization;
    const edited = await world.api.put(path, {
      ...created,
      version: 1,
      credentials: { ...credentials, ccaiProject: "acme-ccai-2" },
    });
    expect(edited.status, edited.text).to.equal(200);
    expect(edited.body.authorizationRequired).to.equal(true);
    expect(edited.body.secretFields).to.deep.equal(["googleAuthorization"]);
    expectError(await world.api.post(`${path}/activate`), 409, "AUTHORIZATION_REQUIRED");
    expectError(
      await world.api.post(`${path}/reauthorize`, {}),
      400,
      "VALIDATION_FAILED",
      "googleAuthorization",
    );
    const reauthorized = await world.api.post(`${path}/reauthorize`, {
      googleAuthorization: "google-authz-code-2",
    });
    expect(reauthorized.body).to.include({ authorizationRequired: false, version: 3 });
    expect((await world.api.post(`${path}/activate`)).body).to.include({ active: true, version: 4 });
    world.api.expectNoSecrets(["google-authz-code-2"]);
  });

  it("offers reauthorize for Google CCAI only", async () => {
    const created = await create("WXM");
    const refused = await world.api.post(`${base()}/connector/${created.id}/reauthorize`, {
      googleAuthorization: "x",
    });
    expectError(refused, 400, "UNSUPPORTED_OPERATION", "type");
  });

  it("refuses to delete a Google CCAI connector a CCAI config refers to, with 412 naming the config", async () => {
    const created = await create("GOOGLE_CCAI");
    const path = `${base()}/connector/${created.id}`;
    const config = await world.emulator.control.createCcaiConfig(world.orgId, {
      name: "Agent Answers config",
      connectorId: created.id,
    });
    const refs = await world.api.get(`${path}/incoming-references`);
    expect(refs.body.data).to.deep.equal([
      { type: "ccai-config", id: config.id, name: "Agent Answers config" },
    ]);
    expect(refs.body.meta.totalRecords).to.equal(1);
    await world.api.post(`${path}/deactivate`);
    const refused = await world.api.delete(path);
    const item = expectError(refused, 412, "REFERENCED");
    expect(item.description).to.contain('"Agent Answers config"');
    expect(item.references).to.deep.equal([
      { type: "ccai-config", id: config.id, name: "Agent Answers config" },
    ]);
    await world.emulator.control.deleteCcaiConfig(world.orgId, config.id);
    expect((await world.api.get(`${path}/incoming-references`)).body.data).to.deep.equal([]);
    expect((await world.api.delete(path)).status).to.equal(204);
  });

  it("lists with filter, type, pagination, links and creation order", async () => {
    const names = ["c-1", "c-2", "c-3", "c-4", "c-5"];
    for (const name of names) await create("CUSTOM", { name });
    await create("WXM");
    const page1 = await world.api.get(`${base()}/v2/connector?type=CUSTOM&page=1&pageSize=2`);
    expect(page1.status).to.equal(200);
    expect(page1.body.meta).to.include({
      orgid: world.orgId,
      page: 1,
      pageSize: 2,
      totalPages: 3,
      totalRecords: 5,
    });
    expect(page1.body.data.map((c: { name: string }) => c.name)).to.deep.equal(["c-3", "c-4"]);
    const links = page1.body.meta.links;
    expect(links.self).to.equal(`/organization/${world.orgId}/v2/connector?page=1&pageSize=2&type=CUSTOM`);
    expect(links.next).to.contain("page=2");
    expect(links.prev).to.contain("page=0");
    expect(links.first).to.contain("page=0");
    expect(links.last).to.contain("page=2");
    const following = await world.api.get(links.next);
    expect(following.body.data.map((c: { name: string }) => c.name)).to.deep.equal(["c-5"]);
    expect(following.body.meta.links).to.not.have.property("next");

    const byName = await world.api.get(`${base()}/v2/connector?filter=${encodeURIComponent('name=="C-2"')}`);
    expect(byName.body.data.map((c: { name: string }) => c.name)).to.deep.equal(["c-2"]);
    const both = await world.api.get(
      `${base()}/v2/connector?filter=${encodeURIComponent('name=="Survey feedback";type=="WXM"')}`,
    );
    expect(both.body.meta.totalRecords).to.equal(1);
    const all = await world.api.get(`${base()}/v2/connector`);
    expect(all.body.meta).to.include({ page: 0, pageSize: 100, totalRecords: 6 });
    expect((await world.api.get(`${base()}/v2/connector?pageSize=9999`)).body.meta.pageSize).to.equal(500);
    expectError(
      await world.api.get(`${base()}/v2/connector?filter=id==1`),
      400,
      "VALIDATION_FAILED",
      "filter",
    );
    expectError(await world.api.get(`${base()}/v2/connector?page=-1`), 400, "VALIDATION_FAILED", "page");
    expectError(await world.api.get(`${base()}/v2/connector?type=FAX`), 400, "VALIDATION_FAILED", "type");
  });

  it("lists connectors created in the same millisecond in creation order", async () => {
    const frozen = await startWorld({ clock: new FakeClock() });
    try {
      const names = Array.from({ length: 8 }, (_, i) => `same-ms-${i}`);
      for (const name of names) {
        const created = await frozen.api.post(`/organization/${frozen.orgId}/connector`, {
          ...validBodies().CUSTOM,
          name,
        });
        expect(created.status).to.equal(201);
      }
      const listed = await frozen.api.get(`/organization/${frozen.orgId}/v2/connector?pageSize=3&page=1`);
      expect(listed.body.data.map((c: { name: string }) => c.name)).to.deep.equal(names.slice(3, 6));
    } finally {
      await frozen.emulator.close();
    }
  });

  it("answers 404 for an unknown connector and 405 for a wrong method", async () => {
    expectError(await world.api.get(`${base()}/connector/nope`), 404, "NOT_FOUND");
    expectError(await world.api.delete(`${base()}/v2/connector`), 405, "METHOD_NOT_ALLOWED");
  });
});
