// check: every field validated with the kind's zod schema before any API call, defaults filled in, and the
// disruption guard applied. Values not known yet (preview) are tolerated wherever they sit. The returned
// inputs keep every key where the program put it: the engine re-marks secrets by key.
import type * as pulumi from "@pulumi/pulumi";
import type { z } from "zod";
import { defaultRegion, type ProviderSettings, settingName } from "../config";
import type { KindSpec } from "../kinds/spec";
import { PREVIEW_MARKER } from "../preview-marker";
import { credentialFailures } from "./credentials";
import { outsideWindow } from "./failures";
import type { LifecycleDeps } from "./deps";
import { knownFields } from "./known-fields";
import { planChanges } from "./plan";
import { containsUnknown, getPath, isUnknown, type Values } from "./values";

type Failure = pulumi.dynamic.CheckFailure;

export async function check(
  spec: KindSpec,
  deps: LifecycleDeps,
  olds: Values,
  news: Values,
): Promise<pulumi.dynamic.CheckResult> {
  const settings = deps.settings();
  const { [PREVIEW_MARKER]: preview, ...rest } = news;
  const inputs = withOrgDefaults(settings, rest);
  for (const [key, value] of Object.entries(spec.defaults ?? {})) {
    if (inputs[key] === undefined) inputs[key] = value;
  }

  const failures = validate(spec, inputs);
  if (inputs.orgId === undefined) {
    failures.push({
      property: "orgId",
      reason: `orgId is not set: pass orgId to the ${spec.typeName} or set ${settingName("orgId")} in the stack configuration.`,
    });
  }
  if (failures.length === 0) failures.push(...disruptionGuard(spec, deps, settings, olds, inputs));
  if (preview === true) failures.push(...(await credentialFailures(spec, deps, olds, inputs)));
  return failures.length > 0 ? { inputs, failures } : { inputs };
}

/** The program's inputs without __provider, with the org, its region and `active` filled in from the settings. */
export function withOrgDefaults(settings: ProviderSettings, news: Values): Values {
  const { __provider: _provider, ...inputs } = news;
  if (inputs.orgId === undefined && settings.orgId !== undefined) inputs.orgId = settings.orgId;
  if (inputs.region === undefined) {
    const orgId = typeof inputs.orgId === "string" && !isUnknown(inputs.orgId) ? inputs.orgId : undefined;
    inputs.region = defaultRegion(settings, orgId);
  }
  if (inputs.active === undefined) inputs.active = true;
  return inputs;
}

function validate(spec: KindSpec, inputs: Values): Failure[] {
  const parsed = spec.schema.safeParse(inputs);
  if (parsed.success) return [];
  const failures: Failure[] = [];
  for (const issue of parsed.error.issues) {
    if (issue.code === "unrecognized_keys") {
      const prefix = issue.path.length > 0 ? `${issue.path.join(".")}.` : "";
      const valid = knownFields(spec.schema, inputs, issue.path).filter((key) => !issue.keys.includes(key));
      const where = issue.path.length > 0 ? `the fields of ${issue.path.join(".")}` : "its arguments";
      for (const key of issue.keys) {
        // No property: the engine would print the misspelled field's value, which may well be a secret
        // (a "privateKy" is not wrapped as one). The reason names the field instead.
        failures.push({
          property: "",
          reason:
            `${prefix}${key} is not an argument of ${spec.typeName}: remove it or fix its spelling ` +
            `(${where} are ${valid.join(", ")}).`,
        });
      }
      continue;
    }
    if (dependsOnUnknown(inputs, issue.path)) continue;
    failures.push({ property: propertyOf(issue), reason: reasonOf(issue) });
  }
  return failures;
}

/** An issue about a value that is, or contains, or sits inside, a value not known yet. */
function dependsOnUnknown(inputs: Values, path: readonly PropertyKey[]): boolean {
  const parts = path.map((part) => (typeof part === "symbol" ? String(part) : part));
  for (let depth = 1; depth < parts.length; depth++) {
    if (isUnknown(getPath(inputs, parts.slice(0, depth)))) return true;
  }
  return containsUnknown(getPath(inputs, parts));
}

function propertyOf(issue: z.core.$ZodIssue): string {
  return issue.path.map(String).join(".");
}

function reasonOf(issue: z.core.$ZodIssue): string {
  const property = propertyOf(issue);
  // Our builders name the field; zod's own messages (rare: a wrong type deep in a union) do not.
  return property === "" || issue.message.startsWith(property)
    ? issue.message
    : `${property}: ${issue.message}`;
}

export function disruptionGuard(
  spec: KindSpec,
  deps: LifecycleDeps,
  settings: ProviderSettings,
  olds: Values,
  inputs: Values,
): Failure[] {
  const window = settings.maintenanceWindow;
  // Only an existing, active connector can be disrupted; a new one or an inactive one cannot.
  if (!window || olds.name === undefined || olds.active === false) return [];
  const plan = planChanges(spec, olds, inputs);
  const known = (keys: string[]) => keys.filter((key) => !containsUnknown(inputs[key]));
  let property: string;
  let change: string;
  const replaced = known(plan.replaced);
  const credentials = known(plan.credentials);
  if (replaced.length > 0) {
    property = replaced[0];
    change = `replacing it (${replaced.join(", ")} changed) deletes the active connector, which first deactivates it`;
  } else if (credentials.length > 0) {
    property = credentials[0];
    change = `editing its credentials (${credentials.join(", ")}) deactivates it until the edit is saved`;
  } else if (inputs.active === false) {
    property = "active";
    change = "active: false deactivates it";
  } else {
    return [];
  }
  const refusal = outsideWindow(window, deps.now(), "Apply this change");
  if (!refusal) return [];
  return [
    {
      property,
      reason:
        `${spec.typeName} ${JSON.stringify(inputs.name)}: ${change}, and deactivation stops call routing for every ` +
        `flow that uses the connector. ${refusal}`,
    },
  ];
}
