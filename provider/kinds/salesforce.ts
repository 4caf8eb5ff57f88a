// Salesforce: a connected app's JWT bearer credentials. Webex validates them against Salesforce on save.

import { email, httpsUrl, rsaPrivateKeyPem, text } from "./fields";
import { defineKind } from "./spec";

export const DEFAULT_AUTHORIZATION_SERVER_URL = "https://login.salesforce.com";

export const salesforce = defineKind({
  typeName: "SalesforceConnector",
  apiType: "SALESFORCE",
  label: "Salesforce",
  fields: {
    clientId: text(
      "clientId",
      "the connected app's consumer key (Salesforce Setup → App Manager → View)",
    ).describe("The connected app's consumer key (Salesforce Setup → App Manager → the app → View)."),
    userEmail: email("userEmail", "the username of the Salesforce user the connected app acts as").describe(
      "The username (an email address) of the Salesforce user the connected app acts as.",
    ),
    authorizationServerUrl: httpsUrl(
      "authorizationServerUrl",
      "the JWT audience: https://login.salesforce.com, or https://test.salesforce.com for a sandbox",
    )
      .describe(
        "The JWT audience: https://login.salesforce.com, or https://test.salesforce.com for a sandbox. An https:// URL.",
      )
      .optional(),
    privateKey: rsaPrivateKeyPem(
      "privateKey",
      "the key paired with the certificate uploaded to the connected app",
    ).describe(
      "The unencrypted PEM RSA private key (PKCS#8 or PKCS#1) paired with the certificate uploaded to the connected app.",
    ),
  },
  roles: {
    clientId: "credential",
    userEmail: "credential",
    authorizationServerUrl: "credential",
    privateKey: "credential",
  },
  secretPaths: ["privateKey"],
  defaults: { authorizationServerUrl: DEFAULT_AUTHORIZATION_SERVER_URL },
  perOrgLimit: 5,
  expand: (inputs) => ({
    settings: {},
    credentials: {
      clientId: inputs.clientId,
      userEmail: inputs.userEmail,
      authorizationServerUrl: inputs.authorizationServerUrl ?? DEFAULT_AUTHORIZATION_SERVER_URL,
      privateKey: inputs.privateKey,
    },
  }),
  flatten: (connector) => ({
    clientId: connector.credentials.clientId,
    userEmail: connector.credentials.userEmail,
    authorizationServerUrl: connector.credentials.authorizationServerUrl,
  }),
});
