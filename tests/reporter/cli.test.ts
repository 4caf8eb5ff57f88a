import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { expect } from "chai";
import { fixturePath, fixtureText } from "./fixtures";

const BIN = path.resolve(__dirname, "../../scripts/plan-reporter/cli.js");

function run(args: string[], input?: string) {
  const result = spawnSync(process.execPath, [BIN, ...args], { input, encoding: "utf8" });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("plan reporter: the wxcc-plan command", () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), "wxcc-plan-"));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("exits 2 when the preview has changes, writing Markdown to stdout", () => {
    const { code, stdout } = run([fixturePath("cli-rotation-rename")]);
    expect(code).to.equal(2);
    expect(stdout).to.match(/^<!-- wxcc-plan -->\n## Webex Contact Center plan/);
  });

  it("exits 0 when nothing changes", () => {
    expect(run([fixturePath("no-changes")]).code).to.equal(0);
  });

  it("exits 1 when the preview reported errors, still writing the report", () => {
    const { code, stdout, stderr } = run([fixturePath("preview-error")]);
    expect(code).to.equal(1);
    expect(stdout).to.contain("The preview failed");
    expect(stderr).to.contain("the preview reported errors");
  });

  it("reads stdin when given - or no file", () => {
    const { code, stdout } = run(["-", "--format", "text"], fixtureText("cli-rotation-rename"));
    expect(code).to.equal(2);
    expect(stdout).to.contain("± replace");
    expect(run([], fixtureText("no-changes")).code).to.equal(0);
  });

  it("writes the report and the JSON summary to files when asked", () => {
    const out = path.join(dir, "plan.md");
    const jsonOut = path.join(dir, "plan.json");
    const { code, stdout } = run([fixturePath("harness-multi-org"), "--out", out, "--json-out", jsonOut]);
    expect(code).to.equal(2);
    expect(stdout).to.equal("");
    expect(readFileSync(out, "utf8")).to.contain("### Org `org-emea`");
    const summary = JSON.parse(readFileSync(jsonOut, "utf8"));
    expect(summary).to.include({ schemaVersion: 1, hasChanges: true, stopsRouting: 4 });
  });

  it("exits 1 with a clear message for a missing file, bad JSON and bad options", () => {
    const missing = run([path.join(dir, "nope.json")]);
    expect(missing.code).to.equal(1);
    expect(missing.stderr).to.match(/cannot read .*nope\.json: no such file/);
    const notJson = run([], "Previewing update (dev):");
    expect(notJson.code).to.equal(1);
    expect(notJson.stderr).to.match(/stdin is not JSON/);
    const format = run([fixturePath("no-changes"), "--format", "html"]);
    expect(format.code).to.equal(1);
    expect(format.stderr).to.contain('--format must be "markdown" or "text"');
    const unknown = run(["--bogus"]);
    expect(unknown.code).to.equal(1);
    expect(unknown.stderr).to.match(/Unknown option '--bogus'[\s\S]*Usage: wxcc-plan/);
  });

  it("prints usage for --help and exits 0", () => {
    const { code, stdout } = run(["--help"]);
    expect(code).to.equal(0);
    expect(stdout).to.contain("Exit codes: 0 no changes, 2 changes, 1 error.");
  });
});
