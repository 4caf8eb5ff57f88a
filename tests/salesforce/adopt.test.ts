// SalesforceCallCenterDefinition adopt: true through the engine harness against the emulated Salesforce org,
// as for the connectors: the call center imported by hand is resolved at preview (one listing per org, shared),
// shown as an adoption with its record id and the fields that will change, reported by wxcc-plan as `adopt`,
// and taken over by up writing only the differences.
import * as path from "node:path";
import { expect } from "chai";
import { SalesforceCallCenterDefinition } from "pulumi-wxcc";
import { type PreviewResult, Stack } from "pulumi-wxcc/testing";
import { callCenterProvider } from "../../provider/salesforce/callcenter-provider";
import { checkInputs } from "../../provider/salesforce/inputs";
import { renderMarkdown, renderText, toSummary } from "../../scripts/plan-reporter";
import { planOf } from "../support/plan-of";
import { rsaKeys } from "./support/fixtures";
import { definitionArgs, type SalesforceWorld, salesforceWorld } from "./support/world";

const PROJECT_DIR = path.resolve(__dirname, "../../../examples/salesforce");
const DESKTOP = "WebexCCAgentDesktopV20241121";
const SUPERVISOR = "AcmeSupervisorDesktop";
const MISSING = "AcmeNotImportedYet";
const KEY_BODY = /[A-Za-z0-9+/]{48}/.exec(rsaKeys().privateKeyPem)![0];

