// What previews and wxcc-plan say about flows: a connector rename with a flow bound to it re-points the
// flow (its references, activities and republished tags shown), and a delete-first connector kind cannot
// keep routing. Real previews through the engine harness against the emulator.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { expect } from "chai";
import { buildPlan, renderMarkdown } from "../../scripts/plan-reporter";
import { ExperienceManagementConnector, SalesforceConnector } from "../../sdk/connectors";
import { Flow } from "../../sdk/flow";
import { Stack } from "../../testing";
import { PROJECT_DIR, startWorld, type World } from "../provider/support/emulator-world";
import { validArgs } from "../provider/support/fixtures";
import { CISCO_CONNECTOR_ID, ciscoFlowText } from "./support";

function program(kind: "salesforce" | "wxm", connectorName: string, adopt?: boolean) {
  return () => {
    const connector =
      kind === "salesforce"
        ? new SalesforceConnector("crm", validArgs("SalesforceConnector", connectorName) as never)
        : new ExperienceManagementConnector(
            "crm",
            validArgs("ExperienceManagementConnector", connectorName) as never,
          );
    new Flow("lookup", {
      definition: ciscoFlowText(),
      connectors: { [CISCO_CONNECTOR_ID]: connector.connectorId },
      ...(adopt === undefined ? {} : { adopt }),
    });
  };
}

describe("Flow in previews and wxcc-plan", function () {
  this.timeout(120_000);
  let world: World;
  let stateDir: string;

  before(async () => {
    world = await startWorld();
    stateDir = fs.mkdtempSync(path.join(os.tmpdir(), "wxcc-flow-plan-"));
  });
  after(async () => {
    await world.emulator.close();
    fs.rmSync(stateDir, { recursive: true, force: true });
  });

  function stack(name: string): Stack {
    return new Stack({
      projectDir: PROJECT_DIR,
      project: "wxcc-flow-plan",
      stack: name,
      config: world.config(),
      stateFile: path.join(stateDir, `${name}.json`),
      passphrase: "flow-plan",
    });
  }

  it("a connector rename: the flows it re-points, with their activities and republished tags", async () => {
    const s = stack("rename");
    (await s.up(program("salesforce", "crm-a"))).assertOk();
    const oldId = String(s.resource("crm")!.outputs.connectorId);
    const preview = await s.preview(program("salesforce", "crm-b"));
    preview.assertOk();
    const plan = buildPlan(preview.toPreviewJson() as never);
    const resources = plan.orgs.flatMap((o) => o.resources);
    const connector = resources.find((r) => r.logicalName === "crm")!;
    expect(connector.flag).to.equal("flows re-pointed");
    expect(connector.warnings.map((w) => w.text).join("\n")).to.include(
      "flows re-pointed: Salesforce_HTTP_Connector_Flow (4 activities)",
    );
    const flow = resources.find((r) => r.logicalName === "lookup")!;
    expect(flow.operation).to.equal("update");
    expect(flow.notes).to.deep.equal([
      `${CISCO_CONNECTOR_ID}: ${oldId.slice(0, 4)}… → (known after apply) (AccountByANI, CasebyContactId, ContactByANI, PostComment)`,
      "republished to Live",
    ]);
    const markdown = renderMarkdown(plan);
    expect(markdown).to.include("republished to Live");
    expect(markdown).to.include("flows re-pointed");
  });

  it("a delete-first connector (one per org) with a bound flow: the plan says routing cannot continue", async () => {
    const s = stack("wxm");
    // The flow of the first test already exists under this name: a create fails clearly, adopt manages it.
    const refused = await s.up(program("wxm", "survey-a"));
    expect(refused.ok).to.equal(false);
    expect(refused.error).to.include('Flow "Salesforce_HTTP_Connector_Flow" already exists in org org-acme');
    expect(refused.error).to.include("Pass adopt: true");
    (await s.up(program("wxm", "survey-a", true))).assertOk();
    const preview = await s.preview(program("wxm", "survey-b", true));
    preview.assertOk();
    const plan = buildPlan(preview.toPreviewJson() as never);
    const connector = plan.orgs.flatMap((o) => o.resources).find((r) => r.logicalName === "crm")!;
    expect(connector.deleteBeforeReplace).to.equal(true);
    expect(connector.flag).to.equal("stops routing");
    expect(connector.warnings[0]!.text).to.include("routing cannot continue");
    expect(connector.warnings[0]!.text).to.include("Salesforce_HTTP_Connector_Flow (4 activities)");
  });
});
