// The emulated Salesforce org, under <emulator>/salesforce: the OAuth JWT bearer token endpoint, the REST
// API (query, User updates, Metadata deploys), SOAP readMetadata, and its control API under
// /_emulator/salesforce. See docs/emulator-salesforce.md.
import type { Route } from "../types";
import { salesforceControl } from "./control";
import { tokenEndpoint } from "./oauth";
import { dataApi } from "./rest";
import { soapMetadata } from "./soap";

export { salesforceControl } from "./control";
export { SalesforceControl } from "./control-client";

const PREFIX = "/salesforce";
const CONTROL_PREFIX = "/_emulator/salesforce";

export const salesforceRoute: Route = async (req, ctx) => {
  if (req.path.startsWith(`${CONTROL_PREFIX}/`)) {
    return salesforceControl(req, ctx, req.path.slice(CONTROL_PREFIX.length));
  }
  if (req.path !== PREFIX && !req.path.startsWith(`${PREFIX}/`)) return undefined;
  const path = req.path.slice(PREFIX.length);
  if (path === "/services/oauth2/token") return tokenEndpoint(req, ctx);
  if (path === "/services/data" || path.startsWith("/services/data/")) {
    return dataApi(req, ctx, path.slice("/services/data".length));
  }
  const soap = /^\/services\/Soap\/m\/(\d+\.\d)$/.exec(path);
  if (soap) return soapMetadata(req, ctx, soap[1]);
  return {
    status: 404,
    headers: { "Content-Type": "application/json;charset=UTF-8" },
    body: [{ errorCode: "NOT_FOUND", message: "The requested resource does not exist" }],
  };
};
