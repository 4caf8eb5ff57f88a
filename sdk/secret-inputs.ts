import * as pulumi from "@pulumi/pulumi";

/**
 * Returns a copy of `args` whose values at `paths` ("privateKey", "auth.password") are Pulumi secrets,
 * however the user passed them. Where a parent on the path is itself an Output, the whole parent becomes
 * secret: it cannot be split without losing its other values, and over-marking never leaks.
 */
export function withSecrets<T extends object>(args: T, paths: readonly string[]): T {
  let result: Record<string, unknown> = { ...(args as Record<string, unknown>) };
  for (const path of paths) {
    result = markSecret(result, path.split("."));
  }
  return result as T;
}

function markSecret(obj: Record<string, unknown>, [head, ...rest]: string[]): Record<string, unknown> {
  const value = obj[head];
  if (value === undefined || value === null) return obj;
  if (rest.length === 0) return { ...obj, [head]: pulumi.secret(value) };
  if (pulumi.Output.isInstance(value)) return { ...obj, [head]: pulumi.secret(value) };
  if (typeof value !== "object") return obj;
  return { ...obj, [head]: markSecret({ ...(value as Record<string, unknown>) }, rest) };
}
