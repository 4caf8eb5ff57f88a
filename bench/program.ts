// The rollout program: every org gets the six connector kinds, declared org by org as a multi-org program
// naturally is (see examples/multi-org). Resource names carry the org id; connector names repeat per org.
import {
  CONNECTOR_CLASSES,
  ContactCenterConnector,
  CustomConnector,
  ExperienceManagementConnector,
  GoogleCcaiConnector,
  GoogleConnector,
  SalesforceConnector,
} from "../sdk";
import { type BenchOrg, type ConnectorSecrets, ORDERS } from "./world";

/** The connector kinds every org gets: all of them. */
export const KINDS = Object.keys(CONNECTOR_CLASSES);

export function rolloutProgram(orgs: readonly BenchOrg[], secrets: ConnectorSecrets): () => void {
  return () => {
    for (const org of orgs) {
      const orgId = org.orgId;
      new SalesforceConnector(`${orgId}-crm`, {
        orgId,
        name: "Salesforce",
        clientId: org.salesforceApp,
        userEmail: org.salesforceUser,
        privateKey: secrets.salesforcePrivateKey,
      });
      new GoogleConnector(`${orgId}-tts`, { orgId, name: "Text to speech", authKey: secrets.googleAuthKey });
      new GoogleCcaiConnector(`${orgId}-ccai`, {
        orgId,
        name: "Agent Answers",
        ccaiProject: "partner-ccai",
        ciscoProjectName: "Not applicable",
        serviceAccount: "ccai@partner-ccai.iam.gserviceaccount.com",
        googleAuthorization: secrets.googleAuthorization,
      });
      new ExperienceManagementConnector(`${orgId}-wxm`, {
        orgId,
        name: "Surveys",
        username: "wxm-admin@partner.example",
        apiKey: secrets.wxmApiKey,
      });
      new CustomConnector(`${orgId}-orders`, {
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
      });
      new ContactCenterConnector(`${orgId}-contact-center`, {
        orgId,
        name: "Contact Center API",
        access: "read-only",
        authorize: true,
      });
    }
  };
}