describe("SalesforceCallCenterDefinition adopt: true, through the engine harness", function () {
  this.timeout(120_000);
  let world: SalesforceWorld;
  const ids = new Map<string, string>();

  // Imported by hand: the desktop with another display name and two agents, the supervisor desktop exactly
  // as the program declares it.
  before(async () => {
    world = await salesforceWorld();
    for (const u of ["agent1@acme.com", "agent2@acme.com", "agent3@acme.com"]) await world.sf.createUser(u);
    const byHand = [
      {
        internalName: DESKTOP,
        displayName: "Hand made",
        assignedUsers: ["agent1@acme.com", "agent2@acme.com"],
      },
      {
        internalName: SUPERVISOR,
        displayName: "Supervisors",
        settings: { general: { softphoneHeight: 600 } },
      },
    ];
    for (const args of byHand) {
      const { inputs } = checkInputs(definitionArgs(world, args));
      ids.set(args.internalName, String((await callCenterProvider.create!(inputs)).outs.callCenterId));
    }
  });
  after(() => world?.close());

  const declared = (adoptKey: "adopt" | "adoptExisting" = "adopt") => ({
    [DESKTOP]: {
      [adoptKey]: true,
      internalName: DESKTOP,
      displayName: "Acme Agent Desktop",
      assignedUsers: ["agent1@acme.com", "agent3@acme.com"],
    },
    [SUPERVISOR]: {
      [adoptKey]: true,
      internalName: SUPERVISOR,
      displayName: "Supervisors",
      settings: { general: { softphoneHeight: 600 } },
    },
  });
  const program =
    (adoptKey: "adopt" | "adoptExisting" = "adopt") =>
    () => {
      for (const [name, args] of Object.entries(declared(adoptKey))) {
        new SalesforceCallCenterDefinition(name, definitionArgs(world, args) as never, {
          retainOnDelete: true,
        });
      }
    };
  const seq = async () => (await world.emulator.control.requests()).at(-1)?.seq ?? 0;
  const salesforceRequests = async (since: number) =>
    (await world.emulator.control.requests(since))
      .filter((r) => r.path.startsWith("/salesforce/"))
      .map((r) => `${r.method} ${r.path.replace(/^\/salesforce\/services\/data\/v[\d.]+\//, "")}`);
  const writes = async (since: number) =>
    (await salesforceRequests(since)).filter((r) => r.startsWith("PATCH") || r.endsWith("deployRequest"));

  describe("a call center that exists", () => {
    let stack: Stack;
    let preview: PreviewResult;
    let since: number;
    before(async () => {
      stack = new Stack({ projectDir: PROJECT_DIR, project: "salesforce", stack: "adopt" });
      since = await seq();
      preview = (await stack.preview(program())).assertOk();
    });

    it("previews an adoption carrying the record id and the fields that will change, writing nothing", async () => {
      expect(preview.step(DESKTOP)?.op).to.equal("create");
      expect(preview.step(DESKTOP)!.newState!.inputs.adoption).to.deep.equal({
        callCenterId: ids.get(DESKTOP),
        changes: ["displayName", "assignedUsers"],
      });
      expect(preview.step(SUPERVISOR)!.newState!.inputs.adoption).to.deep.equal({
        callCenterId: ids.get(SUPERVISOR),
        changes: [],
      });
      const json = JSON.stringify(preview.toPreviewJson());
      expect(json).to.contain(`"callCenterId":"${ids.get(DESKTOP)}"`);
      expect(json).not.to.contain(KEY_BODY);
      expect(await writes(since)).to.deep.equal([]);
    });

    it("looks the org's call centers up once for every adopting resource of the org", async () => {
      const queries = (await salesforceRequests(since)).filter((r) => r === "GET query");
      // One listing shared by both, plus one query each for the users assigned to the call center found.
      expect(queries).to.have.length(1 + 2);
      expect((await salesforceRequests(since)).filter((r) => r.includes("oauth2/token"))).to.have.length(1);
    });

    it("is reported by wxcc-plan as adopt, with the id and the changed fields, in Markdown, text and JSON", () => {
      const plan = planOf(preview);
      expect(plan.counts).to.deep.equal({ adopt: 2 });
      expect(plan.warnings).to.deep.equal([]);
      const desktop = plan.orgs.flatMap((o) => o.resources).find((r) => r.logicalName === DESKTOP)!;
      expect(desktop.operation).to.equal("adopt");
      expect(desktop.adoption).to.deep.equal({
        connectorId: ids.get(DESKTOP),
        changes: ["displayName", "assignedUsers"],
        credentials: "",
      });
      const markdown = renderMarkdown(plan);
      expect(markdown).to.contain(`takes over id \`${ids.get(DESKTOP)}\``);
      expect(markdown).to.contain("changes `displayName`, `assignedUsers`");
      expect(markdown).to.contain("**2 to adopt**");
      const text = renderText(plan);
      expect(text).to.match(
        new RegExp(`= adopt\\s+Salesforce call center\\s+${DESKTOP}\\s+takes over id ${ids.get(DESKTOP)}`),
      );
      expect(text).to.contain("changes displayName, assignedUsers");
      const summary = toSummary(plan)
        .orgs.flatMap((o) => o.resources)
        .find((r) => r.logicalName === DESKTOP)!;
      expect(summary).to.include({ operation: "adopt", adoptedId: ids.get(DESKTOP) });
      expect(summary.changedFields).to.deep.equal(["displayName", "assignedUsers"]);
    });

    it("up takes them over writing only the differences: no new call center, the same ids", async () => {
      const before = await seq();
      const up = (await stack.up(program())).assertOk();
      expect(up.opLog).to.have.members([`create:${DESKTOP}`, `create:${SUPERVISOR}`]);
      // The desktop's display name (one deploy of it), agent3 assigned, agent2 unassigned; nothing else.
      expect(await writes(before)).to.have.members([
        "POST metadata/deployRequest",
        "PATCH sobjects/User/" + (await userId("agent3@acme.com")),
        "PATCH sobjects/User/" + (await userId("agent2@acme.com")),
      ]);
      expect((await world.sf.deploys()).at(-1)!.summary).to.deep.equal({ upserted: [DESKTOP], deleted: [] });
      expect((await world.sf.callCenters()).map((c) => c.id).sort()).to.deep.equal([...ids.values()].sort());
      const desktop = (await world.sf.callCenter(DESKTOP))!;
      expect(desktop.displayName).to.equal("Acme Agent Desktop");
      expect(desktop.assignedUsers.sort()).to.deep.equal(["agent1@acme.com", "agent3@acme.com"]);
      for (const where of [up.pluginLog, stack.rawState()!]) {
        expect(where).not.to.contain(KEY_BODY);
      }
      for (const [name, id] of ids) {
        expect(stack.resource(name)!.outputs.callCenterId).to.equal(id);
        expect((stack.resource(name)!.outputs.adoption as { callCenterId: string }).callCenterId).to.equal(
          id,
        );
      }
    });

    it("a second preview shows no change, and the next up writes nothing", async () => {
      const again = (await stack.preview(program())).assertOk();
      expect(again.changeSummary).to.deep.equal({ same: 2 });
      const before = await seq();
      expect((await stack.up(program())).assertOk().changeSummary).to.deep.equal({ same: 2 });
      expect(await writes(before)).to.deep.equal([]);
    });

    it("refresh keeps the adoption and finds no drift", async () => {
      const refresh = (await stack.refresh()).assertOk();
      expect(refresh.step(DESKTOP)!.drift).to.deep.equal([]);
      expect(stack.resource(DESKTOP)!.outputs.adoption).to.deep.include({ callCenterId: ids.get(DESKTOP) });
    });
  });

  async function userId(username: string): Promise<string> {
    return (await world.sf.users()).find((u) => u.username === username)!.id;
  }

  it("still adopts with the deprecated adoptExisting", async () => {
    const stack = new Stack({ projectDir: PROJECT_DIR, project: "salesforce", stack: "adopt-existing" });
    const plan = planOf((await stack.preview(program("adoptExisting"))).assertOk());
    expect(plan.counts).to.deep.equal({ adopt: 2 });
    const supervisor = plan.orgs.flatMap((o) => o.resources).find((r) => r.logicalName === SUPERVISOR)!;
    expect(supervisor.adoption).to.deep.include({ connectorId: ids.get(SUPERVISOR), changes: [] });
  });

  it("previews a plain create when no call center has the internal name, and deploys it", async () => {
    const stack = new Stack({ projectDir: PROJECT_DIR, project: "salesforce", stack: "adopt-missing" });
    const missing = () => {
      new SalesforceCallCenterDefinition(
        "missing",
        definitionArgs(world, { adopt: true, internalName: MISSING }) as never,
      );
    };
    const preview = (await stack.preview(missing)).assertOk();
    expect(preview.step("missing")?.op).to.equal("create");
    expect(preview.step("missing")!.newState!.inputs).not.to.have.property("adoption");
    expect(planOf(preview).counts).to.deep.equal({ create: 1 });
    (await stack.up(missing)).assertOk();
    expect((await world.sf.callCenter(MISSING))!.id).to.equal(
      stack.resource("missing")!.outputs.callCenterId,
    );
    (await stack.destroy()).assertOk();
  });

  it("refuses an up whose planned call center is now another record, writing nothing", async () => {
    const { inputs } = checkInputs(definitionArgs(world, { adopt: true, internalName: SUPERVISOR }));
    const since = await seq();
    const error = await callCenterProvider.create!({
      ...inputs,
      adoption: { callCenterId: "04v000000000999AAA", changes: [] },
    }).then(
      () => expect.fail("the create went ahead"),
      (e: Error) => e,
    );
    expect(error.message).to.contain(
      `planned to adopt (Id 04v000000000999AAA) is now the record ${ids.get(SUPERVISOR)}`,
    );
    expect(error.message).to.contain("nothing was changed. Run the preview again");
    expect(await writes(since)).to.deep.equal([]);
  });

  it("fails the preview, naming internalName and the fix, when the org's call center differs only in case", async () => {
    const stack = new Stack({ projectDir: PROJECT_DIR, project: "salesforce", stack: "adopt-case" });
    const preview = await stack.preview(() => {
      new SalesforceCallCenterDefinition(
        "desktop",
        definitionArgs(world, { adopt: true, internalName: DESKTOP.toLowerCase() }) as never,
      );
    });
    expect(preview.ok).to.equal(false);
    const message = preview.diagnostics.map((d) => d.message).join("\n");
    expect(message).to.contain("property 'internalName'");
    expect(message).to.contain(`declare internalName: "${DESKTOP}" to adopt it`);
    expect(message).to.contain(ids.get(DESKTOP));
  });

  it("fails the preview naming salesforce and the fix when the lookup cannot log in, without the key", async () => {
    const stack = new Stack({ projectDir: PROJECT_DIR, project: "salesforce", stack: "adopt-login" });
    const preview = await stack.preview(() => {
      new SalesforceCallCenterDefinition(
        "desktop",
        definitionArgs(world, {
          adopt: true,
          salesforce: { ...wrongUser(), privateKey: rsaKeys().privateKeyPem },
        }) as never,
      );
    });
    expect(preview.ok).to.equal(false);
    const message = preview.diagnostics.map((d) => d.message).join("\n");
    expect(message).to.contain("property 'salesforce'");
    expect(message).to.contain("Fix the salesforce credentials");
    expect(message).not.to.contain(KEY_BODY);
  });

  function wrongUser() {
    const args = definitionArgs(world).salesforce as Record<string, string>;
    return { loginUrl: args.loginUrl!, clientId: args.clientId!, username: "nobody@acme.com" };
  }
});
