import { spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { expect } from "chai";
import { findPulumiCli } from "../../examples/multi-org/rollout";
import {
  type ChangeCounts,
  type RolloutEvent,
  type RolloutTarget,
  renderReport,
  rollout,
} from "../../examples/multi-org/rollout-core";
import { exampleProgram } from "./support";

/** A stack stand-in that records what happened to it, in one shared timeline. */
function fakeTarget(
  name: string,
  timeline: string[],
  opts: {
    planned?: ChangeCounts;
    previewFails?: boolean;
    upFails?: boolean;
    inFlight?: { now: number; max: number };
  } = {},
): RolloutTarget {
  const yieldTurn = () => new Promise<void>((resolve) => setImmediate(resolve));
  return {
    name,
    orgId: `org-${name}`,
    async preview() {
      timeline.push(`preview:${name}`);
      await yieldTurn();
      if (opts.previewFails)
        throw new Error(`preview of ${name} failed\nerror: org-${name} refused the token`);
      return opts.planned ?? { create: 3 };
    },
    async up() {
      timeline.push(`up:${name}`);
      if (opts.inFlight) {
        opts.inFlight.now += 1;
        opts.inFlight.max = Math.max(opts.inFlight.max, opts.inFlight.now);
      }
      await yieldTurn();
      await yieldTurn();
      if (opts.inFlight) opts.inFlight.now -= 1;
      timeline.push(`done:${name}`);
      if (opts.upFails) throw new Error(`update of ${name} failed`);
      return opts.planned ?? { create: 3 };
    },
  };
}

describe("examples/multi-org rollout: order of events", () => {
  it("previews every stack first, then updates the canary alone, then the rest", async () => {
    const timeline: string[] = [];
    const targets = ["a", "b", "c", "d"].map((n) => fakeTarget(n, timeline));
    const report = await rollout(targets, { canary: "c", concurrency: 2 });
    expect(report.succeeded).to.equal(true);
    const firstUp = timeline.findIndex((e) => e.startsWith("up:"));
    expect(timeline.slice(0, firstUp).filter((e) => e.startsWith("preview:"))).to.have.length(4);
    expect(timeline.slice(firstUp, firstUp + 2)).to.deep.equal(["up:c", "done:c"]);
    expect(report.outcomes.map((o) => [o.name, o.canary, o.status])).to.deep.equal([
      ["a", false, "updated"],
      ["b", false, "updated"],
      ["c", true, "updated"],
      ["d", false, "updated"],
    ]);
  });

  it("never updates more stacks at once than the concurrency allows", async () => {
    const timeline: string[] = [];
    const inFlight = { now: 0, max: 0 };
    const targets = ["a", "b", "c", "d", "e", "f"].map((n) => fakeTarget(n, timeline, { inFlight }));
    await rollout(targets, { concurrency: 3 });
    expect(inFlight.max).to.equal(3);
  });

  it("updates nothing when a preview fails", async () => {
    const timeline: string[] = [];
    const events: RolloutEvent[] = [];
    const targets = [fakeTarget("a", timeline), fakeTarget("b", timeline, { previewFails: true })];
    const report = await rollout(targets, { onEvent: (e) => events.push(e) });
    expect(report.succeeded).to.equal(false);
    expect(timeline.filter((e) => e.startsWith("up:"))).to.deep.equal([]);
    expect(report.outcomes.map((o) => o.status)).to.deep.equal(["skipped", "preview failed"]);
    expect(report.outcomes[1]!.error).to.equal("preview of b failed | error: org-b refused the token");
    expect(events.at(-1)).to.deep.equal({
      type: "stopping",
      reason: "a preview failed, so nothing is updated",
    });
  });

  it("stops after a failed canary", async () => {
    const timeline: string[] = [];
    const targets = [
      fakeTarget("a", timeline, { upFails: true }),
      fakeTarget("b", timeline),
      fakeTarget("c", timeline),
    ];
    const report = await rollout(targets);
    expect(timeline.filter((e) => e.startsWith("up:"))).to.deep.equal(["up:a"]);
    expect(report.outcomes.map((o) => o.status)).to.deep.equal(["update failed", "skipped", "skipped"]);
  });

  it("starts no further update after the first failure, letting running ones finish", async () => {
    const timeline: string[] = [];
    const targets = [
      fakeTarget("canary", timeline),
      fakeTarget("b", timeline, { upFails: true }),
      fakeTarget("c", timeline),
      fakeTarget("d", timeline),
      fakeTarget("e", timeline),
    ];
    const report = await rollout(targets, { concurrency: 2 });
    expect(report.succeeded).to.equal(false);
    expect(timeline.filter((e) => e.startsWith("up:"))).to.deep.equal(["up:canary", "up:b", "up:c"]);
    expect(report.outcomes.map((o) => o.status)).to.deep.equal([
      "updated",
      "update failed",
      "updated",
      "skipped",
      "skipped",
    ]);
  });

  it("does not update stacks whose preview shows no changes, and can stop after previews", async () => {
    const timeline: string[] = [];
    const targets = [fakeTarget("a", timeline, { planned: { same: 3 } }), fakeTarget("b", timeline)];
    const report = await rollout(targets);
    expect(timeline.filter((e) => e.startsWith("up:"))).to.deep.equal(["up:b"]);
    expect(report.outcomes.map((o) => o.status)).to.deep.equal(["no changes", "updated"]);

    const previewOnly = await rollout([fakeTarget("x", [])], { previewOnly: true });
    expect(previewOnly.outcomes.map((o) => o.status)).to.deep.equal(["previewed"]);
  });

  it("refuses a canary that is not among the stacks, and a concurrency below 1", async () => {
    const targets = [fakeTarget("a", [])];
    await rollout(targets, { canary: "zz" }).then(
      () => expect.fail("expected a refusal"),
      (e: Error) => expect(e.message).to.equal("the canary zz is not among the stacks: a."),
    );
    await rollout(targets, { concurrency: 0 }).then(
      () => expect.fail("expected a refusal"),
      (e: Error) => expect(e.message).to.contain("concurrency must be a whole number of at least 1"),
    );
  });

  it("ends with a table per org, columns aligned", async () => {
    const report = await rollout([fakeTarget("emea", []), fakeTarget("apac", [], { upFails: true })]);
    const lines = renderReport(report).split("\n");
    expect(lines[0]).to.match(/^stack +org +planned +result +time$/);
    expect(lines[2]).to.match(/^emea \(canary\) +org-emea +3 create +updated: 3 create +\d+\.\ds$/);
    expect(lines[3]).to.match(/^apac +org-apac +3 create +update failed +\d+\.\ds$/);
    expect(lines[0]!.indexOf("org")).to.equal(lines[3]!.indexOf("org-apac"));
    expect(lines).to.include("Rollout stopped: see the failure above.");
  });
});

describe("examples/multi-org rollout: the Pulumi CLI", () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), "rollout-cli-"));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("says clearly that the CLI is missing, and exits 3, instead of failing inside the Automation API", () => {
    const result = spawnSync(
      process.execPath,
      [exampleProgram("multi-org", "rollout.js"), "--canary", "emea"],
      {
        cwd: dir,
        env: { PATH: dir, HOME: dir },
        encoding: "utf8",
      },
    );
    expect(result.status).to.equal(3);
    expect(result.stderr).to.contain("rollout: the Pulumi CLI was not found on PATH.");
    expect(result.stderr).to.contain("https://www.pulumi.com/docs/iac/download-install/");
    expect(result.stderr).not.to.contain("ENOENT");
  });

  it("finds an executable pulumi on PATH, and ignores one that is not executable", () => {
    const bin = path.join(dir, "bin");
    const other = path.join(dir, "other");
    for (const d of [bin, other]) {
      mkdirSync(d, { recursive: true });
      writeFileSync(path.join(d, "pulumi"), "#!/bin/sh\necho v3.200.0\n");
    }
    chmodSync(path.join(bin, "pulumi"), 0o755);
    chmodSync(path.join(other, "pulumi"), 0o644);
    expect(findPulumiCli({ PATH: [other, bin].join(path.delimiter) })).to.equal(path.join(bin, "pulumi"));
    expect(findPulumiCli({ PATH: other })).to.equal(undefined);
  });
});
