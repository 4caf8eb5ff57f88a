// The six connector resources. Each is a dynamic-provider resource whose provider is the one-line text for its
// type (sdk/thin-provider.ts); argument types derive from the kind spec's zod schema, so the schema check() validates against and
// the TypeScript type a program is written against are the same thing.
import * as pulumi from "@pulumi/pulumi";
import { contactCenter } from "../provider/kinds/contact-center";
import { custom } from "../provider/kinds/custom";
import { experienceManagement } from "../provider/kinds/experience-management";
import { google } from "../provider/kinds/google";
import { googleCcai } from "../provider/kinds/google-ccai";
import { salesforce } from "../provider/kinds/salesforce";
import { secretOutputKeys } from "../provider/kinds/spec";
import type { Adoption } from "../provider/lifecycle/adoption";
import { COMMON_INPUT_KEYS, COMMON_OUTPUT_KEYS } from "../provider/lifecycle/outputs";
import type {
  ContactCenterConnectorArgs,
  CustomConnectorArgs,
  ExperienceManagementConnectorArgs,
  GoogleCcaiConnectorArgs,
  GoogleConnectorArgs,
  SalesforceConnectorArgs,
} from "./generated/args";
import { TYPE_TOKENS } from "./resource-type";
import { withSecrets } from "./secret-inputs";
import { PREVIEW_MARKER } from "../provider/preview-marker";
import { WxccDynamicResource } from "./thin-provider";
import { splitGetOptions, type WxccGetOptions } from "./get-options";

export type { Adoption } from "../provider/lifecycle/adoption";

/** What the SDK needs of a kind spec; kept free of zod types so the published declarations need no zod. */
export interface ConnectorSpecFacts {
  typeName: keyof typeof TYPE_TOKENS;
  fields: object;
  secretPaths: readonly string[];
  extraOutputs?: readonly string[];
}

/** An output of the same type as the argument, Inputs unwrapped. */
type Out<A, K extends keyof A> = pulumi.Output<pulumi.Unwrap<NonNullable<A[K]>>>;

/** Options of a connector's `get`: resource options, and the org and region when not the defaults. */
export type ConnectorGetOptions = WxccGetOptions;

/** The resource options every connector needs: outputs that carry a credential are secret. */
export function connectorOptions(
  spec: Pick<ConnectorSpecFacts, "secretPaths">,
  opts: pulumi.CustomResourceOptions | undefined,
): pulumi.CustomResourceOptions {
  const secretOutputs = new Set([...(opts?.additionalSecretOutputs ?? []), ...secretOutputKeys(spec)]);
  return { ...opts, additionalSecretOutputs: [...secretOutputs] };
}

/**
 * The properties registered for a connector: every output key (undefined until the provider fills it),
 * then the arguments with each credential wrapped as a secret however it was passed.
 */
export function connectorProps(spec: ConnectorSpecFacts, args: object): pulumi.Inputs {
  const outputKeys = [
    ...COMMON_INPUT_KEYS,
    ...COMMON_OUTPUT_KEYS,
    ...Object.keys(spec.fields),
    ...(spec.extraOutputs ?? []),
  ];
  const seeded: pulumi.Inputs = Object.fromEntries(outputKeys.map((key) => [key, undefined]));
  return {
    ...seeded,
    ...withSecrets(args, spec.secretPaths),
    // Only in a preview: check then verifies the org's credentials (provider/preview-marker.ts).
    ...(pulumi.runtime.isDryRun() ? { [PREVIEW_MARKER]: true } : {}),
  };
}

/** What every connector outputs, whatever its kind. */
export abstract class ConnectorResource extends WxccDynamicResource {
  /** An existing connector, read by its connectorId (never created, updated or deleted by this stack). */
  static get<T>(
    this: new (name: string, args: never, opts?: pulumi.CustomResourceOptions) => T,
    name: string,
    id: pulumi.Input<pulumi.ID>,
    opts?: ConnectorGetOptions,
  ): T {
    const [lookup, resourceOpts] = splitGetOptions(id, opts);
    return new this(name, lookup as never, resourceOpts);
  }

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

  protected constructor(
    spec: ConnectorSpecFacts,
    name: string,
    args: object,
    opts?: pulumi.CustomResourceOptions,
  ) {
    super(spec.typeName, name, connectorProps(spec, args), connectorOptions(spec, opts));
  }
}

