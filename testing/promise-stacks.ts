// @pulumi/pulumi tracks most of its promises (four per output property of every resource, and more) as leak
// candidates: a set entry, two promises chained onto each one, and an id, a context and the creation stack
// as a formatted string (`new Error().stack`) defined as three properties on the promise. The set is read
// by the runtime's leak check at process exit, which reads the process's global store, and by the
// Automation API's server after each inline program; the three properties only to print leaked promises
// when PULUMI_DEBUG_PROMISE_LEAKS is set.
//
// A program the harness runs has a runtime store of its own (program.ts) that neither check ever reads,
// so there the tracker hands each promise back as it is: measured on 300 connectors, that took about a
// tenth of the harness's CPU per resource off a preview or a rollout. The one difference a program could
// see is that the runtime's own promises settle two microtask turns sooner. Anywhere else in the process
// (a user's own runtime mocks, say) the tracker keeps what the leak check reads, without the stack and
// the debug properties unless PULUMI_DEBUG_PROMISE_LEAKS is set, and with it set nothing changes at all.

import { replaceOnce } from "./runtime-patch";

interface DebuggableModule {
  debugPromiseLeaks: boolean;
  debuggablePromise: <T>(p: Promise<T>, ctx: unknown) => Promise<T>;
}

interface StateModule {
  getStore(): { leakCandidates: Set<Promise<unknown>> };
}

const MARKER = Symbol.for("pulumi-wxcc/testing:promise-stacks");

/**
 * Makes the runtime's promise tracker skip what nothing reads: everything when `inHarnessProgram()`, the
 * stack and debug properties elsewhere (once per @pulumi/pulumi copy; the first caller's predicate is kept).
 */
export function skipUnreadPromiseStacks(inHarnessProgram: () => boolean): void {
  const debuggable = require("@pulumi/pulumi/runtime/debuggable") as DebuggableModule;
  const state = require("@pulumi/pulumi/runtime/state") as StateModule;
  // The runtime's modules call it through the module object (`debuggable_1.debuggablePromise(...)`), so
  // replacing the export reaches every caller.
  replaceOnce<DebuggableModule["debuggablePromise"]>(debuggable, "debuggablePromise", MARKER, (original) => {
    let exitCheckScheduled = false;
    return function debuggablePromise<T>(p: Promise<T>, ctx: unknown): Promise<T> {
      if (debuggable.debugPromiseLeaks) return original(p, ctx);
      if (inHarnessProgram()) return p;
      if (!exitCheckScheduled) {
        // The runtime's first call schedules its leak check at exit: made once, on a settled promise of
        // its own, without the stack.
        exitCheckScheduled = true;
        const limit = Error.stackTraceLimit;
        Error.stackTraceLimit = 0;
        try {
          void original(Promise.resolve(), "leak check");
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
