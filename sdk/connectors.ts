// The six connector resources. Each is a pulumi.dynamic.Resource whose provider is the thin provider for its
// type; argument types derive from the kind spec's zod schema, so the schema check() validates against and
// the TypeScript type a program is written against are the same thing.
import * as pulumi from "@pulumi/pulumi";
import type { z } from "zod";
import { contactCenter } from "../provider/kinds/contact-center";
import { custom } from "../provider/kinds/custom";
import { experienceManagement } from "../provider/kinds/experience-management";
import { google } from "../provider/kinds/google";
import { googleCcai } from "../provider/kinds/google-ccai";
import { salesforce } from "../provider/kinds/salesforce";
import { type KindSpec, secretOutputKeys } from "../provider/kinds/spec";
import type { Adoption } from "../provider/lifecycle/adopt";
import { COMMON_INPUT_KEYS, COMMON_OUTPUT_KEYS } from "../provider/lifecycle/outputs";
import { withSecrets } from "./secret-inputs";
import { thinProvider } from "./thin-provider";

export type { Adoption } from "../provider/lifecycle/adopt";

/** Every level of a value may be an Input, as Pulumi programs expect. */
type DeepInput<T> = T extends string | number | boolean | null | undefined
  ? T
  : T extends readonly (infer U)[]
    ? pulumi.Input<DeepInput<U>>[]
    : { [K in keyof T]: pulumi.Input<DeepInput<T[K]>> };

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any kind's schema
type AnySpec = KindSpec<any>;

/** A kind's resource arguments: its zod schema's input type, with Inputs at every level. */
export type ConnectorArgs<S extends AnySpec> = DeepInput<z.input<S["schema"]>>;

type Out<S extends AnySpec, K extends keyof z.output<S["schema"]>> = pulumi.Output<
  NonNullable<z.output<S["schema"]>[K]>
>;

/** The resource options every connector needs: outputs that carry a credential are secret. */
export function connectorOptions(
  spec: Pick<AnySpec, "secretPaths">,
  opts: pulumi.CustomResourceOptions | undefined,
): pulumi.CustomResourceOptions {
  const secretOutputs = new Set([...(opts?.additionalSecretOutputs ?? []), ...secretOutputKeys(spec)]);
  return { ...opts, additionalSecretOutputs: [...secretOutputs] };
}

/**
 * The properties registered for a connector: every output key (undefined until the provider fills it),
 * then the arguments with each credential wrapped as a secret however it was passed.
 */
export function connectorProps(spec: AnySpec, args: object): pulumi.Inputs {
  const outputKeys = [
    ...COMMON_INPUT_KEYS,
    ...COMMON_OUTPUT_KEYS,
    ...Object.keys(spec.fields),
    ...(spec.extraOutputs ?? []),
  ];
  const seeded: pulumi.Inputs = Object.fromEntries(outputKeys.map((key) => [key, undefined]));
  return { ...seeded, ...withSecrets(args, spec.secretPaths) };
}

/** What every connector outputs, whatever its kind. */
export abstract class ConnectorResource extends pulumi.dynamic.Resource {
  /** The server-assigned id flows refer to the connector by. */
  declare readonly connectorId: pulumi.Output<string>;
  /** The connector's ID in the org (the product's name for it); changing it replaces the connector. */
  declare readonly name: pulumi.Output<string>;
  /** The API's type: SALESFORCE, GOOGLE, GOOGLE_CCAI, WXM, CUSTOM or WEBEX_CC. */
  declare readonly kind: pulumi.Output<string>;
  declare readonly orgId: pulumi.Output<string>;
  declare readonly region: pulumi.Output<string>;
  declare readonly active: pulumi.Output<boolean>;
  declare readonly description: pulumi.Output<string | undefined>;
  /** Incremented by the service on every change. */
  declare readonly version: pulumi.Output<number>;
  /** ISO-8601 timestamps. */
  declare readonly createdAt: pulumi.Output<string>;
  declare readonly lastUpdatedAt: pulumi.Output<string>;
  declare readonly schemaVersion: pulumi.Output<number>;
  /** How an existing connector was taken over (adopt: true): its id, the fields changed, the credentials. */
  declare readonly adoption: pulumi.Output<Adoption | undefined>;

  protected constructor(spec: AnySpec, name: string, args: object, opts?: pulumi.CustomResourceOptions) {
    super(
      thinProvider(spec.typeName),
      name,
      connectorProps(spec, args),
      connectorOptions(spec, opts),
      "wxcc",
      spec.typeName,
    );
  }
}

