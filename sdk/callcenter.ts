// The Salesforce call-center definition that the Webex Contact Center for Salesforce package runs on, as a
// Pulumi resource: typed settings in, Cisco's definition file and the deployed CallCenter out.
import * as pulumi from "@pulumi/pulumi";
import type {
  ActivityFieldMapping,
  ConditionalMapping,
  FieldMapping,
  JsonScalar,
} from "../provider/salesforce/item-codecs";
import type { CallCenterSettingsInput } from "../provider/salesforce/settings-schema";
import type { Region } from "../provider/webex/types";
import { withSecrets } from "./secret-inputs";

/** Where the resource's arguments carry secrets: wrapped as secrets, and masked by the plan reporter. */
export const CALL_CENTER_SECRET_PATHS: readonly string[] = ["salesforce.privateKey"];
import { thinProvider } from "./thin-provider";

/** Every level of `T` may be a pulumi.Input. */
export type DeepInput<T> = T extends string | number | boolean | null | undefined
  ? pulumi.Input<T>
  : T extends readonly (infer E)[]
    ? pulumi.Input<DeepInput<E>[]>
    : pulumi.Input<{ [K in keyof T]: DeepInput<T[K]> }>;

export type {
  ActivityFieldMapping,
  CallCenterSettingsInput,
  ConditionalMapping,
  FieldMapping,
  JsonScalar,
  Region,
};

/** JWT bearer credentials of a Salesforce connected app (or External Client App). */
export interface SalesforceJwtCredentials {
  /** Where the token is requested; default https://login.salesforce.com (https://test.salesforce.com for a
   * sandbox, or the org's My Domain URL). */
  loginUrl?: pulumi.Input<string>;
  /** The JWT `aud`; default loginUrl. Orgs using External Client Apps need their My Domain URL. */
  audience?: pulumi.Input<string>;
  /** The connected app's consumer key. */
  clientId: pulumi.Input<string>;
  /** The Salesforce username the integration acts as. */
  username: pulumi.Input<string>;
  /** PEM RSA private key (≥ 2048 bits) of the certificate uploaded to the app. Always stored as a secret. */
  privateKey: pulumi.Input<string>;
}

/** An item Cisco may add in a later release (or one from an older file), passed through untouched. */
export interface ExtraItemArgs {
  name: pulumi.Input<string>;
  label?: pulumi.Input<string>;
  value: pulumi.Input<string>;
}

export interface ExtraSectionArgs {
  /** A section of Cisco's file (items are appended to it) or a new one (appended after the last). */
  name: pulumi.Input<string>;
  label?: pulumi.Input<string>;
  items: pulumi.Input<pulumi.Input<ExtraItemArgs>[]>;
}

export interface SalesforceCallCenterDefinitionArgs {
  salesforce: pulumi.Input<SalesforceJwtCredentials>;
  /** The Webex Contact Center data centre; sets the CTI adapter URL https://desktop.wxcc-<region>.cisco.com/.
   * Default us1 (Cisco's default). */
  region?: pulumi.Input<Region>;
  /** Overrides the adapter URL. A Cisco desktop URL must match region; any other https URL is taken as a
   * deliberate override. */
  adapterUrl?: pulumi.Input<string>;
  /** The CallCenter's API name (≤ 40 letters and digits). Default Cisco's current one. Changing it replaces
   * the call center. */
  internalName?: pulumi.Input<string>;
  /** Default Cisco's current display name. */
  displayName?: pulumi.Input<string>;
  /** One group per section of Cisco's file; every field defaults to Cisco's value. */
  settings?: DeepInput<CallCenterSettingsInput>;
  extraSections?: pulumi.Input<pulumi.Input<ExtraSectionArgs>[]>;
  /** Salesforce usernames to assign to this call center (User.CallCenterId); removed ones are unassigned. */
  assignedUsers?: pulumi.Input<pulumi.Input<string>[]>;
  /** Default true. With false nothing is sent to Salesforce: the resource only renders definitionXml. */
  deploy?: pulumi.Input<boolean>;
  /** Take over a call center with the same internal name that already exists in the org (for example one
   * imported by hand from Cisco's file), overwriting its settings. Default false: creating over an existing
   * one fails. The same name as the connectors' adopt. */
  adopt?: pulumi.Input<boolean>;
  /** @deprecated Use adopt: the same behaviour under the name every resource shares. Still honoured. */
  adoptExisting?: pulumi.Input<boolean>;
}

export class SalesforceCallCenterDefinition extends pulumi.dynamic.Resource {
  /** Cisco's import format (Setup > Call Centers > Import), byte-stable, for teams that import by hand. */
  declare readonly definitionXml: pulumi.Output<string>;
  /** The Salesforce CallCenter record id ("" with deploy: false). */
  declare readonly callCenterId: pulumi.Output<string>;
  declare readonly internalName: pulumi.Output<string>;
  declare readonly adapterUrl: pulumi.Output<string>;
  declare readonly assignedUsers: pulumi.Output<string[]>;

  constructor(name: string, args: SalesforceCallCenterDefinitionArgs, opts?: pulumi.CustomResourceOptions) {
    // Every output must be a key of props to be exposed; undefined keys are not sent as inputs.
    const props = {
      internalName: undefined,
      adapterUrl: undefined,
      assignedUsers: undefined,
      ...withSecrets(args, CALL_CENTER_SECRET_PATHS),
      definitionXml: undefined,
      callCenterId: undefined,
    };
    super(
      thinProvider("SalesforceCallCenterDefinition"),
      name,
      props,
      {
        ...opts,
        additionalSecretOutputs: [...(opts?.additionalSecretOutputs ?? []), "salesforce"],
      },
      "wxcc",
      "SalesforceCallCenterDefinition",
    );
  }
}
