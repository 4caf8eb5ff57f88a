// The generated parts of docs/benchmarks.md: the growth table and chart from recorded runs, and sections
// replaced between their markers only.
import * as fs from "node:fs";
import * as path from "node:path";
import { expect } from "chai";
import { type GrowthPoint, growthSvg, growthTable, replaceSection } from "../../bench/docs";
import { parseOptions, REPO_ROOT, recordedName, UsageError } from "../../bench/options";

const point = (orgs: number, rolloutS: number, rss: number, load = 0.5): GrowthPoint => ({
  orgs,
  parallel: 10,
  connectors: orgs * 6,
  rolloutS,
  vsFloor: 1.05,
  harnessMsPerOp: 2.5,
  pluginMsPerOp: 1.5,
  pluginPeakMiB: rss,
  checkpointMiB: orgs / 10,
  stateKiBPerConnector: 2.9,
  load,
  cores: 2,
});

describe("bench: generated docs", () => {
  it("tabulates each recorded run and marks the ones measured under load", () => {
    const table = growthTable([point(20, 4, 180), point(500, 61.5, 230, 9.3)]).split("\n");
    expect(table).to.have.length(4);
    expect(table[2]).to.contain("| 20 | 120 | 10 | 4.00 s | 1.05× |").and.not.contain("under load");
    expect(table[3])
      .to.contain("| 500 | 3000 |")
      .and.contain("61.50 s")
      .and.contain("9.3 on 2 cores (under load)");
  });

  it("draws one panel per figure with a point per run, in order of orgs", () => {
    const svg = growthSvg([point(500, 60, 230), point(20, 4, 180), point(100, 13, 200)]);
    expect(svg.startsWith("<svg")).to.equal(true);
    expect(svg.match(/<polyline/g)).to.have.length(3);
    expect(svg.match(/<circle/g)).to.have.length(9);
    const xs = /points="([^"]+)"/
      .exec(svg)![1]
      .split(" ")
      .map((p) => Number(p.split(",")[0]));
    expect(xs).to.deep.equal([...xs].sort((a, b) => a - b));
  });

  it("replaces only what sits between a section's markers, and names a missing section", () => {
    const doc = "before\n<!-- bench:growth:start -->\nold\n<!-- bench:growth:end -->\nafter\n";
    expect(replaceSection(doc, "growth", "new")).to.equal(
      "before\n<!-- bench:growth:start -->\nnew\n<!-- bench:growth:end -->\nafter\n",
    );
    expect(() => replaceSection(doc, "latest", "x")).to.throw(/bench:latest:start/);
  });

  it("records a non-default run under its orgs and parallelism, the default one as latest.json", () => {
    expect(parseOptions(["--orgs", "500", "--parallel", "10", "--record"])!.out).to.match(
      /bench\/results\/orgs-500-parallel-10\.json$/,
    );
    expect(parseOptions(["--record"])!.out).to.match(/bench\/results\/latest\.json$/);
    expect(recordedName(100, Number.POSITIVE_INFINITY)).to.equal("orgs-100-parallel-unbounded.json");
  });

  it("writes a run that is not recorded where git ignores it, never over a recorded one", () => {
    for (const args of [[], ["--orgs", "500", "--parallel", "10"], ["--installed", "some/project"]]) {
      const out = parseOptions(args)!.out;
      expect(out).to.match(/bench\/results\/unrecorded\.json$/);
      const ignored = fs.readFileSync(path.join(REPO_ROOT, ".gitignore"), "utf8").split("\n");
      expect(ignored).to.include(path.relative(REPO_ROOT, out));
    }
    expect(parseOptions(["--out", "x.json"])!.out).to.equal(path.resolve("x.json"));
  });

  it("runs an installed package with --installed, which is never recorded", () => {
    expect(parseOptions(["--installed", "some/project"])!.installed).to.equal(path.resolve("some/project"));
    expect(() => parseOptions(["--record", "--installed", "some/project"])).to.throw(
      UsageError,
      /--record keeps runs of the repository's build/,
    );
  });
});
