import { expect } from "chai";
import { FlowControl, type RunningEmulator, startEmulator } from "pulumi-wxcc/emulator";
import { type PreviewResult, Stack } from "pulumi-wxcc/testing";
import { DesktopLayoutControl } from "../../emulator/desktop-layout/control-client";
import { SalesforceControl } from "../../emulator/salesforce/control-client";
import { writesPerConnector } from "../../scripts/demo/api-calls";
import { AGENTS, createQuickstartWorld, type QuickstartWorld, SALES_TEAMS } from "../../scripts/demo/world";
import { renderMarkdown, toSummary } from "../../scripts/plan-reporter";
import { planOf } from "../support/plan-of";
import { exampleDir, exampleProgram, expectNoSecrets, expectOk } from "./support";

const PROGRAM = exampleProgram("quickstart");
const KINDS = ["CUSTOM", "GOOGLE", "GOOGLE_CCAI", "SALESFORCE", "WEBEX_CC", "WXM"];

describe("examples/quickstart through the engine harness", function () {
  this.timeout(120_000);
  let emulator: RunningEmulator;
  let world: QuickstartWorld;
  let stack: Stack;
  let v2Preview: PreviewResult;

  before(async () => {
    emulator = await startEmulator();
    world = await createQuickstartWorld(emulator, "org-quickstart");
    stack = new Stack({
      projectDir: exampleDir("quickstart"),
      project: "quickstart",
      stack: "dev",
      config: world.config,
    });
  });
  after(async () => {
    await emulator?.close();
  });

  const connectors = () => emulator.control.connectors(world.orgId);

  it("previews version 1 as one create per resource, every secret masked", async () => {
    const preview = expectOk(await stack.preview(PROGRAM));
    const plan = planOf(preview);
    expect(plan.orgs.map((o) => o.orgId)).to.deep.equal([world.orgId]);
    expect(plan.counts).to.deep.equal({ create: 10 });
    expect(plan.orgs[0]!.resources.map((r) => r.kind?.type).sort()).to.deep.equal([
      "ContactCenterConnector",
      "CustomConnector",
      "CustomConnector",
      "DesktopLayout",
      "ExperienceManagementConnector",
      "Flow",
      "GoogleCcaiConnector",
      "GoogleConnector",
      "SalesforceCallCenterDefinition",
      "SalesforceConnector",
    ]);
    expectNoSecrets(JSON.stringify(preview.toPreviewJson()), world.secrets, "the preview JSON");
  });

  it("creates one connector of every kind, active, and deploys the call-center definition", async () => {
    expectOk(await stack.up(PROGRAM));
    const live = await connectors();
    expect(live.map((c) => c.type).sort()).to.deep.equal([...KINDS, "CUSTOM"].sort());
    expect(live.every((c) => c.active)).to.equal(true);
    const tts = live.find((c) => c.type === "GOOGLE")!;
    expect(tts.name).to.equal("Offers TTS");
    const callCenter = stack.resource("call-center")!;
    expect(callCenter.outputs.callCenterId).to.be.a("string").and.not.equal("");
    const deployed = await new SalesforceControl(emulator.url).callCenter(
      callCenter.outputs.internalName as string,
    );
    expect(deployed!.assignedUsers.slice().sort()).to.deep.equal([...AGENTS].sort());
    const layout = (await new DesktopLayoutControl(emulator.url).layouts(world.orgId)).find(
      (l) => !l.global,
    )!;
    expect(layout.teamIds).to.have.members(SALES_TEAMS.map((team) => team.id));
    expect(layout.jsonFileContent).to.include('"outDialAni":"+14085550100"');
    expectNoSecrets(stack.rawState() ?? "", world.secrets, "the stack state");
  });

  it("previews version 2 with the rotated key as a deactivating update and the rename as a replacement", async () => {
    stack.setConfig("salesforcePrivateKey", { secret: await world.rotateSalesforceKey() });
    stack.setConfig("version", "2");
    v2Preview = expectOk(await stack.preview(PROGRAM));
    const plan = planOf(v2Preview);
    const byName = new Map(plan.orgs[0]!.resources.map((r) => [r.logicalName, r]));
    expect(byName.get("crm")).to.include({ operation: "update", deactivates: true });
    expect(byName.get("crm")!.changes.map((c) => [c.path, c.secret])).to.deep.equal([["privateKey", true]]);
    expect(byName.get("tts")).to.include({
      operation: "replace",
      previousName: "Offers TTS",
      name: "Promotions TTS",
    });
    expect(byName.get("orders-api")).to.include({ operation: "update", deactivates: false });
    expect(byName.get("call-center")!.changes.map((c) => c.path)).to.deep.equal([
      "settings.advancedScreenPop.aniPrefixesToRemove",
      "settings.general.softphoneHeight",
    ]);
    expect(plan.warnings.map((w) => [w.name, w.consequence])).to.have.deep.members([
      ["Salesforce-CRM", "deactivates"],
      ["Offers TTS", "replaces"],
      ["Salesforce Desktop", "agents"],
    ]);
    expect(byName.get("desktop-layout")!.changes.map((c) => c.path)).to.deep.equal([
      "layout.agent.appTitle",
      "layout.supervisor.appTitle",
      "layout.supervisorAgent.appTitle",
    ]);
    expect(plan.warnings.find((w) => w.name === "Offers TTS")!.text).to.include(
      "flows re-pointed: Offers and order status (1 activity)",
    );
    expect(byName.get("offers-flow")!.operation).to.equal("update");
    expect(byName.get("offers-flow")!.notes).to.have.length(2);
    expect(byName.get("offers-flow")!.notes[0]).to.match(
      /^Offers TTS: \w{4}… → \(known after apply\) \(OfferPrompt\)$/,
    );
    expect(byName.get("offers-flow")!.notes[1]).to.equal("republished to Live");
    const summary = toSummary(plan);
    expect(summary.stopsRouting).to.equal(2);
    const markdown = renderMarkdown(plan);
    expect(markdown).to.contain(
      "| ⚠️ | `Salesforce-CRM` | Salesforce | **update** (deactivates) | `privateKey`: [secret] (changed) |",
    );
    expectNoSecrets(markdown + JSON.stringify(v2Preview.toPreviewJson()), world.secrets, "the v2 plan");
  });

  it("applies version 2: deactivate, edit, re-activate for the key; a new connector for the rename", async () => {
    const before = await connectors();
    const oldTts = before.find((c) => c.type === "GOOGLE")!;
    const crm = before.find((c) => c.type === "SALESFORCE")!;
    const seq = (await emulator.control.requests()).at(-1)!.seq;
    expectOk(await stack.up(PROGRAM));
    const writes = writesPerConnector(await emulator.control.requests(seq));
    expect(writes.get(crm.id)).to.deep.equal(["deactivate", "edit", "activate"]);
    expect(writes.get(oldTts.id)).to.deep.equal(["deactivate", "delete"]);
    // The flow was re-pointed (imported and published) before the old connector was deactivated.
    const log = await emulator.control.requests(seq);
    const at = (pattern: RegExp) => log.findIndex((r) => r.method !== "GET" && pattern.test(r.path));
    expect(at(/flows:import$/)).to.be.greaterThan(-1);
    expect(at(/:publish$/)).to.be.lessThan(at(new RegExp(`/connector/${oldTts.id}/deactivate$`)));
    const after = await connectors();
    const tts = after.find((c) => c.type === "GOOGLE")!;
    expect(tts).to.include({ name: "Promotions TTS", active: true });
    expect(tts.id).not.to.equal(oldTts.id);
    const flow = (await new FlowControl(emulator.url, world.orgId).flow("Offers and order status"))!;
    const live = JSON.stringify(flow.versions.at(-1)!.content);
    expect(flow.tags.map((t) => [t.id, t.versionNumber])).to.deep.equal([
      ["Live", flow.versions.at(-1)!.number],
    ]);
    expect(live).to.include(`"connector":"${tts.id}"`);
    expect(live).to.include('"connector:name":"Promotions TTS"');
    expect(after.find((c) => c.id === crm.id)).to.include({ active: true });
    expect(after.find((c) => c.name === "Orders API")!.description).to.equal(
      "Order status and returns lookups",
    );
  });

  it("refreshes cleanly and then previews no changes", async () => {
    expectOk(await stack.refresh());
    const plan = planOf(expectOk(await stack.preview(PROGRAM)));
    expect(plan.hasChanges).to.equal(false);
  });

  it("destroys every connector and the call center", async () => {
    expectOk(await stack.destroy());
    expect(await connectors()).to.deep.equal([]);
    expect(await new SalesforceControl(emulator.url).callCenters()).to.deep.equal([]);
    const layouts = await new DesktopLayoutControl(emulator.url).layouts(world.orgId);
    expect(layouts.map((l) => l.name)).to.deep.equal(["Global Layout"]);
    expect(stack.resources()).to.deep.equal([]);
  });

  it("refuses an unknown program version with a message that says how to fix it", async () => {
    stack.setConfig("version", "3");
    const preview = await stack.preview(PROGRAM);
    expect(preview.ok).to.equal(false);
    expect(preview.error).to.contain("quickstart:version must be 1 or 2, not 3");
  });
});
