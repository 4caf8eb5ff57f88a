// Pending operations: what a run killed half-way leaves, and what the next runs do with it, as in the engine
// (pkg/backend/snapshot.go, pkg/resource/deploy/deployment_executor.go). The state file a killed process
// leaves is the last checkpoint it wrote; each test copies the file while a gated operation is in flight,
// which is that checkpoint byte for byte, then carries on with the copy as the next process would.
import { spawn } from "node:child_process";
import { once } from "node:events";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { expect } from "chai";
import { pendingOperationsWarning } from "../../testing/pending-operations";
import { Stack, type StackOptions } from "../../testing/stack";
import { Gated } from "./fixtures/gate-provider";
import { Gate } from "./gate";

const TOKEN = "pending-op-token-plaintext";

describe("harness: pending operations after an interrupted run", function () {
  this.timeout(60_000);
  let gate: Gate;
  let dir: string;

  const optionsFor = (file: string): StackOptions => ({
    projectDir: path.join(__dirname, "fixtures"),
    project: "gateproj",
    stack: "dev",
    env: { GATE_URL: gate.url },
    stateFile: path.join(dir, file),
    passphrase: "pending-test",
    parallel: 1,
  });
  const stackOn = (file: string) => new Stack(optionsFor(file));
  const program = () => {
    new Gated("a", undefined, pulumi.secret(TOKEN));
  };
  const pending = (stack: Stack) =>
    stack.pendingOperations().map((op) => `${op.type} ${op.resource.urn.split("::").pop()}`);
  const warnings = (result: { diagnostics: Array<{ severity: string; message: string }> }) =>
    result.diagnostics.filter((d) => d.severity === "warning").map((d) => d.message);
  /** Runs an operation through the gate, letting each named call through as it arrives. */
  const through = async <T>(operation: Promise<T>, ...calls: string[]): Promise<T> => {
    for (const call of calls) await gate.letThrough(call);
    return operation;
  };

  beforeEach(async () => {
    gate = new Gate();
    await gate.start();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "wxcc-pending-"));
  });
  afterEach(async () => {
    await gate.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("keeps an interrupted create, warns of it at each up, and drops it only when refresh is told to", async () => {
    const stack = stackOn("state.json");
    const up = stack.up(program);
    await gate.arrived("create:a");
    fs.copyFileSync(path.join(dir, "state.json"), path.join(dir, "killed.json"));
    gate.release("create:a");
    (await up).assertOk();

    const raw = fs.readFileSync(path.join(dir, "killed.json"), "utf8");
    expect(raw).to.contain('"pending_operations"').and.contain('"type":"creating"');
    for (const form of [TOKEN, Buffer.from(TOKEN).toString("base64"), Buffer.from(TOKEN).toString("hex")]) {
      expect(raw).not.to.contain(form);
    }
    const next = stackOn("killed.json");
    const [op] = next.pendingOperations();
    expect(op.type).to.equal("creating");
    expect(op.resource.id).to.equal(undefined);
    expect(op.resource.inputs.token).to.deep.include({ value: TOKEN });
    expect(next.resources()).to.deep.equal([]);

    // A preview says nothing; an up warns with the engine's words, creates, and keeps the record.
    expect(warnings(await through(next.preview(program)))).to.deep.equal([]);
    const upAgain = await through(next.up(program), "create:a");
    upAgain.assertOk();
    expect(warnings(upAgain)).to.deep.equal([pendingOperationsWarning([op])]);
    expect(warnings(upAgain)[0]).to.contain(`  * ${op.resource.urn}, interrupted while creating\n`);
    expect(pending(next)).to.deep.equal(["creating a"]);
    expect(next.resource("a")?.id).to.equal("id-a");

    (await through(next.refresh(), "read:a")).assertOk();
    expect(pending(next)).to.deep.equal(["creating a"]);
    (await through(next.refresh({ clearPendingCreates: true }), "read:a")).assertOk();
    expect(pending(next)).to.deep.equal([]);
    expect(fs.readFileSync(path.join(dir, "killed.json"), "utf8")).not.to.contain("pending_operations");
    expect(warnings(await next.up(program))).to.deep.equal([]);
  });

  it("reports an interrupted delete once: the next destroy warns and its snapshot drops the record", async () => {
    const stack = stackOn("state.json");
    (await through(stack.up(program), "create:a")).assertOk();
    const destroy = stack.destroy();
    await gate.arrived("delete:a");
    fs.copyFileSync(path.join(dir, "state.json"), path.join(dir, "killed.json"));
    gate.release("delete:a");
    (await destroy).assertOk();

    const next = stackOn("killed.json");
    expect(pending(next)).to.deep.equal(["deleting a"]);
    expect(next.resource("a")?.id).to.equal("id-a");
    const result = await through(next.destroy(), "delete:a");
    result.assertOk();
    expect(warnings(result)).to.have.length(1);
    expect(warnings(result)[0]).to.contain("with 1 pending operations from previous deployment.\n");
    expect(warnings(result)[0]).to.contain("::a, interrupted while deleting\n");
    expect(pending(next)).to.deep.equal([]);
    expect(next.resources()).to.deep.equal([]);
  });

  it("leaves the pending create in the file when the process running the up is killed", async () => {
    // The up runs in a process of its own, in a process group with its plugin, and the group is killed
    // while the create waits at the gate: nothing of the harness runs after that.
    const script = path.join(dir, "up.js");
    fs.writeFileSync(
      script,
      [
        `const pulumi = require(${JSON.stringify(require.resolve("@pulumi/pulumi"))});`,
        `const { Stack } = require(${JSON.stringify(require.resolve("../../testing/stack"))});`,
        `const { Gated } = require(${JSON.stringify(require.resolve("./fixtures/gate-provider"))});`,
        `const stack = new Stack(${JSON.stringify(optionsFor("state.json"))});`,
        `stack.up(() => { new Gated("a", undefined, pulumi.secret(${JSON.stringify(TOKEN)})); });`,
      ].join("\n"),
    );
    const child = spawn(process.execPath, [script], { detached: true, stdio: "ignore" });
    const exited = once(child, "exit");
    await gate.arrived("create:a");
    process.kill(-child.pid!, "SIGKILL");
    await exited;
    await gate.gone("create:a");

    const next = stackOn("state.json");
    expect(pending(next)).to.deep.equal(["creating a"]);
    expect(fs.readFileSync(path.join(dir, "state.json"), "utf8")).not.to.contain(TOKEN);
    const result = await through(next.up(program), "create:a");
    result.assertOk();
    expect(warnings(result)[0]).to.contain("::a, interrupted while creating\n");
  });

  it("refuses a clearPendingCreates that is not a boolean, naming the option", async () => {
    const stack = stackOn("state.json");
    let message = "";
    try {
      await stack.refresh({ clearPendingCreates: "yes" as unknown as boolean });
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).to.equal('refresh option clearPendingCreates: expected true or false, got "yes"');
  });
});
