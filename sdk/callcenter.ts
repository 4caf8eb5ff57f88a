// The Salesforce call-center definition that the Webex Contact Center for Salesforce package runs on, as a
// Pulumi resource: typed settings in, Cisco's definition file and the deployed CallCenter out.
import * as pulumi from "@pulumi/pulumi";
import type { CallCenterAdoption } from "../provider/salesforce/adoption";
import type {
  ActivityFieldMapping,
  ConditionalMapping,
  FieldMapping,
  JsonScalar,
} from "../provider/salesforce/item-codecs";
import type { Region } from "../provider/webex/types";
import type { CallCenterSettingsArgs, SalesforceCallCenterDefinitionArgs } from "./generated/args";
import { TYPE_TOKENS } from "./resource-type";
import { withSecrets } from "./secret-inputs";
import { WxccDynamicResource } from "./thin-provider";

/** Where the resource's arguments carry secrets: wrapped as secrets, and masked by the plan reporter. */
export const CALL_CENTER_SECRET_PATHS: readonly string[] = ["salesforce.privateKey"];

/** What a program writes for `settings` (the generated CallCenterSettingsArgs, under its earlier name). */
export type CallCenterSettingsInput = CallCenterSettingsArgs;

export type { CallCenterAdoption } from "../provider/salesforce/adoption";
export type { ActivityFieldMapping, ConditionalMapping, FieldMapping, JsonScalar, Region };

/** What `get` needs to find an existing call center: the read looks it up by internal name with these credentials. */
export interface SalesforceCallCenterDefinitionLookup {
  salesforce: SalesforceCallCenterDefinitionArgs["salesforce"];
  /** The CallCenter's API name. */
  internalName: pulumi.Input<string>;
}

export class SalesforceCallCenterDefinition extends WxccDynamicResource {
  /** The type token Pulumi records for this resource. */
  static readonly __pulumiType = TYPE_TOKENS.SalesforceCallCenterDefinition;

  /**
   * An existing call center, read (never deployed, changed or deleted by this stack). `id` is its CallCenter
   * record id; the read finds it by `lookup.internalName` with `lookup.salesforce`'s credentials.
   */
  static get(
    name: string,
    id: pulumi.Input<pulumi.ID>,
    lookup: SalesforceCallCenterDefinitionLookup,
    opts?: pulumi.CustomResourceOptions,
  ): SalesforceCallCenterDefinition {
    return new SalesforceCallCenterDefinition(name, lookup, { ...opts, id });
  }

  /** Cisco's import format (Setup > Call Centers > Import), byte-stable, for teams that import by hand. */
  declare readonly definitionXml: pulumi.Output<string>;
  /** The Salesforce CallCenter record id ("" with deploy: false). */
  declare readonly callCenterId: pulumi.Output<string>;
  declare readonly internalName: pulumi.Output<string>;
  declare readonly adapterUrl: pulumi.Output<string>;
  declare readonly assignedUsers: pulumi.Output<string[]>;
  /** Set when adopt: true took over an existing call center: its record id and the fields the up changed. */
  declare readonly adoption: pulumi.Output<CallCenterAdoption | undefined>;

  constructor(name: string, args: SalesforceCallCenterDefinitionArgs, opts?: pulumi.CustomResourceOptions) {
    // Every output must be a key of props to be exposed; undefined keys are not sent as inputs.
    const props = {
      internalName: undefined,
      adapterUrl: undefined,
      assignedUsers: undefined,
      ...withSecrets(args, CALL_CENTER_SECRET_PATHS),
      definitionXml: undefined,
      callCenterId: undefined,
      adoption: undefined,
    };
    super("SalesforceCallCenterDefinition", name, props, {
      ...opts,
      additionalSecretOutputs: [...(opts?.additionalSecretOutputs ?? []), "salesforce"],
    });
  }
}
