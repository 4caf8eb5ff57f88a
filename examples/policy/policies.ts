// Three rules a platform team enforces on Webex Contact Center connectors. They match the resources by type
// token (each class's __pulumiType), as for any generated Pulumi SDK.
//
// Policies see every input in plaintext, secrets included, so no rule ever puts an input value in a message
// or a log: each violation names the rule's reason and the fix only (the engine adds the resource's URN).
import {
  type PolicyResource,
  type ResourceValidationPolicy,
  type StackValidationPolicy,
  validateResourceOfType,
} from "@pulumi/policy";
import * as wxcc from "pulumi-wxcc";

/** The policy configuration (`pulumi policy enable … --config`, or the pack's defaults). */
export interface ConnectorPolicyConfig {
  /** Connector names (the connector's ID in the org) allowed to be read-write Contact Center connectors. */
  readWriteAllowList: string[];
}

export const noBasicAuthCustomConnector: ResourceValidationPolicy = {
  name: "wxcc-custom-connector-no-basic-auth",
  description: "Custom connectors authenticate with OAuth 2.0, never with a Basic-auth password.",
  enforcementLevel: "mandatory",
  validateResource: validateResourceOfType(wxcc.CustomConnector, (connector, _args, reportViolation) => {
    if (connector.auth?.type === "basic") {
      reportViolation(
        'Custom connector uses Basic authentication: use auth: {type: "oauth2", grantType: "client-credentials", …} so no long-lived password is stored in Webex.',
      );
    }
  }),
};

export const readWriteContactCenterAllowList: ResourceValidationPolicy = {
  name: "wxcc-contact-center-read-write-allow-list",
  description: "Only allow-listed Webex Contact Center connectors may have read-write access.",
  enforcementLevel: "mandatory",
  configSchema: {
    properties: {
      readWriteAllowList: { type: "array", items: { type: "string" }, default: [] },
    },
  },
  validateResource: validateResourceOfType(
    wxcc.ContactCenterConnector,
    (connector, args, reportViolation) => {
      if (connector.access !== "read-write") return;
      const { readWriteAllowList = [] } = args.getConfig<Partial<ConnectorPolicyConfig>>();
      // An unknown name (computed elsewhere, during a preview) cannot be checked yet; the update checks it.
      if (typeof connector.name === "string" && readWriteAllowList.includes(connector.name)) return;
      reportViolation(
        'Contact Center connector has access "read-write" but its name is not in the policy\'s readWriteAllowList: use access: "read-only", or add the name to the allow-list.',
      );
    },
  ),
};

// The classes' constructors take different arguments; isType only reads their type tokens.
const CONNECTOR_CLASSES = Object.values(wxcc.CONNECTOR_CLASSES) as unknown as (new (
  ...rest: unknown[]
) => wxcc.ConnectorResource)[];

function isConnector(resource: PolicyResource): boolean {
  return CONNECTOR_CLASSES.some((cls) => resource.isType(cls));
}

/** The maintenance window the connectors' provider is configured with (the stack's wxcc:maintenanceWindow). */
function maintenanceWindowOf(resource: PolicyResource): unknown {
  return resource.provider?.props?.["wxcc:maintenanceWindow"];
}

export const maintenanceWindowWithConnectors: StackValidationPolicy = {
  name: "wxcc-maintenance-window-required",
  description:
    "A stack that holds connectors sets wxcc:maintenanceWindow, so changes that deactivate a connector wait for it.",
  enforcementLevel: "mandatory",
  validateStack: (args, reportViolation) => {
    const connectors = args.resources.filter(isConnector);
    if (connectors.length === 0) return;
    const unguarded = connectors.filter((r) => {
      const window = maintenanceWindowOf(r);
      return typeof window !== "string" || window.trim() === "";
    });
    if (unguarded.length > 0) {
      reportViolation(
        `The stack holds ${connectors.length} connector(s) but sets no maintenance window: run \`pulumi config set wxcc:maintenanceWindow "Sat,Sun 01:00-05:00 Europe/Berlin"\` (your own window), so credential changes that deactivate a connector are refused outside it.`,
      );
    }
  },
};

export const CONNECTOR_POLICIES = [
  noBasicAuthCustomConnector,
  readWriteContactCenterAllowList,
  maintenanceWindowWithConnectors,
];
