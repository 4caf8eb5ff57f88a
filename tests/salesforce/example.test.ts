// examples/salesforce through the engine harness, on the emulator: the Salesforce connector in Webex, the
// call-center definition in the emulated Salesforce org, and the ANI-lookup OAuth connector, side by side.
import * as path from "node:path";
import { expect } from "chai";
import { type RunningEmulator, startEmulator } from "pulumi-wxcc/emulator";
import { type ConfigValue, Stack } from "pulumi-wxcc/testing";
import { DesktopLayoutControl, type TeamView } from "../../emulator/desktop-layout/control-client";
import { SalesforceControl } from "../../emulator/salesforce/control-client";
import { createOrgWithAdmin, generateRsaKey, randomSecret } from "../../scripts/demo/world";

const ROOT = path.resolve(__dirname, "../../..");
const PROGRAM = path.join(ROOT, "dist/examples/salesforce/index.js");
const INSTANCE = "https://acme.my.salesforce.com";
const AGENTS = ["maria@acme.example", "li@acme.example"];

describe("examples/salesforce through the engine harness", function () {
  this.timeout(120_000);
  let emulator: RunningEmulator;
  let sf: SalesforceControl;
  let orgId: string;
  let team: TeamView;
  let stack: Stack;
  let secrets: string[];

  before(async () => {
    emulator = await startEmulator();
    sf = new SalesforceControl(emulator.url);
    await sf.settings({ deployPolls: 1 });
    const org = await createOrgWithAdmin(emulator, "org-salesforce-example");
    orgId = org.orgId;
    const connectorKey = generateRsaKey();
    const deployKey = generateRsaKey();
    const aniSecret = randomSecret();
    await emulator.control.registerConnectedApp({
      consumerKey: "3MVG9WebexConnector",
      username: "webex@acme.example",
      publicKey: connectorKey.publicKeyPem,
    });
    await emulator.control.registerConnectedApp({
      consumerKey: "3MVG9PulumiDeploy",
      username: "release@acme.example",
      publicKey: deployKey.publicKeyPem,
    });
    await emulator.control.registerOAuthClient({
      tokenUrl: `${INSTANCE}/services/oauth2/token`,
      clientId: "3MVG9AniLookup",
      clientSecret: aniSecret,
    });
    for (const agent of AGENTS) await sf.createUser(agent);
    team = await new DesktopLayoutControl(emulator.url).addTeam(orgId, { name: "Salesforce agents" });
    secrets = [
      org.admin.clientSecret,
      org.admin.refreshToken,
      connectorKey.privateKeyPem,
      deployKey.privateKeyPem,
      aniSecret,
    ];
    const config: Record<string, ConfigValue> = {
      ...org.providerConfig,
      "wxcc:region": "eu1",
      "salesforce:salesforceClientId": "3MVG9WebexConnector",
      "salesforce:salesforceUser": "webex@acme.example",
      "salesforce:salesforcePrivateKey": { secret: connectorKey.privateKeyPem },
      "salesforce:deployClientId": "3MVG9PulumiDeploy",
      "salesforce:deployUser": "release@acme.example",
      "salesforce:deployPrivateKey": { secret: deployKey.privateKeyPem },
      // Tokens for the deployment come from the emulated org; the JWT names production as its audience.
      "salesforce:salesforceLoginUrl": `${emulator.url}/salesforce`,
      "salesforce:salesforceInstanceUrl": INSTANCE,
      "salesforce:aniLookupClientId": "3MVG9AniLookup",
      "salesforce:aniLookupClientSecret": { secret: aniSecret },
      "salesforce:agents": JSON.stringify(AGENTS),
      "salesforce:outdialAni": "+442071234567",
      "salesforce:teamIds": JSON.stringify([team.id]),
    };
    stack = new Stack({
      projectDir: path.join(ROOT, "examples/salesforce"),
      project: "salesforce",
      stack: "dev",
      config,
    });
  });
  after(() => emulator?.close());

  function expectNoSecrets(text: string, where: string): void {
    for (const secret of secrets) {
      const probe = secret.includes("-----BEGIN") ? /[A-Za-z0-9+/]{48}/.exec(secret)![0] : secret;
      expect(text.includes(probe), `a secret appears in ${where}`).to.equal(false);
    }
  }

  it("previews four creates", async () => {
    const preview = await stack.preview(PROGRAM);
    expect(preview.ok, preview.error).to.equal(true);
    expect(preview.steps.map((s) => `${s.op}:${s.type.split(":").at(-1)}`).sort()).to.deep.equal([
      "create:CustomConnector",
      "create:DesktopLayout",
      "create:SalesforceCallCenterDefinition",
      "create:SalesforceConnector",
    ]);
    expectNoSecrets(JSON.stringify(preview.toPreviewJson()), "the preview JSON");
  });

  it("creates the connector and the ANI-lookup connector in Webex and the call center in Salesforce, same region", async () => {
    const up = await stack.up(PROGRAM);
    expect(up.ok, up.error).to.equal(true);
    const connectors = await emulator.control.connectors(orgId);
    expect(connectors.map((c) => [c.type, c.name]).sort()).to.deep.equal([
      ["CUSTOM", "Salesforce ANI lookup"],
      ["SALESFORCE", "Salesforce"],
    ]);
    const callCenter = (await sf.callCenters())[0];
    expect(callCenter.adapterUrl).to.equal("https://desktop.wxcc-eu1.cisco.com/");
    expect(callCenter.assignedUsers.sort()).to.deep.equal([...AGENTS].sort());
    const noMatch = callCenter.sections.find((s) => s.name === "reqNoRecordMatchConfig")!;
    expect(
      JSON.parse(noMatch.items.find((i) => i.name === "sfdcObjectFieldConditionalMappings1")!.value),
    ).to.deep.equal([
      { wxccFieldName: "queueName", wxccFieldValue: "Billing", sfdcFieldValue: "Phone - Billing" },
      { wxccFieldName: "queueName", wxccFieldValue: "Support", sfdcFieldValue: "Phone - Support" },
    ]);
    const layout = (await new DesktopLayoutControl(emulator.url).layouts(orgId)).find((l) => !l.global)!;
    expect(layout.teamIds).to.deep.equal([team.id]);
    expect(
      JSON.parse(layout.jsonFileContent).supervisorAgent.area.headless.widgets.comp1.attributes,
    ).to.include({
      outDialAni: "+442071234567",
    });
    const outputs = stack.outputs();
    expect(outputs.adapterUrl).to.equal("https://desktop.wxcc-eu1.cisco.com/");
    expect(outputs.callCenterId).to.equal(callCenter.id);
    expect(outputs.definitionXml)
      .to.be.a("string")
      .and.include('name="reqAdapterUrl" label="CTI Adapter URL">https://desktop.wxcc-eu1.cisco.com/</item>');
    expectNoSecrets(stack.rawState() ?? "", "the state");
    expectNoSecrets(up.pluginLog, "the plugin log");
  });

  it("refreshes without drift and then previews no changes", async () => {
    const refresh = await stack.refresh();
    expect(refresh.ok, refresh.error).to.equal(true);
    const preview = await stack.preview(PROGRAM);
    expect(preview.steps.map((s) => s.op)).to.deep.equal(["same", "same", "same", "same"]);
  });

  it("destroys all four", async () => {
    const destroy = await stack.destroy();
    expect(destroy.ok, destroy.error).to.equal(true);
    expect(await emulator.control.connectors(orgId)).to.deep.equal([]);
    expect(await sf.callCenters()).to.deep.equal([]);
    expect((await new DesktopLayoutControl(emulator.url).layouts(orgId)).map((l) => l.name)).to.deep.equal([
      "Global Layout",
    ]);
  });
});
