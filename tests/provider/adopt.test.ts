// adopt: true through the engine harness (the real dynamic-provider plugin) against the emulator: an org set
// up by hand is taken over connector by connector, visibly at preview, with no POST and no deactivation.
import * as pulumi from "@pulumi/pulumi";
import { expect } from "chai";
import type { LoggedRequest } from "../../emulator";
import type { ConnectorTypeName } from "../../provider/kinds/spec";
import { renderMarkdown, renderText, toSummary } from "../../scripts/plan-reporter";
import { planOf } from "../support/plan-of";
import { CONNECTOR_CLASSES, type ConnectorResource } from "../../sdk/connectors";
import { Stack } from "../../testing";
import { createByHand } from "../support/by-hand";
import { ADMIN_TOKEN, ORG_ID, PROJECT_DIR, startWorld, type World } from "./support/emulator-world";
import { CONNECTOR_TYPES, rsaKey, validArgs } from "./support/fixtures";
import { secretDigest } from "../../provider/lifecycle/secret-digest";

type Values = Record<string, unknown>;
const CLASSES = CONNECTOR_CLASSES as unknown as Record<
  ConnectorTypeName,
  new (name: string, args: object, opts?: pulumi.CustomResourceOptions) => ConnectorResource
>;

const handName = (type: ConnectorTypeName) => `hand-${type}`;

/** How the org looks before Pulumi: each kind saved by hand, the Custom one on an old URL, one disabled. */
function handMade(type: ConnectorTypeName): Values {
  const args = validArgs(type, handName(type));
  if (type === "CustomConnector") return { ...args, resourceDomainUrl: "https://orders-old.example.com" };
  if (type === "ContactCenterConnector") return { ...args, active: false, description: "reporting" };
  return args;
}

/** What the program declares: the same, with the Custom connector's new URL and a description added. */
function declared(type: ConnectorTypeName): Values {
  const args: Values = { ...handMade(type), adopt: true };
  if (type === "CustomConnector") args.resourceDomainUrl = "https://orders.example.com";
  if (type === "SalesforceConnector") args.description = "CRM look-ups";
  return args;
}

const isList = (r: LoggedRequest) => r.method === "GET" && /\/v2\/connector$/.test(r.path.split("?")[0]!);
const writes = (requests: LoggedRequest[]) => requests.filter((r) => r.method !== "GET");

