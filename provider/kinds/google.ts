// Google (text-to-speech): a service-account key file.

import { googleServiceAccountKey } from "./fields";
import { defineKind } from "./spec";

export const google = defineKind({
  typeName: "GoogleConnector",
  apiType: "GOOGLE",
  label: "Google",
  fields: {
    authKey: googleServiceAccountKey("authKey"),
  },
  roles: { authKey: "credential" },
  secretPaths: ["authKey"],
  perOrgLimit: 5,
  expand: (inputs) => ({ settings: {}, credentials: { authKey: inputs.authKey } }),
  flatten: () => ({}),
});
