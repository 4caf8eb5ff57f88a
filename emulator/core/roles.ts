// The administrator roles of the product's connector role table (docs/connectors-api.md § Roles).

export const READ_WRITE_ROLES = [
  "full-admin",
  "cc-service-admin",
  "external-full-admin",
  "external-cc-admin",
  "support-full-admin",
  "partner-full-admin",
] as const;

export const READ_ONLY_ROLES = ["external-read-only", "support-basic", "partner-read-only"] as const;

export const NO_ACCESS_ROLES = ["view-only"] as const;

export const ROLES = [...READ_WRITE_ROLES, ...READ_ONLY_ROLES, ...NO_ACCESS_ROLES] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  "full-admin": "Full administrator",
  "cc-service-admin": "Contact Center service administrator",
  "external-full-admin": "external administrator with the full-admin role",
  "external-cc-admin": "external administrator with the Contact Center custom admin role",
  "support-full-admin": "support administrator with the full-admin role",
  "partner-full-admin": "partner full administrator",
  "external-read-only": "external administrator with the read-only role",
  "support-basic": "support administrator (basic level)",
  "partner-read-only": "partner read-only administrator",
  "view-only": "administrator with view-only access",
};

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

export function canRead(role: Role): boolean {
  return !(NO_ACCESS_ROLES as readonly string[]).includes(role);
}

export function canWrite(role: Role): boolean {
  return (READ_WRITE_ROLES as readonly string[]).includes(role);
}
