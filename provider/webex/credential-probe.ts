// Preview's credential check: one read per org and preview (GET …/connector-access, plus the token request
// where the credentials need one) that proves the token is valid, the org is reachable with it, and says what
// the administrator's role may do. Failures name the configuration key to fix, so a pull request's plan fails
// where the merge would have.
import { settingName } from "../settings";
import { ConfigurationError, WebexApiError } from "./errors";
import { type MemoScope, oncePerOrg } from "./per-org-memo";
import type { ConnectorAccess, ConnectorsApi } from "./types";

export interface ProbeScope extends MemoScope {
  api: ConnectorsApi;
  /** Where this org's credentials come from, as the user would fix them ("wxcc:accessToken (WXCC_ACCESS_TOKEN)"). */
  credentialKeys: string;
  /** When the request may go (probing many orgs ahead, a few at a time); at once without it. */
  schedule?: <T>(task: () => Promise<T>) => Promise<T>;
}

export type ProbeResult = { ok: true; access: ConnectorAccess } | { ok: false; message: string };

/** The org's answer, asked once per process whatever the number of resources in the org. */
export function probeConnectorAccess(scope: ProbeScope): Promise<ProbeResult> {
  return oncePerOrg("connector-access", scope, async (): Promise<ProbeResult> => {
    try {
      const access = scope.schedule ? scope.schedule(() => scope.api.access()) : scope.api.access();
      return { ok: true, access: await access };
    } catch (error) {
      if (!(error instanceof WebexApiError || error instanceof ConfigurationError)) throw error;
      return { ok: false, message: explain(error, scope) };
    }
  });
}

function explain(error: WebexApiError | ConfigurationError, scope: ProbeScope): string {
  const orgId = scope.target.orgId;
  const head = `The Webex credentials for org ${orgId} (${scope.credentialKeys}) do not work: ${error.message}`;
  if (error instanceof ConfigurationError) return head; // already names the key to set
  const reason = error.details.reason;
  if (error.status === 0) {
    return `${head} Check that ${settingName("baseUrl")} is right (${scope.baseUrl ?? "unset: the region's Webex host"}) and reachable from here.`;
  }
  if (reason === "ORG_ACCESS_DENIED") {
    return `${head} Fix ${scope.credentialKeys}: use the credentials of an administrator of org ${orgId}, or correct the resource's orgId.`;
  }
  if (error.status === 401 || error.status === 403) {
    return `${head} Fix ${scope.credentialKeys}: they must be an administrator's (cjp:config scopes) in org ${orgId}.`;
  }
  return head;
}

/** Why the role cannot make the change, naming the key to fix; undefined when it can. */
export function writeRefusal(
  access: ConnectorAccess,
  orgId: string,
  credentialKeys: string,
): string | undefined {
  if (access.access === "READ_WRITE") return undefined;
  const may = access.access === "READ_ONLY" ? "can only read connectors" : "has no access to connectors";
  return (
    `The Webex credentials for org ${orgId} (${credentialKeys}) belong to an administrator whose role ` +
    `${access.role} ${may}, and this change writes to the org. Fix ${credentialKeys}: use a read/write ` +
    `administrator (Full administrator or Contact Center service administrator).`
  );
}
