// npm run demo: the quickstart's whole lifecycle on the embedded emulator (see scripts/demo/run.ts).
//
//   npm run demo -- [--stop-after setup|preview|up|change|destroy] [--keep-emulator] [--no-color]
import { parseArgs } from "node:util";
import { DEMO_STEPS, type DemoStep, runDemo } from "./demo/run";

const USAGE = `Usage: npm run demo -- [options]

  --stop-after <step>   stop after one of: ${DEMO_STEPS.join(", ")} (the summary still prints)
  --keep-emulator       leave the emulator running at the end, until Ctrl-C
  --no-color            no colour even on a terminal (NO_COLOR is honoured too)
  -h, --help            show this help
`;

async function main(argv: string[]): Promise<number> {
  let values: ReturnType<typeof parse>["values"];
  try {
    values = parse(argv).values;
  } catch (error) {
    process.stderr.write(`demo: ${(error as Error).message}\n\n${USAGE}`);
    return 1;
  }
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const stopAfter = values["stop-after"];
  if (stopAfter !== undefined && !(DEMO_STEPS as readonly string[]).includes(stopAfter)) {
    process.stderr.write(`demo: --stop-after must be one of ${DEMO_STEPS.join(", ")}, not "${stopAfter}".\n`);
    return 1;
  }
  const color = process.stdout.isTTY === true && !values["no-color"] && !process.env.NO_COLOR;
  return runDemo({
    stopAfter: stopAfter as DemoStep | undefined,
    keepEmulator: values["keep-emulator"] === true,
    color,
    write: (text) => process.stdout.write(text),
  });
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    options: {
      "stop-after": { type: "string" },
      "keep-emulator": { type: "boolean" },
      "no-color": { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(
      `demo: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 1;
  },
);
