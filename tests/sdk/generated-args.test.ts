// The SDK's argument interfaces are generated from the schemas check() validates against: the committed file
// must be what the generator writes today, and every field must carry its description.
import * as fs from "node:fs";
import * as path from "node:path";
import { expect } from "chai";
import { z } from "zod";
import { KINDS } from "../../provider/kinds/all";
import { defineKind } from "../../provider/kinds/spec";
import { GENERATED_ARGS_FILE, generateArgs } from "../../scripts/generate-args";
import { type DesktopLayoutArgs, desktopLayouts, type FlowArgs } from "../../sdk";

const REPO_ROOT = path.resolve(__dirname, "..", "..", "..");

describe("sdk: generated argument interfaces", function () {
  this.timeout(60_000);

  it("are up to date with the kind specs and the call-center schema (run `npm run generate`)", async () => {
    const { text, undocumented } = await generateArgs(REPO_ROOT);
    expect(undocumented, "fields without .describe()").to.deep.equal([]);
    const committed = fs.readFileSync(path.join(REPO_ROOT, GENERATED_ARGS_FILE), "utf8");
    expect(committed === text, `${GENERATED_ARGS_FILE} is stale: run \`npm run generate\``).to.equal(true);
  });

  it("names a field that has no description", async () => {
    const undescribed = defineKind({
      ...KINDS[0],
      typeName: "GoogleConnector",
      fields: { apiToken: z.string() },
      roles: { apiToken: "credential" },
      expand: () => ({ settings: {}, credentials: {} }),
      flatten: () => ({}),
    });
    const { undocumented } = await generateArgs(REPO_ROOT, [undescribed]);
    expect(undocumented).to.deep.equal(["GoogleConnectorArgs.apiToken"]);
  });

  it("documents secrecy, lifecycle and defaults next to each field", async () => {
    const { text } = await generateArgs(REPO_ROOT);
    const block = (name: string) => text.slice(text.indexOf(`export interface ${name} `)).split("\n}\n")[0];
    const salesforce = block("SalesforceConnectorArgs");
    expect(salesforce).to.match(
      /Secret: always stored as a Pulumi secret[^]*privateKey: pulumi\.Input<string>;/,
    );
    expect(salesforce).to.match(/replaces the connector[^]*\n {2}name: pulumi\.Input<string>;/);
    expect(salesforce).to.include('@defaultValue `"https://login.salesforce.com"`');
    expect(block("CustomConnectorAuthBasic")).to.include('type: "basic";');
    expect(block("GeneralSettingsArgs")).to.include("@defaultValue `550`");
  });

  it("generates DesktopLayoutArgs and FlowArgs from their schemas, with what check() accepts besides", async () => {
    const { text } = await generateArgs(REPO_ROOT);
    const block = (name: string) => text.slice(text.indexOf(`export interface ${name} `)).split("\n}\n")[0];
    const layout = block("DesktopLayoutArgs");
    expect(layout).to.include("layout: pulumi.Input<string | Record<string, pulumi.Input<unknown>>>;");
    expect(layout).to.match(/replaces the layout[^]*\n {2}orgId\?: pulumi\.Input<string>;/);
    const flow = block("FlowArgs");
    // check() takes the name from the definition and parses JSON text before the schema sees either.
    expect(flow).to.include("  name?: pulumi.Input<string>;");
    expect(flow).to.include("definition: pulumi.Input<Record<string, pulumi.Input<unknown>> | string>;");
    expect(flow).to.include("publish?: pulumi.Input<FlowPublishArgs>;");
    expect(block("FlowPublishArgs")).to.include(
      'tags?: pulumi.Input<pulumi.Input<"Live" | "Test" | "Dev" | "Latest">[]>;',
    );
  });

  it("accepts what programs pass: a layout preset or JSON text, a flow's exported text (compiled, so typed)", () => {
    const preset: DesktopLayoutArgs = {
      name: "Agents",
      layout: desktopLayouts.salesforce({ outdialAni: "+14085550100" }),
    };
    const text: DesktopLayoutArgs = { name: "Agents", layout: "{}" };
    const flow: FlowArgs = { definition: '{"name":"f"}', publish: { tags: ["Live"] } };
    expect([preset.name, text.layout, flow.definition]).to.have.length(3);
  });
});
