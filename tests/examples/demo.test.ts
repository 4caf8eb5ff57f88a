import { spawn } from "node:child_process";
import * as path from "node:path";
import { expect } from "chai";
import { ROOT } from "./support";

const DEMO = path.join(ROOT, "dist/scripts/demo.js");

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  pgid: number;
}

/** Runs the demo in its own process group, so anything it leaves behind can be found afterwards. */
function runDemo(args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [DEMO, ...args], { cwd: ROOT, detached: true, stdio: "pipe" });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
    });
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr, pgid: child.pid! }));
  });
}

function groupIsEmpty(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "ESRCH";
  }
}

describe("npm run demo", function () {
  this.timeout(150_000);

  it("runs the whole lifecycle, exits 0, and leaves nothing running", async () => {
    const run = await runDemo([]);
    expect(run.code, run.stderr + run.stdout).to.equal(0);
    expect(groupIsEmpty(run.pgid), "a process of the demo is still running").to.equal(true);

    const out = run.stdout;
    const headings = out.split("\n").filter((l) => /^(Setting up|\d · )/.test(l));
    expect(headings.map((h) => h.replace(/\s+\d+\.\ds$/, ""))).to.deep.equal([
      "Setting up",
      "1 · preview: what `pulumi up` will do",
      "2 · up: create them",
      "3 · version 2: a rotated key, a renamed connector, new settings",
      "4 · destroy",
      "5 · summary",
    ]);
    expect(out).to.match(/\+ create +Salesforce +Salesforce-CRM\n/);
    expect(out).to.match(
      /~ update +Salesforce +Salesforce-CRM +⚠ deactivates +privateKey: \[secret\] \(changed\)/,
    );
    expect(out).to.match(/± replace +Google TTS +Offers TTS → Promotions TTS +⚠ flows re-pointed/);
    expect(out).to.match(/~ updated +Salesforce +Salesforce-CRM +deactivate → edit → activate/);
    expect(out).to.match(/operations +10 created · 5 updated · 1 replaced · 10 deleted/);
    expect(out).to.match(
      /resources +10: 7 connectors of 6 kinds, 1 call-center definition, 1 desktop layout, 1 flow/,
    );
    expect(out).to.match(
      /~ update +Desktop layout +Salesforce Desktop +⚠ agents' next sign-in +layout\.agent\.appTitle/,
    );
    expect(out).to.match(
      /- deleted +Desktop layout +Salesforce Desktop +its 2 teams back on the global layout/,
    );
    expect(out).to.match(/API calls +\d+: Contact Center \d+ · identity \d+ · Salesforce \d+/);
    // Not a terminal: no colour. And no key ever printed.
    expect(out).not.to.contain("\u001b[");
    expect(out).not.to.match(/BEGIN [A-Z ]*PRIVATE KEY/);
  });

  it("stops after the step asked for, still with a summary", async () => {
    const run = await runDemo(["--stop-after", "preview"]);
    expect(run.code, run.stderr).to.equal(0);
    expect(run.stdout).to.contain("1 · preview");
    expect(run.stdout).not.to.contain("2 · up");
    expect(run.stdout).to.match(/5 · summary\n {2}resources +none created/);
    expect(groupIsEmpty(run.pgid)).to.equal(true);
  });

  it("refuses an unknown step, naming the ones it knows", async () => {
    const run = await runDemo(["--stop-after", "deploy"]);
    expect(run.code).to.equal(1);
    expect(run.stderr).to.contain("--stop-after must be one of setup, preview, up, change, destroy");
  });
});
