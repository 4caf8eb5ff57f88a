// Aliases as the engine resolves them (pulumi/pulumi pkg/resource/deploy/step_generator.go: collapseAliasToUrn,
// inheritedChildAlias, generateAliases, getOldResource): a registration's own URN is looked up in the old
// state first, then each alias in order; an old resource found through an alias carries its state over to
// the new URN and is not deleted. Children of an aliased parent inherit an alias from it.
import type * as resproto from "@pulumi/pulumi/proto/resource_pb";
import { STACK_TYPE } from "./state";

/** One `aliases` entry as the SDK sends it: a whole URN, or the parts of the old identity that differ. */
export type AliasSpec =
  | { urn: string }
  | {
      name?: string;
      type?: string;
      stack?: string;
      project?: string;
      parentUrn?: string;
      noParent?: boolean;
    };

/** The aliases of a RegisterResource request: structured ones, or bare URNs from an SDK that sends those. */
export function readAliases(req: resproto.RegisterResourceRequest): AliasSpec[] {
  const structured: AliasSpec[] = req.getAliasesList().map((alias) => {
    if (alias.getUrn()) return { urn: alias.getUrn() };
    const spec = alias.getSpec();
    return {
      ...(spec?.getName() ? { name: spec.getName() } : {}),
      ...(spec?.getType() ? { type: spec.getType() } : {}),
      ...(spec?.getStack() ? { stack: spec.getStack() } : {}),
      ...(spec?.getProject() ? { project: spec.getProject() } : {}),
      ...(spec?.getParenturn() ? { parentUrn: spec.getParenturn() } : {}),
      ...(spec?.getNoparent() ? { noParent: true } : {}),
    };
  });
  return [...structured, ...req.getAliasurnsList().map((urn) => ({ urn }))];
}

function qualifiedType(urn: string): string {
  return urn.split("::")[2] ?? "";
}

function urnName(urn: string): string {
  return urn.split("::").slice(3).join("::");
}

function createUrn(stack: string, project: string, parentType: string, type: string, name: string): string {
  const qualified = parentType && parentType !== STACK_TYPE ? `${parentType}$${type}` : type;
  return `urn:pulumi:${stack}::${project}::${qualified}::${name}`;
}

export interface AliasContext {
  stack: string;
  project: string;
  /** New URN → the old URN it was found under, for every resource found through an alias so far. */
  aliasOf: ReadonlyMap<string, string>;
}

/** collapseAliasToUrn */
function collapse(
  ctx: AliasContext,
  reg: { name: string; type: string; parent?: string },
  alias: AliasSpec,
): string {
  if ("urn" in alias) return alias.urn;
  const name = alias.name ?? reg.name;
  const type = alias.type ?? reg.type;
  let parent = alias.parentUrn ?? reg.parent ?? "";
  if (alias.parentUrn) parent = ctx.aliasOf.get(alias.parentUrn) ?? parent;
  if (alias.noParent || qualifiedType(parent) === STACK_TYPE) parent = "";
  return createUrn(
    alias.stack ?? ctx.stack,
    alias.project ?? ctx.project,
    parent && qualifiedType(parent),
    type,
    name,
  );
}

/** inheritedChildAlias: a child named after its parent ("app-fn" under "app") follows the parent's old name. */
function inherited(
  ctx: AliasContext,
  type: string,
  name: string,
  parentName: string,
  parentAlias: string,
): string {
  const aliasName = name.startsWith(parentName) ? urnName(parentAlias) + name.slice(parentName.length) : name;
  return createUrn(ctx.stack, ctx.project, qualifiedType(parentAlias), type, aliasName);
}

/** generateAliases: every old URN the registration may have had, in the engine's order, without repeats. */
export function aliasUrns(
  ctx: AliasContext,
  reg: { name: string; type: string; parent?: string; aliases?: readonly AliasSpec[] },
): string[] {
  const aliases = reg.aliases ?? [];
  const result = new Set<string>();
  for (const alias of aliases) result.add(collapse(ctx, reg, alias));
  const parentAlias = reg.parent ? ctx.aliasOf.get(reg.parent) : undefined;
  if (reg.parent && parentAlias) {
    const parentName = urnName(reg.parent);
    result.add(inherited(ctx, reg.type, reg.name, parentName, parentAlias));
    for (const alias of aliases) {
      const child = collapse(ctx, reg, alias);
      const childType = qualifiedType(child).split("$").pop()!;
      result.add(inherited(ctx, childType, urnName(child), parentName, parentAlias));
    }
  }
  return [...result];
}
