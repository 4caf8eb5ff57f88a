import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { type EmulatorState, emptyState } from "./state";

/** Loads a state file written by saveState; a missing file means a fresh state. */
export function loadState(file: string): EmulatorState {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return emptyState();
    throw error;
  }
  let parsed: Partial<EmulatorState>;
  try {
    parsed = JSON.parse(text) as Partial<EmulatorState>;
  } catch {
    throw new Error(`stateFile ${file} is not valid JSON; delete it or point stateFile at another path.`);
  }
  if (parsed.formatVersion !== 1) {
    throw new Error(`stateFile ${file} has an unknown formatVersion; expected 1. Delete it to start afresh.`);
  }
  return { ...emptyState(), ...parsed };
}

/** Writes atomically: a reader (or a crash) never sees a half-written file. */
export function saveState(file: string, state: EmulatorState): void {
  mkdirSync(dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
  renameSync(temp, file);
}
