// The rollout program: every org gets the six connector kinds, declared org by org as a multi-org program
// naturally is (see examples/multi-org). Resource names carry the org id; connector names repeat per org.
import type { ConnectorTypeName } from "../provider/kinds/spec";
import { CONNECTOR_CLASSES } from "../sdk";
import type { ConnectorClasses } from "./runtime-modules";
import { type BenchOrg, type ConnectorSecrets, ORDERS } from "./world";

/** The connector kinds every org gets: all of them. */
export const KINDS = Object.keys(CONNECTOR_CLASSES) as ConnectorTypeName[];

/** Each kind's resource name suffix in an org. */
const RESOURCE_SUFFIX: Record<ConnectorTypeName, string> = {
  SalesforceConnector: "crm",
  GoogleConnector: "tts",
  GoogleCcaiConnector: "ccai",
  ExperienceManagementConnector: "wxm",
  CustomConnector: "orders",
  ContactCenterConnector: "contact-center",
};

/** The arguments of one org's connector of a kind (the floor program sends the same connectors). */
export function connectorArgs(
  type: ConnectorTypeName,
  org: BenchOrg,
  secrets: ConnectorSecrets,
): Record<string, unknown> & { name: string } {
  const orgId = org.orgId;
  switch (type) {
    case "SalesforceConnector":
      return {
        orgId,
        name: "Salesforce",
        clientId: org.salesforceApp,
        userEmail: org.salesforceUser,
        privateKey: secrets.salesforcePrivateKey,
      };
    case "GoogleConnector":
      return { orgId, name: "Text to speech", authKey: secrets.googleAuthKey };
    case "GoogleCcaiConnector":
      return {
        orgId,
        name: "Agent Answers",
        ccaiProject: "partner-ccai",
        ciscoProjectName: "Not applicable",
        serviceAccount: "ccai@partner-ccai.iam.gserviceaccount.com",
        googleAuthorization: secrets.googleAuthorization,
      };
    case "ExperienceManagementConnector":
      return { orgId, name: "Surveys", username: "wxm-admin@partner.example", apiKey: secrets.wxmApiKey };
    case "CustomConnector":
      return {
        orgId,
        name: "Orders API",
        resourceDomainUrl: ORDERS.apiUrl,
        auth: {
          type: "oauth2",
          grantType: "client-credentials",
          clientId: ORDERS.clientId,
          clientSecret: secrets.ordersClientSecret,
          tokenUrl: ORDERS.tokenUrl,
        },
      };
    case "ContactCenterConnector":
      return { orgId, name: "Contact Center API", access: "read-only", authorize: true };
  }
}

/** The program; `classes` are the repository's unless the bench runs an installed package's. */
export function rolloutProgram(
  orgs: readonly BenchOrg[],
  secrets: ConnectorSecrets,
  classes: ConnectorClasses = CONNECTOR_CLASSES as unknown as ConnectorClasses,
): () => void {
  return () => {
    for (const org of orgs) {
      for (const type of KINDS) {
        new classes[type](
          `${org.orgId}-${RESOURCE_SUFFIX[type]}`,
          connectorArgs(type, org, secrets) as never,
        );
      }
    }
  };
}
