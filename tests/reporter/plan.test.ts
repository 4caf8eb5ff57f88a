import { expect } from "chai";
import { buildPlan, DEFAULT_ORG, type Plan, type PlannedResource } from "../../scripts/plan-reporter";
import { fixturePlan } from "./fixtures";

function find(plan: Plan, logicalName: string): PlannedResource {
  const all = [...plan.orgs.flatMap((o) => o.resources), ...plan.others];
  const found = all.find((r) => r.logicalName === logicalName);
  if (!found) throw new Error(`no resource ${logicalName} in plan`);
  return found;
}

describe("plan reporter: building the plan", () => {
  describe("from the CLI's preview (no diffReasons for dynamic resources)", () => {
    const plan = fixturePlan("cli-rotation-rename");

    it("reads the stack and project from the URNs and leaves the stack resource out", () => {
      expect(plan.stack).to.equal("dev");
      expect(plan.project).to.equal("quickstart");
      expect(plan.orgs.flatMap((o) => o.resources).map((r) => r.logicalName)).to.deep.equal([
        "crm",
        "tts",
        "surveys",
        "call-center",
      ]);
    });

    it("puts resources without an orgId in the stack's wxcc:orgId, with its region", () => {
      expect(plan.orgs.map((o) => [o.orgId, o.region])).to.deep.equal([["org-acme", "eu1"]]);
    });

    it("recovers a secret-only change as the one secret field and flags the deactivation", () => {
      const crm = find(plan, "crm");
      expect(crm.operation).to.equal("update");
      expect(crm.changes).to.deep.equal([
        { path: "privateKey", before: "[secret]", after: "[secret]", secret: true, certain: true },
      ]);
      expect(crm.deactivates).to.equal(true);
      expect(crm.warnings.map((w) => w.consequence)).to.deep.equal(["deactivates"]);
      expect(crm.warnings[0]!.text).to.match(/call routing stops/);
    });

    it("collapses a replacement's three steps into one replace that names the old and new connector", () => {
      const tts = find(plan, "tts");
      expect(tts.operation).to.equal("replace");
      expect(tts.previousName).to.equal("Offers and discounts");
      expect(tts.name).to.equal("Offers and discounts (EU)");
      expect(tts.deleteBeforeReplace).to.equal(false);
      expect(tts.changes.map((c) => c.path)).to.deep.equal(["name"]);
      expect(tts.warnings[0]!.text).to.match(/must be re-pointed/);
      expect(plan.counts).to.deep.equal({ update: 2, replace: 1, same: 1 });
    });

    it("reports nested settings by path and gives the call center no connector warnings", () => {
      const cc = find(plan, "call-center");
      expect(cc.name).to.equal("WebexCC_Demo");
      expect(cc.changes.map((c) => [c.path, c.before, c.after])).to.deep.equal([
        ["settings.general.softphoneHeight", '"550"', '"600"'],
      ]);
      expect(cc.deactivates).to.equal(false);
      expect(cc.warnings).to.deep.equal([]);
    });

    it("has changes", () => {
      expect(plan.hasChanges).to.equal(true);
      expect(plan.hasErrors).to.equal(false);
      expect(plan.durationMs).to.equal(1534);
    });
  });

  describe("from a harness preview across orgs", () => {
    const plan = fixturePlan("harness-multi-org");

    it("groups by the inputs' orgId, else the outputs' orgId, in order of appearance", () => {
      expect(plan.orgs.map((o) => o.orgId)).to.deep.equal(["org-emea", "org-apac", "org-amer"]);
      expect(find(plan, "apac-tts").orgId).to.equal("org-apac");
    });

    it("masks a secret that a preview showed in plaintext on one side only", () => {
      const orders = find(plan, "emea-orders");
      const password = orders.changes.find((c) => c.path === "auth.password")!;
      expect(password).to.include({ before: "[secret]", after: "[secret]", secret: true, certain: true });
      expect(JSON.stringify(plan)).not.to.contain("hunter2");
      expect(orders.deactivates).to.equal(true);
    });

    it("treats active true → false as a deactivation", () => {
      const wxcc = find(plan, "emea-wxcc");
      expect(wxcc.deactivates).to.equal(true);
      expect(wxcc.warnings[0]!.text).to.match(/is deactivated: call routing stops/);
    });

    it("does not deactivate for a new Google authorization alone (it is re-authorized in place)", () => {
      const ccai = find(plan, "emea-ccai");
      expect(ccai.changes.map((c) => c.path)).to.deep.equal(["googleAuthorization"]);
      expect(ccai.deactivates).to.equal(false);
      expect(ccai.warnings).to.deep.equal([]);
    });

    it("does not warn about deactivating a connector that is already inactive", () => {
      const crm = find(plan, "apac-crm");
      expect(crm.changes.map((c) => c.path)).to.deep.equal(["clientId"]);
      expect(crm.deactivates).to.equal(false);
    });

    it("notices delete-before-replace and says the old connector goes first", () => {
      const wxm = find(plan, "apac-wxm");
      expect(wxm.operation).to.equal("replace");
      expect(wxm.deleteBeforeReplace).to.equal(true);
      expect(wxm.warnings[0]!.text).to.match(/deleted before the new one exists/);
    });

    it("warns that a delete stops routing", () => {
      expect(find(plan, "apac-tts").warnings.map((w) => w.consequence)).to.deep.equal(["deletes"]);
    });

    it("keeps changed resources of other providers apart, and only warnings and errors as diagnostics", () => {
      expect(plan.others.map((r) => r.logicalName)).to.deep.equal(["suffix"]);
      expect(plan.diagnostics.map((d) => d.severity)).to.deep.equal(["warning"]);
      expect(plan.warnings).to.have.length(4);
    });
  });

  it("falls back to the default org when neither the resource nor the config names one", () => {
    const plan = buildPlan({
      steps: [
        {
          op: "create",
          urn: "urn:pulumi:dev::p::pulumi-nodejs:dynamic/wxcc:GoogleConnector::tts",
          newState: { type: "pulumi-nodejs:dynamic/wxcc:GoogleConnector", inputs: { name: "TTS" } },
        },
      ],
    });
    expect(plan.orgs.map((o) => o.orgId)).to.deep.equal([DEFAULT_ORG]);
  });

  it("lists the secret fields as candidates when an update shows several hidden secrets", () => {
    const inputs = {
      name: "Orders",
      auth: { type: "oauth2", clientSecret: "[secret]", password: "[secret]" },
    };
    const plan = buildPlan({
      steps: [
        {
          op: "update",
          urn: "urn:pulumi:dev::p::pulumi-nodejs:dynamic/wxcc:CustomConnector::orders",
          oldState: { type: "pulumi-nodejs:dynamic/wxcc:CustomConnector", inputs },
          newState: { type: "pulumi-nodejs:dynamic/wxcc:CustomConnector", inputs },
        },
      ],
    });
    const orders = find(plan, "orders");
    expect(orders.changes.map((c) => [c.path, c.certain])).to.deep.equal([
      ["auth.clientSecret", false],
      ["auth.password", false],
    ]);
    expect(orders.deactivates).to.equal(true);
  });

  it("recognises a connector registered under the generic dynamic type by its recorded kind", () => {
    const plan = buildPlan({
      config: { "wxcc:orgId": "org-x" },
      steps: [
        {
          op: "create",
          urn: "urn:pulumi:dev::p::pulumi-nodejs:dynamic:Resource::wxm",
          newState: { type: "pulumi-nodejs:dynamic:Resource", inputs: { name: "Surveys", kind: "WXM" } },
        },
      ],
    });
    expect(find(plan, "wxm").kindLabel).to.equal("Experience Mgmt");
  });

  it("reports no changes when every step is the same", () => {
    const plan = fixturePlan("no-changes");
    expect(plan.hasChanges).to.equal(false);
    expect(plan.warnings).to.deep.equal([]);
  });

  it("counts a changeSummary's changes even when no step is a wxcc resource", () => {
    expect(buildPlan({ steps: [], changeSummary: { create: 1 } }).hasChanges).to.equal(true);
  });
});
