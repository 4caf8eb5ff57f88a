// The Flow resource through the engine harness (the real dynamic-provider plugin over gRPC) against the
// emulator, with Cisco's Salesforce flow as the definition: create bound to a Salesforce connector, an up
// with nothing to do, a connector rename that re-points the flow before the old connector goes, a locked
// flow refused, and drift after an out-of-band re-point.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { expect } from "chai";
import { FlowControl, type LoggedRequest } from "../../emulator";
import { Flow } from "../../sdk/flow";
import { SalesforceConnector } from "../../sdk/connectors";
import { Stack } from "../../testing";
import { ADMIN_TOKEN, ORG_ID, PROJECT_DIR, startWorld, type World } from "../provider/support/emulator-world";
import { validArgs } from "../provider/support/fixtures";
import { CISCO_CONNECTOR_ID, ciscoFlowText, countConnector, FlowStoreUser } from "./support";

const FLOW_NAME = "Salesforce_HTTP_Connector_Flow";

interface ProgramOptions {
  connectorName: string;
  comment?: string;
  connectors?: (crmId: unknown) => Record<string, unknown>;
}

function program(options: ProgramOptions) {
  return () => {
    const crm = new SalesforceConnector(
      "crm",
      validArgs("SalesforceConnector", options.connectorName) as never,
    );
    const flow = new Flow("lookup", {
      definition: ciscoFlowText(),
      connectors: (options.connectors?.(crm.connectorId) ?? {
        [CISCO_CONNECTOR_ID]: crm.connectorId,
      }) as never,
      ...(options.comment ? { publish: { comment: options.comment } } : {}),
    });
    return { crmId: crm.connectorId, flowId: flow.flowId };
  };
}

/** The writes of a log, as "METHOD path" with the org and flow-store prefixes cut short. */
function writes(log: LoggedRequest[]): string[] {
  return log
    .filter((r) => r.method !== "GET")
    .map(
      (r) =>
        `${r.method} ${r.path.replace(/^\/organization\/[^/]+/, "").replace(/^\/flow-store\/[^/]+\/project\/[^/]+/, "")}`,
    );
}

