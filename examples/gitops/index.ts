// The connectors a contact-center team changes through pull requests. CI previews every pull request and
// comments the plan (which connectors change, which will stop routing calls), and applies on merge: see
// README.md and .github/workflows/wxcc.yml.
import * as pulumi from "@pulumi/pulumi";
import * as wxcc from "pulumi-wxcc";

const config = new pulumi.Config();

const crm = new wxcc.SalesforceConnector("crm", {
  name: config.get("crmName") ?? "Salesforce",
  description: "Caller lookup by ANI",
  clientId: config.require("salesforceClientId"),
  userEmail: config.require("salesforceUser"),
  privateKey: config.requireSecret("salesforcePrivateKey"),
});

const billing = new wxcc.CustomConnector("billing", {
  name: "Billing API",
  description: config.get("billingDescription") ?? "Balance and payment status",
  resourceDomainUrl: config.require("billingApiUrl"),
  auth: {
    type: "basic",
    username: config.require("billingUsername"),
    password: config.requireSecret("billingPassword"),
    validationUrl: config.get("billingValidationUrl"),
  },
});

export const connectorIds = { crm: crm.connectorId, billing: billing.connectorId };
