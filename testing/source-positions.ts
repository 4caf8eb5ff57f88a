// For every resource a program constructs, @pulumi/pulumi captures the whole call stack (Error.stackTraceLimit
// raised to Infinity), parses each frame and turns each file into a URL, to send the engine the resource's
// source position and stack trace (RegisterResourceRequest.sourcePosition, .stackTrace). The harness's
// engine reads neither: its state, steps and diagnostics carry no source positions. Capturing them was a
// measurable share of the harness's own CPU per resource, so for a resource constructed by a program the
// harness runs, the runtime is handed an empty trace, as it is when no position can be found; for any other
// program in the process (a user's own runtime mocks, say), nothing is changed.

interface ResourceClass {
  stackTrace(skip: number): unknown[];
}

const WRAPPED = Symbol.for("pulumi-wxcc/testing:source-positions");

/**
 * Makes Resource.stackTrace answer `[]` when `inHarnessProgram()` (once per @pulumi/pulumi copy; the first
 * caller's predicate is kept).
 */
export function skipUnreadSourcePositions(inHarnessProgram: () => boolean): void {
  const Resource = (require("@pulumi/pulumi/resource") as { Resource?: ResourceClass }).Resource;
  const original = Resource?.stackTrace as (ResourceClass["stackTrace"] & { [WRAPPED]?: true }) | undefined;
  // A runtime that captures no trace (or already wrapped): nothing to do.
  if (Resource === undefined || typeof original !== "function" || original[WRAPPED]) return;
  const wrapped = function stackTrace(this: unknown, skip: number): unknown[] {
    return inHarnessProgram() ? [] : original.call(this, skip);
  };
  Object.defineProperty(wrapped, WRAPPED, { value: true });
  // The constructor calls it as `Resource.stackTrace(4)`, through the class: replacing the static reaches it.
  Resource.stackTrace = wrapped;
}
