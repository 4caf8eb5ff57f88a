// The org a DesktopLayout's values name (with the configuration's defaults) and the API for it, and the
// diff of two sets of inputs: shared by the lifecycle and adoption.
import type * as pulumi from "@pulumi/pulumi";
import { defaultOrgId, defaultRegion, type ProviderSettings, settingName } from "../config";
import type { Values } from "../lifecycle/values";
import { ConfigurationError } from "../webex/errors";
import type { Region } from "../webex/types";
import type { DesktopLayoutsApi } from "./api";
import type { LayoutDeps } from "./deps";
import { jsonEqual } from "./json-paths";

export interface Session {
  api: DesktopLayoutsApi;
  orgId: string;
  region: Region;
}

export function openSession(deps: LayoutDeps, values: Values): Session {
  const settings: ProviderSettings = deps.settings();
  const orgId =
    typeof values.orgId === "string" && values.orgId !== "" ? values.orgId : defaultOrgId(settings);
  if (orgId === undefined) {
    throw new ConfigurationError(
      `DesktopLayout ${JSON.stringify(values.name ?? "")} names no org: pass orgId or set ${settingName("orgId")}.`,
    );
  }
  const region =
    typeof values.region === "string" ? (values.region as Region) : defaultRegion(settings, orgId);
  return { api: deps.api(orgId, region, settings), orgId, region };
}

const sameSet = (a: unknown, b: unknown) => {
  const left = Array.isArray(a) ? [...a].map(String).sort() : [];
  const right = Array.isArray(b) ? [...b].map(String).sort() : [];
  return left.length === right.length && left.every((id, i) => id === right[i]);
};

/** The changed input keys; orgId (and region) mean another org's layout, so they replace. */
export function layoutDiff(olds: Values, news: Values): pulumi.dynamic.DiffResult {
  const replaces = (["orgId", "region"] as const).filter(
    (key) => olds[key] !== undefined && olds[key] !== news[key],
  );
  const changed =
    replaces.length > 0 ||
    (["name", "jsonFileName", "active"] as const).some((key) => olds[key] !== news[key]) ||
    (olds.description ?? "") !== (news.description ?? "") ||
    !sameSet(olds.teamIds, news.teamIds) ||
    !jsonEqual(olds.layout, news.layout);
  return replaces.length > 0 ? { changes: true, replaces, deleteBeforeReplace: false } : { changes: changed };
}
