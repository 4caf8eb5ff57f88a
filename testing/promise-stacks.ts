// @pulumi/pulumi records, on every promise it tracks (several per resource and output), the creation stack as
// a formatted string: `new Error().stack`, formatted at once. That text is read only to print leaked
// promises when PULUMI_DEBUG_PROMISE_LEAKS is set; otherwise it is built and thrown away, and formatting it
// was the largest share of the harness's own CPU per resource operation. So while that switch is off, the
// runtime's tracker runs with no stack frames to format; the leak tracking itself (the candidates set, the
// exit check) is unchanged, and with the switch on nothing is changed at all.

interface DebuggableModule {
  debugPromiseLeaks: boolean;
  debuggablePromise: <T>(p: Promise<T>, ctx: unknown) => Promise<T>;
}

const WRAPPED = Symbol.for("pulumi-wxcc/testing:promise-stacks");

/** Makes the runtime's promise tracker skip the unread stack capture (once per @pulumi/pulumi copy). */
export function skipUnreadPromiseStacks(): void {
  const debuggable = require("@pulumi/pulumi/runtime/debuggable") as DebuggableModule;
  const original = debuggable.debuggablePromise as DebuggableModule["debuggablePromise"] & {
    [WRAPPED]?: true;
  };
  // A runtime without the tracker (or already wrapped): nothing to do.
  if (typeof original !== "function" || original[WRAPPED]) return;
  const wrapped = function debuggablePromise<T>(p: Promise<T>, ctx: unknown): Promise<T> {
    if (debuggable.debugPromiseLeaks) return original(p, ctx);
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try {
      return original(p, ctx);
    } finally {
      Error.stackTraceLimit = limit;
    }
  };
  Object.defineProperty(wrapped, WRAPPED, { value: true });
  // The runtime's modules call it through the module object (`debuggable_1.debuggablePromise(...)`), so
  // replacing the export reaches every caller.
  debuggable.debuggablePromise = wrapped;
}
