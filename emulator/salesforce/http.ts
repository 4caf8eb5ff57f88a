// Salesforce's response shapes: REST errors are a JSON array of {message, errorCode, fields}; every
// authenticated REST answer carries Sforce-Limit-Info; an invalid session is 401 INVALID_SESSION_ID.
import type { EmulatorRequest, EmulatorResponse } from "../types";
import { hashToken, type SalesforceState, SESSION_LIFETIME_MS, type SfSession } from "./state";

export const MAX_API_VERSION = 62;
export const MIN_API_VERSION = 31;

export function json(status: number, body: unknown, state?: SalesforceState): EmulatorResponse {
  const headers: Record<string, string> = { "Content-Type": "application/json;charset=UTF-8" };
  if (state) headers["Sforce-Limit-Info"] = `api-usage=${state.apiUsage}/${state.apiLimit}`;
  return { status, headers, body };
}

export function restError(
  status: number,
  errorCode: string,
  message: string,
  state?: SalesforceState,
  fields?: string[],
): EmulatorResponse {
  return json(status, [{ message, errorCode, ...(fields ? { fields } : {}) }], state);
}

export function xml(status: number, body: string): EmulatorResponse {
  return { status, headers: { "Content-Type": "text/xml;charset=UTF-8" }, body };
}

export function soapFault(faultcode: string, faultstring: string): EmulatorResponse {
  return xml(
    500,
    `<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:sf="http://soap.sforce.com/2006/04/metadata"><soapenv:Body><soapenv:Fault><faultcode>${faultcode}</faultcode><faultstring>${escapeXml(faultstring)}</faultstring></soapenv:Fault></soapenv:Body></soapenv:Envelope>`,
  );
}

export function escapeXml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** The instance URL the org is reached at: this emulator's own address plus /salesforce. */
export function instanceUrl(req: EmulatorRequest): string {
  return `http://${req.headers.host ?? "127.0.0.1"}/salesforce`;
}

export function bearer(req: EmulatorRequest): string | undefined {
  const m = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? "");
  return m?.[1];
}

/** The live session a token names, or undefined when it is unknown, expired or timed out. */
export function sessionOf(
  state: SalesforceState,
  token: string | undefined,
  now: number,
): SfSession | undefined {
  if (!token) return undefined;
  const session = state.sessions[hashToken(token)];
  if (!session || session.expired || now - session.issuedAt > SESSION_LIFETIME_MS) return undefined;
  return session;
}

export function invalidSession(state: SalesforceState): EmulatorResponse {
  return restError(401, "INVALID_SESSION_ID", "Session expired or invalid", state);
}

/** Counts one API request against the daily limit; answers REQUEST_LIMIT_EXCEEDED once it is used up. */
export function spendApiRequest(state: SalesforceState): EmulatorResponse | undefined {
  if (state.apiUsage >= state.apiLimit) {
    return restError(403, "REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded.", state);
  }
  state.apiUsage += 1;
  return undefined;
}
