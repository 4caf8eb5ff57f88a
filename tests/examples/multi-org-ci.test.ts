// examples/multi-org's GitHub Actions rollout (.github/workflows/rollout.yml): the matrix it fans out (canary
// first, the rest at most max-parallel at once, each job's share of a shared OAuth client's rate limit) and
// the report that merges every org's wxcc-plan artifacts, run as the workflow runs them.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { expect } from "chai";
import { githubOutput, planMatrix } from "../../examples/multi-org/ci/matrix";
import { mergeReport, readPlans } from "../../examples/multi-org/ci/merge-plans";
import type { PlanSummary } from "../../scripts/plan-reporter/summary";
import { exampleDir, ROOT } from "./support";

const WORKFLOW = fs.readFileSync(path.join(exampleDir("multi-org"), ".github/workflows/rollout.yml"), "utf8");

function summary(counts: Record<string, number>, stopsRouting = 0): PlanSummary {
  return {
    schemaVersion: 1,
    project: "multi-org",
    stack: null,
    hasChanges: true,
    hasErrors: false,
    counts,
    stopsRouting,
    orgs: [],
    others: [],
    diagnostics: [],
  };
}

describe("examples/multi-org: the GitHub Actions rollout", function () {
  this.timeout(30_000);
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "multi-org-ci-"));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("puts the canary alone first and divides a shared client's limit among the jobs running at once", () => {
    const input = { stacks: ["amer", "apac", "emea", "india"], maxParallel: 2, rateLimitPerMinute: 300 };
    expect(planMatrix({ ...input, canary: "emea", clients: "shared" })).to.deep.equal({
      canary: ["emea"],
      rest: ["amer", "apac", "india"],
      maxParallel: 2,
      ratePerJob: 150,
    });
    expect(planMatrix({ ...input, clients: "per-org" })).to.include({ ratePerJob: 300, maxParallel: 2 });
    // Fewer stacks than max-parallel: the ones that can run at once share the limit.
    expect(planMatrix({ ...input, stacks: ["a", "b"], maxParallel: 8, clients: "shared" })).to.include({
      maxParallel: 1,
      ratePerJob: 300,
    });
  });

  it("names the problem when the matrix cannot be planned", () => {
    const base = { stacks: ["a", "b"], maxParallel: 2, rateLimitPerMinute: 300, clients: "shared" as const };
    expect(() => planMatrix({ ...base, canary: "z" })).to.throw(
      /--canary z is not one of the stacks \(a, b\)/,
    );
    expect(() => planMatrix({ ...base, stacks: [] })).to.throw(/no stacks/);
    expect(() => planMatrix({ ...base, maxParallel: 0 })).to.throw(/--max-parallel/);
    expect(() =>
      planMatrix({ ...base, stacks: ["a", "b", "c", "d"], maxParallel: 3, rateLimitPerMinute: 2 }),
    ).to.throw(/lower --max-parallel/);
  });

  it("writes the outputs the workflow reads with fromJSON, from the command the workflow runs", () => {
    for (const stack of ["emea", "apac", "amer"])
      fs.writeFileSync(path.join(dir, `Pulumi.${stack}.yaml`), "");
    fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: multi-org\n");
    const command = /node dist\/examples\/multi-org\/ci\/matrix\.js[^\n]*\\\n[^\n]*/.exec(WORKFLOW)![0];
    const output = path.join(dir, "github-output");
    const run = spawnSync("bash", ["-e", "-c", command.replace('"${{ inputs.canary }}"', "emea")], {
      cwd: ROOT,
      env: {
        PATH: `${path.dirname(process.execPath)}:${process.env.PATH}`,
        PROJECT_DIR: dir,
        MAX_PARALLEL: "4",
        RATE_LIMIT_PER_MINUTE: "300",
        CLIENTS: "shared",
        GITHUB_OUTPUT: output,
      },
      encoding: "utf8",
    });
    expect(run.status, run.stderr).to.equal(0);
    expect(fs.readFileSync(output, "utf8")).to.equal(
      'canary=["emea"]\nrest=["amer","apac"]\nmax-parallel=2\nrate-per-job=150\n',
    );
    expect(githubOutput({ canary: ["x"], rest: [], maxParallel: 1, ratePerJob: 300 })).to.contain(
      "rest=[]\n",
    );
  });

  it("runs the canary before the rest, stops at the first failure and gives each job its rate share", () => {
    expect(WORKFLOW).to.match(/rollout:\n\s+needs: \[matrix, canary\]/);
    expect(WORKFLOW).to.match(
      /fail-fast: true\n\s+max-parallel: \$\{\{ fromJSON\(needs\.matrix\.outputs\.max-parallel\) \}\}/,
    );
    expect(
      WORKFLOW.match(/WXCC_RATE_LIMIT_PER_MINUTE: \$\{\{ needs\.matrix\.outputs\.rate-per-job \}\}/g),
    ).to.have.length(2);
    expect(WORKFLOW).to.match(/report:\n\s+needs: \[matrix, canary, rollout\]\n\s+if: always\(\)/);
    expect(WORKFLOW).to.contain("node dist/examples/multi-org/ci/merge-plans.js");
  });

  it("merges every org's plan artifact into one report, naming the failed and the never-run stacks", () => {
    const artifact = (stack: string, counts: Record<string, number>, outcome?: string, stops = 0) => {
      const at = path.join(dir, `plan-${stack}`);
      fs.mkdirSync(at, { recursive: true });
      fs.writeFileSync(path.join(at, `plan-${stack}.md`), `## Webex Contact Center plan · \`${stack}\`\n`);
      fs.writeFileSync(path.join(at, `plan-${stack}.json`), JSON.stringify(summary(counts, stops)));
      if (outcome) fs.writeFileSync(path.join(at, `outcome-${stack}.txt`), `${outcome}\n`);
    };
    artifact("emea", { create: 3, same: 0 }, "applied");
    artifact("apac", { update: 1, same: 2 }, "failed", 1);
    const report = mergeReport(readPlans(dir, ["emea", "apac", "amer"]));
    expect(report).to.contain("3 stacks: 1 applied, 1 failed, 1 not run.");
    expect(report).to.contain("| emea | 3 create | 0 | applied |");
    expect(report).to.contain("| apac | 1 update | 1 | failed |");
    expect(report).to.contain("| amer | no plan | – | not run |");
    expect(report).to.contain("## Webex Contact Center plan · `apac`");
    expect(report).to.contain("No plan was uploaded for this stack.");
  });
});
