// How the resource's inputs, its outputs (Pulumi state) and the live Salesforce object relate. Outputs
// repeat the checked inputs (with the adapter URL resolved) plus what only Salesforce knows, so diff, read
// and delete can rebuild everything from state alone.
import { REGIONS, type Region } from "../webex/types";
import { type DefinitionValues, type ExtraSection, liftDocument, renderDefinitionFile } from "./definition";
import type { DefinitionDocument } from "./definition-file";
import {
  type CheckedInputs,
  DEFAULT_LOGIN_URL,
  parseChecked,
  regionAdapterUrl,
  regionOfAdapterUrl,
} from "./inputs";
import type { JwtCredentials } from "./jwt-bearer";
import { type CallCenterSettings, settingsSchema } from "./settings-schema";

export const SCHEMA_VERSION = 1;
const INPUT_KEYS = [
  "salesforce",
  "region",
  "adapterUrl",
  "internalName",
  "displayName",
  "settings",
  "extraSections",
  "assignedUsers",
  "deploy",
  "adopt",
  "adoptExisting",
] as const;

/** Everything one operation needs, resolved. */
export interface Desired {
  creds: JwtCredentials;
  region?: Region;
  adapterUrl: string;
  internalName: string;
  displayName: string;
  settings: CallCenterSettings;
  extraSections: ExtraSection[];
  assignedUsers: string[];
  deploy: boolean;
  /** Take over a call center with the same internal name (adopt, or the deprecated adoptExisting). */
  adopt: boolean;
  definitionXml: string;
}

export interface Outputs extends Record<string, unknown> {
  definitionXml: string;
  callCenterId: string;
  internalName: string;
  adapterUrl: string;
  assignedUsers: string[];
}

function pickInputs(props: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of INPUT_KEYS) if (props[key] !== undefined) out[key] = props[key];
  return out;
}

export function definitionValues(
  d: Omit<Desired, "definitionXml" | "creds" | "assignedUsers" | "deploy" | "adopt">,
): DefinitionValues {
  return {
    internalName: d.internalName,
    displayName: d.displayName,
    adapterUrl: d.adapterUrl,
    settings: d.settings,
    extraSections: d.extraSections,
  };
}

function resolve(c: CheckedInputs): Desired {
  const adapterUrl = c.adapterUrl ?? regionAdapterUrl(c.region ?? "us1");
  const partial = {
    region: c.region,
    adapterUrl,
    internalName: c.internalName,
    displayName: c.displayName,
    settings: c.settings,
    extraSections: c.extraSections,
  };
  return {
    ...partial,
    creds: {
      loginUrl: c.salesforce.loginUrl,
      audience: c.salesforce.audience ?? c.salesforce.loginUrl,
      clientId: c.salesforce.clientId,
      username: c.salesforce.username,
      privateKey: c.salesforce.privateKey,
    },
    assignedUsers: c.assignedUsers,
    deploy: c.deploy,
    adopt: c.adopt || c.adoptExisting === true,
    definitionXml: renderDefinitionFile(definitionValues(partial)),
  };
}

/** Resolves checked inputs, or outputs this provider wrote (the input keys are the same). Throws when
 * they do not pass check. */
export function desiredFrom(props: Record<string, unknown>): Desired {
  return resolve(parseChecked(pickInputs(props)));
}

export function tryDesiredFrom(props: Record<string, unknown>): Desired | undefined {
  try {
    return desiredFrom(props);
  } catch {
    return undefined;
  }
}

function stringOr(value: unknown, fallback?: string): string | undefined {
  return typeof value === "string" && value !== "" ? value : fallback;
}

/** What refresh, update and delete need from state, even when the state no longer passes check (a value
 * edited out of band into something the schema refuses, or state written by another version). */
