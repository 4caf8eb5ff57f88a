// What a connector kind is, declaratively: its fields (a zod schema that is also the SDK's argument type),
// which are secret, which sit in the product's Credentials section (editable only while inactive) and which
// may change while active, how inputs map to the API body (expand) and back (flatten), and its per-org
// limit. One generic lifecycle (provider/lifecycle/) turns any spec into check/diff/create/read/update/delete.
import { z } from "zod";
import type { ResourceTypeName } from "../index";
import type { Connector, ConnectorType } from "../webex/types";
import { bool, printableName, region, text } from "./fields";

export type ConnectorTypeName = Exclude<
  ResourceTypeName,
  "SalesforceCallCenterDefinition" | "DesktopLayout" | "Flow"
>;

/**
 * How a change to a field is applied:
 * - credential: part of the Credentials section: deactivate → edit → re-activate;
 * - setting: editable while the connector is active;
 * - reauthorize: a Google sign-in, applied by re-authorizing (the product's "Refresh key");
 * - consent: a request-only acknowledgement that must hold on every save and is never an edit by itself.
 */
export type FieldRole = "credential" | "setting" | "reauthorize" | "consent";

/** The arguments every kind shares. name, orgId and region identify the connector: changing one replaces it. */
export const commonShape = {
  name: printableName(
    "name",
    255,
    "the connector's ID in the org (unique, and it cannot be changed; flows refer to the connector by it)",
  ).describe(
    "The connector's ID in the org, shown as its name in Control Hub; flows refer to the connector by it. 1 to 255 characters, unique in the org (case-insensitively).",
  ),
  orgId: text("orgId", "the Webex org that holds the connector; defaults to wxcc:orgId")
    .describe("The Webex Contact Center org that holds the connector. Default: the provider's wxcc:orgId.")
    .optional(),
  region: region()
    .describe(
      "The org's Webex Contact Center data centre: us1, eu1, eu2, anz1, ca1, jp1 or sg1. Default: the provider's wxcc:region (us1 when unset).",
    )
    .optional(),
  active: bool("active", "whether flows can use the connector; defaults to true")
    .describe(
      "Whether flows can use the connector. Setting it to false deactivates the connector (call routing through it stops). Default: true.",
    )
    .optional(),
  description: z
    .string({ error: "description must be a string: a short note on what the connector is for." })
    .max(255, { error: "description is longer than 255 characters: shorten it." })
    .describe(
      "A short note on what the connector is for; at most 255 characters. Editable while the connector is active.",
    )
    .optional(),
  adopt: bool("adopt", "true takes over a connector of the same kind and name the org already holds")
    .optional()
    .describe(
      "Take over a connector of this kind and name that already exists in the org, instead of creating one " +
        "(default false). The preview shows the adoption (adoption.connectorId) and the fields it will change; " +
        "no create is sent and the existing id is kept, so flows keep working. The declared credentials are " +
        "recorded as the ones in force: they are taken as declared, not verified (set pushCredentialsOnAdopt to " +
        "write them). When no such connector exists, one is created as usual. Pair it with the retainOnDelete: " +
        "true resource option so that a destroy leaves the connector in place.",
    ),
  pushCredentialsOnAdopt: bool(
    "pushCredentialsOnAdopt",
    "true writes the declared credentials to the adopted connector, which deactivates it meanwhile",
  )
    .optional()
    .describe(
      "With adopt: true, also write the declared credentials to the connector taken over (default false). " +
        "Disruptive: the connector is deactivated while they are written, so call routing stops for the flows " +
        "that use it; obeys wxcc:maintenanceWindow. Without it, adoption never deactivates anything.",
    ),
};

export type CommonShape = typeof commonShape;
export type KindSchema<Shape extends z.ZodRawShape> = z.ZodObject<CommonShape & Shape, z.core.$strict>;
export type KindValues<Shape extends z.ZodRawShape> = z.output<KindSchema<Shape>>;

/** The API body's kind-specific part. */
export interface ApiFields {
  settings: Record<string, unknown>;
  credentials: Record<string, unknown>;
}

export interface KindDefinition<Shape extends z.ZodRawShape> {
  /** The SDK class name, also the type token's type: pulumi-nodejs:dynamic/wxcc:<typeName>. */
  typeName: ConnectorTypeName;
  apiType: ConnectorType;
  /** The product's name for the kind, for messages. */
  label: string;
  fields: Shape;
  roles: { [K in keyof Shape]: FieldRole };
  /** Paths ("privateKey", "auth.password") of write-only secret values: wrapped as secrets by the SDK,
   * kept under the same keys in outputs so a rotation can be detected. */
  secretPaths: readonly string[];
  /** Top-level defaults check fills in when the program leaves a field out. */
  defaults?: Partial<Record<keyof Shape, unknown>>;
  perOrgLimit?: number;
  /** After a credential edit the connector must be re-authorized before it can be activated (CCAI). */
  reauthorizeAfterCredentialEdit?: boolean;
  /** What may refer to a connector of this kind and blocks its deletion (e.g. "CCAI config"). */
  referencedBy?: string;
  /** Outputs beyond the inputs, computed from the live connector (e.g. the HTTP connector's scopes). */
  extraOutputs?: readonly string[];
  /** Inputs → API body. "edit" is a PUT carrying credentials (write-only sign-ins are sent on create only). */
  expand(inputs: KindValues<Shape>, purpose: "create" | "edit"): ApiFields;
  /** API connector → the kind's inputs, without secrets (the API never returns them). */
  flatten(connector: Connector): Record<string, unknown>;
  /** Values for extraOutputs. */
  outputsFrom?(connector: Connector): Record<string, unknown>;
}

export interface KindSpec<Shape extends z.ZodRawShape = z.ZodRawShape> extends KindDefinition<Shape> {
  schema: KindSchema<Shape>;
}

export function defineKind<Shape extends z.ZodRawShape>(definition: KindDefinition<Shape>): KindSpec<Shape> {
  return { ...definition, schema: z.strictObject({ ...commonShape, ...definition.fields }) };
}

/** The top-level keys that carry a secret somewhere inside: these outputs are marked secret. */
export function secretOutputKeys(spec: Pick<KindDefinition<z.ZodRawShape>, "secretPaths">): string[] {
  return [...new Set(spec.secretPaths.map((path) => path.split(".")[0]))];
}

/** The kind's fields that have any of these roles, in the order the spec declares them. */
export function fieldsWithRole(
  spec: Pick<KindDefinition<z.ZodRawShape>, "roles">,
  ...roles: FieldRole[]
): string[] {
  return Object.entries(spec.roles as Record<string, FieldRole>)
    .filter(([, role]) => roles.includes(role))
    .map(([field]) => field);
}
