// The harness replaces a few functions inside @pulumi/pulumi (promise-stacks.ts, source-positions.ts) to
// skip work only a real engine reads. Each is replaced once per copy of the runtime: the replacement carries
// a marker, so a second call (or a second copy of this package in the process) leaves it as it is.

/** Any function: a parameter list of `never` accepts every signature. */
type AnyFunction = (...args: never[]) => unknown;

/**
 * Replaces `owner[name]` with `replace(original)`, unless it is missing (a runtime without it: nothing to
 * skip) or already replaced (it carries `marker`).
 */
export function replaceOnce<F extends AnyFunction>(
  owner: object | undefined,
  name: string,
  marker: symbol,
  replace: (original: F) => F,
): void {
  const slots = owner as Record<string, unknown> | undefined;
  const original = slots?.[name] as (F & { [marker]?: true }) | undefined;
  if (slots === undefined || typeof original !== "function" || original[marker]) return;
  const replacement = replace(original);
  Object.defineProperty(replacement, marker, { value: true });
  slots[name] = replacement;
}
