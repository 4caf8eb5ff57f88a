// One operation's connection to an org: the connectors API for the resource's org and region, and a
// redactor that knows every secret involved (the connector's and the provider's own credentials).
import {
  configSecrets,
  defaultOrgId,
  defaultRegion,
  knownConfigSecrets,
  orgTarget,
  type ProviderSettings,
  settingName,
} from "../config";
import type { KindSpec } from "../kinds/spec";
import { Redactor } from "../redact";
import { ConfigurationError } from "../webex/errors";
import type { ClientOptions, ConnectorsApi, OrgTarget, Region } from "../webex/types";
import type { LifecycleDeps } from "./deps";
import { getPath, type Values } from "./values";

export interface Session {
  api: ConnectorsApi;
  orgId: string;
  region: Region;
  settings: ProviderSettings;
}

/** The secret strings in any of the given values, at the kind's secret paths. */
export function secretValues(spec: { secretPaths: readonly string[] }, ...sources: Values[]): string[] {
  const found: string[] = [];
  for (const source of sources) {
    for (const path of spec.secretPaths) {
      const value = getPath(source, path.split("."));
      if (typeof value === "string") found.push(value);
    }
  }
  return found;
}

/** A redactor for failures that happen before a session exists. */
export function redactorFor(spec: KindSpec, deps: LifecycleDeps, ...sources: Values[]): Redactor {
  return new Redactor(
    secretValues(spec, ...sources),
    knownConfigSecrets(() => deps.settings()),
  );
}

/** The org a resource's values name, who the provider acts as there, and the client options for it. */
export function orgAccess(
  spec: { typeName: string; secretPaths: readonly string[] },
  deps: Pick<LifecycleDeps, "settings">,
  values: Values,
  ...more: Values[]
): { target: OrgTarget; options: ClientOptions; orgId: string; region: Region; settings: ProviderSettings } {
  const settings = deps.settings();
  const orgId =
    typeof values.orgId === "string" && values.orgId !== "" ? values.orgId : defaultOrgId(settings);
  if (orgId === undefined) {
    throw new ConfigurationError(
      `${spec.typeName} ${JSON.stringify(values.name ?? "")} names no org: pass orgId or set ${settingName("orgId")}.`,
    );
  }
  const region =
    typeof values.region === "string" ? (values.region as Region) : defaultRegion(settings, orgId);
  const options: ClientOptions = {
    baseUrl: settings.baseUrl,
    identityUrl: settings.identityUrl,
    ...(settings.rateLimitPerMinute === undefined ? {} : { rateLimitPerMinute: settings.rateLimitPerMinute }),
    secrets: secretValues(spec, values, ...more),
    sharedSecrets: configSecrets(settings),
  };
  return { target: orgTarget(settings, orgId, region), options, orgId, region, settings };
}

export function openSession(spec: KindSpec, deps: LifecycleDeps, values: Values, ...more: Values[]): Session {
  const { target, options, orgId, region, settings } = orgAccess(spec, deps, values, ...more);
  return { api: deps.connectorsApi(target, options), orgId, region, settings };
}