export type SalesforceConnectorArgs = ConnectorArgs<typeof salesforce>;
export type GoogleConnectorArgs = ConnectorArgs<typeof google>;
export type GoogleCcaiConnectorArgs = ConnectorArgs<typeof googleCcai>;
export type ExperienceManagementConnectorArgs = ConnectorArgs<typeof experienceManagement>;
export type CustomConnectorArgs = ConnectorArgs<typeof custom>;
export type ContactCenterConnectorArgs = ConnectorArgs<typeof contactCenter>;

/** A Salesforce connector: a connected app's JWT bearer credentials, validated by Webex on save. */
export class SalesforceConnector extends ConnectorResource {
  declare readonly clientId: Out<typeof salesforce, "clientId">;
  declare readonly userEmail: Out<typeof salesforce, "userEmail">;
  declare readonly authorizationServerUrl: Out<typeof salesforce, "authorizationServerUrl">;
  /** The last applied key (secret). */
  declare readonly privateKey: Out<typeof salesforce, "privateKey">;
  constructor(name: string, args: SalesforceConnectorArgs, opts?: pulumi.CustomResourceOptions) {
    super(salesforce, name, args, opts);
  }
}

/** A Google (text-to-speech) connector. */
export class GoogleConnector extends ConnectorResource {
  /** The last applied service-account key (secret). */
  declare readonly authKey: Out<typeof google, "authKey">;
  constructor(name: string, args: GoogleConnectorArgs, opts?: pulumi.CustomResourceOptions) {
    super(google, name, args, opts);
  }
}

/** A Google Contact Center AI connector. A new googleAuthorization re-authorizes it ("Refresh key"). */
export class GoogleCcaiConnector extends ConnectorResource {
  declare readonly ccaiProject: Out<typeof googleCcai, "ccaiProject">;
  declare readonly ciscoProjectName: Out<typeof googleCcai, "ciscoProjectName">;
  declare readonly serviceAccount: Out<typeof googleCcai, "serviceAccount">;
  /** The last applied Google authorization (secret). */
  declare readonly googleAuthorization: Out<typeof googleCcai, "googleAuthorization">;
  /** True while the connector waits to be re-authorized with Google. */
  declare readonly authorizationRequired: pulumi.Output<boolean>;
  constructor(name: string, args: GoogleCcaiConnectorArgs, opts?: pulumi.CustomResourceOptions) {
    super(googleCcai, name, args, opts);
  }
}

/** A Webex Experience Management connector (one per org). */
export class ExperienceManagementConnector extends ConnectorResource {
  declare readonly username: Out<typeof experienceManagement, "username">;
  /** The last applied API key (secret). */
  declare readonly apiKey: Out<typeof experienceManagement, "apiKey">;
  constructor(name: string, args: ExperienceManagementConnectorArgs, opts?: pulumi.CustomResourceOptions) {
    super(experienceManagement, name, args, opts);
  }
}

/** A Custom connector: an authenticated endpoint for the HTTP Request activity. */
export class CustomConnector extends ConnectorResource {
  declare readonly resourceDomainUrl: Out<typeof custom, "resourceDomainUrl">;
  /** The authentication, with the last applied password or client secret (secret as a whole). */
  declare readonly auth: Out<typeof custom, "auth">;
  constructor(name: string, args: CustomConnectorArgs, opts?: pulumi.CustomResourceOptions) {
    super(custom, name, args, opts);
  }
}

/** A Webex Contact Center (HTTP) connector: flows call Contact Center's own APIs through it. */
export class ContactCenterConnector extends ConnectorResource {
  declare readonly access: Out<typeof contactCenter, "access">;
  declare readonly authorize: Out<typeof contactCenter, "authorize">;
  /** The OAuth scopes the access level grants. */
  declare readonly scopes: pulumi.Output<string[]>;
  constructor(name: string, args: ContactCenterConnectorArgs, opts?: pulumi.CustomResourceOptions) {
    super(contactCenter, name, args, opts);
  }
}

/** Every connector class by its type name, for programs (and tests) that declare connectors from data. */
export const CONNECTOR_CLASSES = {
  SalesforceConnector,
  GoogleConnector,
  GoogleCcaiConnector,
  ExperienceManagementConnector,
  CustomConnector,
  ContactCenterConnector,
} as const;
