// The whole bench with tiny parameters (two orgs, short latency): every scenario runs through the harness and
// the emulator, and the figures it reports agree with each other and with what the run must have done. It
// asserts consistency, not speed.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { expect } from "chai";
import { type BenchResults, runBench } from "../../bench/bench";
import { formatTable, rows } from "../../bench/report";
import type { BenchWorld } from "../../bench/world";

const ORGS = 2;
const KINDS = 6;
const LATENCY_MS = 20;

describe("bench: a tiny run end to end", function () {
  this.timeout(180_000);
  let results: BenchResults;
  let world: BenchWorld | undefined;
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), "wxcc-bench-test-"));

  before(async () => {
    results = await runBench(
      {
        orgs: ORGS,
        latencyMs: LATENCY_MS,
        rateLimit: 300,
        parallel: 3,
        liveRate: 30,
        out: path.join(outDir, "results.json"),
      },
      { onWorld: (w) => (world = w) },
    );
  });

  after(() => fs.rmSync(outDir, { recursive: true, force: true }));

  it("rolls out every kind to every org with the minimal calls: one token per org, one POST per connector", () => {
    const rollout = results.rollout.measure;
    expect(rollout.ok).to.equal(true);
    expect(results.connectors).to.equal(ORGS * KINDS);
    expect(rollout.changes).to.deep.equal({ create: ORGS * KINDS });
    expect(rollout.calls.byKind).to.deep.equal({ token: ORGS, create: ORGS * KINDS });
    expect(Object.values(rollout.tokensPerOrg)).to.deep.equal([1, 1]);
    expect(results.rollout.bound!.minimalCalls).to.equal(rollout.calls.total);
  });

  it("keeps totals, the bound and the ratio consistent", () => {
    for (const scenario of [results.rollout, results.refresh!, results.preview!, results.rotation!]) {
      const calls = scenario.measure.calls;
      const sum = Object.values(calls.byKind).reduce((a, b) => a + b, 0);
      expect(sum, scenario.measure.name).to.equal(calls.total);
      expect(calls.writes + calls.reads + calls.tokens, scenario.measure.name).to.be.at.most(calls.total);
      expect(scenario.measure.wallMs).to.be.greaterThan(0);
    }
    const { bound, ratio, measure } = results.rollout;
    expect(bound!.ms).to.equal(Math.max(...Object.values(bound!.terms)));
    expect(bound!.terms[bound!.binding]).to.equal(bound!.ms);
    expect(bound!.terms["latency ÷ concurrency"]).to.equal((ORGS * (1 + KINDS) * LATENCY_MS) / 3);
    expect(ratio).to.be.closeTo(measure.wallMs / bound!.ms, 1e-9);
    const phases = measure.phases!;
    expect(phases.beforeFirstCallMs + phases.apiMs + phases.afterLastCallMs).to.be.closeTo(measure.wallMs, 1);
    // At least the critical path (token, then POST) passed between the first call and the last answer.
    expect(phases.apiMs).to.be.at.least(2 * LATENCY_MS);
    // The plugin's start-up is measured by the harness and happens before the first call can.
    expect(measure.pluginStartupMs).to.be.greaterThan(0);
    expect(measure.pluginStartupMs!).to.be.lessThan(phases.beforeFirstCallMs);
  });

  it("runs the floor provider through every operation with the same calls, and compares ours with it", () => {
    for (const scenario of [results.rollout, results.refresh!, results.preview!, results.rotation!]) {
      const { measure, floor } = scenario;
      expect(floor, measure.name).not.to.equal(undefined);
      expect(floor!.ok, measure.name).to.equal(true);
      // The floor's preview checks no credentials: it makes no call at all.
      const expected = measure.name === "preview" ? {} : measure.calls.byKind;
      expect(floor!.calls.byKind, measure.name).to.deep.equal(expected);
      expect(Object.keys(floor!.tokensPerOrg).every((org) => org.startsWith("floor-"))).to.equal(true);
      expect(scenario.vsFloor).to.be.closeTo(measure.wallMs / floor!.wallMs, 1e-9);
    }
  });

  it("measures CPU per process and the checkpoint writes of each operation", () => {
    const rollout = results.rollout.measure;
    expect(rollout.cpuMs.harness).to.be.greaterThan(0);
    if (process.platform === "linux") {
      expect(rollout.cpuMs.plugin).to.be.greaterThan(0);
      expect(rollout.cpuMs.emulator).to.be.greaterThan(0);
    }
    // Two writes per create (begun, pending; then done), then the final save; a preview writes nothing.
    expect(rollout.checkpoint.writes).to.equal(2 * ORGS * KINDS + 1);
    expect(rollout.checkpoint.bytes).to.be.greaterThan(0);
    expect(results.preview!.measure.checkpoint).to.deep.equal({ writes: 0, bytes: 0 });
  });

  it("counts the org's quota use with live traffic on top of the provider's, and live traffic separately", () => {
    const rollout = results.rollout.measure;
    // The six creates; the token request goes to the identity service and takes nothing from the quota.
    expect(rollout.peakMinute.provider).to.be.at.least(KINDS);
    expect(rollout.peakMinute.withLiveTraffic).to.be.at.least(rollout.peakMinute.provider);
    // Over the run every live request has an outcome; during the rollout some may still be in flight.
    const live = results.liveTraffic;
    expect(live.sent).to.be.greaterThan(0);
    expect(live.sent).to.equal(live.answered + live.rateLimited + live.otherStatus + live.noResponse);
    const during = rollout.liveTraffic;
    expect(during.answered + during.rateLimited + during.otherStatus + during.noResponse).to.be.at.most(
      during.sent + ORGS,
    );
    expect(during.sent).to.be.at.most(live.sent);
    expect(results.providerListCalls).to.equal(0);
  });

  it("refreshes with one read per connector and previews with one credential check per org, no write", () => {
    const refresh = results.refresh!.measure;
    expect(refresh.calls.byKind).to.deep.equal({ token: ORGS, read: ORGS * KINDS });
    expect(refresh.calls.writes).to.equal(0);
    const preview = results.preview!.measure;
    expect(preview.calls.byKind).to.deep.equal({ token: ORGS, access: ORGS });
    expect(preview.calls.writes).to.equal(0);
    expect(preview.changes).to.deep.equal({ same: ORGS * KINDS });
  });

  it("rotates the orders secret in every org: one spell per connector, each within the rotation", () => {
    const rotation = results.rotation!;
    expect(rotation.measure.changes).to.deep.equal({ same: ORGS * (KINDS - 1), update: ORGS });
    expect(rotation.measure.calls.byKind).to.deep.include({
      token: ORGS,
      deactivate: ORGS,
      update: ORGS,
      activate: ORGS,
    });
    expect(rotation.measure.inactive).to.have.length(ORGS);
    expect(rotation.leftInactive).to.equal(0);
    const spells = rotation.measure.inactive.map((s) => s.ms!);
    expect(rotation.longestInactiveMs).to.equal(Math.max(...spells));
    for (const spell of rotation.measure.inactive) {
      expect(spell.to! - spell.from).to.equal(spell.ms);
      // The edit and the activation each took at least one round trip in between.
      expect(spell.ms!).to.be.within(2 * LATENCY_MS, rotation.measure.wallMs);
    }
  });

  it("measures each kind's provider text once per kind, and the state per resource", () => {
    const cost = results.cost!;
    const types = Object.keys(cost.provider.byType).sort();
    expect(types).to.have.length(KINDS);
    for (const entry of Object.values(cost.provider.byType)) {
      expect(entry.resources).to.equal(ORGS);
      expect(entry.bytes).to.have.length(entry.distinctTexts);
    }
    expect(cost.provider.maxBytes).to.equal(
      Math.max(...Object.values(cost.provider.byType).flatMap((e) => e.bytes)),
    );
    expect(cost.state.resources).to.equal(ORGS * KINDS);
    expect(cost.state.meanBytesPerResource).to.be.at.most(cost.state.maxBytesPerResource);
    expect(cost.state.fileBytes).to.be.greaterThan(cost.state.meanBytesPerResource * cost.state.resources);
    if (fs.existsSync("/proc/self/status")) {
      for (const kb of Object.values(cost.pluginPeakKb)) expect(kb).to.be.greaterThan(10_000);
    }
  });

  it("prints one table with a verdict for every target, and no secret anywhere in the results", () => {
    const table = rows(results);
    const withTargets = table.filter((row) => row.target !== "");
    expect(withTargets.length).to.be.at.least(7);
    for (const row of withTargets) expect(row.result, row.figure).to.be.oneOf(["PASS", "MISS", "n/a"]);
    expect(table.filter((row) => row.target === "").every((row) => row.result === "")).to.equal(true);
    const text = formatTable(table);
    expect(text.split("\n")).to.have.length(table.length + 2);
    const serialized = JSON.stringify({ ...results, table });
    expect(world).to.not.equal(undefined);
    for (const secret of world!.allSecrets()) {
      const probe = secret.length > 64 ? secret.slice(40, 104) : secret;
      expect(serialized.includes(probe), "a secret reached the results").to.equal(false);
    }
  });
});
