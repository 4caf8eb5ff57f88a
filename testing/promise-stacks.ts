// @pulumi/pulumi records, on every promise it tracks (several per resource and output), an id, a context and
// the creation stack as a formatted string (`new Error().stack`), as three properties defined on the promise.
// They are read only to print leaked promises when PULUMI_DEBUG_PROMISE_LEAKS is set; otherwise they are built
// and never read, and formatting the stack was the largest share of the harness's own CPU per resource
// operation, defining the properties a further measurable one. So while that switch is off the tracker keeps
// only what its leak check reads (the candidates set, the exit check, `err.promise` on a rejection), and with
// the switch on nothing is changed at all.

import { replaceOnce } from "./runtime-patch";

interface DebuggableModule {
  debugPromiseLeaks: boolean;
  debuggablePromise: <T>(p: Promise<T>, ctx: unknown) => Promise<T>;
}

interface StateModule {
  getStore(): { leakCandidates: Set<Promise<unknown>> };
}

const MARKER = Symbol.for("pulumi-wxcc/testing:promise-stacks");

/** Makes the runtime's promise tracker skip what only the leak debugger reads (once per @pulumi/pulumi copy). */
export function skipUnreadPromiseStacks(): void {
  const debuggable = require("@pulumi/pulumi/runtime/debuggable") as DebuggableModule;
  const state = require("@pulumi/pulumi/runtime/state") as StateModule;
  // The runtime's modules call it through the module object (`debuggable_1.debuggablePromise(...)`), so
  // replacing the export reaches every caller.
  replaceOnce<DebuggableModule["debuggablePromise"]>(debuggable, "debuggablePromise", MARKER, (original) => {
    let exitCheckScheduled = false;
    return function debuggablePromise<T>(p: Promise<T>, ctx: unknown): Promise<T> {
      if (debuggable.debugPromiseLeaks) return original(p, ctx);
      if (!exitCheckScheduled) {
        // The runtime's own first call schedules its leak check at exit; it runs once, without the stack.
        exitCheckScheduled = true;
        const limit = Error.stackTraceLimit;
        Error.stackTraceLimit = 0;
        try {
          return original(p, ctx);
        } finally {
          Error.stackTraceLimit = limit;
        }
      }
      // The tracker's bookkeeping as the runtime does it, without the three debug properties it defines on
      // each promise (which also move every tracked promise to a slower object shape).
      const store = state.getStore();
      store.leakCandidates.add(p);
      // The same chain as the runtime's (then, then catch), so callers settle on the same tick.
      return p
        .then((value) => {
          store.leakCandidates.delete(p);
          return value;
        })
        .catch((err: { promise?: unknown }) => {
          store.leakCandidates.delete(p);
          err.promise = p;
          throw err;
        });
    };
  });
}
