#!/usr/bin/env node
// Rolls the multi-org program out to many orgs kept as one stack per org, with the Pulumi Automation API:
// preview every stack, update a canary org first, then the rest a few at a time, stopping at the first
// failure, and print a table per org. Each stack's Pulumi.<stack>.yaml sets its own wxcc:orgId (and
// region and credentials); the program deploys to it when multi-org:orgs is not set.
//
//   npm run build && cd examples/multi-org
//   node ../../dist/examples/multi-org/rollout.js --canary emea --concurrency 2
//
// The Automation API drives the Pulumi CLI, so this script needs `pulumi` on PATH (unlike the demo and the
// tests, which drive Pulumi's engine plugin directly).
import { accessSync, constants, readdirSync } from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { LocalWorkspace } from "@pulumi/pulumi/automation";
import {
  type ChangeCounts,
  describeCounts,
  type RolloutEvent,
  type RolloutTarget,
  renderReport,
  rollout,
} from "./rollout-core";

const USAGE = `Usage: rollout [options]

  --work-dir <dir>     the multi-org project directory (default: the current directory)
  --stacks <a,b,c>     the stacks to roll out, in order (default: every Pulumi.<stack>.yaml there)
  --canary <stack>     updated first, alone (default: the first stack)
  --concurrency <n>    stacks previewed or updated at once after the canary (default 2)
  --preview-only       preview every stack and stop
  -h, --help           show this help

Exit codes: 0 rolled out (or previewed), 1 a stack failed or bad options, 3 the Pulumi CLI is missing.
`;

export const EXIT_CLI_MISSING = 3;

export interface RolloutIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

/** The Pulumi CLI the Automation API would run, or undefined when there is none on PATH. */
export function findPulumiCli(env: NodeJS.ProcessEnv): string | undefined {
  const names = process.platform === "win32" ? ["pulumi.exe", "pulumi.cmd"] : ["pulumi"];
  for (const dir of (env.PATH ?? "").split(path.delimiter).filter(Boolean)) {
    for (const name of names) {
      const candidate = path.join(dir, name);
      try {
        accessSync(candidate, constants.X_OK);
        return candidate;
      } catch {
        // not here; keep looking
      }
    }
  }
  return undefined;
}

export function missingCliMessage(): string {
  return [
    "rollout: the Pulumi CLI was not found on PATH.",
    "This script uses the Pulumi Automation API (@pulumi/pulumi/automation), which runs the `pulumi` command",
    "for every preview and update. Install the CLI (https://www.pulumi.com/docs/iac/download-install/),",
    "make sure `pulumi version` works in this shell, then run the rollout again.",
    "(The demo and the tests need no CLI: they drive Pulumi's engine plugin through pulumi-wxcc/testing.)",
    "",
  ].join("\n");
}

export async function main(argv: string[], io: RolloutIo): Promise<number> {
  let args: ReturnType<typeof parse>;
  try {
    args = parse(argv);
  } catch (error) {
    io.stderr(`rollout: ${(error as Error).message}\n\n${USAGE}`);
    return 1;
  }
  if (args.values.help) {
    io.stdout(USAGE);
    return 0;
  }
  if (!findPulumiCli(io.env)) {
    io.stderr(missingCliMessage());
    return EXIT_CLI_MISSING;
  }
  const workDir = path.resolve(io.cwd, args.values["work-dir"] ?? ".");
  const stackNames =
    args.values.stacks
      ?.split(",")
      .map((s) => s.trim())
      .filter(Boolean) ?? discoverStacks(workDir);
  if (stackNames.length === 0) {
    io.stderr(
      `rollout: no stacks in ${workDir}: add Pulumi.<stack>.yaml files there, or pass --stacks a,b,c.\n`,
    );
    return 1;
  }
  const concurrency = Number(args.values.concurrency ?? "2");

  const targets = await Promise.all(stackNames.map((name) => automationTarget(workDir, name)));
  const started = Date.now();
  try {
    const report = await rollout(targets, {
      canary: args.values.canary,
      concurrency,
      previewOnly: args.values["preview-only"],
      onEvent: (event) => io.stdout(progressLine(event, started)),
    });
    io.stdout(`\n${renderReport(report)}`);
    return report.succeeded ? 0 : 1;
  } catch (error) {
    io.stderr(`rollout: ${(error as Error).message}\n`);
    return 1;
  }
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    options: {
      "work-dir": { type: "string" },
      stacks: { type: "string" },
      canary: { type: "string" },
      concurrency: { type: "string" },
      "preview-only": { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
}

export function discoverStacks(workDir: string): string[] {
  return readdirSync(workDir)
    .map((file) => /^Pulumi\.(.+)\.ya?ml$/.exec(file)?.[1])
    .filter((name): name is string => name !== undefined)
    .sort();
}

async function automationTarget(workDir: string, stackName: string): Promise<RolloutTarget> {
  const stack = await LocalWorkspace.selectStack({ stackName, workDir });
  const orgId = await stack.getConfig("wxcc:orgId").then(
    (value) => value.value,
    () => undefined,
  );
  return {
    name: stackName,
    orgId,
    async preview(): Promise<ChangeCounts> {
      const result = await stack.preview();
      return result.changeSummary as ChangeCounts;
    },
    async up(): Promise<ChangeCounts> {
      const result = await stack.up();
      return (result.summary.resourceChanges ?? {}) as ChangeCounts;
    },
  };
}

function progressLine(event: RolloutEvent, started: number): string {
  const at = `[${((Date.now() - started) / 1000).toFixed(1).padStart(5)}s]`;
  switch (event.type) {
    case "phase":
      return `${at} ${event.phase === "preview" ? "previewing" : event.phase === "canary" ? "canary" : "rolling out to"} ${event.stacks.join(", ")}\n`;
    case "start":
      return `${at}   ${event.action.padEnd(7)} ${event.stack} …\n`;
    case "done":
      return `${at}   ${event.action.padEnd(7)} ${event.stack}: ${describeCounts(event.counts)} (${(event.durationMs / 1000).toFixed(1)}s)\n`;
    case "failed":
      return `${at}   ${event.action.padEnd(7)} ${event.stack} FAILED: ${event.error}\n`;
    case "stopping":
      return `${at} stopping: ${event.reason}\n`;
  }
}

if (require.main === module) {
  main(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    env: process.env,
    cwd: process.cwd(),
  }).then((code) => {
    process.exitCode = code;
  });
}
