// npm run bench [-- options]: runs the benchmark, prints the table, writes the JSON results. Exit codes: 0
// every target met, 1 a target missed or the run failed, 2 bad options.
import * as fs from "node:fs";
import * as path from "node:path";
import { runBench } from "./bench";
import { regenerateDocs } from "./docs";
import { parseOptions, USAGE, UsageError } from "./options";
import { formatTable, header, misses, rows } from "./report";

async function main(): Promise<number> {
  let options: ReturnType<typeof parseOptions>;
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n`);
      return 2;
    }
    throw error;
  }
  if (!options) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const results = await runBench(options, { progress: (line) => process.stderr.write(`bench: ${line}\n`) });
  const table = rows(results);
  const text = [...header(results), "", formatTable(table)].join("\n");
  process.stdout.write(`${text}\n`);
  fs.mkdirSync(path.dirname(options.out), { recursive: true });
  fs.writeFileSync(options.out, `${JSON.stringify({ ...results, table }, null, 2)}\n`);
  process.stderr.write(`bench: results written to ${path.relative(process.cwd(), options.out)}\n`);
  if (options.record) {
    regenerateDocs();
    process.stderr.write(
      "bench: docs/benchmarks.md and docs/bench-growth.svg regenerated from bench/results\n",
    );
  }
  const missed = misses(table);
  if (missed.length > 0) {
    process.stderr.write(`bench: MISSED ${missed.length} target(s): ${missed.join("; ")}\n`);
    return 1;
  }
  return 0;
}

// Ctrl-C or a kill: exit through process.exit, so the emulator's exit hook stops it too.
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    process.stderr.write(`bench: ${signal}, stopping\n`);
    process.exit(130);
  });
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`bench: failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
