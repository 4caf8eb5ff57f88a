// diff: explicit, because the plugin sends the engine only changes/replaces/deleteBeforeReplace. Olds are the
// recorded outputs (live values after a refresh, last applied secrets), news the checked inputs.
import type * as pulumi from "@pulumi/pulumi";
import type { KindSpec } from "../kinds/spec";
import type { LifecycleDeps } from "./deps";
import { hasChanges, planChanges } from "./plan";
import { openSession } from "./session";
import { containsUnknown, type Values } from "./values";

export async function diff(
  spec: KindSpec,
  deps: LifecycleDeps,
  olds: Values,
  news: Values,
): Promise<pulumi.dynamic.DiffResult> {
  const plan = planChanges(spec, olds, news);
  if (plan.replaced.length === 0) return { changes: hasChanges(plan) };
  return {
    changes: true,
    replaces: plan.replaced,
    deleteBeforeReplace: await mustDeleteFirst(spec, deps, olds, news),
  };
}

/**
 * Creating the replacement first would fail when it lands in the same org under the same name (names are
 * unique, case-insensitively) or past the kind's per-org limit.
 */
async function mustDeleteFirst(
  spec: KindSpec,
  deps: LifecycleDeps,
  olds: Values,
  news: Values,
): Promise<boolean> {
  const sameOrg = containsUnknown(news.orgId) || news.orgId === olds.orgId;
  if (!sameOrg) return false;
  const sameName =
    containsUnknown(news.name) || String(news.name).toLowerCase() === String(olds.name ?? "").toLowerCase();
  if (sameName) return true;
  if (spec.perOrgLimit === undefined) return false;
  if (spec.perOrgLimit === 1) return true;
  try {
    const { api } = openSession(spec, deps, olds);
    const existing = await api.list({ type: spec.apiType });
    return existing.length >= spec.perOrgLimit;
  } catch {
    // Without a count, deleting first is the order that cannot fail on the limit.
    return true;
  }
}
