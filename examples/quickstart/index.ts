// Quickstart: one connector of every kind Control Hub offers, plus the call-center definition behind the
// Salesforce agent desktop and Cisco's Salesforce desktop layout for the sales teams. Secrets come from
// stack config (`pulumi config set --secret ...`), never code.
//
// `quickstart:version` switches between two versions of this program, so one project can show a change:
//   1 (default)  the initial set-up;
//   2            the text-to-speech connector is renamed (a replacement: the flow bound to it is re-pointed
//                and republished before the old connector is deleted), the Orders API connector gets a new
//                description (an update while it stays active), the call center's softphone and
//                screen-pop settings change, and the desktop layout gets the company's title.
// Rotating a credential needs no code change: set the new secret in config and run `pulumi up`; the
// connector is deactivated, updated and re-activated.
import * as pulumi from "@pulumi/pulumi";
import * as wxcc from "pulumi-wxcc";
import offersAndOrders = require("./flows/offers-and-orders.json");

const config = new pulumi.Config();
const version = config.getNumber("version") ?? 1;
if (version !== 1 && version !== 2) {
  throw new Error(
    `quickstart:version must be 1 or 2, not ${version}: pulumi config set quickstart:version 2`,
  );
}
const v2 = version === 2;

// Salesforce: the connector signs a JWT with the key whose certificate is on the connected app.
const crm = new wxcc.SalesforceConnector("crm", {
  name: "Salesforce-CRM",
  description: "Looks callers up by ANI (accounts, contacts, open cases)",
  clientId: config.require("salesforceClientId"),
  userEmail: config.require("salesforceUser"),
  privateKey: config.requireSecret("salesforcePrivateKey"),
});

// Google text-to-speech, for prompts in Flow Designer. The name is the connector's ID in the product, so
// renaming it replaces the connector.
const tts = new wxcc.GoogleConnector("tts", {
  name: v2 ? "Promotions TTS" : "Offers TTS",
  description: "Text-to-speech for offers and discounts",
  authKey: config.requireSecret("googleAuthKey"),
});

// Google Contact Center AI (Agent Answers).
const agentAnswers = new wxcc.GoogleCcaiConnector("agent-answers", {
  name: "Agent Answers",
  ccaiProject: config.require("ccaiProject"),
  ciscoProjectName: config.get("ccaiCiscoProjectName") ?? "Not applicable",
  serviceAccount: config.require("ccaiServiceAccount"),
  googleAuthorization: config.requireSecret("googleAuthorization"),
});

// Webex Experience Management: post-call surveys (one per org).
const surveys = new wxcc.ExperienceManagementConnector("surveys", {
  name: "Survey feedback",
  description: "Post-call IVR and SMS surveys",
  username: config.require("wxmUsername"),
  apiKey: config.requireSecret("wxmApiKey"),
});

// Custom, OAuth 2.0 client credentials: flows call the orders service with tokens Webex fetches.
const orders = new wxcc.CustomConnector("orders-api", {
  name: "Orders API",
  description: v2 ? "Order status and returns lookups" : "Order status lookups",
  resourceDomainUrl: config.require("ordersApiUrl"),
  auth: {
    type: "oauth2",
    grantType: "client-credentials",
    clientId: config.require("ordersClientId"),
    clientSecret: config.requireSecret("ordersClientSecret"),
    tokenUrl: config.require("ordersTokenUrl"),
    scope: "orders.read",
  },
});

// Custom, Basic authentication with a service account, checked against a validation URL on save.
const loyalty = new wxcc.CustomConnector("loyalty-api", {
  name: "Loyalty API",
  resourceDomainUrl: config.require("loyaltyApiUrl"),
  auth: {
    type: "basic",
    username: config.require("loyaltyUsername"),
    password: config.requireSecret("loyaltyPassword"),
    validationUrl: config.get("loyaltyValidationUrl"),
  },
});

// The Webex Contact Center HTTP connector: flows call Contact Center's own APIs (needs FLEX3 licences).
const contactCenter = new wxcc.ContactCenterConnector("wxcc-api", {
  name: "Contact Center API",
  access: "read-only",
  authorize: true,
});

// A Flow Designer flow kept in the repository as Flow Designer exports it. Its activities refer to
// connectors by id: binding the references (the connector names the export carries) to the connectors
// above rewrites every one of them, so a replaced connector's flow is re-pointed and republished before
// the old connector is deleted.
const offersFlow = new wxcc.Flow("offers-flow", {
  definition: offersAndOrders,
  connectors: { "Offers TTS": tts.connectorId, "Orders API": orders.connectorId },
});

// The call-center definition the Salesforce managed package reads, deployed through the Metadata API.
const agents = config.getObject<string[]>("agents") ?? [];
const callCenter = new wxcc.SalesforceCallCenterDefinition("call-center", {
  salesforce: {
    loginUrl: config.get("salesforceLoginUrl"),
    audience: config.get("salesforceAudience"),
    clientId: config.require("deployClientId"),
    username: config.require("deployUser"),
    privateKey: config.requireSecret("deployPrivateKey"),
  },
  displayName: "Webex Contact Center",
  settings: {
    general: { softphoneHeight: v2 ? 600 : 550 },
    advancedScreenPop: { aniPrefixesToRemove: v2 ? ["+1", "+44"] : ["+1"] },
    activityRecord: { subjectTemplate: "{direction} Call {activityDatetime}" },
  },
  assignedUsers: agents,
});

// Cisco's Salesforce agent desktop layout (step 4 of the integration), for the teams that work in
// Salesforce. Version 2 gives the desktop the company's title: a change those agents see at next sign-in.
const desktopLayout = new wxcc.DesktopLayout("desktop-layout", {
  name: "Salesforce Desktop",
  description: "Cisco's Salesforce layout v1.1.9",
  layout: wxcc.desktopLayouts.salesforce({
    outdialAni: config.get("outdialAni") ?? "+14085550100",
    ...(v2 ? { appTitle: "Acme Contact Center" } : {}),
  }),
  teamIds: config.getObject<string[]>("salesTeamIds") ?? [],
});

export const programVersion = version;
export const connectorIds = {
  crm: crm.connectorId,
  tts: tts.connectorId,
  agentAnswers: agentAnswers.connectorId,
  surveys: surveys.connectorId,
  orders: orders.connectorId,
  loyalty: loyalty.connectorId,
  contactCenter: contactCenter.connectorId,
};
export const callCenterName = callCenter.internalName;
export const desktopLayoutId = desktopLayout.layoutId;
export const flowId = offersFlow.flowId;
