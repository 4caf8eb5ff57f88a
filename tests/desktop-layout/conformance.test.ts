// The desktop-layout and team endpoints against the official OpenAPI document
// (tests/fixtures/webex-openapi/desktop-layout-team.json): every request the provider sends through the
// engine, and every answer the emulator gives, recorded on the way and checked against the document's
// operations, status codes and schemas, so neither side can drift from it unnoticed.
import { expect } from "chai";
import { DesktopLayout, desktopLayouts } from "../../sdk";
import { type ConfigValue, Stack } from "../../testing";
import {
  loadDocument,
  operationFor,
  requestSchema,
  responseSchema,
  type Schema,
  violations,
} from "./openapi-check";
import { type RecordingProxy, startRecordingProxy } from "./recording-proxy";
import {
  ADMIN_TOKEN,
  type LayoutWorld,
  ORG_ID,
  PROJECT_DIR,
  READ_ONLY_TOKEN,
  startLayoutWorld,
} from "./support";

const DOC = loadDocument();

/**
 * Where the document contradicts itself, the operation's own text wins, and each such place is named here:
 * - the v2 lists' text says jsonFileContent and every array field are left out of their items, although
 *   the item schema (DesktopLayoutDTO) marks jsonFileContent required;
 * - the lists document no 400, yet a filter on a field the text says cannot be filtered must be refused
 *   somehow: the emulator answers 400 in the ApiErrorResponse shape, as the other operations do.
 */
const LISTS = ["getAllConfigWithMetaData_16", "getAllConfigWithMetaData_4"];

function listItemSchema(schema: Schema): Schema {
  const item = DOC.components.schemas[String(schema.$ref).split("/").pop()!]!;
  const data = (item.properties as Record<string, Schema>).data!;
  const dto =
    DOC.components.schemas[
      String((data.items as Schema).$ref)
        .split("/")
        .pop()!
    ]!;
  const properties = Object.fromEntries(
    Object.entries(dto.properties as Record<string, Schema>).filter(
      ([key, value]) => key !== "jsonFileContent" && value.type !== "array",
    ),
  );
  const required = ((dto.required ?? []) as string[]).filter((key) => key in properties);
  return {
    type: "object",
    properties: {
      meta: item.properties && (item.properties as Record<string, Schema>).meta,
      data: { type: "array", items: { ...dto, properties, required } },
    },
  };
}

function documentedAnswer(operationId: string, status: number, schema: Schema | null | undefined) {
  if (LISTS.includes(operationId) && status === 400) return DOC.components.schemas.ApiErrorResponse;
  if (LISTS.includes(operationId) && status === 200 && schema) return listItemSchema(schema);
  return schema;
}

