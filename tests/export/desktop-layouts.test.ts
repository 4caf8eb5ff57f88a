// wxcc-export and desktop layouts: a layout made by hand in the portal (keys in the portal's order, two
// teams) is exported with adopt: true, byte-identical across runs and without the tenant's global layout;
// the program compiles, its preview plans an adoption (no create), up writes nothing, and --compare names
// the JSON paths at which two orgs' layouts differ.
import * as fs from "node:fs";
import { expect } from "chai";
import { DesktopLayoutControl, type RunningEmulator, startEmulator } from "../../emulator";
import { desktopLayouts } from "../../sdk";
import type { Inventory } from "../../scripts/export/inventory";
import { buildPlan, validatePreviewDigest } from "../../scripts/plan-reporter";
import { Stack } from "../../testing";
import { PROJECT_DIR } from "../provider/support/emulator-world";
import { compileProgram, runBin } from "./support";

const ORG_A = "org-layouts-a";
const ORG_B = "org-layouts-b";
const TOKENS: Record<string, string> = {
  [ORG_A]: "layouts-admin-token-a-0001",
  [ORG_B]: "layouts-admin-token-b-0001",
};

type Doc = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- test edits deep paths

/** The same document with every object's keys reversed: the order the portal happened to store. */
function reversedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversedKeys);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([k, v]) => [k, reversedKeys(v)]),
  );
}

/** Creates a layout the way the portal does: a POST of the DTO with the org's admin token. */
async function layoutByHand(
  url: string,
  orgId: string,
  body: { name: string; description?: string; layout: unknown; teamIds: string[] },
): Promise<string> {
  const res = await fetch(`${url}/organization/${orgId}/desktop-layout`, {
    method: "POST",
    headers: { authorization: `Bearer ${TOKENS[orgId]}`, "content-type": "application/json" },
    body: JSON.stringify({
      name: body.name,
      ...(body.description ? { description: body.description } : {}),
      editedBy: "admin@example.com",
      jsonFileName: `${body.name}.json`,
      jsonFileContent: JSON.stringify(body.layout),
      global: false,
      status: true,
      defaultJsonModified: false,
      validated: false,
      teamIds: body.teamIds,
    }),
  });
  expect(res.status, await res.clone().text()).to.be.oneOf([200, 201]);
  return ((await res.json()) as { id: string }).id;
}

