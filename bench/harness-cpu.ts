// The engine harness's own CPU per resource operation, for comparing two versions of the package (issue #15
// §4): `node dist/bench/harness-cpu.js [<built tree>] [orgs] [--memory]` rolls out, refreshes, previews and
// destroys `orgs` × 6 connectors (default 50, i.e. 300) from that tree's bench world and program, at zero
// latency, no live traffic, parallel 10, state in a file (in memory with --memory, where no version writes
// checkpoints during an operation), and prints this process's CPU ms per step of each operation. The
// emulator and the plugin run in processes of their own, so what is counted is the program and the harness.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

/** What every version's operations resolve with, as far as this script reads it. */
interface Outcome {
  ok: boolean;
  error?: string;
  steps: unknown[];
}

interface Tree {
  createWorld(o: { orgs: number; latencyMs: number; rateLimit: number }): Promise<{
    config: Record<string, unknown>;
    orgs: unknown[];
    secrets: unknown;
    emulator: { close(): Promise<void> };
  }>;
  rolloutProgram(orgs: unknown[], secrets: unknown): () => void;
  Stack: new (o: Record<string, unknown>) => {
    up(p: () => void): Promise<Outcome>;
    refresh(): Promise<Outcome>;
    preview(p: () => void): Promise<Outcome>;
    destroy(): Promise<Outcome>;
  };
}

export async function harnessCpu(
  root: string,
  orgs: number,
  state: "file" | "memory" = "file",
): Promise<Record<string, number>> {
  const tree: Tree = {
    ...require(path.join(root, "dist/bench/world")),
    ...require(path.join(root, "dist/bench/program")),
    ...require(path.join(root, "dist/testing")),
  };
  const world = await tree.createWorld({ orgs, latencyMs: 0, rateLimit: 100_000 });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "wxcc-harness-cpu-"));
  try {
    const stack = new tree.Stack({
      projectDir: root,
      project: "harness-cpu",
      stack: "s",
      config: world.config,
      stateFile: state === "file" ? path.join(dir, "state.json") : undefined,
      passphrase: "harness-cpu",
      parallel: 10,
    });
    const program = tree.rolloutProgram(world.orgs, world.secrets);
    const out: Record<string, number> = {};
    const operations = {
      rollout: () => stack.up(program),
      refresh: () => stack.refresh(),
      preview: () => stack.preview(program),
      destroy: () => stack.destroy(),
    };
    for (const [name, operation] of Object.entries(operations)) {
      const before = process.cpuUsage();
      const result = await operation();
      const cpu = process.cpuUsage(before);
      if (!result.ok) throw new Error(`${name} failed: ${result.error}`);
      out[name] = Math.round(((cpu.user + cpu.system) / 1000 / result.steps.length) * 100) / 100;
    }
    return out;
  } finally {
    await world.emulator.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const state = args.includes("--memory") ? "memory" : "file";
  const [tree, orgCount] = args.filter((a) => a !== "--memory");
  const root = path.resolve(tree ?? path.join(__dirname, "../.."));
  const orgs = Number(orgCount ?? 50);
  harnessCpu(root, orgs, state).then(
    (perOp) =>
      process.stdout.write(`${JSON.stringify({ root, connectors: orgs * 6, state, cpuMsPerOp: perOp })}\n`),
    (error: unknown) => {
      process.stderr.write(`harness-cpu: ${String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
