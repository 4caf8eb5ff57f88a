// For every resource a program constructs, @pulumi/pulumi captures the whole call stack (Error.stackTraceLimit
// raised to Infinity), parses each frame and turns each file into a URL, to send the engine the resource's
// source position and stack trace (RegisterResourceRequest.sourcePosition, .stackTrace). The harness's
// engine reads neither: its state, steps and diagnostics carry no source positions. Capturing them was a
// measurable share of the harness's own CPU per resource, so for a resource constructed by a program the
// harness runs, the runtime is handed an empty trace, as it is when no position can be found; for any other
// program in the process (a user's own runtime mocks, say), nothing is changed.

import { replaceOnce } from "./runtime-patch";

interface ResourceClass {
  stackTrace(skip: number): unknown[];
}

const MARKER = Symbol.for("pulumi-wxcc/testing:source-positions");

/**
 * Makes Resource.stackTrace answer `[]` when `inHarnessProgram()` (once per @pulumi/pulumi copy; the first
 * caller's predicate is kept).
 */
export function skipUnreadSourcePositions(inHarnessProgram: () => boolean): void {
  const Resource = (require("@pulumi/pulumi/resource") as { Resource?: ResourceClass }).Resource;
  // The constructor calls it as `Resource.stackTrace(4)`, through the class: replacing the static reaches it.
  replaceOnce<ResourceClass["stackTrace"]>(
    Resource,
    "stackTrace",
    MARKER,
    (original) =>
      function stackTrace(this: unknown, skip: number): unknown[] {
        return inHarnessProgram() ? [] : original.call(this, skip);
      },
  );
}
