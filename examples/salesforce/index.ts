// Salesforce and Webex Contact Center, both halves side by side for one org and one data centre:
//
//   - the Salesforce connector Webex uses (Control Hub > Connectors): the JWT bearer credentials of a
//     connected app, validated by Webex when saved;
//   - the call-center definition the "Webex Contact Center for Salesforce" package runs on, deployed into
//     Salesforce through the Metadata API, with its CTI adapter URL following the same region, and the
//     agents assigned to it;
//   - Cisco's Salesforce agent desktop layout, assigned to the org's Salesforce teams;
//   - a Custom connector with OAuth 2.0 (client credentials) for the flow that looks callers up by ANI:
//     its HTTP Request activities call the org's REST API (SOQL on Account, Contact and Case, then a PATCH
//     on the case), with tokens Webex fetches from Salesforce.
//
// Secrets come from stack config set with --secret, never from code.
import * as pulumi from "@pulumi/pulumi";
import * as wxcc from "pulumi-wxcc";

const config = new pulumi.Config();
// The Webex region of the org: the same value the provider uses, so the agent desktop loads from the
// data centre the tenant lives in.
const region = (new pulumi.Config("wxcc").get("region") ?? "us1") as wxcc.Region;
const audience = config.get("salesforceAudience") ?? "https://login.salesforce.com";

const crmConnector = new wxcc.SalesforceConnector("salesforce", {
  name: "Salesforce",
  description: "Screen pops and activity records for the Salesforce agent desktop",
  clientId: config.require("salesforceClientId"),
  userEmail: config.require("salesforceUser"),
  authorizationServerUrl: audience,
  privateKey: config.requireSecret("salesforcePrivateKey"),
});

const callCenter = new wxcc.SalesforceCallCenterDefinition("agent-desktop", {
  salesforce: {
    loginUrl: config.get("salesforceLoginUrl"),
    audience,
    clientId: config.require("deployClientId"),
    username: config.require("deployUser"),
    privateKey: config.requireSecret("deployPrivateKey"),
  },
  region,
  displayName: "Webex Contact Center",
  settings: {
    advancedScreenPop: { enabled: true, searchCadVariable: "AccountNumber", aniPrefixesToRemove: ["+1"] },
    noMatchScreenPop: {
      enabled: true,
      objectName: "Case",
      fieldMappings: [
        { cadVariable: "phoneNumber", salesforceField: "SuppliedPhone" },
        { cadVariable: "queueName", salesforceField: "Origin", conditionalEnabled: true },
      ],
      conditionalMappings: [
        { cadVariable: "queueName", cadValue: "Billing", salesforceValue: "Phone - Billing" },
        { cadVariable: "queueName", cadValue: "Support", salesforceValue: "Phone - Support" },
      ],
    },
    activityRecord: {
      createAtConnected: true,
      changeOwnerOnTransfer: true,
      callNotesEnabled: true,
      customFieldUpdateEnabled: true,
      customFieldMappings: [
        { cadVariable: "Language", salesforceField: "Language__c" },
        { salesforceField: "Status", defaultValueEnabled: true, defaultValue: "Completed" },
      ],
    },
    caseManagement: { autoCreateForInbound: true },
  },
  assignedUsers: config.getObject<string[]>("agents") ?? [],
});

const instanceUrl = config.require("salesforceInstanceUrl").replace(/\/+$/, "");
const aniLookup = new wxcc.CustomConnector("salesforce-ani-lookup", {
  name: "Salesforce ANI lookup",
  description: "Flow Designer: AccountByANI, ContactByANI, CaseByContactId, PostComment",
  resourceDomainUrl: instanceUrl,
  auth: {
    type: "oauth2",
    grantType: "client-credentials",
    clientId: config.require("aniLookupClientId"),
    clientSecret: config.requireSecret("aniLookupClientSecret"),
    tokenUrl: `${instanceUrl}/services/oauth2/token`,
    scope: "api",
  },
});

// Step 4 of Cisco's integration: the Salesforce agent desktop layout, assigned to the teams that use it.
const desktopLayout = new wxcc.DesktopLayout("salesforce-desktop", {
  name: "Salesforce Desktop",
  description: "Cisco's Salesforce layout v1.1.9",
  layout: wxcc.desktopLayouts.salesforce({ outdialAni: config.require("outdialAni") }),
  teamIds: config.getObject<string[]>("teamIds") ?? [],
});

export const crmConnectorId = crmConnector.connectorId;
export const desktopLayoutId = desktopLayout.layoutId;
export const aniLookupConnectorId = aniLookup.connectorId;
export const callCenterId = callCenter.callCenterId;
export const adapterUrl = callCenter.adapterUrl;
// For teams that import by hand: Setup > Call Centers > Import takes this file as it is.
export const definitionXml = callCenter.definitionXml;
