// The resource through the real dynamic-provider plugin, driven by the engine harness, against the
// emulated Salesforce org.
import * as path from "node:path";
import { expect } from "chai";
import { SalesforceCallCenterDefinition } from "pulumi-wxcc";
import { isSecret, type OperationResult, Stack } from "pulumi-wxcc/testing";
import { changedInputs } from "../support/changed-inputs";
import { rsaKeys } from "./support/fixtures";
import { definitionArgs, type SalesforceWorld, salesforceWorld } from "./support/world";

const PROJECT_DIR = path.resolve(__dirname, "../../../examples/salesforce");
const NAME = "WebexCCAgentDesktopV20241121";

function expectOk<T extends OperationResult>(result: T): T {
  if (!result.ok) {
    expect.fail(
      `${result.operation} failed: ${result.error}\n${result.diagnostics.map((d) => d.message).join("\n")}`,
    );
  }
  return result;
}

function expectNoKey(text: string, where: string): void {
  const body = /[A-Za-z0-9+/]{48}/.exec(rsaKeys().privateKeyPem)![0];
  expect(text.includes(body), `the private key appears in ${where}`).to.equal(false);
  expect(text, `a private key appears in ${where}`).to.not.match(/-----BEGIN [A-Z ]*PRIVATE KEY-----/);
  expect(text, `an access token appears in ${where}`).to.not.match(/00D\w{12}![\w.-]{20,}/);
}

function newStack(stackName: string): Stack {
  return new Stack({ projectDir: PROJECT_DIR, project: "salesforce", stack: stackName });
}

