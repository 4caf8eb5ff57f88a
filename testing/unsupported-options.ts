// Resource options the harness does not reproduce. docs/testing.md promises that any of them is refused
// with a clear error rather than silently ignored: a test that passes here must not pass by accident.
import type * as resproto from "@pulumi/pulumi/proto/resource_pb";

/** The options refused, named as in a program's resource options (docs/testing.md lists the same). */
export const UNSUPPORTED_OPTIONS = [
  "customTimeouts",
  "deletedWith",
  "replaceWith",
  "replacementTrigger",
  "hideDiffs",
  "hooks",
  "transforms",
  "envVarMappings",
] as const;

export type UnsupportedOption = (typeof UNSUPPORTED_OPTIONS)[number];

/** The unsupported options a registration sets, in UNSUPPORTED_OPTIONS order. */
export function unsupportedOptionsOf(req: resproto.RegisterResourceRequest): UnsupportedOption[] {
  // Older @pulumi/pulumi releases (the peer range reaches back to 3.202) lack the newer fields' accessors;
  // a runtime that cannot send an option cannot have set it.
  const timeouts = read(req, "getCustomtimeouts", undefined);
  const hooks = read(req, "getHooks", undefined);
  const set: Record<UnsupportedOption, boolean> = {
    customTimeouts: Boolean(
      timeouts &&
      (timeouts.getCreate() || timeouts.getUpdate() || timeouts.getDelete() || timeouts.getRead?.()),
    ),
    deletedWith: read(req, "getDeletedwith", "") !== "",
    replaceWith: read(req, "getReplaceWithList", []).length > 0,
    replacementTrigger: read(req, "hasReplacementTrigger", false),
    hideDiffs: read(req, "getHidediffsList", []).length > 0,
    hooks: Boolean(
      hooks &&
      [
        hooks.getBeforeCreateList(),
        hooks.getAfterCreateList(),
        hooks.getBeforeUpdateList(),
        hooks.getAfterUpdateList(),
        hooks.getBeforeDeleteList(),
        hooks.getAfterDeleteList(),
        hooks.getOnErrorList(),
      ].some((list) => list.length > 0),
    ),
    transforms: read(req, "getTransformsList", []).length > 0,
    envVarMappings: (read(req, "getEnvvarmappingsMap", undefined)?.getLength() ?? 0) > 0,
  };
  return UNSUPPORTED_OPTIONS.filter((option) => set[option]);
}

type Request = resproto.RegisterResourceRequest;
type Accessor = {
  [K in keyof Request]: Request[K] extends () => unknown ? K : never;
}[keyof Request];

/**
 * What the request's accessor answers, or `absent` when this @pulumi/pulumi release does not have it. Read
 * per accessor, not through a wrapper around the request: this runs for every registration.
 */
function read<K extends Accessor, A>(req: Request, accessor: K, absent: A): ReturnType<Request[K]> | A {
  const fn = (req as unknown as Partial<Record<K, () => ReturnType<Request[K]>>>)[accessor];
  return typeof fn === "function" ? fn.call(req) : absent;
}

export function unsupportedOptionsMessage(type: string, name: string, options: readonly string[]): string {
  return (
    `${type} resource '${name}' sets the resource option${options.length > 1 ? "s" : ""} ${options.join(", ")}, ` +
    `which the pulumi-wxcc/testing harness does not implement (see docs/testing.md, "Not reproduced"): remove ` +
    `${options.length > 1 ? "them" : "it"} from the program, or test ${options.length > 1 ? "them" : "it"} with the Pulumi CLI.`
  );
}
