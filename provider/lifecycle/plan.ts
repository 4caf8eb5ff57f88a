// Which fields changed between what was applied and what the program wants, grouped by how the product
// applies them. check (the disruption guard), diff and update all decide from this one classification.
import { fieldsWithRole, type KindSpec } from "../kinds/spec";
import { IDENTITY_KEYS } from "./outputs";
import { asRecorded } from "./secret-digest";
import { differs, type Values } from "./values";

export interface ChangePlan {
  /** Identity fields that changed: the connector must be replaced. */
  replaced: string[];
  /** Credentials-section fields: deactivate → edit → re-activate. */
  credentials: string[];
  /** Fields editable while active (description, settings). */
  settings: string[];
  /** A new Google sign-in: re-authorize. */
  reauthorize: string[];
  /** Whether the desired activation state differs. */
  active: boolean;
}

/** Values as they compare: defaults applied, an empty description the same as none. */
function comparable(spec: KindSpec, key: string, value: unknown): unknown {
  if (key === "description" && value === "") return undefined;
  if (key === "active" && value === undefined) return true;
  if (value === undefined && spec.defaults && key in spec.defaults) return (spec.defaults as Values)[key];
  return value;
}

export function planChanges(spec: KindSpec, recorded: Values, declared: Values): ChangePlan {
  // Secrets compare as the recorded state holds them: as digests, or (older state) as they are.
  const desired = asRecorded(spec.secretPaths, recorded, declared);
  const changed = (key: string) =>
    differs(comparable(spec, key, recorded[key]), comparable(spec, key, desired[key]));
  const replaced: string[] = IDENTITY_KEYS.filter(changed);
  if (recorded.kind !== undefined && recorded.kind !== spec.apiType) replaced.push("kind");
  return {
    replaced,
    credentials: fieldsWithRole(spec, "credential").filter(changed),
    settings: ["description", ...fieldsWithRole(spec, "setting")].filter(changed),
    reauthorize: fieldsWithRole(spec, "reauthorize").filter(changed),
    active: changed("active"),
  };
}

export function hasChanges(plan: ChangePlan): boolean {
  return (
    plan.replaced.length > 0 ||
    plan.credentials.length > 0 ||
    plan.settings.length > 0 ||
    plan.reauthorize.length > 0 ||
    plan.active
  );
}
