import { isDeepStrictEqual } from "node:util";

interface StepStates {
  oldState?: { inputs: Record<string, unknown> };
  newState?: { inputs: Record<string, unknown> };
}

/**
 * The input keys whose values differ between a step's old and new state: what `pulumi preview --diff` shows
 * for a dynamic resource, whose diffReasons are empty (the provider's diff names no keys).
 */
export function changedInputs(step: StepStates | undefined): string[] {
  const before = step?.oldState?.inputs ?? {};
  const after = step?.newState?.inputs ?? {};
  return [...new Set([...Object.keys(before), ...Object.keys(after)])]
    .filter((key) => !key.startsWith("__") && !isDeepStrictEqual(before[key], after[key]))
    .sort();
}