/** A Salesforce connector: a connected app's JWT bearer credentials, validated by Webex on save. */
export class SalesforceConnector extends ConnectorResource {
  /** The type token Pulumi records for this resource. */
  static readonly __pulumiType = TYPE_TOKENS.SalesforceConnector;

  declare readonly clientId: Out<SalesforceConnectorArgs, "clientId">;
  declare readonly userEmail: Out<SalesforceConnectorArgs, "userEmail">;
  declare readonly authorizationServerUrl: Out<SalesforceConnectorArgs, "authorizationServerUrl">;
  /** A digest (`sha256:…`) of the last applied key (secret). */
  declare readonly privateKey: Out<SalesforceConnectorArgs, "privateKey">;
  constructor(name: string, args: SalesforceConnectorArgs, opts?: pulumi.CustomResourceOptions) {
    super(salesforce, name, args, opts);
  }
}

/** A Google (text-to-speech) connector. */
export class GoogleConnector extends ConnectorResource {
  /** The type token Pulumi records for this resource. */
  static readonly __pulumiType = TYPE_TOKENS.GoogleConnector;

  /** A digest (`sha256:…`) of the last applied service-account key (secret). */
  declare readonly authKey: Out<GoogleConnectorArgs, "authKey">;
  constructor(name: string, args: GoogleConnectorArgs, opts?: pulumi.CustomResourceOptions) {
    super(google, name, args, opts);
  }
}

/** A Google Contact Center AI connector. A new googleAuthorization re-authorizes it ("Refresh key"). */
export class GoogleCcaiConnector extends ConnectorResource {
  /** The type token Pulumi records for this resource. */
  static readonly __pulumiType = TYPE_TOKENS.GoogleCcaiConnector;

  declare readonly ccaiProject: Out<GoogleCcaiConnectorArgs, "ccaiProject">;
  declare readonly ciscoProjectName: Out<GoogleCcaiConnectorArgs, "ciscoProjectName">;
  declare readonly serviceAccount: Out<GoogleCcaiConnectorArgs, "serviceAccount">;
  /** A digest (`sha256:…`) of the last applied Google authorization (secret). */
  declare readonly googleAuthorization: Out<GoogleCcaiConnectorArgs, "googleAuthorization">;
  /** True while the connector waits to be re-authorized with Google. */
  declare readonly authorizationRequired: pulumi.Output<boolean>;
  constructor(name: string, args: GoogleCcaiConnectorArgs, opts?: pulumi.CustomResourceOptions) {
    super(googleCcai, name, args, opts);
  }
}

/** A Webex Experience Management connector (one per org). */
export class ExperienceManagementConnector extends ConnectorResource {
  /** The type token Pulumi records for this resource. */
  static readonly __pulumiType = TYPE_TOKENS.ExperienceManagementConnector;

  declare readonly username: Out<ExperienceManagementConnectorArgs, "username">;
  /** A digest (`sha256:…`) of the last applied API key (secret). */
  declare readonly apiKey: Out<ExperienceManagementConnectorArgs, "apiKey">;
  constructor(name: string, args: ExperienceManagementConnectorArgs, opts?: pulumi.CustomResourceOptions) {
    super(experienceManagement, name, args, opts);
  }
}

/** A Custom connector: an authenticated endpoint for the HTTP Request activity. */
export class CustomConnector extends ConnectorResource {
  /** The type token Pulumi records for this resource. */
  static readonly __pulumiType = TYPE_TOKENS.CustomConnector;

  declare readonly resourceDomainUrl: Out<CustomConnectorArgs, "resourceDomainUrl">;
  /** The authentication, with a digest (`sha256:…`) of the last applied password or client secret (secret as a whole). */
  declare readonly auth: Out<CustomConnectorArgs, "auth">;
  constructor(name: string, args: CustomConnectorArgs, opts?: pulumi.CustomResourceOptions) {
    super(custom, name, args, opts);
  }
}

/** A Webex Contact Center (HTTP) connector: flows call Contact Center's own APIs through it. */
export class ContactCenterConnector extends ConnectorResource {
  /** The type token Pulumi records for this resource. */
  static readonly __pulumiType = TYPE_TOKENS.ContactCenterConnector;

  declare readonly access: Out<ContactCenterConnectorArgs, "access">;
  declare readonly authorize: Out<ContactCenterConnectorArgs, "authorize">;
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
