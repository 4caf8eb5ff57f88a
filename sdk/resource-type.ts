// The type tokens of the package's resources and the static members Pulumi's generated SDKs give every class
// (`__pulumiType`, `isInstance`), so tools such as @pulumi/policy's validateResourceOfType recognise them.
// A new resource class (desktop layouts, flows) takes its token from dynamicTypeToken and its isInstance from
// isResourceOfType.

/** The module every resource registers under: tokens read pulumi-nodejs:dynamic/wxcc:<TypeName>. */
export const WXCC_MODULE = "wxcc";

/** The type token Pulumi records for a dynamic resource registered with module "wxcc" and this type name. */
export function dynamicTypeToken<T extends string>(typeName: T): `pulumi-nodejs:dynamic/wxcc:${T}` {
  return `pulumi-nodejs:dynamic/${WXCC_MODULE}:${typeName}`;
}

/** True when `obj` is a resource registered with this type token, even one from another copy of the SDK. */
export function isResourceOfType(obj: unknown, token: string): boolean {
  if (obj === undefined || obj === null || typeof obj !== "object") return false;
  return (obj as { __pulumiType?: unknown }).__pulumiType === token;
}

/** The type token of every resource class, by class name. */
export const TYPE_TOKENS = {
  SalesforceConnector: dynamicTypeToken("SalesforceConnector"),
  GoogleConnector: dynamicTypeToken("GoogleConnector"),
  GoogleCcaiConnector: dynamicTypeToken("GoogleCcaiConnector"),
  ExperienceManagementConnector: dynamicTypeToken("ExperienceManagementConnector"),
  CustomConnector: dynamicTypeToken("CustomConnector"),
  ContactCenterConnector: dynamicTypeToken("ContactCenterConnector"),
  SalesforceCallCenterDefinition: dynamicTypeToken("SalesforceCallCenterDefinition"),
  DesktopLayout: dynamicTypeToken("DesktopLayout"),
  Flow: dynamicTypeToken("Flow"),
} as const;