describe("desktop layouts and teams conform to the official OpenAPI document", function () {
  this.timeout(120_000);
  let world: LayoutWorld;
  let proxy: RecordingProxy;

  const api = async (method: string, path: string, body?: unknown, token = ADMIN_TOKEN) => {
    const res = await fetch(`${proxy.url}/organization/${ORG_ID}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        accept: "application/json",
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, body: text === "" ? undefined : (JSON.parse(text) as Record<string, any>) }; // eslint-disable-line @typescript-eslint/no-explicit-any -- wire bodies
  };

  before(async () => {
    world = await startLayoutWorld();
    proxy = await startRecordingProxy(world.emulator.url);
  });

  after(async () => {
    await proxy?.close();
    await world?.close();
  });

  it("drives the provider through create, update, refresh, a refused and a done delete", async () => {
    const teams = [
      await world.layouts.addTeam(ORG_ID, { name: "Sales" }),
      await world.layouts.addTeam(ORG_ID, { name: "Service" }),
    ];
    const config = (token: string): Record<string, ConfigValue> => ({
      ...world.config(token),
      "wxcc:baseUrl": proxy.url,
    });
    const stack = new Stack({
      projectDir: PROJECT_DIR,
      project: "conformance",
      stack: "dev",
      config: config(ADMIN_TOKEN),
    });
    let outdialAni = "+14085550100";
    const program = () => {
      new DesktopLayout("sf", {
        name: "Salesforce",
        layout: desktopLayouts.salesforce({ outdialAni }),
        teamIds: teams.map((t) => t.id),
      });
    };
    expect((await stack.up(program)).ok).to.equal(true);
    outdialAni = "+14085550199";
    expect((await stack.up(program)).ok).to.equal(true);
    expect((await stack.refresh()).ok).to.equal(true);
    const id = String(stack.resource("sf")!.outputs.layoutId);
    const stray = await world.layouts.addTeam(ORG_ID, { name: "Stray", desktopLayoutId: id });
    expect((await stack.destroy()).ok).to.equal(false);
    await world.layouts.repointTeam(ORG_ID, stray.id, null);
    expect((await stack.destroy()).ok).to.equal(true);
    const readOnly = new Stack({
      projectDir: PROJECT_DIR,
      project: "conformance",
      stack: "ro",
      config: config(READ_ONLY_TOKEN),
    });
    expect((await readOnly.up(program)).ok).to.equal(false);

    const sent = proxy.exchanges.filter((e) => e.requestBody !== undefined);
    expect(sent.map((e) => `${e.method} ${e.status}`)).to.include.members([
      "POST 200",
      "PUT 200",
      "POST 403",
    ]);
    for (const exchange of sent) {
      const body = exchange.requestBody as Record<string, unknown>;
      expect(body.global, "the provider never sends a global layout").to.equal(false);
      expect(typeof body.jsonFileContent).to.equal("string");
    }
    const statuses = proxy.exchanges.map((e) => `${e.method} ${e.status}`);
    expect(statuses).to.include.members(["DELETE 412", "DELETE 200", "GET 200"]);
  });

  it("answers the list, filter, paging, team and error requests as documented", async () => {
    const created = [];
    for (const name of ["Alpha", "Beta", "Gamma"]) {
      const { status, body } = await api("POST", "/desktop-layout", {
        name,
        editedBy: "conformance",
        jsonFileName: `${name}.json`,
        jsonFileContent: JSON.stringify({ agent: { version: "0.1.0", area: {} } }),
        global: false,
        status: true,
        defaultJsonModified: false,
        validated: false,
      });
      expect(status).to.equal(200);
      created.push(body!);
    }
    const byName = await api("GET", `/v2/desktop-layout?filter=${encodeURIComponent('name=="beta"')}`);
    expect(byName.body!.data.map((l: { id: string }) => l.id)).to.deep.equal([created[1].id]);
    const byIds = await api(
      "GET",
      `/v2/desktop-layout?filter=${encodeURIComponent(`id=in=("${created[0].id}","${created[2].id}")`)}`,
    );
    expect(byIds.body!.data.map((l: { name: string }) => l.name)).to.deep.equal(["Alpha", "Gamma"]);
    const notIds = await api(
      "GET",
      `/v2/desktop-layout?filter=${encodeURIComponent(`id=out=("${created[0].id}")`)}`,
    );
    expect(notIds.body!.data.map((l: { name: string }) => l.name)).not.to.include("Alpha");
    const page = await api("GET", "/v2/desktop-layout?page=1&pageSize=2");
    expect(page.body!.meta).to.include({ page: 1, pageSize: 2, totalRecords: 4, totalPages: 2 });
    expect(page.body!.data).to.have.length(2);
    const all = await api("GET", "/v2/desktop-layout");
    for (const item of [...all.body!.data, ...(await api("GET", "/v2/team")).body!.data]) {
      expect(item, "the list omits the document").not.to.have.property("jsonFileContent");
      expect(Object.values(item).some(Array.isArray), "the list omits array fields").to.equal(false);
    }
    expect(
      all.body!.data.filter((l: { systemDefault: boolean; global: boolean }) => l.systemDefault && l.global),
    ).to.have.length(1);
    expect((await api("GET", "/v2/desktop-layout?filter=teamIds%3D%3D%22x%22")).status).to.equal(400);
    expect((await api("GET", `/desktop-layout/${created[0].id}`)).body).to.have.property("jsonFileContent");
    expect((await api("GET", "/desktop-layout/no-such-id")).status).to.equal(404);
    expect((await api("POST", "/desktop-layout", { name: "Missing fields" })).status).to.equal(400);
    expect(
      (await api("POST", "/desktop-layout", { ...created[0], id: undefined, version: undefined })).status,
    ).to.equal(409);
    expect(
      (await api("GET", `/desktop-layout/${created[0].id}/incoming-references?type=team`)).status,
    ).to.equal(200);

    const team = await api("POST", "/team", {
      name: "Conformance",
      teamType: "AGENT",
      teamStatus: "IN_SERVICE",
      active: true,
      siteId: "0c9b6d7e-5d9f-4b54-9b0e-5a3d3f2c6a11",
      rankQueuesForTeam: false,
    });
    expect(team.status).to.equal(201);
    const { createdTime: _c, lastUpdatedTime: _u, siteName: _s, ...teamDto } = team.body!;
    expect(
      (await api("PUT", `/team/${team.body!.id}`, { ...teamDto, desktopLayoutId: created[0].id })).status,
    ).to.equal(200);
    expect(
      (await api("GET", `/desktop-layout/${created[0].id}/incoming-references`)).body!.data,
    ).to.have.length(1);
    expect((await api("DELETE", `/desktop-layout/${created[0].id}`)).status).to.equal(412);
    expect((await api("GET", "/team")).status).to.equal(200);
    expect(
      (await api("GET", `/v2/team?filter=${encodeURIComponent('name=="Conformance"')}`)).body!.data,
    ).to.have.length(1);
    expect((await api("GET", `/team/${team.body!.id}/incoming-references`)).status).to.equal(200);
    expect((await api("DELETE", `/team/${team.body!.id}`)).status).to.equal(204);
    expect((await api("DELETE", `/desktop-layout/${created[0].id}`)).status).to.equal(200);
    expect(
      (await api("PUT", `/desktop-layout/${created[1].id}`, { ...created[1], name: "x".repeat(256) })).status,
    ).to.equal(400);
    expect((await api("GET", "/v2/desktop-layout", undefined, "not-a-token")).status).to.equal(401);
  });

  it("holds every recorded request and answer to the document", () => {
    expect(proxy.exchanges.length).to.be.greaterThan(20);
    const problems: string[] = [];
    const seen = new Set<string>();
    for (const exchange of proxy.exchanges) {
      const where = `${exchange.method} ${exchange.path}${exchange.query} → ${exchange.status}`;
      const found = operationFor(DOC, exchange.method, exchange.path);
      if (!found) {
        problems.push(`${where}: no such operation in the document`);
        continue;
      }
      seen.add(found.op.operationId);
      const sent = requestSchema(found.op);
      const valid =
        exchange.status < 300 ||
        exchange.status === 409 ||
        exchange.status === 412 ||
        exchange.status === 403;
      if (exchange.requestBody !== undefined && sent && valid) {
        problems.push(
          ...violations(DOC, sent, exchange.requestBody, "request", true).map((p) => `${where}: ${p}`),
        );
      }
      const answer = documentedAnswer(
        found.op.operationId,
        exchange.status,
        responseSchema(found.op, exchange.status),
      );
      if (answer === undefined)
        problems.push(`${where}: status ${exchange.status} is not documented for ${found.op.operationId}`);
      else if (answer === null && exchange.responseBody !== undefined)
        problems.push(`${where}: documented without a body, but one came`);
      else if (answer)
        problems.push(
          ...violations(DOC, answer, exchange.responseBody, "response").map((p) => `${where}: ${p}`),
        );
    }
    expect(problems).to.deep.equal([]);
    expect([...seen].sort()).to.include.members([
      "createConfig_15",
      "getAllConfigWithMetaData_16",
      "getConfig_17",
      "updateConfig_17",
      "deleteConfig_15",
      "getIncomingReferences_13",
      "getConfig_4",
      "createConfig_3",
      "updateConfig_4",
      "deleteConfig_3",
      "getAllConfig_1",
      "getAllConfigWithMetaData_4",
      "getIncomingReferences_2",
    ]);
  });
});
