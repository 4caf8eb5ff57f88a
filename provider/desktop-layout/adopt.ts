// Adoption (adopt: true) for DesktopLayout, as for the connectors: a layout of the same name that the org
// already holds is taken over instead of created. check resolves it (one lookup by name, at preview too), so
// the plan shows an adoption carrying the existing id and the fields the first up changes; create then sends
// no POST, keeps the existing id, and PUTs the declared layout only when it differs. The tenant's
// global/system-default layout is never adopted.
import type * as pulumi from "@pulumi/pulumi";
import { containsUnknown, type Values } from "../lifecycle/values";
import type { LayoutAdoption } from "./adoption";
import type { DesktopLayoutDto } from "./api";
import type { LayoutDeps } from "./deps";
import { changedPaths } from "./json-paths";
import { type CheckedLayout, expand, flatten, inputsOf } from "./outputs";
import { layoutDiff, openSession } from "./session";

function adoptionOf(inputs: Values): LayoutAdoption | undefined {
  const value = inputs.adoption as Partial<LayoutAdoption> | undefined;
  return value !== null && typeof value === "object" && typeof value.layoutId === "string"
    ? (value as LayoutAdoption)
    : undefined;
}

/** The differences between the live layout and the declared one, as the preview lists them. */
function changesFrom(live: DesktopLayoutDto, inputs: Values, orgId: string): string[] {
  const recorded = inputsOf(
    flatten(live, orgId, inputs.region as CheckedLayout["region"], live.teamIds ?? []),
  );
  if (!layoutDiff(recorded, inputs).changes) return [];
  const fields = (["name", "description", "jsonFileName", "active", "teamIds"] as const).filter(
    (key) => layoutDiff({ ...inputs, [key]: recorded[key] }, inputs).changes,
  );
  return [...fields, ...changedPaths(recorded.layout, inputs.layout, "layout")];
}

/** Adds `adoption` to checked inputs when adopt: true finds a layout of that name in the org. */
export async function withLayoutAdoption(
  deps: LayoutDeps,
  olds: Values,
  result: pulumi.dynamic.CheckResult,
): Promise<pulumi.dynamic.CheckResult> {
  const inputs = result.inputs as Values;
  if (result.failures?.length) return result;
  if (olds.name !== undefined) {
    // Already managed: the recorded adoption is carried forward so the inputs do not churn.
    if (olds.adoption !== undefined && olds.orgId === inputs.orgId) inputs.adoption = olds.adoption;
    return result;
  }
  if (inputs.adopt !== true || containsUnknown(inputs.name) || containsUnknown(inputs.orgId)) return result;
  const { api, orgId } = openSession(deps, inputs);
  const name = String(inputs.name);
  const found = await api.findByName(name);
  const existing = found.find((layout) => layout.name === name) ?? found[0];
  if (!existing) return result;
  if (existing.global || existing.systemDefault) {
    return {
      inputs,
      failures: [
        {
          property: "name",
          reason:
            `name: ${JSON.stringify(existing.name)} is the tenant's global layout in org ${orgId} (id ${existing.id}), ` +
            "which a DesktopLayout never adopts: give this layout another name.",
        },
      ],
    };
  }
  if (existing.name !== name) {
    return {
      inputs,
      failures: [
        {
          property: "name",
          reason:
            `name: the org's layout is named ${JSON.stringify(existing.name)} (id ${existing.id}); names are unique ` +
            `ignoring case, so declare name: ${JSON.stringify(existing.name)} to adopt it.`,
        },
      ],
    };
  }
  const live = await api.get(existing.id);
  if (!live) return result;
  const adoption: LayoutAdoption = { layoutId: live.id, changes: changesFrom(live, inputs, orgId) };
  inputs.adoption = adoption;
  return result;
}

/** create's first step: take the resolved layout over (no POST), writing it only where it differs. */
export async function adoptLayoutIfResolved(
  deps: LayoutDeps,
  inputs: CheckedLayout,
): Promise<pulumi.dynamic.CreateResult | undefined> {
  const adoption = adoptionOf(inputs as unknown as Values);
  if (!adoption) return undefined;
  const { api, orgId, region } = openSession(deps, inputs as unknown as Values);
  const live = await api.get(adoption.layoutId);
  if (!live || live.global || live.systemDefault || live.name !== inputs.name) {
    throw new Error(
      `DesktopLayout ${JSON.stringify(inputs.name)}: the layout the preview planned to adopt (id ${adoption.layoutId}) ` +
        `is ${live ? `now named ${JSON.stringify(live.name)}${live.global ? " and global" : ""}` : "gone"} in org ${orgId}; ` +
        "nothing was changed. Run the preview again to see what adopt: true takes over now.",
    );
  }
  const recorded = inputsOf(flatten(live, orgId, region, live.teamIds ?? []));
  const current = layoutDiff(recorded, inputs as unknown as Values).changes
    ? await api.update({ ...expand(inputs), id: live.id, version: live.version })
    : live;
  const outs = flatten(current, orgId, region, current.teamIds ?? inputs.teamIds);
  return { id: live.id, outs: { ...outs, adoption } };
}
