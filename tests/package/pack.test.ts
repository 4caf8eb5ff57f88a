// What `npm pack` produces is the product: packed from a copy of the working tree (as a fresh clone would
// be, with the repository's node_modules for the build), installed from the tarball into a new project made
// from Pulumi's TypeScript template, type-checked under the template's tsconfig of today and of 2024-2026,
// and run through the harness against the packaged `wxcc-emulator`.
import { type ChildProcess, execFile, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { expect } from "chai";
import { writeConsumerProject } from "./consumer-project";
import { assertLeanProviderTexts } from "../support/serialized-provider";
import { runBench } from "../../bench/bench";

const run = promisify(execFile);
const REPO_ROOT = path.resolve(__dirname, "..", "..", "..");
const NPM = process.platform === "win32" ? "npm.cmd" : "npm";

/** Runs a command; resolves with its exit code and output instead of throwing on a non-zero exit. */
async function sh(
  cmd: string,
  args: string[],
  cwd: string,
): Promise<{ code: number; out: string; stdout: string }> {
  // npm test's own npm_* settings must not leak into the nested npm and tsc runs.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("npm_")));
  try {
    const { stdout, stderr } = await run(cmd, args, { cwd, env, maxBuffer: 64 * 1024 * 1024 });
    return { code: 0, out: stdout + stderr, stdout };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    const stdout = e.stdout ?? "";
    return { code: typeof e.code === "number" ? e.code : 1, out: `${stdout}${e.stderr ?? ""}`, stdout };
  }
}

function copyWorkingTree(to: string): void {
  const skip = new Set(["node_modules", "dist", ".git"]);
  fs.cpSync(REPO_ROOT, to, {
    recursive: true,
    filter: (src) => !skip.has(path.basename(src)) || path.dirname(src) !== REPO_ROOT,
  });
  fs.symlinkSync(path.join(REPO_ROOT, "node_modules"), path.join(to, "node_modules"), "dir");
}

/**
 * The template's @pulumi/pulumi range, or the exact version in WXCC_PACK_PULUMI_VERSION: how the peer range's
 * lower bound is checked by hand (`WXCC_PACK_PULUMI_VERSION=3.202.0 npx mocha dist/tests/package`).
 */
function pulumiOverride(): string[] {
  const version = process.env.WXCC_PACK_PULUMI_VERSION;
  return version ? [`@pulumi/pulumi@${version}`] : [];
}

/** Starts the packaged emulator CLI and resolves with its URL (the first stdout line). */
function startEmulatorCli(projectDir: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(
    process.execPath,
    [path.join(projectDir, "node_modules/pulumi-wxcc/dist/emulator/cli.js"), "--port", "0"],
    {
      cwd: projectDir,
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split("\n")[0];
      if (out.includes("\n")) resolve({ url: line.trim(), child });
    });
    child.once("exit", (code) =>
      reject(new Error(`wxcc-emulator exited with ${code} before printing its URL`)),
    );
  });
}

