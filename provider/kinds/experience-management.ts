// Webex Experience Management: survey feedback. One per org, so a replacement always deletes first.

import { text } from "./fields";
import { defineKind } from "./spec";

export const experienceManagement = defineKind({
  typeName: "ExperienceManagementConnector",
  apiType: "WXM",
  label: "Webex Experience Management",
  fields: {
    username: text(
      "username",
      "the username received when registering the Webex Experience Management account",
    ).describe("The username received when registering the Webex Experience Management account."),
    apiKey: text(
      "apiKey",
      "the API key received when registering the Webex Experience Management account",
    ).describe("The API key received when registering the Webex Experience Management account."),
  },
  roles: { username: "credential", apiKey: "credential" },
  secretPaths: ["apiKey"],
  perOrgLimit: 1,
  expand: (inputs) => ({ settings: {}, credentials: { username: inputs.username, apiKey: inputs.apiKey } }),
  flatten: (connector) => ({ username: connector.credentials.username }),
});