export function stateFrom(props: Record<string, unknown>): Desired {
  const strict = tryDesiredFrom(props);
  if (strict) return strict;
  const sf = (props.salesforce ?? {}) as Record<string, unknown>;
  const loginUrl = stringOr(sf.loginUrl, DEFAULT_LOGIN_URL)!;
  const clientId = stringOr(sf.clientId);
  const username = stringOr(sf.username);
  const privateKey = stringOr(sf.privateKey);
  const internalName = stringOr(props.internalName);
  if (!clientId || !username || !privateKey || !internalName) {
    throw new Error(
      "The state of this SalesforceCallCenterDefinition lacks its Salesforce credentials or internal name; run pulumi up with the program's inputs to rewrite it.",
    );
  }
  const region = (REGIONS as readonly string[]).includes(String(props.region))
    ? (props.region as Region)
    : undefined;
  return {
    creds: { loginUrl, audience: stringOr(sf.audience, loginUrl)!, clientId, username, privateKey },
    region,
    adapterUrl: stringOr(props.adapterUrl, regionAdapterUrl(region ?? "us1"))!,
    internalName,
    displayName: stringOr(props.displayName, "")!,
    settings: liveSettings({}),
    extraSections: [],
    assignedUsers: Array.isArray(props.assignedUsers)
      ? props.assignedUsers.filter((u): u is string => typeof u === "string")
      : [],
    deploy: props.deploy !== false,
    adopt: props.adopt === true || props.adoptExisting === true,
    definitionXml: stringOr(props.definitionXml, "")!,
  };
}

export function outputsOf(d: Desired, live: { callCenterId: string }): Outputs {
  // Every input, with region and adapterUrl always present, plus what the deploy produced.
  return JSON.parse(
    JSON.stringify({
      ...inputsOf(d),
      region: d.region,
      adapterUrl: d.adapterUrl,
      definitionXml: d.definitionXml,
      callCenterId: live.callCenterId,
      schemaVersion: SCHEMA_VERSION,
    }),
  ) as Outputs;
}

/** The inputs a program would have written to get `d` (what read() returns as the refreshed inputs). */
export function inputsOf(d: Desired): Record<string, unknown> {
  const inputs: Record<string, unknown> = {
    salesforce: { ...d.creds },
    internalName: d.internalName,
    displayName: d.displayName,
    settings: d.settings,
    extraSections: d.extraSections,
    assignedUsers: d.assignedUsers,
    deploy: d.deploy,
    adopt: d.adopt,
  };
  if (d.region) inputs.region = d.region;
  if (!d.region || d.adapterUrl !== regionAdapterUrl(d.region)) inputs.adapterUrl = d.adapterUrl;
  return JSON.parse(JSON.stringify(inputs)) as Record<string, unknown>;
}

/** Assigned users as Salesforce tells them apart: usernames ignore case, and order means nothing. */
export function assignmentKey(users: readonly string[]): string[] {
  return users.map((u) => u.toLowerCase()).sort();
}

/** What must be equal for diff() to report no change: the rendered definition, where it lives, who is
 * assigned, and the credentials later operations will use. */
export function comparable(d: Desired): unknown {
  return {
    creds: d.creds,
    deploy: d.deploy,
    definitionXml: d.definitionXml,
    assignedUsers: assignmentKey(d.assignedUsers),
  };
}

/** Settings read from Salesforce: Cisco's defaults under whatever the live items say. Not validated: a
 * value edited out of band shows up as drift instead of failing the refresh. */
function liveSettings(partial: DefinitionValues["settings"]): CallCenterSettings {
  const defaults = settingsSchema.parse({});
  const out: Record<string, unknown> = {};
  for (const [group, values] of Object.entries(defaults)) {
    out[group] = { ...values, ...((partial as Record<string, object | undefined>)[group] ?? {}) };
  }
  return out as CallCenterSettings;
}

/** Keeps the program's spelling and order for users still assigned; appends users assigned out of band. */
function mergeUsers(previous: string[], live: string[]): string[] {
  const liveByKey = new Map(live.map((u) => [u.toLowerCase(), u]));
  const kept = previous.filter((u) => liveByKey.delete(u.toLowerCase()));
  return [...kept, ...[...liveByKey.values()].sort()];
}

/** The desired state that would reproduce what Salesforce holds now. */
export function desiredFromLive(previous: Desired, doc: DefinitionDocument, liveUsers: string[]): Desired {
  const lifted = liftDocument(doc);
  const adapterUrl = lifted.adapterUrl ?? previous.adapterUrl;
  const named = regionOfAdapterUrl(adapterUrl);
  const region =
    named && (REGIONS as readonly string[]).includes(named) ? (named as Region) : previous.region;
  const partial = {
    region,
    adapterUrl,
    internalName: lifted.internalName ?? previous.internalName,
    displayName: lifted.displayName ?? previous.displayName,
    settings: liveSettings(lifted.settings),
    extraSections: lifted.extraSections,
  };
  return {
    ...partial,
    creds: previous.creds,
    assignedUsers: mergeUsers(previous.assignedUsers, liveUsers),
    deploy: previous.deploy,
    adopt: previous.adopt,
    definitionXml: renderDefinitionFile(definitionValues(partial)),
  };
}
