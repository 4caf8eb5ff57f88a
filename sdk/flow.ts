// A Flow Designer flow as a Pulumi resource: the exported document in, its connector references bound to
// connector resources, so a replaced connector's flows are re-pointed and republished before the old
// connector is deleted (Pulumi creates the replacement first, updates what depends on it, then deletes).
import * as pulumi from "@pulumi/pulumi";
import type { FlowTag } from "../provider/flow/api";
import { FLOW_INPUT_KEYS, FLOW_OUTPUT_KEYS, FLOW_TYPE_NAME } from "../provider/flow/spec";
import type { Region } from "../provider/webex/types";
import { splitGetOptions, type WxccGetOptions } from "./get-options";
import { isResourceOfType, TYPE_TOKENS } from "./resource-type";
import { WxccDynamicResource } from "./thin-provider";

export type { FlowTag };

/** How the flow is published after an import. */
export interface FlowPublishArgs {
  /** The tags the published version gets (they move to it). Default: the tags the flow already has, `Live`
   * for a new flow. */
  tags?: pulumi.Input<pulumi.Input<FlowTag>[]>;
  /** The comment of the published version; default "Published by Pulumi". */
  comment?: pulumi.Input<string>;
}

export interface FlowArgs {
  /** The flow's name in the org; defaults to the definition's `name`. The flow store matches flows by name,
   * so changing it replaces the flow (a new flow; the old one is forgotten, not deleted). */
  name?: pulumi.Input<string>;
  /** The Webex org that holds the flow; defaults to `wxcc:orgId`. Changing it replaces the flow. */
  orgId?: pulumi.Input<string>;
  /** The org's region; defaults to its `wxcc:orgs` entry, then `wxcc:region`, then us1. */
  region?: pulumi.Input<Region>;
  /** The flow as Flow Designer exports it (a `FlowVersionRes` document): an object, or the JSON text of an
   * exported file kept in the repository. */
  definition: pulumi.Input<Record<string, unknown> | string>;
  /** Which connector each reference in the definition is bound to: reference → connector id, e.g.
   * `{ Salesforce: crm.connectorId }`. A reference is the connector name the export carries
   * (`connectorId:name` / `connectorId_name`) or, for older exports, the connector id written in the file.
   * Every activity it picks is rewritten (process and diagram copies, main and event flows). */
  connectors?: pulumi.Input<Record<string, pulumi.Input<string>>>;
  /** Which tags the imported version is published to, with what comment. */
  publish?: pulumi.Input<FlowPublishArgs>;
  /** true: a flow of the same name that already exists is managed (its content replaced and published)
   * instead of failing the create. */
  adopt?: pulumi.Input<boolean>;
}

/**
 * A flow of Webex Contact Center's Flow Designer. The public flow API has no delete: removing the resource
 * forgets the flow (it stays in the org), so the resource is registered with `retainOnDelete: true`.
 */
export class Flow extends WxccDynamicResource {
  /** The type token Pulumi records for this resource. */
  static readonly __pulumiType = TYPE_TOKENS.Flow;

  /** True when `obj` is a Flow, even one created by another copy of this package. */
  static override isInstance(obj: unknown): obj is Flow {
    return isResourceOfType(obj, Flow.__pulumiType);
  }

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
