// The export round trip: an org set up by hand → wxcc-export → the program compiles → with the secrets it
// asks for set, its preview plans adoptions only → up writes nothing → a second preview shows no change.
// The export is byte-identical across runs, and a change in the org changes only the lines it concerns.
import * as fs from "node:fs";
import * as path from "node:path";
import { expect } from "chai";
import { type RunningEmulator, startEmulator } from "../../emulator";
import type { Inventory } from "../../scripts/export/inventory";
import { buildPlan, validatePreviewDigest } from "../../scripts/plan-reporter";
import { Stack } from "../../testing";
import { PROJECT_DIR, trustOrdersSecret, trustSalesforceKey } from "../provider/support/emulator-world";
import { compileProgram, HAND_MADE, runBin, SECRETS, setUpOrgByHand } from "./support";

const ORG = "org-brownfield";
const TOKEN = "brownfield-admin-token-0001";

describe("wxcc-export: an org set up by hand, exported, compiled and adopted", function () {
  this.timeout(180_000);
  let emulator: RunningEmulator;
  let env: Record<string, string>;
  let program: string;
  let compiled: { file: string; dir: string; diagnostics: string[] };
  let stack: Stack;
  let ids: string[];

  before(async () => {
    emulator = await startEmulator();
    await trustSalesforceKey(emulator.control, 0);
    await trustOrdersSecret(emulator.control, SECRETS["Orders API auth.clientSecret"]!);
    ids = (await setUpOrgByHand(emulator, ORG, TOKEN)).map((c) => c.id);
    env = {
      WXCC_ORG_ID: ORG,
      WXCC_ACCESS_TOKEN: TOKEN,
      WXCC_BASE_URL: emulator.url,
      WXCC_IDENTITY_URL: emulator.url,
    };
  });
  after(async () => {
    await emulator?.close();
    if (compiled) fs.rmSync(compiled.dir, { recursive: true, force: true });
  });

  it("writes the same bytes on every run, and no secret", async () => {
    const first = await runBin(["--org", ORG], env);
    expect(first.stderr).to.equal("");
    expect(first.code).to.equal(0);
    const second = await runBin([], env);
    expect(second.stdout).to.equal(first.stdout);
    program = first.stdout;
    for (const secret of [...Object.values(SECRETS), TOKEN]) {
      for (const line of secret.split("\n").filter((l) => l.length > 12))
        expect(program).not.to.contain(line);
    }
    expect(program).to.contain('config.requireSecret("crm-lookups-privateKey")');
    expect(program).to.contain("pulumi config set --secret billing-password --");
    expect(program.match(/^ {4}adopt: true,$/gm)).to.have.length(HAND_MADE.length);
    expect(program.match(/\{ retainOnDelete: true \}/g)).to.have.length(HAND_MADE.length);
  });

  it("is what examples/brownfield shows, ids aside", () => {
    const withoutIds = (text: string) => text.replace(/, id [0-9a-f-]{36}$/gm, ", id …");
    const example = fs.readFileSync(path.join(PROJECT_DIR, "examples", "brownfield", "index.ts"), "utf8");
    expect(withoutIds(example)).to.equal(withoutIds(program));
  });

  it("writes a program that type-checks against pulumi-wxcc", () => {
    compiled = compileProgram(program);
    expect(compiled.diagnostics).to.deep.equal([]);
  });

  it("previews adoptions only: no create, no replace, no deactivation", async () => {
    const json = await runBin(["--format", "json"], env);
    const inventory = JSON.parse(json.stdout) as Inventory;
    const config: Record<string, string | { secret: string }> = {
      "wxcc:orgId": ORG,
      "wxcc:accessToken": { secret: TOKEN },
      "wxcc:baseUrl": emulator.url,
      "wxcc:identityUrl": emulator.url,
    };
    for (const c of inventory.connectors) {
      for (const slot of c.secrets) config[slot.configKey] = { secret: SECRETS[`${c.name} ${slot.path}`]! };
    }
    stack = new Stack({ projectDir: PROJECT_DIR, project: "brownfield", stack: "adopt", config });
    await emulator.control.clearRequests();
    const preview = await stack.preview(compiled.file);
    preview.assertOk();
    const plan = buildPlan(validatePreviewDigest(preview.toPreviewJson()));
    expect(plan.counts).to.deep.equal({ adopt: HAND_MADE.length });
    expect(plan.warnings).to.deep.equal([]);
    const adopted = plan.orgs.flatMap((o) => o.resources.map((r) => r.adoption!));
    expect(adopted.map((a) => a.connectorId).sort()).to.deep.equal([...ids].sort());
    expect(adopted.every((a) => a.changes.length === 0)).to.equal(true);
    expect((await emulator.control.requests()).filter((r) => r.method !== "GET")).to.deep.equal([]);
  });

  it("up writes nothing (the program already says what the org holds), then a preview shows no change", async () => {
    await emulator.control.clearRequests();
    (await stack.up(compiled.file)).assertOk();
    expect((await emulator.control.requests()).filter((r) => r.method !== "GET")).to.deep.equal([]);
    expect(
      stack
        .resources()
        .map((r) => r.outputs.connectorId)
        .sort(),
    ).to.deep.equal([...ids].sort());
    const again = await stack.preview(compiled.file);
    again.assertOk();
    expect(again.changeSummary).to.deep.equal({ same: HAND_MADE.length });
  });

  it("changes only the lines a change in the org concerns", async () => {
    await emulator.control.deactivateOutOfBand(ORG, ids[0]!);
    const after = (await runBin([], env)).stdout.split("\n");
    const before = program.split("\n");
    const at = after.findIndex((line, i) => line !== before[i]);
    expect(after[at]).to.equal("    active: false,");
    expect([...after.slice(0, at), ...after.slice(at + 1)]).to.deep.equal(before);
  });
});