describe("Flow through the engine against the emulator", function () {
  this.timeout(120_000);
  let world: World;
  let stack: Stack;
  let flows: FlowControl;
  let user: FlowStoreUser;
  let stateDir: string;

  before(async () => {
    world = await startWorld();
    flows = new FlowControl(world.emulator.url, ORG_ID);
    user = new FlowStoreUser(world.emulator.url, ORG_ID, ADMIN_TOKEN);
    stateDir = fs.mkdtempSync(path.join(os.tmpdir(), "wxcc-flow-"));
    stack = new Stack({
      projectDir: PROJECT_DIR,
      project: "wxcc-flows",
      stack: "engine",
      config: world.config(),
      stateFile: path.join(stateDir, "state.json"),
      passphrase: "flow-test",
    });
  });
  after(async () => {
    await world.emulator.close();
    fs.rmSync(stateDir, { recursive: true, force: true });
  });

  async function logSince(run: () => Promise<unknown>): Promise<LoggedRequest[]> {
    const before = await world.control.requests();
    const last = before.length === 0 ? 0 : before[before.length - 1].seq;
    await run();
    return world.control.requests(last);
  }

  it("fails at preview naming a binding that matches no activity", async () => {
    const preview = await stack.preview(
      program({ connectorName: "crm-a", connectors: (id) => ({ Salesforce: id }) }),
    );
    expect(preview.ok).to.equal(false);
    const message = preview.diagnostics.map((d) => d.message).join("\n");
    expect(message).to.include("connectors.Salesforce matches no activity");
    expect(message).to.include("AccountByANI");
  });

  it("creates the flow bound to the connector: all 8 occurrences point at it, published Live", async () => {
    let crmId = "";
    const log = await logSince(async () => {
      const up = await stack.up(program({ connectorName: "crm-a" }));
      up.assertOk();
      crmId = String(stack.resource("crm")!.outputs.connectorId);
    });
    expect(writes(log)).to.deep.equal([
      "POST /connector",
      "POST /flows:import",
      `POST /flows/${(await flows.flow(FLOW_NAME))!.id}:publish`,
    ]);
    const flow = (await flows.flow(FLOW_NAME))!;
    const live = await user.export(flow.id);
    expect(countConnector(live, crmId)).to.equal(8);
    expect(countConnector(live, CISCO_CONNECTOR_ID)).to.equal(0);
    expect(flow.tags.map((t) => t.id)).to.deep.equal(["Live"]);
    const outputs = stack.resource("lookup")!.outputs as Record<string, unknown>;
    expect(outputs.flowId).to.equal(flow.id);
    expect(outputs.boundActivities).to.deep.equal({
      [CISCO_CONNECTOR_ID]: ["AccountByANI", "CasebyContactId", "ContactByANI", "PostComment"],
    });
    await flows.createEntryPoint({ name: "Support", flow: flow.id });
    const route = await flows.route("Support");
    expect(route.connectors).to.deep.equal([{ id: crmId, name: "crm-a", exists: true, active: true }]);
  });

  it("an up with nothing changed neither imports nor publishes", async () => {
    const log = await logSince(async () => (await stack.up(program({ connectorName: "crm-a" }))).assertOk());
    expect(writes(log)).to.deep.equal([]);
    expect(log.filter((r) => r.path.startsWith("/flow-store/"))).to.deep.equal([]);
  });

  it("a connector rename re-points and republishes the flow before the old connector is deleted", async () => {
    const oldId = String(stack.resource("crm")!.outputs.connectorId);
    const historyBefore = await flows.routeHistory("Support");
    const log = await logSince(async () => (await stack.up(program({ connectorName: "crm-b" }))).assertOk());
    const newId = String(stack.resource("crm")!.outputs.connectorId);
    const flowId = String(stack.resource("lookup")!.outputs.flowId);
    expect(writes(log)).to.deep.equal([
      "POST /connector",
      "POST /flows:import",
      `POST /flows/${flowId}:publish`,
      `POST /connector/${oldId}/deactivate`,
      `DELETE /connector/${oldId}`,
    ]);
    // Replay the log: the entry point's live version moves at each publish; no connector it uses is deleted.
    const history = await flows.routeHistory("Support");
    let live = historyBefore[historyBefore.length - 1];
    let next = historyBefore.length;
    for (const request of log) {
      if (request.status >= 300) continue;
      if (request.method === "POST" && request.path.endsWith(`/flows/${flowId}:publish`))
        live = history[next++];
      const deleted = /^\/organization\/[^/]+\/connector\/([^/]+)$/.exec(request.path);
      if (request.method === "DELETE" && deleted) expect(live.connectorIds).to.not.include(deleted[1]);
    }
    expect(live.connectorIds).to.deep.equal([newId]);
    const route = await flows.route("Support");
    expect(route.connectors).to.deep.equal([{ id: newId, name: "crm-b", exists: true, active: true }]);
    expect(countConnector(await user.export(flowId), newId)).to.equal(8);
  });

  it("refuses to import over a flow someone has open in Flow Designer", async () => {
    const flowId = String(stack.resource("lookup")!.outputs.flowId);
    const lock = await flows.lock(flowId, "supervisor@acme.example");
    try {
      const log = await logSince(async () => {
        const up = await stack.up(program({ connectorName: "crm-b", comment: "retry prompts" }));
        expect(up.ok).to.equal(false);
        expect(up.error).to.include("locked by supervisor@acme.example since " + lock.lockedAt);
      });
      expect(writes(log)).to.deep.equal([]);
    } finally {
      await flows.unlock(flowId);
    }
  });

  it("shows an out-of-band re-point as drift on refresh, and the next up restores the binding", async () => {
    const flowId = String(stack.resource("lookup")!.outputs.flowId);
    const boundId = String(stack.resource("crm")!.outputs.connectorId);
    const elsewhere = "0d9c3c4e-5f7a-4b8c-9d0e-1f2a3b4c5d6e";
    const live = await user.export(flowId);
    const repointed = JSON.parse(JSON.stringify(live).split(boundId).join(elsewhere));
    expect((await user.import(repointed, "yes")).status).to.equal(201);
    expect((await user.publish(flowId, ["Live"])).status).to.equal(200);

    const refresh = await stack.refresh();
    refresh.assertOk();
    const step = refresh.step("lookup")!;
    expect(step.drift).to.include("liveChanges");
    const outputs = stack.resource("lookup")!.outputs as Record<string, unknown>;
    expect(outputs.liveChanges).to.deep.equal(
      ["AccountByANI", "CasebyContactId", "ContactByANI", "PostComment"].map(
        (activity) => `${activity}: ${CISCO_CONNECTOR_ID} ${boundId} → ${elsewhere}`,
      ),
    );

    const log = await logSince(async () =>
      (await stack.up(program({ connectorName: "crm-b", comment: "retry prompts" }))).assertOk(),
    );
    expect(writes(log)).to.deep.equal(["POST /flows:import", `POST /flows/${flowId}:publish`]);
    expect(countConnector(await user.export(flowId), boundId)).to.equal(8);
    expect(stack.resource("lookup")!.outputs.liveChanges).to.deep.equal([]);
  });

  it("destroy forgets the flow: it stays in the org", async () => {
    (await stack.destroy()).assertOk();
    expect(await flows.flow(FLOW_NAME)).to.not.equal(undefined);
  });
});
