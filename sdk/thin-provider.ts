// The provider Pulumi stores in every resource's state (`__provider`). The dynamic-provider plugin loads that
// text as a module and calls its `handler()` to get the provider object. Ours is one line per kind that
// require()s the implementation by package name when the plugin loads it: the text is under 120 bytes, the
// same for every resource of a kind, in the repository and installed from npm alike, and it can never carry
// implementation code or a captured value (a credential). Fixes reach refresh and destroy of old resources,
// since the implementation is whatever version is installed next to the program.
//
// pulumi.dynamic.Resource would run Pulumi's closure serializer on a provider object instead: about 300
// bytes of wrapper per method (2.4 KB a kind), stored twice per resource (inputs and outputs), and the
// serializer loads the TypeScript compiler into the program's process. Writing the text ourselves gives the
// plugin exactly what it would have received from a serialized `() => require("pulumi-wxcc/provider/…")`.
import * as pulumi from "@pulumi/pulumi";
import type { ResourceTypeName } from "../provider";
import { dynamicTypeToken, isResourceOfType } from "./resource-type";

/** The `__provider` text of every resource of this type. */
export function providerText(type: ResourceTypeName): string {
  return `exports.handler = () => require("pulumi-wxcc/provider").forPlugin(${JSON.stringify(type)});\n`;
}

/**
 * A resource served by Pulumi's dynamic-provider plugin, as pulumi.dynamic.Resource registers it (same type
 * token, same `__provider` property), with the provider given as the text above.
 */
export abstract class WxccDynamicResource extends pulumi.CustomResource {
  /**
   * True when `obj` is a resource of the class this is called on (its `__pulumiType`), even one created by
   * another copy of this package.
   */
  static override isInstance<T>(
    this: { readonly __pulumiType: string; readonly prototype: T },
    obj: unknown,
  ): obj is T {
    // An abstract class has no token of its own: any resource of this package's kinds is one of it.
    return typeof this.__pulumiType === "string"
      ? isResourceOfType(obj, this.__pulumiType)
      : pulumi.CustomResource.isInstance(obj);
  }

  protected constructor(
    type: ResourceTypeName,
    name: string,
    props: pulumi.Inputs,
    opts?: pulumi.CustomResourceOptions,
  ) {
    if (props.__provider !== undefined) {
      throw new Error(
        `${type} ${name}: __provider is reserved for the dynamic provider; remove it from the arguments.`,
      );
    }
    super(dynamicTypeToken(type), name, { ...props, __provider: providerText(type) }, opts);
  }
}
