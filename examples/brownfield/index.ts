// Written by wxcc-export from org-brownfield (us1). Review it before use.
//
// Every connector is declared with adopt: true, so the first `pulumi up` takes over the existing
// connector (its id is kept and flows go on working) instead of creating one, and with the resource
// option retainOnDelete: true, so `pulumi destroy` leaves it in the org. Credentials are taken as
// declared, not verified: the values you set below are recorded as the ones in force.
//
// The API never returns secrets. Set each one before the first preview:
//   pulumi config set --secret billing-password -- "<CustomConnector Billing: auth.password>"
//   pulumi config set --secret orders-api-clientSecret -- "<CustomConnector Orders API: auth.clientSecret>"
//   pulumi config set --secret surveys-apiKey -- "<ExperienceManagementConnector Surveys: apiKey>"
//   pulumi config set --secret agent-answers-googleAuthorization -- "<GoogleCcaiConnector Agent Answers: googleAuthorization>"
//   pulumi config set --secret offers-tts-authKey -- "<GoogleConnector Offers TTS: authKey>"
//   pulumi config set --secret crm-lookups-privateKey -- "<SalesforceConnector CRM Lookups: privateKey>"

import * as pulumi from "@pulumi/pulumi";
import * as wxcc from "pulumi-wxcc";

const config = new pulumi.Config();

// Org org-brownfield (us1)

// ContactCenterConnector "Reporting", id 18f32668-835a-4ff4-8f39-c2dbb9cf02a8
const reporting = new wxcc.ContactCenterConnector(
  "reporting",
  {
    adopt: true,
    orgId: "org-brownfield",
    region: "us1",
    name: "Reporting",
    access: "read-only",
    authorize: true,
  },
  { retainOnDelete: true },
);

// CustomConnector "Billing", id 0639be91-bbb5-44cc-920d-9b9fabeb8579
const billing = new wxcc.CustomConnector(
  "billing",
  {
    adopt: true,
    orgId: "org-brownfield",
    region: "us1",
    name: "Billing",
    active: false,
    resourceDomainUrl: "https://billing.example.com",
    auth: {
      password: config.requireSecret("billing-password"),
      type: "basic",
      username: "svc-billing",
    },
  },
  { retainOnDelete: true },
);

// CustomConnector "Orders API", id 8e2c050c-a542-441a-81db-5a5b9e21ff74
const ordersApi = new wxcc.CustomConnector(
  "orders-api",
  {
    adopt: true,
    orgId: "org-brownfield",
    region: "us1",
    name: "Orders API",
    description: "Order status for the IVR",
    resourceDomainUrl: "https://orders.example.com",
    auth: {
      clientId: "orders-client",
      clientSecret: config.requireSecret("orders-api-clientSecret"),
      grantType: "client-credentials",
      scope: "orders.read",
      tokenUrl: "https://auth.example.com/oauth/token",
      type: "oauth2",
    },
  },
  { retainOnDelete: true },
);

// ExperienceManagementConnector "Surveys", id 20a7732b-0e7a-4dd8-abf5-b0f6921d61a2
const surveys = new wxcc.ExperienceManagementConnector(
  "surveys",
  {
    adopt: true,
    orgId: "org-brownfield",
    region: "us1",
    name: "Surveys",
    description: "Survey feedback",
    username: "wxm-user",
    apiKey: config.requireSecret("surveys-apiKey"),
  },
  { retainOnDelete: true },
);

// GoogleCcaiConnector "Agent Answers", id 6ad1c726-5797-4e6d-80d8-b91a933a3fa6
const agentAnswers = new wxcc.GoogleCcaiConnector(
  "agent-answers",
  {
    adopt: true,
    orgId: "org-brownfield",
    region: "us1",
    name: "Agent Answers",
    ccaiProject: "acme-ccai",
    ciscoProjectName: "Not applicable",
    serviceAccount: "ccai@acme-ccai.iam.gserviceaccount.com",
    googleAuthorization: config.requireSecret("agent-answers-googleAuthorization"),
  },
  { retainOnDelete: true },
);

// GoogleConnector "Offers TTS", id 475fda1f-af42-4e9e-b78f-00da880487b0
const offersTts = new wxcc.GoogleConnector(
  "offers-tts",
  {
    adopt: true,
    orgId: "org-brownfield",
    region: "us1",
    name: "Offers TTS",
    authKey: config.requireSecret("offers-tts-authKey"),
  },
  { retainOnDelete: true },
);

// SalesforceConnector "CRM Lookups", id cabf7bd2-1e4f-4364-951a-b991b410ff59
const crmLookups = new wxcc.SalesforceConnector(
  "crm-lookups",
  {
    adopt: true,
    orgId: "org-brownfield",
    region: "us1",
    name: "CRM Lookups",
    description: "Account look-ups by ANI",
    clientId: "3MVG9-consumer-key",
    userEmail: "integration@acme.example",
    privateKey: config.requireSecret("crm-lookups-privateKey"),
  },
  { retainOnDelete: true },
);

/** The ids flows refer to the connectors by. */
export const connectorIds = {
  reporting: reporting.connectorId,
  billing: billing.connectorId,
  "orders-api": ordersApi.connectorId,
  surveys: surveys.connectorId,
  "agent-answers": agentAnswers.connectorId,
  "offers-tts": offersTts.connectorId,
  "crm-lookups": crmLookups.connectorId,
};
