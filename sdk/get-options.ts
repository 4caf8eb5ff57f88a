// What every resource's static get(name, id, opts) takes besides the id: the org and region the resource
// lives in when not the provider's defaults, and ordinary resource options. The provider's read receives
// the org and region as the registration's inputs (Pulumi's ReadResource path), so they must be props.
import type * as pulumi from "@pulumi/pulumi";
import type { Region } from "../provider/webex/types";

/** Options of `get`: resource options, and the org and region the resource lives in when not the defaults. */
export interface WxccGetOptions extends pulumi.CustomResourceOptions {
  /** The org that holds the resource. Default: the provider's wxcc:orgId. */
  orgId?: pulumi.Input<string>;
  /** The org's region. Default: the org's wxcc:orgs entry, then wxcc:region. */
  region?: pulumi.Input<Region>;
}

/** Splits get()'s options into the lookup the provider's read receives and the resource options (with the id). */
export function splitGetOptions(
  id: pulumi.Input<pulumi.ID>,
  opts: WxccGetOptions | undefined,
): [
  lookup: { orgId?: pulumi.Input<string>; region?: pulumi.Input<Region> },
  opts: pulumi.CustomResourceOptions,
] {
  const { orgId, region, ...rest } = opts ?? {};
  return [
    { orgId, region },
    { ...rest, id },
  ];
}