describe("SalesforceCallCenterDefinition through the engine", function () {
  this.timeout(120_000);
  let world: SalesforceWorld;
  before(async () => {
    world = await salesforceWorld();
    for (const u of ["agent1@acme.com", "agent2@acme.com", "agent3@acme.com"]) await world.sf.createUser(u);
  });
  after(() => world?.close());

  const program =
    (extra: Record<string, unknown> = {}, name = "call-center") =>
    () => {
      new SalesforceCallCenterDefinition(name, definitionArgs(world, extra) as never);
    };
  const seq = async () => (await world.emulator.control.requests()).at(-1)?.seq ?? 0;
  const salesforceRequests = async (since: number) =>
    (await world.emulator.control.requests(since)).filter((r) => r.path.startsWith("/salesforce/"));
  const writes = async (since: number) =>
    (await salesforceRequests(since))
      .filter((r) => r.method === "PATCH" || r.path.endsWith("/metadata/deployRequest"))
      .map((r) => `${r.method} ${r.path.replace(/^\/salesforce\/services\/data\/v[\d.]+\//, "")}`);

  describe("lifecycle", () => {
    let stack: Stack;
    before(() => {
      stack = newStack("lifecycle");
    });

    it("previews a create without calling Salesforce", async () => {
      const since = await seq();
      const preview = expectOk(await stack.preview(program({ assignedUsers: ["agent1@acme.com"] })));
      expect(preview.step("call-center")?.op).to.equal("create");
      expect(await salesforceRequests(since)).to.deep.equal([]);
    });

    it("creates: deploys the call center and assigns its users; the key is a secret everywhere", async () => {
      const up = expectOk(await stack.up(program({ assignedUsers: ["agent1@acme.com"] })));
      const live = (await world.sf.callCenter(NAME))!;
      expect(live.assignedUsers).to.deep.equal(["agent1@acme.com"]);
      const state = stack.resource("call-center")!;
      expect(state.type).to.equal("pulumi-nodejs:dynamic/wxcc:SalesforceCallCenterDefinition");
      expect(isSecret(state.outputs.salesforce), "the salesforce output is a secret").to.equal(true);
      expect(
        isSecret((state.inputs.salesforce as Record<string, unknown>).privateKey),
        "the key input is a secret",
      ).to.equal(true);
      expect(state.outputs.callCenterId).to.equal(live.id);
      expect(state.outputs.definitionXml).to.be.a("string").and.include(`>${NAME}</item>`);
      expectNoKey(stack.rawState() ?? "", "the state file");
      expectNoKey(up.pluginLog, "the plugin log");
    });

    it("previews no change, and an up of the same program writes nothing to Salesforce", async () => {
      const since = await seq();
      const preview = expectOk(await stack.preview(program({ assignedUsers: ["agent1@acme.com"] })));
      expect(preview.step("call-center")?.op).to.equal("same");
      const up = expectOk(await stack.up(program({ assignedUsers: ["agent1@acme.com"] })));
      expect(up.step("call-center")?.op).to.equal("same");
      expect(await salesforceRequests(since)).to.deep.equal([]);
    });

    it("deploys a settings change as an update", async () => {
      const changed = program({
        assignedUsers: ["agent1@acme.com"],
        settings: { general: { softphoneHeight: 720 } },
      });
      const preview = expectOk(await stack.preview(changed));
      expect(preview.step("call-center")).to.deep.include({ op: "update", diffReasons: [] });
      expect(changedInputs(preview.step("call-center"))).to.deep.equal(["settings"]);
      const since = await seq();
      expectOk(await stack.up(changed));
      expect(await writes(since)).to.deep.equal(["POST metadata/deployRequest"]);
      const general = (await world.sf.callCenter(NAME))!.sections.find((s) => s.name === "reqGeneralInfo")!;
      expect(general.items.find((i) => i.name === "reqSoftphoneHeight")!.value).to.equal("720");
    });

    it("moves users on an assignment change without redeploying", async () => {
      const moved = program({
        assignedUsers: ["agent2@acme.com", "agent3@acme.com"],
        settings: { general: { softphoneHeight: 720 } },
      });
      const since = await seq();
      const up = expectOk(await stack.up(moved));
      expect(up.step("call-center")?.op).to.equal("update");
      expect(changedInputs(up.step("call-center"))).to.deep.equal(["assignedUsers"]);
      const userPatches = (await writes(since)).filter((w) => w.startsWith("PATCH"));
      expect(userPatches).to.have.length(3);
      expect(await writes(since)).to.not.include("POST metadata/deployRequest");
      expect((await world.sf.callCenter(NAME))!.assignedUsers.sort()).to.deep.equal([
        "agent2@acme.com",
        "agent3@acme.com",
      ]);
      expect(stack.resource("call-center")!.outputs.assignedUsers).to.deep.equal([
        "agent2@acme.com",
        "agent3@acme.com",
      ]);
    });

    it("refresh shows drift made in the org, and the next up puts the program's definition back", async () => {
      await world.sf.editItem(NAME, {
        section: "reqOmniStateSyncConfig",
        item: "isOmniStateSyncEnabled",
        value: "true",
      });
      await world.sf.assignUser("agent1@acme.com", NAME);
      const refresh = expectOk(await stack.refresh());
      const step = refresh.step("call-center")!;
      expect(step.drift).to.include.members(["settings", "assignedUsers", "definitionXml"]);
      expect(step.inputDrift).to.include.members(["settings", "assignedUsers"]);
      const refreshed = stack.resource("call-center")!;
      expect(
        (refreshed.inputs.settings as { omniChannelStateSync: { enabled: boolean } }).omniChannelStateSync
          .enabled,
      ).to.equal(true);
      const program2 = program({
        assignedUsers: ["agent2@acme.com", "agent3@acme.com"],
        settings: { general: { softphoneHeight: 720 } },
      });
      const preview = expectOk(await stack.preview(program2));
      expect(preview.step("call-center")?.op).to.equal("update");
      expect(changedInputs(preview.step("call-center"))).to.include.members(["settings", "assignedUsers"]);
      expectOk(await stack.up(program2));
      const live = (await world.sf.callCenter(NAME))!;
      const omni = live.sections.find((s) => s.name === "reqOmniStateSyncConfig")!;
      expect(omni.items.find((i) => i.name === "isOmniStateSyncEnabled")!.value).to.equal("false");
      expect(live.assignedUsers.sort()).to.deep.equal(["agent2@acme.com", "agent3@acme.com"]);
    });

    it("replaces on an internal-name change: the new call center first, then the old one goes", async () => {
      const renamed = program({
        internalName: "WebexCCAgentDesktopV20250101",
        assignedUsers: ["agent2@acme.com"],
      });
      const preview = expectOk(await stack.preview(renamed));
      expect(preview.step("call-center")).to.deep.include({
        op: "replace",
        replaceReasons: ["internalName"],
      });
      expectOk(await stack.up(renamed));
      const names = (await world.sf.callCenters()).map((c) => c.internalName);
      expect(names).to.deep.equal(["WebexCCAgentDesktopV20250101"]);
      expect((await world.sf.callCenter("WebexCCAgentDesktopV20250101"))!.assignedUsers).to.deep.equal([
        "agent2@acme.com",
      ]);
    });

    it("destroy unassigns the users and deletes the call center", async () => {
      expectOk(await stack.destroy());
      expect(await world.sf.callCenters()).to.deep.equal([]);
      expect((await world.sf.users()).every((u) => u.callCenter === null)).to.equal(true);
    });
  });

  it("with deploy: false only renders: no call to Salesforce, the definition file as output", async () => {
    const stack = newStack("render-only");
    const since = await seq();
    expectOk(await stack.up(program({ deploy: false, region: "anz1" })));
    expect(await salesforceRequests(since)).to.deep.equal([]);
    const outputs = stack.resource("call-center")!.outputs;
    expect(outputs.callCenterId).to.equal("");
    expect(outputs.adapterUrl).to.equal("https://desktop.wxcc-anz1.cisco.com/");
    expect(outputs.definitionXml).to.match(/^<callCenter>\n {4}<section sortOrder="0" name="reqGeneralInfo"/);
    expectOk(await stack.destroy());
    expect(await salesforceRequests(since)).to.deep.equal([]);
  });

  it("previews values not known yet (another resource's outputs) without failing check", async () => {
    const stack = newStack("unknowns");
    const preview = expectOk(
      await stack.preview(() => {
        const first = new SalesforceCallCenterDefinition(
          "first",
          definitionArgs(world, { deploy: false }) as never,
        );
        new SalesforceCallCenterDefinition(
          "second",
          definitionArgs(world, {
            internalName: "SecondCallCenter",
            displayName: first.callCenterId.apply((id) => `Second (after ${id})`),
            assignedUsers: [first.callCenterId.apply(() => "agent1@acme.com")],
          }) as never,
        );
      }),
    );
    expect(preview.steps.map((s) => `${s.op}:${s.name}`)).to.deep.equal(["create:first", "create:second"]);
  });

  describe("bad inputs fail the preview before any call, naming the property and the fix", () => {
    const failedPreview = async (args: Record<string, unknown>) => {
      const since = await seq();
      const preview = await newStack("bad-inputs").preview(() => {
        new SalesforceCallCenterDefinition("call-center", args as never);
      });
      expect(preview.ok).to.equal(false);
      expect(await salesforceRequests(since)).to.deep.equal([]);
      const errors = preview.diagnostics.filter((d) => d.severity === "error").map((d) => d.message);
      expectNoKey(errors.join("\n"), "the check failures");
      return errors;
    };

    it("reports every bad setting of a resource at once", async () => {
      const errors = await failedPreview(
        definitionArgs(world, {
          region: "eu9",
          settings: {
            general: { softphoneHieght: 600 },
            activityRecord: { subjectTemplate: "{caller} call" },
            caseManagement: { fieldMappings: [{ cadVariable: "ani" }] },
            outdial: { setOutdialAni: "yes" },
          },
        }),
      );
      const expected = [
        /property 'region'.*has a problem: must be one of the Webex Contact Center data centres: us1, eu1, eu2, anz1, ca1, jp1, sg1/,
        /property 'settings\.general'.*unknown property softphoneHieght: settings\.general has useCtiApi, softphoneHeight/,
        /property 'settings\.activityRecord\.subjectTemplate'.*unknown placeholder \{caller\}/,
        /property 'settings\.caseManagement\.fieldMappings\[0\]\.salesforceField'.*is required/,
        /property 'settings\.outdial\.setOutdialAni'.*expected true or false \(a boolean, not a string\), got the string "yes"/,
      ];
      for (const message of expected)
        expect(
          errors.some((e) => message.test(e)),
          `${message} in ${errors.join("\n")}`,
        ).to.equal(true);
    });

    it("refuses an adapter URL of another region and a short private key, without showing the key", async () => {
      const args = definitionArgs(world, {
        region: "eu2",
        adapterUrl: "https://desktop.wxcc-us1.cisco.com/",
      });
      (args.salesforce as Record<string, unknown>).privateKey = rsaKeys("short", 1024).privateKeyPem;
      const errors = (await failedPreview(args)).join("\n");
      expect(errors).to.match(/property 'adapterUrl'.*us1 data centre but region is eu2/);
      expect(errors).to.match(/property 'salesforce\.privateKey'.*1024-bit RSA key; use at least 2048 bits/);
      expect(errors).to.not.include(/[A-Za-z0-9+/]{48}/.exec(rsaKeys("short", 1024).privateKeyPem)![0]);
    });
  });

  describe("Salesforce's refusals become clear errors with no secret in them", () => {
    const refusal = async (change: (s: Record<string, unknown>) => void, target: SalesforceWorld = world) => {
      const args = definitionArgs(target);
      change(args.salesforce as Record<string, unknown>);
      const stack = newStack("refusals");
      const up = await stack.up(() => {
        new SalesforceCallCenterDefinition("call-center", args as never);
      });
      expect(up.ok).to.equal(false);
      const text = `${up.error}\n${up.diagnostics.map((d) => d.message).join("\n")}`;
      expectNoKey(`${text}\n${up.pluginLog}\n${stack.rawState() ?? ""}`, "the failed up");
      expect(text).to.not.match(/eyJ[\w-]+\.eyJ/);
      return text;
    };

    it("a wrong audience", async () => {
      const text = await refusal((s) => {
        s.audience = "https://test.salesforce.com";
      });
      expect(text).to.match(/invalid_grant: audience is invalid\. .*Set salesforce\.audience to/);
    });
    it("an unknown consumer key", async () => {
      const text = await refusal((s) => {
        s.clientId = "3MVGunknownApp";
      });
      expect(text).to.match(
        /invalid_client_id: client identifier invalid\. No connected app has the consumer key/,
      );
    });
    it("a user the app has not approved", async () => {
      const text = await refusal((s) => {
        s.username = "agent1@acme.com";
      });
      expect(text).to.match(/user hasn't approved this consumer\. .*Admin approved users are pre-authorized/);
    });
    it("an expired assertion", async () => {
      const skewed = await salesforceWorld({ clock: () => Date.now() + 15 * 60 * 1000 });
      try {
        const text = await refusal(() => undefined, skewed);
        expect(text).to.match(/expired authorization code\. .*clock/);
      } finally {
        await skewed.close();
      }
    });
    it("REQUEST_LIMIT_EXCEEDED", async () => {
      const org = await world.sf.org();
      await world.sf.setLimits({ apiUsage: org.apiLimit });
      try {
        const text = await refusal(() => undefined);
        expect(text).to.match(
          /REQUEST_LIMIT_EXCEEDED: TotalRequests Limit exceeded\. The org's API request limit is used up/,
        );
      } finally {
        await world.sf.setLimits({ apiUsage: org.apiUsage });
      }
    });
  });

  it("mints a new session once when Salesforce answers INVALID_SESSION_ID, and carries on", async () => {
    await world.emulator.control.injectFault({
      method: "GET",
      path: "/salesforce/services/data/v62.0/query",
      status: 401,
      body: [{ message: "Session expired or invalid", errorCode: "INVALID_SESSION_ID" }],
    });
    const stack = newStack("session");
    const since = await seq();
    expectOk(await stack.up(program({ internalName: "SessionRenewal" })));
    const log = (await salesforceRequests(since)).map(
      (r) => `${r.method} ${r.path.replace(/\/v62\.0/, "")} ${r.status}`,
    );
    expect(log.slice(0, 4)).to.deep.equal([
      "POST /salesforce/services/oauth2/token 200",
      "GET /salesforce/services/data/query 401",
      "POST /salesforce/services/oauth2/token 200",
      "GET /salesforce/services/data/query 200",
    ]);
    expectOk(await stack.destroy());
  });
});
