// The two directions of the mapping: checked inputs → the DesktopLayoutDTO sent (expand), and the DTO read
// back → the resource's outputs (flatten).
import type { Region } from "../webex/types";
import type { DesktopLayoutDto, DesktopLayoutWrite } from "./api";
import type { LayoutDocument } from "./document";

/** Who the API records as the editor of the layouts this resource writes. */
export const EDITED_BY = "pulumi-wxcc";

/** The inputs after check: the layout always the parsed document, every default filled in. */
export interface CheckedLayout {
  orgId: string;
  region: Region;
  name: string;
  description?: string;
  layout: LayoutDocument;
  jsonFileName: string;
  teamIds: string[];
  active: boolean;
}

export const INPUT_KEYS = [
  "orgId",
  "region",
  "name",
  "description",
  "layout",
  "jsonFileName",
  "teamIds",
  "active",
] as const;

export interface LayoutOutputs extends Omit<CheckedLayout, "layout"> {
  /** The document as stored: parsed, or the raw text when someone stored text that is not JSON. */
  layout: unknown;
  layoutId: string;
  version: number;
  validated: boolean;
  editedBy: string;
  defaultJsonModified: boolean;
  /** Teams the layout lists whose own desktopLayoutId points at another layout (found on refresh). */
  teamsPointingElsewhere: { teamId: string; desktopLayoutId: string | null }[];
  createdAt?: string;
  lastUpdatedAt?: string;
}

export function expand(inputs: CheckedLayout): DesktopLayoutWrite {
  return {
    name: inputs.name,
    ...(inputs.description === undefined ? {} : { description: inputs.description }),
    editedBy: EDITED_BY,
    jsonFileName: inputs.jsonFileName,
    jsonFileContent: JSON.stringify(inputs.layout),
    global: false,
    status: inputs.active,
    defaultJsonModified: false,
    validated: false,
    teamIds: [...inputs.teamIds],
  };
}

function storedDocument(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

const iso = (ms: number | undefined) => (typeof ms === "number" ? new Date(ms).toISOString() : undefined);

export function flatten(
  live: DesktopLayoutDto,
  orgId: string,
  region: Region,
  teamIds: string[],
  teamsPointingElsewhere: LayoutOutputs["teamsPointingElsewhere"] = [],
): LayoutOutputs {
  const createdAt = iso(live.createdTime);
  const lastUpdatedAt = iso(live.lastUpdatedTime);
  return {
    orgId,
    region,
    name: live.name,
    ...(live.description === undefined || live.description === "" ? {} : { description: live.description }),
    layout: storedDocument(live.jsonFileContent),
    jsonFileName: live.jsonFileName,
    teamIds,
    active: live.status,
    layoutId: live.id,
    version: live.version,
    validated: live.validated,
    editedBy: live.editedBy,
    defaultJsonModified: live.defaultJsonModified,
    teamsPointingElsewhere,
    ...(createdAt ? { createdAt } : {}),
    ...(lastUpdatedAt ? { lastUpdatedAt } : {}),
  };
}

export function inputsOf(outputs: LayoutOutputs): Record<string, unknown> {
  const inputs: Record<string, unknown> = {};
  for (const key of INPUT_KEYS) if (outputs[key] !== undefined) inputs[key] = outputs[key];
  return inputs;
}
