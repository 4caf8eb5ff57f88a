import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { expect } from "chai";
import { EmulatorControl } from "../../emulator";
import { Api } from "./helpers";

const CLI = resolve(__dirname, "../../emulator/cli.js");

describe("emulator: the wxcc-emulator CLI", () => {
  let child: ChildProcess | undefined;
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "wxcc-cli-"));
  });
  afterEach(async () => {
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = once(child, "exit");
      child.kill("SIGKILL");
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  });

  async function launch(args: string[]): Promise<{ url: string; stderr: () => string }> {
    child = spawn(process.execPath, [CLI, ...args], { stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr!.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const lines = createInterface({ input: child.stdout! });
    const [first] = (await Promise.race([
      once(lines, "line"),
      once(child, "exit").then(() => {
        throw new Error(`the CLI exited before printing its URL: ${stderr}`);
      }),
    ])) as [string];
    return { url: first, stderr: () => stderr };
  }

  it("prints its URL first, serves the API, persists state and stops on SIGTERM", async () => {
    const stateFile = join(dir, "state.json");
    const { url, stderr } = await launch([
      "--port",
      "0",
      "--state-file",
      stateFile,
      "--rate-limit",
      "100",
      "--latency-ms",
      "1",
    ]);
    expect(url).to.match(/^http:\/\/127\.0\.0\.1:\d+$/);
    const control = new EmulatorControl(url);
    const { orgId } = await control.createOrg({ orgId: "org-cli" });
    const admin = await control.createAdmin(orgId, { role: "full-admin" });
    const listed = await new Api(url, admin.accessToken).get(`/organization/${orgId}/v2/connector`);
    expect(listed.status).to.equal(200);
    expect(stderr()).to.contain(url);
    const exited = once(child!, "exit");
    child!.kill("SIGTERM");
    const [code] = await exited;
    expect(code).to.equal(0);
    expect(JSON.parse(readFileSync(stateFile, "utf8")).orgs).to.have.property("org-cli");
  });

  it("stops on SIGINT too", async () => {
    await launch(["--port", "0"]);
    const exited = once(child!, "exit");
    child!.kill("SIGINT");
    expect((await exited)[0]).to.equal(0);
  });

  it("explains a bad option and exits non-zero", async () => {
    child = spawn(process.execPath, [CLI, "--rate-limit", "many"], { stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr!.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const [code] = await once(child, "exit");
    expect(code).to.equal(2);
    expect(stderr).to.contain("--rate-limit").and.contain("usage:");
  });
});
