// The bench's command-line options: defaults sized to finish in about two minutes on a 2-core machine, and a
// clear message naming the flag for anything malformed.
import * as path from "node:path";

export interface BenchOptions {
  /** Customer orgs in the one stack (each gets the six connector kinds). */
  orgs: number;
  /** Delay the emulator adds to every product request. */
  latencyMs: number;
  /** Requests per minute per OAuth client, enforced by the emulator (Webex's documented limit is 300). */
  rateLimit: number;
  /** Resource operations the harness runs at once (the CLI's --parallel); Infinity for no limit. */
  parallel: number;
  /** Live traffic per org, in requests per minute, sharing each org's quota while the bench runs. */
  liveRate: number;
  /** Where the JSON results go. */
  out: string;
  /**
   * Record the run: results to bench/results/orgs-<n>-parallel-<p>.json (unless --out is given), then
   * docs/benchmarks.md and its chart regenerated from every recorded run.
   */
  record?: boolean;
  /**
   * A project with pulumi-wxcc installed from the tarball (node_modules/pulumi-wxcc): the program, the
   * harness and the plugin then run the package as users run it, instead of the repository's build.
   */
  installed?: string;
}

export const REPO_ROOT = path.resolve(__dirname, "../..");

/**
 * Where a run that is not recorded writes its JSON unless --out says otherwise: beside the recorded runs but
 * ignored by git, so trying a run (or measuring the installed package) never overwrites the recorded
 * defaults the docs are generated from.
 */
export const UNRECORDED_OUT = path.join(REPO_ROOT, "bench/results/unrecorded.json");

export const DEFAULTS: BenchOptions = {
  orgs: 20,
  latencyMs: 100,
  rateLimit: 300,
  parallel: 4,
  liveRate: 60,
  out: UNRECORDED_OUT,
};

export const MAX_ORGS = 500;

export const USAGE = `Usage: npm run bench -- [options]

  --orgs <n>          customer orgs in the one stack, 1-${MAX_ORGS} (default ${DEFAULTS.orgs}); each gets the six connector kinds
  --latency-ms <ms>   latency the emulator adds to every API request (default ${DEFAULTS.latencyMs})
  --rate-limit <n>    requests per minute per OAuth client (default ${DEFAULTS.rateLimit}, Webex's limit)
  --parallel <n>      resource operations at once, like pulumi up --parallel; "unbounded" for no limit (default ${DEFAULTS.parallel})
  --live-rate <n>     live API traffic per org per minute sharing each org's quota (default ${DEFAULTS.liveRate}; 0 for none)
  --out <file>        where to write the JSON results (default bench/results/unrecorded.json, which git
                      ignores; with --record the recorded run's file)
  --installed <dir>   run the package installed in that project (node_modules/pulumi-wxcc, from npm pack)
                      instead of the repository's build; not recorded
  --record            keep the run as bench/results/orgs-<n>-parallel-<p>.json (latest.json at the defaults)
                      and regenerate docs/benchmarks.md and docs/bench-growth.svg from every recorded run
  --help              this text`;

export class UsageError extends Error {
  override readonly name = "UsageError";
}

function integer(flag: string, text: string | undefined, min: number, max: number, example: number): number {
  const value = text === undefined ? Number.NaN : Number(text);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new UsageError(
      `${flag} must be a whole number from ${min} to ${max}; got ${JSON.stringify(text ?? "")}. Example: ${flag} ${example}`,
    );
  }
  return value;
}

/** Parses argv (without node and the script); returns undefined for --help. */
export function parseOptions(argv: readonly string[]): BenchOptions | undefined {
  const options: BenchOptions = { ...DEFAULTS };
  let outGiven = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--help" || arg === "-h") return undefined;
    if (arg === "--record") {
      options.record = true;
      continue;
    }
    const [flag, inline] = arg.includes("=")
      ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)]
      : [arg, undefined];
    const value = () => {
      if (inline !== undefined) return inline;
      const next = argv[i + 1];
      if (next === undefined || next.startsWith("--"))
        throw new UsageError(`${flag} needs a value.\n\n${USAGE}`);
      i++;
      return next;
    };
    switch (flag) {
      case "--orgs":
        options.orgs = integer(flag, value(), 1, MAX_ORGS, DEFAULTS.orgs);
        break;
      case "--latency-ms":
        options.latencyMs = integer(flag, value(), 0, 10_000, DEFAULTS.latencyMs);
        break;
      case "--rate-limit":
        options.rateLimit = integer(flag, value(), 1, 100_000, DEFAULTS.rateLimit);
        break;
      case "--parallel": {
        const text = value();
        options.parallel =
          text === "unbounded" ? Number.POSITIVE_INFINITY : integer(flag, text, 1, 10_000, DEFAULTS.parallel);
        break;
      }
      case "--live-rate":
        options.liveRate = integer(flag, value(), 0, 100_000, DEFAULTS.liveRate);
        break;
      case "--out":
        options.out = path.resolve(value());
        outGiven = true;
        break;
      case "--installed":
        options.installed = path.resolve(value());
        break;
      default:
        throw new UsageError(`Unknown option ${JSON.stringify(arg)}.\n\n${USAGE}`);
    }
  }
  if (options.record && options.installed) {
    throw new UsageError(
      "--record keeps runs of the repository's build; leave it out with --installed (use --out to keep the JSON).",
    );
  }
  if (options.record && !outGiven) {
    options.out = path.join(
      REPO_ROOT,
      "bench/results",
      isDefaultRun(options) ? LATEST_RESULTS : recordedName(options.orgs, options.parallel),
    );
  }
  if (options.liveRate >= options.rateLimit) {
    throw new UsageError(
      `--live-rate (${options.liveRate}) must stay below --rate-limit (${options.rateLimit}): live traffic alone would use each org's whole quota and the rollout could never finish.`,
    );
  }
  return options;
}

/** The file a recorded run at the defaults is kept in (and the docs' latest results are read from). */
export const LATEST_RESULTS = "latest.json";

/** The defaults in every figure that shapes the run: recorded as LATEST_RESULTS. */
function isDefaultRun(o: BenchOptions): boolean {
  return (["orgs", "latencyMs", "rateLimit", "parallel", "liveRate"] as const).every(
    (k) => o[k] === DEFAULTS[k],
  );
}

/** Where --record keeps a run that is not the default one. */
export function recordedName(orgs: number, parallel: number): string {
  return `orgs-${orgs}-parallel-${Number.isFinite(parallel) ? parallel : "unbounded"}.json`;
}
