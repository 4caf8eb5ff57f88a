#!/usr/bin/env node
// wxcc-plan: reads `pulumi preview --json` (a file or stdin) and writes the plan as Markdown (or as text
// for a terminal), optionally a JSON summary. Exit codes follow `terraform plan -detailed-exitcode`:
// 0 no changes, 2 changes, 1 error (unreadable input, or a preview that reported errors).
import { readFileSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { renderMarkdown } from "./markdown";
import { buildPlan } from "./plan";
import { PreviewInputError, parsePreviewJson } from "./preview-json";
import { toSummary } from "./summary";
import { renderText } from "./text";

export const EXIT_NO_CHANGES = 0;
export const EXIT_ERROR = 1;
export const EXIT_CHANGES = 2;

const USAGE = `Usage: wxcc-plan [preview.json | -] [options]

Reads the JSON of \`pulumi preview --json\` from the file, or from stdin when no file (or -) is given,
and writes the plan of pulumi-wxcc resources per Contact Center org.

Options:
  --out <file>        write the report to <file> instead of stdout
  --json-out <file>   also write a JSON summary for machines (field names only, never values)
  --format <format>   markdown (default; a pull-request comment) or text (for a terminal)
  --color             colour the text format (default: when stdout is a terminal)
  --no-color          never colour
  -h, --help          show this help

Exit codes: 0 no changes, 2 changes, 1 error.
`;

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  readStdin: () => string;
  stdinIsTty: boolean;
  stdoutIsTty: boolean;
}

export function runCli(argv: string[], io: CliIo): number {
  let args: ReturnType<typeof parse>;
  try {
    args = parse(argv);
  } catch (error) {
    io.stderr(`wxcc-plan: ${(error as Error).message}\n\n${USAGE}`);
    return EXIT_ERROR;
  }
  if (args.values.help) {
    io.stdout(USAGE);
    return EXIT_NO_CHANGES;
  }
  const format = args.values.format ?? "markdown";
  if (format !== "markdown" && format !== "text") {
    io.stderr(`wxcc-plan: --format must be "markdown" or "text", not "${format}".\n`);
    return EXIT_ERROR;
  }
  if (args.positionals.length > 1) {
    io.stderr(`wxcc-plan: expected at most one input file, got ${args.positionals.length}.\n\n${USAGE}`);
    return EXIT_ERROR;
  }
  try {
    const file = args.positionals[0];
    const fromStdin = file === undefined || file === "-";
    if (fromStdin && io.stdinIsTty) {
      throw new PreviewInputError(
        "no input: pass a file (wxcc-plan preview.json) or pipe one in (pulumi preview --json | wxcc-plan).",
      );
    }
    const text = fromStdin ? io.readStdin() : readInput(file);
    const plan = buildPlan(parsePreviewJson(text, fromStdin ? "stdin" : file));
    const color = args.values["no-color"]
      ? false
      : (args.values.color ?? (io.stdoutIsTty && !args.values.out));
    const report = format === "text" ? renderText(plan, { color }) : renderMarkdown(plan);
    if (args.values.out) writeFileSync(args.values.out, report);
    else io.stdout(report);
    if (args.values["json-out"]) {
      writeFileSync(args.values["json-out"], `${JSON.stringify(toSummary(plan), null, 2)}\n`);
    }
    if (plan.hasErrors) {
      io.stderr("wxcc-plan: the preview reported errors; the plan is incomplete.\n");
      return EXIT_ERROR;
    }
    return plan.hasChanges ? EXIT_CHANGES : EXIT_NO_CHANGES;
  } catch (error) {
    const message =
      error instanceof PreviewInputError ? error.message : `unexpected failure: ${String(error)}`;
    io.stderr(`wxcc-plan: ${message}\n`);
    return EXIT_ERROR;
  }
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      out: { type: "string" },
      "json-out": { type: "string" },
      format: { type: "string" },
      color: { type: "boolean" },
      "no-color": { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
}

function readInput(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "it is a directory" : String(code);
    throw new PreviewInputError(
      `cannot read ${file}: ${why}. Pass the file \`pulumi preview --json\` wrote.`,
    );
  }
}

if (require.main === module) {
  process.exitCode = runCli(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    readStdin: () => readFileSync(0, "utf8"),
    stdinIsTty: process.stdin.isTTY === true,
    stdoutIsTty: process.stdout.isTTY === true,
  });
}
