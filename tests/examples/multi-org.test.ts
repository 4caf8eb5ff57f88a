import { expect } from "chai";
import { type RunningEmulator, startEmulator } from "pulumi-wxcc/emulator";
import { type ConfigValue, Stack } from "pulumi-wxcc/testing";
import { type RolloutEvent, type RolloutTarget, rollout } from "../../examples/multi-org/rollout-core";
import { DesktopLayoutControl } from "../../emulator/desktop-layout/control-client";
import { createOrgWithAdmin, generateRsaKey, type OrgSetup, randomSecret } from "../../scripts/demo/world";
import { renderMarkdown } from "../../scripts/plan-reporter";
import { planOf } from "../support/plan-of";
import { exampleDir, exampleProgram, expectNoSecrets, expectOk } from "./support";

const PROGRAM = exampleProgram("multi-org");
const TOKEN_URL = "https://auth.orders.multi.example/oauth2/token";
const SHARED_APP = "3MVG9MultiOrgShared";
const APAC_APP = "3MVG9MultiOrgApac";

interface MultiOrgWorld {
  orgs: OrgSetup[];
  sharedKey: string;
  apacKey: string;
  ordersSecret: string;
  secrets: string[];
}

async function multiOrgWorld(emulator: RunningEmulator, orgIds: string[]): Promise<MultiOrgWorld> {
  const orgs = await Promise.all(orgIds.map((id) => createOrgWithAdmin(emulator, id)));
  const shared = generateRsaKey();
  const apac = generateRsaKey();
  const ordersSecret = randomSecret();
  await emulator.control.registerConnectedApp({
    consumerKey: SHARED_APP,
    username: "sf@multi.example",
    publicKey: shared.publicKeyPem,
  });
  await emulator.control.registerConnectedApp({
    consumerKey: APAC_APP,
    username: "sf-apac@multi.example",
    publicKey: apac.publicKeyPem,
  });
  await emulator.control.registerOAuthClient({
    tokenUrl: TOKEN_URL,
    clientId: "webex",
    clientSecret: ordersSecret,
  });
  const secrets = [shared.privateKeyPem, apac.privateKeyPem, ordersSecret];
  for (const org of orgs) secrets.push(org.admin.clientSecret, org.admin.refreshToken, org.admin.accessToken);
  return { orgs, sharedKey: shared.privateKeyPem, apacKey: apac.privateKeyPem, ordersSecret, secrets };
}

/** The defaults every org shares (multi-org:* keys). */
function programDefaults(world: MultiOrgWorld, apacKey = world.apacKey): Record<string, ConfigValue> {
  return {
    salesforceClientId: SHARED_APP,
    salesforceUser: "sf@multi.example",
    ordersApiUrl: "https://orders.multi.example",
    ordersTokenUrl: TOKEN_URL,
    ordersClientId: "webex",
    outdialAni: "+14085550100",
    credentials: {
      secret: JSON.stringify({
        default: { salesforcePrivateKey: world.sharedKey, ordersClientSecret: world.ordersSecret },
        "org-apac": { salesforcePrivateKey: apacKey },
      }),
    },
  };
}