describe("adopting connectors that exist (adopt: true), through the engine harness", function () {
  this.timeout(120_000);
  let world: World;
  let ids: Map<ConnectorTypeName, string>;
  let stack: Stack;
  const program = () => {
    for (const type of CONNECTOR_TYPES) new CLASSES[type](type, declared(type), { retainOnDelete: true });
  };

  before(async () => {
    world = await startWorld();
    const made = await createByHand(
      world.emulator.url,
      ORG_ID,
      ADMIN_TOKEN,
      CONNECTOR_TYPES.map((type) => ({ type, args: handMade(type) })),
    );
    ids = new Map(CONNECTOR_TYPES.map((type, i) => [type, made[i]!.id]));
    stack = new Stack({
      projectDir: PROJECT_DIR,
      project: "wxcc-adopt",
      stack: "adopt",
      config: world.config(),
    });
  });
  after(async () => {
    await world?.emulator.close();
  });

  it("previews every connector as an adoption of the existing id, from one list request and no write", async () => {
    await world.control.clearRequests();
    const preview = await stack.preview(program);
    preview.assertOk();
    const requests = await world.control.requests();
    expect(requests.filter(isList)).to.have.length(1);
    expect(writes(requests)).to.deep.equal([]);
    for (const type of CONNECTOR_TYPES) {
      const adoption = preview.step(type)!.newState!.inputs.adoption as Values;
      expect(adoption, type).to.include({
        connectorId: ids.get(type),
        credentials: "taken as declared, not verified",
      });
    }
    expect((preview.step("CustomConnector")!.newState!.inputs.adoption as Values).changes).to.deep.equal([
      "resourceDomainUrl",
    ]);
    expect((preview.step("SalesforceConnector")!.newState!.inputs.adoption as Values).changes).to.deep.equal([
      "description",
    ]);
    expect(
      (preview.step("ContactCenterConnector")!.newState!.inputs.adoption as Values).changes,
    ).to.deep.equal([]);
  });

  it("reports operation adopt in wxcc-plan: Markdown, text and the JSON summary, with id and changed fields", async () => {
    const plan = planOf(await stack.preview(program));
    expect(plan.counts).to.deep.equal({ adopt: CONNECTOR_TYPES.length });
    expect(plan.warnings).to.deep.equal([]);
    const custom = plan.orgs[0]!.resources.find((r) => r.logicalName === "CustomConnector")!;
    expect(custom.operation).to.equal("adopt");
    expect(custom.adoption).to.deep.include({
      connectorId: ids.get("CustomConnector"),
      changes: ["resourceDomainUrl"],
    });
    const markdown = renderMarkdown(plan);
    expect(markdown).to.contain(`takes over id \`${ids.get("CustomConnector")}\``);
    expect(markdown).to.contain("changes `resourceDomainUrl`");
    expect(markdown).to.contain("credentials taken as declared, not verified");
    expect(markdown).to.contain(`**${CONNECTOR_TYPES.length} to adopt**`);
    expect(renderText(plan)).to.match(/= adopt\s+Custom\s+hand-CustomConnector\s+takes over id/);
    const summary = toSummary(plan).orgs[0]!.resources.find((r) => r.logicalName === "CustomConnector")!;
    expect(summary).to.include({
      operation: "adopt",
      adoptedId: ids.get("CustomConnector"),
      deactivates: false,
    });
    expect(summary.changedFields).to.deep.equal(["resourceDomainUrl"]);
  });

  it("up sends no create and no deactivation, keeps every id and writes only the differences", async () => {
    await world.control.clearRequests();
    const up = await stack.up(program);
    up.assertOk();
    const sent = writes(await world.control.requests());
    expect(sent.map((r) => `${r.method} ${r.path}`)).to.have.members([
      `PUT /organization/${ORG_ID}/connector/${ids.get("CustomConnector")}`,
      `PUT /organization/${ORG_ID}/connector/${ids.get("SalesforceConnector")}`,
    ]);
    for (const type of CONNECTOR_TYPES) {
      expect(stack.resource(type)!.outputs.connectorId, type).to.equal(ids.get(type));
    }
    const live = await world.control.connectors(ORG_ID);
    expect(live).to.have.length(CONNECTOR_TYPES.length);
    expect(live.find((c) => c.type === "WEBEX_CC")!.active).to.equal(false);
    expect(live.find((c) => c.type === "CUSTOM")!.settings).to.deep.equal({
      resourceDomainUrl: "https://orders.example.com",
    });
    const state = stack.rawState() ?? "";
    const keyLines = rsaKey(0)
      .privateKeyPem.split("\n")
      .filter((line) => line.length > 40);
    for (const secret of [
      ...keyLines,
      ADMIN_TOKEN,
      "wxm-api-key-0001",
      "orders-client-secret-0001",
      "google-authorization-code-0001",
    ]) {
      expect(state.includes(secret), secret.slice(0, 12)).to.equal(false);
    }
    // The declared credentials are recorded as the ones in force (their digest), as secrets.
    expect(
      stack.exportState().resources.find((r) => r.urn.endsWith("::SalesforceConnector"))!.outputs.privateKey,
    ).to.deep.include({ value: secretDigest(rsaKey(0).privateKeyPem) });
  });

  it("previews no change afterwards, without listing the org again", async () => {
    await world.control.clearRequests();
    const preview = await stack.preview(program);
    preview.assertOk();
    expect(preview.changeSummary).to.deep.equal({ same: CONNECTOR_TYPES.length });
    const requests = await world.control.requests();
    expect(requests.filter(isList)).to.deep.equal([]);
    expect(writes(requests)).to.deep.equal([]);
  });

  it("leaves every adopted connector in place on destroy (retainOnDelete)", async () => {
    (await stack.destroy()).assertOk();
    expect(await world.control.connectors(ORG_ID)).to.have.length(CONNECTOR_TYPES.length);
  });

  describe("refusals at preview, before anything is written", () => {
    const previewOf = async (make: () => void) => {
      const other = new Stack({
        projectDir: PROJECT_DIR,
        project: "wxcc-adopt",
        stack: "refusals",
        config: world.config(),
      });
      await world.control.clearRequests();
      const preview = await other.preview(make);
      expect(writes(await world.control.requests())).to.deep.equal([]);
      return preview;
    };

    it("fails a same-named connector of another kind, naming its kind and id", async () => {
      const preview = await previewOf(() => {
        new CLASSES.GoogleConnector("tts", {
          ...validArgs("GoogleConnector", handName("SalesforceConnector")),
          adopt: true,
        });
      });
      expect(preview.ok).to.equal(false);
      const failure = preview.step("tts")!.checkFailures[0]!;
      expect(failure.property).to.equal("name");
      expect(failure.reason).to.contain(`of another kind (SALESFORCE, id ${ids.get("SalesforceConnector")})`);
    });

    it("fails when a live non-secret credential differs, unless the credentials are pushed", async () => {
      const preview = await previewOf(() => {
        new CLASSES.SalesforceConnector("crm", {
          ...declared("SalesforceConnector"),
          userEmail: "someone-else@acme.example",
        });
      });
      expect(preview.ok).to.equal(false);
      const failure = preview.step("crm")!.checkFailures[0]!;
      expect(failure.property).to.equal("userEmail");
      expect(failure.reason).to.contain("pushCredentialsOnAdopt: true");
    });

    it("refuses to push credentials outside wxcc:maintenanceWindow", async () => {
      const hour = (offset: number) => String((new Date().getUTCHours() + offset) % 24).padStart(2, "0");
      const other = new Stack({
        projectDir: PROJECT_DIR,
        project: "wxcc-adopt",
        stack: "window",
        config: { ...world.config(), "wxcc:maintenanceWindow": `${hour(2)}:00-${hour(4)}:00 UTC` },
      });
      const preview = await other.preview(() => {
        new CLASSES.SalesforceConnector("crm", {
          ...declared("SalesforceConnector"),
          pushCredentialsOnAdopt: true,
        });
      });
      expect(preview.ok).to.equal(false);
      const failure = preview.step("crm")!.checkFailures[0]!;
      expect(failure.property).to.equal("privateKey");
      expect(failure.reason).to.contain("allows that only within");
    });
  });

  it("pushes the declared credentials when asked: flagged at preview, deactivate → edit → activate", async () => {
    const other = new Stack({
      projectDir: PROJECT_DIR,
      project: "wxcc-adopt",
      stack: "push",
      config: world.config(),
    });
    const make = () => {
      new CLASSES.SalesforceConnector(
        "crm",
        {
          ...declared("SalesforceConnector"),
          privateKey: rsaKey(0).privateKeyPem,
          pushCredentialsOnAdopt: true,
        },
        { retainOnDelete: true },
      );
    };
    const plan = planOf(await other.preview(make));
    const crm = plan.orgs[0]!.resources[0]!;
    expect(crm).to.include({ operation: "adopt", deactivates: true });
    expect(crm.adoption!.credentials).to.match(/^pushed/);
    expect(crm.warnings.map((w) => w.consequence)).to.deep.equal(["deactivates"]);
    await world.control.clearRequests();
    (await other.up(make)).assertOk();
    const id = ids.get("SalesforceConnector");
    expect(writes(await world.control.requests()).map((r) => `${r.method} ${r.path}`)).to.deep.equal([
      `POST /organization/${ORG_ID}/connector/${id}/deactivate`,
      `PUT /organization/${ORG_ID}/connector/${id}`,
      `POST /organization/${ORG_ID}/connector/${id}/activate`,
    ]);
  });

  it("without adopt, a create over an existing name says it exists, its id, and that adopt: true takes it over", async () => {
    const other = new Stack({
      projectDir: PROJECT_DIR,
      project: "wxcc-adopt",
      stack: "plain",
      config: world.config(),
    });
    const up = await other.up(() => {
      new CLASSES.GoogleCcaiConnector(
        "ccai",
        validArgs("GoogleCcaiConnector", handName("GoogleCcaiConnector")),
      );
    });
    expect(up.ok).to.equal(false);
    const message = String(up.error);
    expect(message).to.contain(`id ${ids.get("GoogleCcaiConnector")}`);
    expect(message).to.contain("Set adopt: true on this GoogleCcaiConnector to take it over");
  });
});
