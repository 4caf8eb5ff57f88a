// A Flow Designer flow as a Pulumi resource: the exported document in, its connector references bound to
// connector resources, so a replaced connector's flows are re-pointed and republished before the old
// connector is deleted (Pulumi creates the replacement first, updates what depends on it, then deletes).
import * as pulumi from "@pulumi/pulumi";
import type { FlowTag } from "../provider/flow/api";
import { FLOW_INPUT_KEYS, FLOW_OUTPUT_KEYS, FLOW_TYPE_NAME } from "../provider/flow/spec";
import type { FlowArgs, FlowPublishArgs } from "./generated/args";
import { splitGetOptions, type WxccGetOptions } from "./get-options";
import { TYPE_TOKENS } from "./resource-type";
import { WxccDynamicResource } from "./thin-provider";

export type { FlowArgs, FlowPublishArgs, FlowTag };

/**
 * A flow of Webex Contact Center's Flow Designer. The public flow API has no delete: removing the resource
 * forgets the flow (it stays in the org), so the resource is registered with `retainOnDelete: true`.
 */
export class Flow extends WxccDynamicResource {
  /** The type token Pulumi records for this resource. */
  static readonly __pulumiType = TYPE_TOKENS.Flow;

  /** An existing flow, read by its flowId (never imported, published or forgotten by this stack). */
  static get(name: string, id: pulumi.Input<pulumi.ID>, opts?: WxccGetOptions): Flow {
    const [lookup, resourceOpts] = splitGetOptions(id, opts);
    return new Flow(name, lookup as FlowArgs, resourceOpts);
  }

  /** The flow's id in the flow store (kept across updates). */
  declare readonly flowId: pulumi.Output<string>;
  declare readonly name: pulumi.Output<string>;
  declare readonly orgId: pulumi.Output<string>;
  declare readonly region: pulumi.Output<string>;
  /** The version number the published tags point at. */
  declare readonly version: pulumi.Output<number>;
  /** The tags the flow carries (e.g. ["Live"]). */
  declare readonly tags: pulumi.Output<FlowTag[]>;
  /** The activity names each bound reference picks, e.g. { Salesforce: ["AccountByANI", …] }. */
  declare readonly boundActivities: pulumi.Output<Record<string, string[]>>;
  /** After a refresh: the activities re-pointed or edited outside the program (empty when in step). */
  declare readonly liveChanges: pulumi.Output<string[]>;
  declare readonly connectors: pulumi.Output<Record<string, string> | undefined>;

  constructor(name: string, args: FlowArgs, opts?: pulumi.CustomResourceOptions) {
    // Every key seeded (undefined is not sent): only registered keys are exposed as outputs, so a get()
    // that passes no arguments still sees the name, the definition and the rest.
    const keys = [...FLOW_INPUT_KEYS, ...FLOW_OUTPUT_KEYS];
    const seeded = Object.fromEntries(keys.map((key) => [key, undefined]));
    super(FLOW_TYPE_NAME, name, { ...seeded, ...args }, { retainOnDelete: true, ...opts });
  }
}