describe("examples/multi-org: one stack, many orgs, through the engine harness", function () {
  this.timeout(120_000);
  let emulator: RunningEmulator;
  let world: MultiOrgWorld;
  let stack: Stack;

  const orgList = [
    { orgId: "org-emea", region: "eu1" },
    {
      orgId: "org-apac",
      region: "sg1",
      names: { orders: "Orders API (APAC)" },
      salesforce: { clientId: APAC_APP, user: "sf-apac@multi.example" },
    },
    { orgId: "org-amer" },
  ];

  before(async () => {
    emulator = await startEmulator();
    world = await multiOrgWorld(emulator, ["org-emea", "org-apac", "org-amer"]);
    const orgsConfig = Object.fromEntries(
      world.orgs.map((o) => [
        o.orgId,
        {
          clientId: o.admin.clientId,
          clientSecret: o.admin.clientSecret,
          refreshToken: o.admin.refreshToken,
        },
      ]),
    );
    stack = new Stack({
      projectDir: exampleDir("multi-org"),
      project: "multi-org",
      stack: "global",
      config: {
        "wxcc:baseUrl": emulator.url,
        "wxcc:identityUrl": emulator.url,
        "wxcc:orgs": { secret: JSON.stringify(orgsConfig) },
        orgs: JSON.stringify(orgList),
        ...programDefaults(world),
      },
    });
  });
  after(async () => {
    await emulator?.close();
  });

  it("plans the same connector set for every org, one table per org", async () => {
    const preview = expectOk(await stack.preview(PROGRAM));
    const plan = planOf(preview);
    expect(plan.orgs.map((o) => [o.orgId, o.resources.length])).to.have.deep.members([
      ["org-emea", 4],
      ["org-apac", 4],
      ["org-amer", 4],
    ]);
    expect(plan.counts).to.deep.equal({ create: 12 });
    const markdown = renderMarkdown(plan);
    expect(markdown).to.contain("### Org `org-emea` · eu1");
    expect(markdown).to.contain("### Org `org-apac` · sg1");
    expect(markdown).to.contain("`Orders API (APAC)`");
    expectNoSecrets(markdown + JSON.stringify(preview.toPreviewJson()), world.secrets, "the preview");
  });

  it("creates them in every org, with each org's names, region and Salesforce credentials", async () => {
    expectOk(await stack.up(PROGRAM));
    for (const org of ["org-emea", "org-apac", "org-amer"]) {
      const names = (await emulator.control.connectors(org)).map((c) => c.name).sort();
      const orders = org === "org-apac" ? "Orders API (APAC)" : "Orders API";
      expect(names, org).to.deep.equal(["Contact Center API", orders, "Salesforce"].sort());
    }
    const apacCrm = (await emulator.control.connectors("org-apac")).find((c) => c.type === "SALESFORCE")!;
    expect(apacCrm.credentials.clientId).to.equal(APAC_APP);
    expect(stack.resource("org-apac-crm")!.outputs.region).to.equal("sg1");
    for (const org of ["org-emea", "org-apac", "org-amer"]) {
      const layouts = await new DesktopLayoutControl(emulator.url).layouts(org);
      const desktop = layouts.find((l) => l.name === "Salesforce Desktop");
      expect(
        JSON.parse(desktop!.jsonFileContent).agent.area.headless.widgets.comp1.attributes,
        org,
      ).to.include({
        outDialAni: "+14085550100",
      });
    }
    expect(stack.resource("org-emea-orders")!.outputs.region).to.equal("eu1");
    expectNoSecrets(stack.rawState() ?? "", world.secrets, "the stack state");
  });

  it("changes one org's credential and another org's name, and the plan says what each change stops", async () => {
    const rotated = generateRsaKey();
    await emulator.control.registerConnectedApp({
      consumerKey: APAC_APP,
      username: "sf-apac@multi.example",
      publicKey: rotated.publicKeyPem,
    });
    world.secrets.push(rotated.privateKeyPem);
    stack.setConfig("credentials", programDefaults(world, rotated.privateKeyPem).credentials!);
    const renamed = orgList.map((o) =>
      o.orgId === "org-emea" ? { ...o, names: { contactCenter: "WxCC API" } } : o,
    );
    stack.setConfig("orgs", JSON.stringify(renamed));

    const plan = planOf(expectOk(await stack.preview(PROGRAM)));
    const changed = plan.orgs.flatMap((o) => o.resources.filter((r) => r.operation !== "same"));
    expect(changed.map((r) => [r.orgId, r.logicalName, r.operation, r.deactivates])).to.have.deep.members([
      ["org-apac", "org-apac-crm", "update", true],
      ["org-emea", "org-emea-contact-center", "replace", false],
    ]);
    const markdown = renderMarkdown(plan);
    expect(markdown).to.match(
      /> - `org-apac`: Salesforce \(Salesforce\) is deactivated to change its credentials/,
    );
    expect(markdown).to.match(
      /> - `org-emea`: Contact Center API \(Contact Center HTTP\) is replaced by WxCC API/,
    );

    expectOk(await stack.up(PROGRAM));
    const emea = await emulator.control.connectors("org-emea");
    expect(emea.map((c) => c.name))
      .to.include("WxCC API")
      .and.not.include("Contact Center API");
    expect((await emulator.control.connectors("org-apac")).every((c) => c.active)).to.equal(true);
  });

  it("destroys the set in every org", async () => {
    expectOk(await stack.destroy());
    for (const org of ["org-emea", "org-apac", "org-amer"]) {
      expect(await emulator.control.connectors(org), org).to.deep.equal([]);
      const layouts = await new DesktopLayoutControl(emulator.url).layouts(org);
      expect(
        layouts.map((l) => l.name),
        org,
      ).to.deep.equal(["Global Layout"]);
    }
  });

  it("names the entry and the fix when an org in the list has no orgId", async () => {
    stack.setConfig("orgs", JSON.stringify([{ orgId: "org-emea" }, { region: "eu1" }]));
    const preview = await stack.preview(PROGRAM);
    expect(preview.ok).to.equal(false);
    expect(preview.error).to.contain(
      'multi-org:orgs[1].orgId is missing: give the Contact Center org id, e.g. "orgId"',
    );
  });
});

