// Google (text-to-speech): a service-account key file.

import { googleServiceAccountKey } from "./fields";
import { defineKind } from "./spec";

export const google = defineKind({
  typeName: "GoogleConnector",
  apiType: "GOOGLE",
  label: "Google",
  fields: {
    authKey: googleServiceAccountKey("authKey").describe(
      "The whole JSON key file of a Google Cloud service account (type service_account, with project_id, client_email and an RSA private_key), e.g. fs.readFileSync(path, 'utf8').",
    ),
  },
  roles: { authKey: "credential" },
  secretPaths: ["authKey"],
  perOrgLimit: 5,
  expand: (inputs) => ({ settings: {}, credentials: { authKey: inputs.authKey } }),
  flatten: () => ({}),
});
