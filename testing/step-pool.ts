// How many resource operations run at once: the CLI's `--parallel` (pulumi/pulumi pkg/resource/deploy/
// step_executor.go runs each chain of steps on a pool of that many workers; the CLI's default is unbounded).
// Work waits for a free slot in the order it asked for one, so steps start in registration order.

/** The CLI's default: no limit. */
export const UNBOUNDED = Number.POSITIVE_INFINITY;

/** Checks a `parallel` option: a positive integer, or Infinity for no limit. */
export function parallelism(value: number | undefined, field = "parallel"): number {
  if (value === undefined) return UNBOUNDED;
  if (value === UNBOUNDED || (Number.isInteger(value) && value >= 1)) return value;
  throw new Error(
    `Stack option ${field} must be a positive integer (1 runs one step at a time) or Infinity for no limit, like the CLI's --parallel; got ${String(value)}`,
  );
}

export class StepPool {
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(readonly limit: number) {
    parallelism(limit);
  }

  /** Runs `work` once a slot is free; the slot is released however it ends. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    await this.acquire();
    try {
      return await work();
    } finally {
      this.release();
    }
  }

  private acquire(): Promise<void> | undefined {
    if (this.running < this.limit) {
      this.running++;
      return undefined;
    }
    return new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  private release(): void {
    // The slot passes straight to the next waiter, so nobody can take it in between.
    const next = this.waiting.shift();
    if (next) next();
    else this.running--;
  }
}

/**
 * Runs `work` for every item, at most `pool.limit` at once, an item only after the items it must follow
 * have finished. `after(item)` may only name items earlier in the list, so the order can never deadlock.
 * Once `stopped()` is true, or a work item threw, nothing new starts (in-flight work finishes), as the CLI
 * does after a failure; the first error thrown is rethrown once everything has settled.
 */
export async function runOrdered<T>(
  items: readonly T[],
  after: (item: T, index: number) => readonly T[],
  pool: StepPool,
  stopped: () => boolean,
  work: (item: T, index: number) => Promise<void>,
): Promise<void> {
  // Each item's promise settles (never rejects) once its work has ended or been skipped.
  const finished = new Map<T, Promise<void>>();
  let firstError: { error: unknown } | undefined;
  const all = items.map((item, index) => {
    const blockers = after(item, index).map((b) => {
      const done = finished.get(b);
      if (!done) throw new Error("runOrdered: an item may only follow items earlier in the list");
      return done;
    });
    const done = Promise.all(blockers)
      .then(async () => {
        if (stopped() || firstError) return;
        await pool.run(async () => {
          if (!stopped() && !firstError) await work(item, index);
        });
      })
      .catch((error: unknown) => {
        firstError ??= { error };
      });
    finished.set(item, done);
    return done;
  });
  await Promise.all(all);
  if (firstError) throw firstError.error;
}