/** A rollout target driven by the engine harness instead of the Automation API. */
function harnessTarget(stack: Stack, orgId: string): RolloutTarget {
  const counts = (result: { changeSummary: Record<string, number> }) => result.changeSummary;
  return {
    name: stack.name,
    orgId,
    async preview() {
      const result = await stack.preview(PROGRAM);
      if (!result.ok) throw new Error(result.error);
      return counts(result);
    },
    async up() {
      const result = await stack.up(PROGRAM);
      if (!result.ok) throw new Error(result.error);
      return counts(result);
    },
  };
}

describe("examples/multi-org: rollout over one stack per org, through the engine harness", function () {
  this.timeout(180_000);
  let emulator: RunningEmulator;
  let world: MultiOrgWorld;
  let stacks: Stack[];
  const ORGS = ["org-emea", "org-apac", "org-amer"];

  before(async () => {
    emulator = await startEmulator();
    world = await multiOrgWorld(emulator, ORGS);
    stacks = world.orgs.map(
      (org) =>
        new Stack({
          projectDir: exampleDir("multi-org"),
          project: "multi-org",
          stack: org.orgId.replace("org-", ""),
          config: { ...org.providerConfig, ...programDefaults(world) },
        }),
    );
  });
  after(async () => {
    await emulator?.close();
  });

  it("updates the canary first, then the others, and every org gets the set", async () => {
    const events: RolloutEvent[] = [];
    const targets = stacks.map((s, i) => harnessTarget(s, ORGS[i]!));
    const report = await rollout(targets, { canary: "apac", concurrency: 2, onEvent: (e) => events.push(e) });
    expect(report.succeeded, JSON.stringify(report.outcomes)).to.equal(true);
    const ups = events
      .filter((e) => e.type === "start" && e.action === "up")
      .map((e) => (e as { stack: string }).stack);
    expect(ups[0]).to.equal("apac");
    const canaryDone = events.findIndex((e) => e.type === "done" && e.action === "up" && e.stack === "apac");
    const firstOther = events.findIndex((e) => e.type === "start" && e.action === "up" && e.stack !== "apac");
    expect(canaryDone).to.be.lessThan(firstOther);
    for (const org of ORGS) expect(await emulator.control.connectors(org), org).to.have.length(3);
    expect(report.outcomes.map((o) => [o.name, o.status, o.applied])).to.deep.equal([
      ["emea", "updated", { create: 4 }],
      ["apac", "updated", { create: 4 }],
      ["amer", "updated", { create: 4 }],
    ]);
  });

  it("stops at the first failed org and leaves the rest untouched", async () => {
    await Promise.all(stacks.map(async (s) => expectOk(await s.destroy())));
    // The Contact Center refuses the first connector create in org-apac (as a real org without rights would).
    await emulator.control.injectFault({
      method: "POST",
      path: "/organization/org-apac/connector",
      status: 403,
    });
    const targets = stacks.map((s, i) => harnessTarget(s, ORGS[i]!));
    const report = await rollout(targets, { canary: "emea", concurrency: 1 });
    expect(report.succeeded).to.equal(false);
    expect(report.outcomes.map((o) => [o.name, o.status])).to.deep.equal([
      ["emea", "updated"],
      ["apac", "update failed"],
      ["amer", "skipped"],
    ]);
    expect(await emulator.control.connectors("org-amer")).to.deep.equal([]);
    await Promise.all(stacks.map(async (s) => expectOk(await s.destroy())));
  });
});
