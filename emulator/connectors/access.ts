// Who may call the connectors API: a valid token, for this org, with a role from the product's table.
import { EmulatorHttpError, notFound } from "../core/errors";
import { canRead, canWrite, READ_ONLY_ROLES, READ_WRITE_ROLES, ROLE_LABELS, type Role } from "../core/roles";
import type { EmulatorRuntime } from "../core/runtime";
import type { Grant, OrgRecord } from "../core/state";
import { authenticate } from "../identity/webex-tokens";
import type { EmulatorRequest } from "../types";

export type Access = "read" | "write";

function labels(roles: readonly Role[]): string {
  return roles.map((role) => ROLE_LABELS[role]).join(", ");
}

function roleRequired(action: string, access: Access, role: Role): EmulatorHttpError {
  const needed = access === "write" ? "read/write administrator" : "administrator with connector access";
  const neededRoles =
    access === "write" ? labels(READ_WRITE_ROLES) : `${labels(READ_WRITE_ROLES)}, ${labels(READ_ONLY_ROLES)}`;
  const has = canRead(role) ? "can only read connectors" : "has no access to connectors";
  return new EmulatorHttpError(
    403,
    "ROLE_REQUIRED",
    `${action} needs a ${needed} role (${neededRoles}); the token's role ${role} ${has}.`,
    undefined,
    { roleNeeded: needed },
  );
}

export interface Caller {
  grant: Grant;
  org: OrgRecord;
}

/** Authenticates the request and checks it may perform `action` in `orgId`. */
export function authorize(
  rt: EmulatorRuntime,
  req: EmulatorRequest,
  orgId: string,
  action: string,
  access: Access,
): Caller {
  const caller = identify(rt, req, orgId, action);
  const role = caller.grant.role!;
  if (!(access === "write" ? canWrite(role) : canRead(role))) throw roleRequired(action, access, role);
  return caller;
}

/** What an administrator's token may do with connectors in an org: the answer to GET …/connector-access. */
export function accessOf(role: Role): "READ_WRITE" | "READ_ONLY" | "NONE" {
  if (canWrite(role)) return "READ_WRITE";
  return canRead(role) ? "READ_ONLY" : "NONE";
}

/** A valid administrator's token for this org, whatever its role. */
export function identify(rt: EmulatorRuntime, req: EmulatorRequest, orgId: string, action: string): Caller {
  const grant = authenticate(rt, req);
  if (!grant.role) {
    throw new EmulatorHttpError(
      403,
      "SCOPE_REQUIRED",
      `${action} needs an administrator's token with the cjp:config scopes; this token is not an administrator's.`,
      "Authorization",
    );
  }
  if (!grant.orgIds.includes(orgId)) {
    throw new EmulatorHttpError(
      403,
      "ORG_ACCESS_DENIED",
      `The token was issued for org ${grant.orgIds.join(", ")} and cannot act in org ${orgId}; use a token of an administrator of ${orgId}.`,
      "orgId",
    );
  }
  const org = rt.state.orgs[orgId];
  if (!org) throw notFound(`No org with the id ${orgId}.`);
  return { grant, org };
}
