// Webex Contact Center (HTTP): lets flows call Contact Center's own APIs with platform-managed tokens.
// The access level maps to fixed scope sets; the administrator's consent must be given on every save.
import { z } from "zod";
import { oneOf } from "./fields";
import { defineKind } from "./spec";

export const CONSENT_TEXT =
  "I authorize this connector to read, write, modify and delete data in the Contact Center solution";

export const SCOPES = {
  "read-only": ["cjp_config", "cjp_config_read"],
  "read-write": ["cjp_config", "cjp_config_read", "cjp_config_write", "cjp_user"],
} as const;

export type Access = keyof typeof SCOPES;

function accessOf(credentials: Record<string, unknown>): Access | undefined {
  if (credentials.access === "READ_ONLY") return "read-only";
  if (credentials.access === "READ_WRITE") return "read-write";
  const scopes = Array.isArray(credentials.scopes) ? [...credentials.scopes].sort().join(" ") : undefined;
  return (Object.keys(SCOPES) as Access[]).find((access) => [...SCOPES[access]].sort().join(" ") === scopes);
}

export const contactCenter = defineKind({
  typeName: "ContactCenterConnector",
  apiType: "WEBEX_CC",
  label: "Webex Contact Center",
  fields: {
    access: oneOf(
      "access",
      ["read-only", "read-write"],
      "read-only allows GET calls (scopes cjp_config, cjp_config_read); read-write also POST, PUT, PATCH and DELETE (adds cjp_config_write, cjp_user)",
    ).describe(
      '"read-only" lets flows make GET calls (scopes cjp_config, cjp_config_read); "read-write" also POST, PUT, PATCH and DELETE (adds cjp_config_write, cjp_user).',
    ),
    authorize: z
      .literal(true, {
        error: `authorize must be true: set authorize: true to confirm "${CONSENT_TEXT}".`,
      })
      .describe(`Must be true: the administrator's consent, "${CONSENT_TEXT}", given on every save.`),
  },
  roles: { access: "credential", authorize: "consent" },
  secretPaths: [],
  extraOutputs: ["scopes"],
  expand: (inputs) => ({
    settings: {},
    credentials: { scopes: [...SCOPES[inputs.access]], authorize: true },
  }),
  flatten: (connector) => ({ access: accessOf(connector.credentials), authorize: true }),
  outputsFrom: (connector) => ({
    scopes: Array.isArray(connector.credentials.scopes) ? connector.credentials.scopes : undefined,
  }),
});
