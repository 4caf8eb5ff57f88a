// Pending operations, as the engine keeps them (pkg/backend/snapshot.go, pkg/resource/operation.go): before
// each create, update, delete and read the checkpoint records the operation, and the step's end removes it.
// A process that dies in between (a killed test run, a crashed CI job) leaves the record in the state file,
// so the next run can say which objects may exist, or may have changed, without the state knowing.
import type { OperationType, PendingOperation, ResourceState, Snapshot } from "./state";

/**
 * The operations in flight in one run (each begin and end is a checkpoint), and the pending operations the
 * run's snapshot carries over from the old one.
 */
export class OperationsInFlight {
  private readonly running = new Set<PendingOperation>();
  private readonly carried: PendingOperation[];

  /** `checkpoint` writes the state including list(); undefined when nothing is written (previews, memory). */
  constructor(
    private readonly checkpoint: (() => void) | undefined,
    old: Snapshot,
  ) {
    this.carried = carriedPendingCreates(old);
  }

  /**
   * Runs a provider call as a pending operation: recorded in a checkpoint before the call and dropped when
   * it returns. The step's end writes the next checkpoint (snapshot.go's End mutation): after a success the
   * commit does, after a failure the caller calls failed().
   */
  async during<T>(type: OperationType, resource: ResourceState, call: () => Promise<T>): Promise<T> {
    const operation: PendingOperation = { type, resource };
    this.running.add(operation);
    this.checkpoint?.();
    try {
      return await call();
    } finally {
      this.running.delete(operation);
    }
  }

  /** The end of a failed step: its operation is no longer pending, which the checkpoint records. */
  failed(): void {
    this.checkpoint?.();
  }

  /** What the next checkpoint records: the operations still running, then the carried ones. */
  list(): PendingOperation[] {
    return [...this.running, ...this.carried];
  }
}

/**
 * What a new snapshot keeps of the old one's pending operations: only the creates (snapshot.go Snap). An
 * interrupted create may have made an object the state has no id for, so the engine keeps it until the
 * user says what became of it (`pulumi refresh`; here `refresh({ clearPendingCreates: true })`). An
 * interrupted update or delete names a resource still in the state, which the next run reads or acts on.
 */
export function carriedPendingCreates(old: Snapshot): PendingOperation[] {
  return (old.pendingOperations ?? []).filter((op) => op.type === "creating");
}

/** The engine's warning when an update or destroy starts with pending operations (deployment_executor.go). */
export function pendingOperationsWarning(pending: readonly PendingOperation[]): string {
  const listed = pending.map((op) => `  * ${op.resource.urn}, interrupted while ${op.type}\n`).join("");
  return (
    `Attempting to deploy or update resources with ${pending.length} pending operations from previous deployment.\n` +
    listed +
    "These resources are in an unknown state because the Pulumi CLI was interrupted while " +
    "waiting for changes to these resources to complete. You should confirm whether or not the " +
    "operations listed completed successfully by checking the state of the appropriate provider. " +
    "For example, if you are using AWS, you can confirm using the AWS Console.\n" +
    "\n" +
    "Once you have confirmed the status of the interrupted operations, you can repair your stack " +
    "using `pulumi refresh` which will refresh the state from the provider you are using and " +
    "clear the pending operations if there are any.\n" +
    "\n" +
    "Note that `pulumi refresh` will need to be run interactively to clear pending CREATE operations."
  );
}
