// Google Contact Center AI: the trust between the customer's GCP project and Cisco. The Google sign-in
// (googleAuthorization) is sent on create and by "Refresh key" (reauthorize), never in an edit; after a
// credential edit the connector must be re-authorized before it can be activated again.

import { email, text } from "./fields";
import { defineKind } from "./spec";

export const googleCcai = defineKind({
  typeName: "GoogleCcaiConnector",
  apiType: "GOOGLE_CCAI",
  label: "Google Contact Center AI",
  fields: {
    ccaiProject: text("ccaiProject", "the Google Cloud project that holds Contact Center AI").describe(
      "The Google Cloud project that holds Contact Center AI.",
    ),
    ciscoProjectName: text(
      "ciscoProjectName",
      'the Cisco-provided project name from the onboarding email, or "Not applicable" for non-OEM customers',
    ).describe(
      'The Cisco-provided project name from the onboarding email, or "Not applicable" for non-OEM customers.',
    ),
    serviceAccount: email(
      "serviceAccount",
      "the Google Cloud service account from the onboarding email",
    ).describe("The Google Cloud service account (an email address) from the onboarding email."),
    googleAuthorization: text(
      "googleAuthorization",
      "the authorization from signing in with Google as the identity that created the CCAI project; a new value re-authorizes the connector (the product's Refresh key)",
    ).describe(
      "The authorization from signing in with Google as the identity that created the CCAI project. Sent on create and when it changes (the product's Refresh key), never in an edit.",
    ),
  },
  roles: {
    ccaiProject: "credential",
    ciscoProjectName: "credential",
    serviceAccount: "credential",
    googleAuthorization: "reauthorize",
  },
  secretPaths: ["googleAuthorization"],
  reauthorizeAfterCredentialEdit: true,
  referencedBy: "CCAI config",
  extraOutputs: ["authorizationRequired"],
  expand: (inputs, purpose) => ({
    settings: {},
    credentials: {
      ccaiProject: inputs.ccaiProject,
      ciscoProjectName: inputs.ciscoProjectName,
      serviceAccount: inputs.serviceAccount,
      ...(purpose === "create" ? { googleAuthorization: inputs.googleAuthorization } : {}),
    },
  }),
  flatten: (connector) => ({
    ccaiProject: connector.credentials.ccaiProject,
    ciscoProjectName: connector.credentials.ciscoProjectName,
    serviceAccount: connector.credentials.serviceAccount,
  }),
  outputsFrom: (connector) => ({ authorizationRequired: connector.authorizationRequired === true }),
});