describe("package: npm pack → install in a Pulumi template project → tsc → harness", function () {
  this.timeout(900_000);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "wxcc-pack-"));
  const project = path.join(work, "consumer");
  let tarball = "";
  let files: string[] = [];

  before(async () => {
    const clone = path.join(work, "clone");
    copyWorkingTree(clone);
    const packed = await sh(NPM, ["pack", "--pack-destination", work], clone);
    expect(packed.code, packed.out).to.equal(0);
    tarball = path.join(work, fs.readdirSync(work).find((f) => f.endsWith(".tgz")) ?? "no tarball");
    const listing = await sh("tar", ["-tzf", tarball], work);
    files = listing.stdout
      .split("\n")
      .filter(Boolean)
      .map((f) => f.replace(/^package\//, ""));
    writeConsumerProject(project);
    const installed = await sh(
      NPM,
      [
        "install",
        "--prefer-offline",
        "--no-audit",
        "--no-fund",
        "--loglevel=error",
        tarball,
        ...pulumiOverride(),
      ],
      project,
    );
    expect(installed.code, installed.out).to.equal(0);
  });

  after(() => fs.rmSync(work, { recursive: true, force: true }));

  it("holds the runtime only: SDK, provider, emulator, harness, plan reporter, docs, LICENSE, CHANGELOG", () => {
    for (const needed of [
      "LICENSE",
      "CHANGELOG.md",
      "README.md",
      "package.json",
      "dist/sdk/index.js",
      "dist/sdk/index.d.ts",
      "dist/provider/index.js",
      "dist/emulator/cli.js",
      "dist/testing/index.js",
      "dist/scripts/plan-reporter/cli.js",
      "dist/scripts/export/cli.js",
      "docs/testing.md",
    ]) {
      expect(files, needed).to.include(needed);
    }
    const strays = files.filter(
      (f) =>
        /^dist\/(tests|bench|examples)\//.test(f) ||
        /^dist\/scripts\/(demo|generate)/.test(f) ||
        f.endsWith(".map"),
    );
    expect(strays).to.deep.equal([]);
    expect(fs.readFileSync(path.join(project, "node_modules/pulumi-wxcc/LICENSE"), "utf8")).to.include(
      "Apache License\n                           Version 2.0, January 2004",
    );
    const manifest = JSON.parse(
      fs.readFileSync(path.join(project, "node_modules/pulumi-wxcc/package.json"), "utf8"),
    );
    expect(manifest.private).to.equal(undefined);
    expect(manifest.peerDependencies["@pulumi/pulumi"]).to.match(/^>=3\.\d+\.\d+ <4$/);
    expect(manifest.dependencies["@pulumi/pulumi"]).to.equal(undefined);
    // One copy of @pulumi/pulumi: the project's.
    expect(
      fs.existsSync(path.join(project, "node_modules/pulumi-wxcc/node_modules/@pulumi/pulumi")),
    ).to.equal(false);
  });

  it("installs the wxcc-export bin, which runs from the package", async () => {
    const help = await sh(
      process.execPath,
      [path.join(project, "node_modules/pulumi-wxcc/dist/scripts/export/cli.js"), "--help"],
      project,
    );
    expect(help.code, help.out).to.equal(0);
    expect(help.out).to.include("--compare");
    expect(fs.existsSync(path.join(project, "node_modules/.bin/wxcc-export"))).to.equal(true);
  });

  it("compiles unchanged under the template's tsconfig of today (nodenext)", async () => {
    const tsc = await sh(
      process.execPath,
      ["node_modules/typescript/bin/tsc", "-p", "tsconfig.json", "--pretty", "false"],
      project,
    );
    expect(tsc.out).to.equal("");
    expect(tsc.code).to.equal(0);
  });

  it("compiles under the 2024-2026 template tsconfig (commonjs/node); typos are errors naming the field", async () => {
    const tsc = await sh(
      process.execPath,
      ["node_modules/typescript/bin/tsc", "-p", "tsconfig.2024.json", "--noEmit", "--pretty", "false"],
      project,
    );
    const errors = tsc.out.split("\n").filter((line) => line.includes("error TS"));
    // Only the fixture's three typos: nothing from index.ts, the package's declarations or its dependencies.
    expect(errors.map((line) => line.split("(")[0])).to.deep.equal(["typos.ts", "typos.ts", "typos.ts"]);
    expect(errors[0]).to.include("'pasword' does not exist");
    expect(errors[1]).to.include("'softphoneHieght' does not exist");
    expect(errors[2]).to.include("'acess' does not exist");
  });

  it("stores a provider text with no implementation code for every resource class, installed (issue #15)", () => {
    const report = assertLeanProviderTexts(project);
    expect(Object.keys(report.texts)).to.include.members([
      "pulumi-nodejs:dynamic/wxcc:DesktopLayout",
      "pulumi-nodejs:dynamic/wxcc:Flow",
    ]);
    expect(Object.keys(report.texts).sort()).to.deep.equal(report.tokens);
    // The texts reach the installed package's implementation, not this repository's.
    expect(fs.realpathSync(report.implementation)).to.equal(
      fs.realpathSync(path.join(project, "node_modules/pulumi-wxcc/dist/provider/index.js")),
    );
  });

  it("runs the program's preview, up and destroy through the harness against `wxcc-emulator`", async () => {
    const { url, child } = await startEmulatorCli(project);
    try {
      const rehearsal = await sh(
        process.execPath,
        [
          "-e",
          `require("./bin/index.js").rehearse(${JSON.stringify(url)}).then((log) => console.log(JSON.stringify(log)))`,
        ],
        project,
      );
      expect(rehearsal.code, rehearsal.out).to.equal(0);
      expect(JSON.parse(rehearsal.stdout.trim().split("\n").pop() ?? "")).to.deep.equal([
        "preview:create:orders",
        "up:create:orders",
        "destroy:delete:orders",
        "isInstance:true",
      ]);
    } finally {
      child.kill("SIGTERM");
    }
  });

  it("runs the bench on the installed package (--installed), as users run it", async () => {
    const results = await runBench({
      orgs: 1,
      latencyMs: 0,
      rateLimit: 300,
      parallel: 4,
      liveRate: 0,
      out: path.join(work, "bench.json"),
      installed: project,
    });
    const { version } = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as {
      version: string;
    };
    expect(results.options.installed).to.equal(`installed package ${version} in ${project}`);
    for (const scenario of [results.rollout, results.refresh, results.preview, results.rotation]) {
      expect(scenario?.measure.ok, scenario?.measure.error).to.equal(true);
    }
    expect(results.cost?.provider.maxBytes).to.be.at.most(1024);
    expect(results.cost?.state.meanBytesPerResource).to.be.at.most(3 * 1024);
  });
});
