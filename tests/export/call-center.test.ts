// wxcc-export with Salesforce credentials: the call center found by internal name becomes a
// SalesforceCallCenterDefinition with adopt: true that declares only what differs from Cisco's defaults,
// and the program adopts it through the engine harness: its preview plans an adoption only (no create, no
// field change), up writes nothing to Salesforce, and a second preview shows no change.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { expect } from "chai";
import { checkInputs } from "../../provider/salesforce/inputs";
import { callCenterProvider } from "../../provider/salesforce/callcenter-provider";
import { CISCO_INTERNAL_NAME } from "../../provider/salesforce/catalog";
import { buildPlan, validatePreviewDigest } from "../../scripts/plan-reporter";
import { Stack } from "../../testing";
import { PROJECT_DIR } from "../provider/support/emulator-world";
import { rsaKeys } from "../salesforce/support/fixtures";
import {
  CONSUMER_KEY,
  definitionArgs,
  INTEGRATION_USER,
  type SalesforceWorld,
  salesforceWorld,
} from "../salesforce/support/world";
import { compileProgram, runBin } from "./support";

const ORG = "org-sf-export";
const TOKEN = "sf-export-admin-token-0001";

describe("wxcc-export with Salesforce credentials: the call center", function () {
  this.timeout(180_000);
  let world: SalesforceWorld;
  let keyDir: string;
  let callCenterId: string;
  let program: string;
  let compiled: ReturnType<typeof compileProgram> | undefined;

  before(async () => {
    world = await salesforceWorld();
    await world.emulator.control.createOrg({ orgId: ORG });
    await world.emulator.control.createAdmin(ORG, { role: "full-admin", accessToken: TOKEN });
    await world.sf.createUser("agent1@acme.com");
    // Imported by hand from Cisco's file, then two settings edited and an agent assigned.
    const { inputs } = checkInputs(
      definitionArgs(world, {
        displayName: "Acme Agent Desktop",
        settings: { general: { softphoneHeight: 600 } },
        assignedUsers: ["agent1@acme.com"],
      }),
    );
    callCenterId = String((await callCenterProvider.create!(inputs)).outs.callCenterId);
    keyDir = fs.mkdtempSync(path.join(os.tmpdir(), "wxcc-export-key-"));
    fs.writeFileSync(path.join(keyDir, "key.pem"), rsaKeys().privateKeyPem, { mode: 0o600 });
  });
  after(async () => {
    await world?.close();
    if (keyDir) fs.rmSync(keyDir, { recursive: true, force: true });
    if (compiled) fs.rmSync(compiled.dir, { recursive: true, force: true });
  });

  const env = () => ({
    WXCC_ORG_ID: ORG,
    WXCC_ACCESS_TOKEN: TOKEN,
    WXCC_BASE_URL: world.emulator.url,
    WXCC_IDENTITY_URL: world.emulator.url,
    WXCC_SALESFORCE_LOGIN_URL: world.loginUrl,
  });

  it("declares the call center with adopt, only the settings that differ from Cisco's, and no secret", async () => {
    const args = [
      "--salesforce-client-id",
      CONSUMER_KEY,
      "--salesforce-username",
      INTEGRATION_USER,
      "--salesforce-private-key-file",
      path.join(keyDir, "key.pem"),
    ];
    const result = await runBin(args, env());
    expect(result.stderr).to.equal("");
    expect(result.code).to.equal(0);
    program = result.stdout;
    expect((await runBin(args, env())).stdout).to.equal(program);
    expect(program).to.contain("new wxcc.SalesforceCallCenterDefinition(");
    expect(program).to.contain(`internalName: "${CISCO_INTERNAL_NAME}"`);
    expect(program).to.contain('displayName: "Acme Agent Desktop"');
    expect(program).to.contain(
      "settings: {\n      general: {\n        softphoneHeight: 600,\n      },\n    },",
    );
    expect(program).to.contain('privateKey: config.requireSecret("salesforce-privateKey")');
    expect(program).not.to.match(/-----BEGIN/);
  });

  let stack: Stack;
  const salesforceWrites = async (since: number) =>
    (await world.emulator.control.requests(since)).filter(
      (r) => r.path.startsWith("/salesforce/") && (r.method === "PATCH" || r.path.endsWith("deployRequest")),
    );
  const seq = async () => (await world.emulator.control.requests()).at(-1)?.seq ?? 0;

  it("compiles, and its preview plans the adoption of the call center it found, with no field change", async () => {
    compiled = compileProgram(program);
    expect(compiled.diagnostics).to.deep.equal([]);
    stack = new Stack({
      projectDir: PROJECT_DIR,
      project: "brownfield-sf",
      stack: "adopt",
      config: {
        "wxcc:orgId": ORG,
        "wxcc:accessToken": { secret: TOKEN },
        "wxcc:baseUrl": world.emulator.url,
        "wxcc:identityUrl": world.emulator.url,
        "salesforce-privateKey": { secret: rsaKeys().privateKeyPem },
      },
    });
    const since = await seq();
    const preview = (await stack.preview(compiled.file)).assertOk();
    const plan = buildPlan(validatePreviewDigest(preview.toPreviewJson()));
    expect(plan.counts).to.deep.equal({ adopt: 1 });
    expect(plan.warnings).to.deep.equal([]);
    expect(plan.orgs.flatMap((o) => o.resources.map((r) => r.adoption))).to.deep.equal([
      { connectorId: callCenterId, changes: [], credentials: "" },
    ]);
    expect(await salesforceWrites(since)).to.deep.equal([]);
  });

  it("up adopts it writing nothing (the program says what the org holds), then a preview shows no change", async () => {
    const since = await seq();
    (await stack.up(compiled!.file)).assertOk();
    expect(await salesforceWrites(since)).to.deep.equal([]);
    expect(stack.resource("call-center")!.outputs.callCenterId).to.equal(callCenterId);
    const live = (await world.sf.callCenter(CISCO_INTERNAL_NAME))!;
    expect(live.displayName).to.equal("Acme Agent Desktop");
    expect(live.assignedUsers).to.deep.equal(["agent1@acme.com"]);
    expect((await stack.preview(compiled!.file)).assertOk().changeSummary).to.deep.equal({ same: 1 });
  });
});
