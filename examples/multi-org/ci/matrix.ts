// The GitHub Actions matrix for a rollout over one stack per org (.github/workflows/rollout.yml): the canary
// stack alone first, then the others, at most `maxParallel` jobs at once, each given its share of the OAuth
// client's rate limit. Writes `key=value` lines for $GITHUB_OUTPUT.
//
//   node dist/examples/multi-org/ci/matrix.js --work-dir examples/multi-org --canary emea \
//     --max-parallel 4 --rate-limit 300 [--clients shared|per-org] >> "$GITHUB_OUTPUT"
import { parseArgs } from "node:util";
import { discoverStacks } from "../rollout";

export interface MatrixInput {
  stacks: readonly string[];
  /** The stack updated alone first; default the first stack. */
  canary?: string;
  /** Jobs at once after the canary. */
  maxParallel: number;
  /** Requests a minute the OAuth client is allowed (Webex: 300). */
  rateLimitPerMinute: number;
  /**
   * "shared": every org is reached through one partner integration or service app, so the jobs running at
   * once share its limit; "per-org": each org has its own client and its own limit.
   */
  clients: "shared" | "per-org";
}

export interface Matrix {
  canary: string[];
  rest: string[];
  maxParallel: number;
  /** wxcc:rateLimitPerMinute for each job (WXCC_RATE_LIMIT_PER_MINUTE). */
  ratePerJob: number;
}

export function planMatrix(input: MatrixInput): Matrix {
  if (input.stacks.length === 0) throw new Error("no stacks: add Pulumi.<stack>.yaml files or pass --stacks");
  const canary = input.canary ?? input.stacks[0];
  if (!input.stacks.includes(canary)) {
    throw new Error(`--canary ${canary} is not one of the stacks (${input.stacks.join(", ")})`);
  }
  if (!Number.isInteger(input.maxParallel) || input.maxParallel < 1) {
    throw new Error(`--max-parallel must be a whole number of at least 1; got ${input.maxParallel}`);
  }
  const rest = input.stacks.filter((s) => s !== canary);
  const atOnce = Math.max(1, Math.min(input.maxParallel, rest.length));
  // The quota ledger paces processes on one machine only; runners are separate machines, so a shared
  // client's limit is divided up front among the jobs that can run at once.
  const ratePerJob =
    input.clients === "shared" ? Math.floor(input.rateLimitPerMinute / atOnce) : input.rateLimitPerMinute;
  if (ratePerJob < 1) {
    throw new Error(
      `a rate limit of ${input.rateLimitPerMinute}/min shared by ${atOnce} jobs leaves less than 1 request a minute each: lower --max-parallel`,
    );
  }
  return { canary: [canary], rest, maxParallel: atOnce, ratePerJob };
}

/** The matrix as $GITHUB_OUTPUT lines (JSON arrays for fromJSON in the workflow). */
export function githubOutput(matrix: Matrix): string {
  return [
    `canary=${JSON.stringify(matrix.canary)}`,
    `rest=${JSON.stringify(matrix.rest)}`,
    `max-parallel=${matrix.maxParallel}`,
    `rate-per-job=${matrix.ratePerJob}`,
    "",
  ].join("\n");
}

export function main(argv: string[]): string {
  const { values } = parseArgs({
    args: argv,
    options: {
      "work-dir": { type: "string", default: "." },
      stacks: { type: "string" },
      canary: { type: "string" },
      "max-parallel": { type: "string", default: "4" },
      "rate-limit": { type: "string", default: "300" },
      clients: { type: "string", default: "shared" },
    },
  });
  if (values.clients !== "shared" && values.clients !== "per-org") {
    throw new Error(`--clients must be "shared" or "per-org", not ${JSON.stringify(values.clients)}`);
  }
  const stacks = values.stacks
    ? values.stacks.split(",").map((s) => s.trim())
    : discoverStacks(values["work-dir"]);
  return githubOutput(
    planMatrix({
      stacks,
      canary: values.canary,
      maxParallel: Number(values["max-parallel"]),
      rateLimitPerMinute: Number(values["rate-limit"]),
      clients: values.clients,
    }),
  );
}

if (require.main === module) {
  try {
    process.stdout.write(main(process.argv.slice(2)));
  } catch (error) {
    process.stderr.write(`matrix: ${(error as Error).message}\n`);
    process.exitCode = 2;
  }
}
