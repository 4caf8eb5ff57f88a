// The emulator's flow store against a schema written from the official OpenAPI document
// (tests/flow/flow-store-schema.ts), and the behaviour the document and live findings describe: list
// filters and pages, export by version, multipart-only import (a raw JSON body is a 500), 409 on a name
// that exists, overwrite in place, publish moving tags, and entry points routing to a flow's tag.
import { expect } from "chai";
import type { z } from "zod";
import { FlowControl, type RunningEmulator, startEmulator } from "../../emulator";
import { basicFlowDTO, flowPage, flowRes, flowVersionRes } from "./flow-store-schema";
import { CISCO_CONNECTOR_ID, ciscoFlow, FlowStoreUser } from "./support";

const ORG = "org-flows";
const TOKEN = "flow-admin-token-0001";
const READER = "flow-reader-token-0001";

function conforms<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body);
  expect(parsed.success, parsed.success ? "" : JSON.stringify(parsed.error.issues.slice(0, 3))).to.equal(
    true,
  );
  return parsed.data as T;
}

describe("emulator: the flow store", () => {
  let emulator: RunningEmulator;
  let user: FlowStoreUser;
  let flows: FlowControl;

  before(async () => {
    emulator = await startEmulator();
    await emulator.control.createOrg({ orgId: ORG });
    await emulator.control.createAdmin(ORG, { role: "full-admin", accessToken: TOKEN });
    await emulator.control.createAdmin(ORG, { role: "external-read-only", accessToken: READER });
    user = new FlowStoreUser(emulator.url, ORG, TOKEN);
    flows = new FlowControl(emulator.url, ORG);
  });
  after(() => emulator.close());

  it("imports only multipart: a raw JSON body is a 500, as in the product", async () => {
    const res = await user.call(
      "POST",
      ":import?overwrite=no",
      JSON.stringify(ciscoFlow()),
      "application/json",
    );
    expect(res.status).to.equal(500);
  });

  it("imports a new flow as a draft (201 BasicFlowDTO) and refuses the same name with 409 FLOW_ALREADY_EXISTS", async () => {
    const created = await user.import(ciscoFlow(), "no");
    expect(created.status).to.equal(201);
    const flow = conforms(basicFlowDTO, await created.json());
    expect(flow).to.include({
      name: "Salesforce_HTTP_Connector_Flow",
      status: "Draft",
      version: 1,
      flowType: "FLOW",
    });
    const again = await user.import(ciscoFlow(), "no");
    expect(again.status).to.equal(409);
    expect(((await again.json()) as { error: { reason: string } }).error.reason).to.equal(
      "FLOW_ALREADY_EXISTS",
    );
  });

  it("overwrites in place by name: the flow keeps its id and gets a new draft version", async () => {
    const [before] = await flows.flows();
    const edited = { ...ciscoFlow(), description: "edited" };
    const res = await user.import(edited, "yes");
    expect(res.status).to.equal(201);
    const flow = conforms(basicFlowDTO, await res.json());
    expect(flow.id).to.equal(before!.id);
    const draft = conforms(flowVersionRes, await user.export(flow.id!, "draft"));
    expect(draft).to.include({ description: "edited", flowId: flow.id, orgId: ORG });
    expect(draft.process).to.deep.equal(ciscoFlow().process);
  });

  it("refuses malformed imports with 400: no file part, not JSON, no name, a bad overwrite or flowType", async () => {
    const form = new FormData();
    form.append("other", "x");
    expect((await user.call("POST", ":import", form)).status).to.equal(400);
    const bad = new FormData();
    bad.append("file", new Blob(["{not json"]), "f.json");
    expect((await user.call("POST", ":import", bad)).status).to.equal(400);
    expect((await user.import({ ...ciscoFlow(), name: "" }, "no")).status).to.equal(400);
    expect((await user.call("POST", ":import?overwrite=maybe", form)).status).to.equal(400);
    expect((await user.call("POST", ":import?flowType=JOB", form)).status).to.equal(400);
  });

  it("publishes with tagIds and a comment (FlowRes); tags move to the new version", async () => {
    const [flow] = await flows.flows();
    const res = await user.publish(flow!.id, ["Live", "Test"], "first");
    expect(res.status).to.equal(200);
    const published = conforms(flowRes, await res.json());
    expect(published.status).to.equal("Published");
    expect(published.tags!.map((t) => [t.id, t.versionNumber])).to.deep.equal([
      ["Live", 2],
      ["Test", 2],
    ]);
    await user.import({ ...ciscoFlow(), description: "third" }, "yes");
    const moved = conforms(flowRes, await (await user.publish(flow!.id, ["Live"])).json());
    expect(moved.tags!.map((t) => [t.id, t.versionNumber])).to.deep.equal([
      ["Test", 2],
      ["Live", 3],
    ]);
    expect((await user.publish(flow!.id, ["Prod"])).status).to.equal(400);
  });

  it("exports latest, draft or a version id; an unknown flow or version is a 404", async () => {
    const [flow] = await flows.flows();
    const latest = conforms(flowVersionRes, await user.export(flow!.id));
    expect(latest).to.include({ version: 3, description: "third" });
    await user.import({ ...ciscoFlow(), description: "unpublished" }, "yes");
    expect(await user.export(flow!.id, "draft")).to.include({ version: 4, description: "unpublished" });
    expect(await user.export(flow!.id, "latest")).to.include({ version: 3 });
    const second = flow!.versions.find((v) => v.number === 2)!;
    expect(await user.export(flow!.id, second.id)).to.include({ version: 2, description: "edited" });
    expect((await user.call("GET", `/${flow!.id}:export?version=nope`)).status).to.equal(404);
    expect((await user.call("GET", "/000000000000000000000000:export")).status).to.equal(404);
  });

  it("lists with flowType, ids, partialNameSearch, page/size and includePagination", async () => {
    for (const name of ["Billing IVR", "Billing callback", "Sales IVR"]) {
      expect((await user.import({ ...ciscoFlow(), name }, "no")).status).to.equal(201);
    }
    const all = (await (await user.call("GET", "")).json()) as unknown[];
    expect(all.map((f) => conforms(basicFlowDTO, f).name)).to.have.length(4);
    const billing = (await (await user.call("GET", "?partialNameSearch=billing")).json()) as {
      name: string;
    }[];
    expect(billing.map((f) => f.name)).to.deep.equal(["Billing IVR", "Billing callback"]);
    const page = conforms(
      flowPage,
      await (await user.call("GET", "?page=1&size=3&includePagination=true")).json(),
    );
    expect(page).to.include({ currentPage: 1, pageSize: 3, totalRecords: 4, totalPages: 2 });
    expect(page.data).to.have.length(1);
    const [first] = all as { id: string }[];
    const byId = (await (await user.call("GET", `?ids=${first!.id}`)).json()) as { id: string }[];
    expect(byId.map((f) => f.id)).to.deep.equal([first!.id]);
    expect(await (await user.call("GET", "?flowType=SUBFLOW")).json()).to.deep.equal([]);
    expect((await user.call("GET", "?flowType=JOB")).status).to.equal(400);
  });

  it("follows the document's scopes: a read-only admin lists, exports and publishes but cannot import", async () => {
    const reader = new FlowStoreUser(emulator.url, ORG, READER);
    const [flow] = await flows.flows();
    expect((await reader.call("GET", "")).status).to.equal(200);
    expect((await reader.import(ciscoFlow(), "yes")).status).to.equal(403);
    expect((await reader.publish(flow!.id, ["Dev"])).status).to.equal(200);
    expect((await new FlowStoreUser(emulator.url, ORG, "unknown").call("GET", "")).status).to.equal(401);
  });

  it("shows a lock taken in Flow Designer in the list, and routes an entry point's calls to its tag", async () => {
    const flow = (await flows.flow("Salesforce_HTTP_Connector_Flow"))!;
    const lock = await flows.lock(flow.id, "supervisor@acme.example");
    const listed = (await (await user.call("GET", `?ids=${flow.id}`)).json()) as {
      lockedBy: string;
      lockedAt: string;
    }[];
    expect(listed[0]).to.include(lock);
    await flows.unlock(flow.id);
    await flows.createEntryPoint({ name: "Support", flow: flow.name });
    const route = await flows.route("Support");
    expect(route.versionNumber).to.equal(3);
    expect(route.connectors).to.deep.equal([
      { id: CISCO_CONNECTOR_ID, name: null, exists: false, active: false },
    ]);
    expect(await flows.routeHistory("Support")).to.have.length(1);
  });
});
