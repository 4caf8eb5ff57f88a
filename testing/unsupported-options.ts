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
export function unsupportedOptionsOf(request: resproto.RegisterResourceRequest): UnsupportedOption[] {
  // Older @pulumi/pulumi releases (the peer range reaches back to 3.202) lack the newer fields' accessors;
  // a runtime that cannot send an option cannot have set it.
  const req = withDefaults(request);
  const timeouts = req.getCustomtimeouts();
  const hooks = req.getHooks();
  const set: Record<UnsupportedOption, boolean> = {
    customTimeouts: Boolean(
      timeouts &&
      (timeouts.getCreate() || timeouts.getUpdate() || timeouts.getDelete() || timeouts.getRead?.()),
    ),
    deletedWith: req.getDeletedwith() !== "",
    replaceWith: req.getReplaceWithList().length > 0,
    replacementTrigger: req.hasReplacementTrigger(),
    hideDiffs: req.getHidediffsList().length > 0,
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
    transforms: req.getTransformsList().length > 0,
    envVarMappings: req.getEnvvarmappingsMap().getLength() > 0,
  };
  return UNSUPPORTED_OPTIONS.filter((option) => set[option]);
}

/** The request, with an empty answer from every accessor this @pulumi/pulumi release does not have. */
function withDefaults(req: resproto.RegisterResourceRequest): resproto.RegisterResourceRequest {
  const empty: Record<string, () => unknown> = {
    getCustomtimeouts: () => undefined,
    getHooks: () => undefined,
    getDeletedwith: () => "",
    getReplaceWithList: () => [],
    hasReplacementTrigger: () => false,
    getHidediffsList: () => [],
    getTransformsList: () => [],
    getEnvvarmappingsMap: () => ({ getLength: () => 0 }),
  };
  return new Proxy(req, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver);
      if (typeof value === "function") return value.bind(target);
      return typeof key === "string" && key in empty ? empty[key] : value;
    },
  });
}

export function unsupportedOptionsMessage(type: string, name: string, options: readonly string[]): string {
  return (
    `${type} resource '${name}' sets the resource option${options.length > 1 ? "s" : ""} ${options.join(", ")}, ` +
    `which the pulumi-wxcc/testing harness does not implement (see docs/testing.md, "Not reproduced"): remove ` +
    `${options.length > 1 ? "them" : "it"} from the program, or test ${options.length > 1 ? "them" : "it"} with the Pulumi CLI.`
  );
}