describe("wxcc-export: desktop layouts exported, adopted and compared", function () {
  this.timeout(180_000);
  let emulator: RunningEmulator;
  let env: Record<string, string>;
  let program: string;
  let compiled: { file: string; dir: string; diagnostics: string[] };
  let layoutId: string;
  let stack: Stack;
  const document = desktopLayouts.salesforce({ outdialAni: "+14085550100" }) as Doc;

  before(async () => {
    emulator = await startEmulator();
    const layouts = new DesktopLayoutControl(emulator.url);
    for (const orgId of [ORG_A, ORG_B]) {
      await emulator.control.createOrg({ orgId });
      await emulator.control.createAdmin(orgId, { role: "full-admin", accessToken: TOKENS[orgId]! });
    }
    const sales = await layouts.addTeam(ORG_A, { name: "Sales" });
    const service = await layouts.addTeam(ORG_A, { name: "Service" });
    layoutId = await layoutByHand(emulator.url, ORG_A, {
      name: "Sales desktop",
      description: "Salesforce for the sales floor",
      layout: reversedKeys(document),
      teamIds: [service.id, sales.id],
    });
    await layoutByHand(emulator.url, ORG_A, { name: "Old desktop", layout: document, teamIds: [] });
    const edited = structuredClone(document);
    edited.agent.appTitle = "Sales (B)";
    await layoutByHand(emulator.url, ORG_B, {
      name: "Sales desktop",
      description: "Salesforce for the sales floor",
      layout: edited,
      teamIds: [],
    });
    env = {
      WXCC_ORG_ID: ORG_A,
      WXCC_ACCESS_TOKEN: TOKENS[ORG_A]!,
      WXCC_BASE_URL: emulator.url,
      WXCC_IDENTITY_URL: emulator.url,
    };
  });
  after(async () => {
    await emulator?.close();
    if (compiled) fs.rmSync(compiled.dir, { recursive: true, force: true });
  });

  it("writes each layout (not the global one) with adopt: true, the same bytes on every run", async () => {
    const first = await runBin(["--org", ORG_A], env);
    expect(first.stderr).to.equal("");
    expect(first.code).to.equal(0);
    const second = await runBin([], env);
    expect(second.stdout).to.equal(first.stdout);
    program = first.stdout;
    expect(program.match(/new wxcc\.DesktopLayout\(/g)).to.have.length(2);
    expect(program).to.contain(`// DesktopLayout "Sales desktop", id ${layoutId}`);
    expect(program).to.contain("export const desktopLayoutIds = {");
    const globals = (await new DesktopLayoutControl(emulator.url).layouts(ORG_A)).filter((l) => l.global);
    expect(globals).to.have.length.greaterThan(0);
    for (const global of globals) expect(program).not.to.contain(global.id);

    const json = JSON.parse((await runBin(["--format", "json"], env)).stdout) as Inventory;
    const sales = json.desktopLayouts.find((l) => l.name === "Sales desktop")!;
    expect(sales.layoutId).to.equal(layoutId);
    expect(sales.args.teamIds).to.deep.equal([...(sales.args.teamIds as string[])].sort());
    expect(sales.args.layout).to.deep.equal(document);
    // Keys sorted at every depth, whatever order the org stored them in.
    expect(Object.keys(sales.args.layout as Doc)).to.deep.equal(Object.keys(document).sort());
  });

  it("writes a program that type-checks against pulumi-wxcc", () => {
    compiled = compileProgram(program);
    expect(compiled.diagnostics).to.deep.equal([]);
  });

  it("previews adoptions only (no create), and up takes the layouts over without writing", async () => {
    const config = {
      "wxcc:orgId": ORG_A,
      "wxcc:accessToken": { secret: TOKENS[ORG_A]! },
      "wxcc:baseUrl": emulator.url,
      "wxcc:identityUrl": emulator.url,
    };
    stack = new Stack({ projectDir: PROJECT_DIR, project: "layouts", stack: "adopt", config });
    await emulator.control.clearRequests();
    const preview = await stack.preview(compiled.file);
    preview.assertOk();
    const plan = buildPlan(validatePreviewDigest(preview.toPreviewJson()));
    expect(plan.counts).to.deep.equal({ adopt: 2 });
    const adoptions = plan.orgs.flatMap((o) => o.resources.map((r) => r.adoption!));
    expect(adoptions.map((a) => a.connectorId)).to.include(layoutId);
    expect(adoptions.every((a) => a.changes.length === 0)).to.equal(true);
    expect((await emulator.control.requests()).filter((r) => r.method !== "GET")).to.deep.equal([]);

    (await stack.up(compiled.file)).assertOk();
    expect((await emulator.control.requests()).filter((r) => r.method !== "GET")).to.deep.equal([]);
    expect(stack.resource("layout-sales-desktop")!.outputs.layoutId).to.equal(layoutId);
    const again = await stack.preview(compiled.file);
    again.assertOk();
    expect(again.changeSummary).to.deep.equal({ same: 2 });
  });

  it("compares two orgs' layouts: only in A, and the JSON paths of the document that differ", async () => {
    const both = {
      WXCC_ORGS: JSON.stringify({
        [ORG_A]: { accessToken: TOKENS[ORG_A] },
        [ORG_B]: { accessToken: TOKENS[ORG_B] },
      }),
      WXCC_BASE_URL: emulator.url,
      WXCC_IDENTITY_URL: emulator.url,
    };
    const text = await runBin(["--compare", ORG_A, ORG_B], both);
    expect(text.stderr).to.equal("");
    expect(text.code).to.equal(2);
    expect(text.stdout).to.match(/^DesktopLayout +Old desktop +only in A *$/m);
    expect(text.stdout).to.match(/^DesktopLayout +Sales desktop +differs +layout\.agent\.appTitle$/m);
    const json = JSON.parse((await runBin(["--compare", ORG_A, ORG_B, "--format", "json"], both)).stdout) as {
      desktopLayouts: { name: string; status: string; fields: string[] }[];
    };
    expect(json.desktopLayouts).to.deep.equal([
      { kind: "DesktopLayout", name: "Old desktop", status: "only in A", fields: [] },
      { kind: "DesktopLayout", name: "Sales desktop", status: "differs", fields: ["layout.agent.appTitle"] },
    ]);
  });
});
