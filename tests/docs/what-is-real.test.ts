// The docs say exactly what is real, and say it the same way everywhere: what works against a real org,
// how to install, which configuration refresh and destroy use, what a preview costs, which harness options
// are refused. Each check reads the docs and the code they describe.
import * as fs from "node:fs";
import * as path from "node:path";
import { expect } from "chai";
import { MINIMAL_CALLS } from "../../bench/bench";
import { KINDS } from "../../provider/kinds/all";
import { UNSUPPORTED_OPTIONS } from "../../testing/unsupported-options";

const ROOT = path.resolve(__dirname, "../../..");
const read = (file: string) => fs.readFileSync(path.join(ROOT, file), "utf8");
const README = read("README.md");
const TABLE_ANCHOR = "what-works-against-a-real-org-today";

describe("docs: what is real", () => {
  it("puts the what-works table right under the introduction, with every resource family in it", () => {
    const headings = README.split("\n").filter((line) => line.startsWith("## "));
    expect(headings[0]).to.equal("## What works against a real org today");
    const section = README.split("## What works against a real org today")[1]!.split("\n## ")[0]!;
    const connectorRow = section.split("\n").find((line) => line.includes("SalesforceConnector"))!;
    for (const kind of KINDS) expect(connectorRow, kind.typeName).to.contain(`\`${kind.typeName}\``);
    expect(connectorRow).to.contain("emulator only");
    expect(connectorRow).to.contain("Webex has not published");
    const yes = (needle: string) => {
      const row = section.split("\n").find((line) => line.toLowerCase().includes(needle.toLowerCase()));
      expect(row, needle).to.be.a("string");
      expect(row).to.contain("**yes**");
    };
    yes("SalesforceCallCenterDefinition");
    yes("desktop layouts");
    yes("| flows");
    yes("wxcc-plan");
  });

  it("has an Install section with the npm line, a tarball and git", () => {
    const install = README.split("## Install")[1]!.split("\n## ")[0]!;
    expect(install).to.contain("npm install pulumi-wxcc @pulumi/pulumi");
    expect(install).to.match(/npm pack/);
    expect(install).to.match(/npm install git\+/);
  });

  it("sends every 'real org' passage to the same table", () => {
    for (const file of [
      "README.md",
      "examples/quickstart/README.md",
      "examples/gitops/README.md",
      "examples/multi-org/README.md",
    ]) {
      const text = read(file);
      expect(text, file).to.contain(TABLE_ANCHOR);
      expect(text, file).to.contain("Webex has not published");
      expect(text, file).to.contain("docs/connectors-api.md");
    }
    expect(read("examples/quickstart/README.md")).to.match(
      /## Run it against your org\n\n> \*\*What a real org runs today\*\*/,
    );
  });

  it("says refresh and destroy use the configuration the last up stored, nowhere 'today's credentials'", () => {
    const docs = [
      "README.md",
      ...fs
        .readdirSync(path.join(ROOT, "docs"))
        .filter((f) => f.endsWith(".md"))
        .map((f) => `docs/${f}`),
    ];
    for (const file of docs) expect(read(file), file).not.to.match(/today's credentials/i);
    for (const file of ["README.md", "docs/configuration.md"]) {
      const text = read(file);
      expect(text, file).to.contain("pulumi/pulumi#716");
      expect(text, file).to.match(/stored by the last `(pulumi )?up`/);
      expect(text, file).to.contain("WXCC_");
    }
  });

  it("states the preview's new call count where the benchmark states its target", () => {
    expect(MINIMAL_CALLS.preview).to.match(/^1 per org \(\+ its token\)/);
    const bench = read("docs/benchmarks.md");
    expect(bench).to.contain("| preview | 1 read per org (+ its token) |");
    expect(bench).to.contain(
      "no writes; exactly 1 credential check per org plus at most 1 token request per org",
    );
    expect(read("docs/connectors-api.md")).to.contain("GET /organization/{orgId}/connector-access");
  });

  it("lists exactly the resource options the harness refuses", () => {
    const testing = read("docs/testing.md");
    const notReproduced = testing.split("## Not reproduced")[1]!;
    const listed = [...notReproduced.matchAll(/`([a-zA-Z]+)`/g)].map((m) => m[1]!);
    for (const option of UNSUPPORTED_OPTIONS) expect(listed, option).to.include(option);
    expect(testing).not.to.match(/Aliases[^\n]*are not implemented/);
  });
});
