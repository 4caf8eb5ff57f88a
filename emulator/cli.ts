#!/usr/bin/env node
// wxcc-emulator: runs the emulator until SIGINT/SIGTERM. The first stdout line is the base URL alone, so
// scripts can read it; hints go to stderr.
import { parseArgs } from "node:util";
import { startEmulator } from "./index";

const USAGE = `usage: wxcc-emulator [--port N] [--state-file FILE] [--seed FILE] [--latency-ms N] [--rate-limit N] [--token-ttl SECONDS] [--request-log-size N]`;

function numberOption(values: Record<string, unknown>, name: string): number | undefined {
  const raw = values[name];
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (typeof raw !== "string" || raw.trim() === "" || !Number.isFinite(value)) {
    throw new Error(`--${name} must be a number (got ${JSON.stringify(raw)}).`);
  }
  return value;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: "string" },
      "state-file": { type: "string" },
      seed: { type: "string" },
      "latency-ms": { type: "string" },
      "rate-limit": { type: "string" },
      "token-ttl": { type: "string" },
      "request-log-size": { type: "string" },
      help: { type: "boolean", short: "h" },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const emulator = await startEmulator({
    port: numberOption(values, "port"),
    stateFile: values["state-file"],
    seed: values.seed,
    latencyMs: numberOption(values, "latency-ms"),
    rateLimitPerMinute: numberOption(values, "rate-limit"),
    tokenTtlSeconds: numberOption(values, "token-ttl"),
    requestLogSize: numberOption(values, "request-log-size"),
  });
  const stop = (signal: string) => {
    process.stderr.write(`wxcc-emulator: ${signal}, stopping\n`);
    emulator.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once("SIGINT", () => stop("SIGINT"));
  process.once("SIGTERM", () => stop("SIGTERM"));
  // Printed only once the signal handlers are in place, so a caller may stop us as soon as it has the URL.
  process.stdout.write(`${emulator.url}\n`);
  process.stderr.write(
    `wxcc-emulator: Webex Contact Center emulator on ${emulator.url} (control API under ${emulator.url}/_emulator/, docs/emulator.md). Ctrl-C stops it.\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`wxcc-emulator: ${(error as Error).message}\n${USAGE}\n`);
  process.exit(2);
});
