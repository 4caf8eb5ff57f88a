// The org's desktop layouts for wxcc-export: read one by one (the v2 list omits the document and the
// teams), the tenant's global/system-default layout left out (a DesktopLayout never manages it), and
// turned into the arguments a program declares: the document with its keys sorted, so the text depends on
// what the layout means, not on the order the API happens to store it in.
import type { DesktopLayoutDto, DesktopLayoutsApi } from "../../provider/desktop-layout/api";
import type { Region } from "../../provider/webex/types";

export interface InventoryLayout {
  orgId: string;
  region: Region;
  name: string;
  layoutId: string;
  logicalName: string;
  variable: string;
  /** name, description?, layout, jsonFileName? (when not "<name>.json"), teamIds (sorted), active? (false). */
  args: Record<string, unknown>;
}

/** Every layout of the org but the global ones, each read by id; sorted by name, then id. */
export async function readLayouts(api: DesktopLayoutsApi): Promise<DesktopLayoutDto[]> {
  const listed = (await api.list()).filter((layout) => !layout.global && !layout.systemDefault);
  const layouts: DesktopLayoutDto[] = [];
  for (const item of listed) {
    const live = await api.get(item.id);
    if (live && !live.global && !live.systemDefault) layouts.push(live);
  }
  return layouts;
}

/** Object keys sorted at every depth; array order kept (it is meaningful in a layout). */
export function sortedJson(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedJson);
  if (value === null || typeof value !== "object") return value;
  const record = value as Record<string, unknown>;
  return Object.fromEntries(
    Object.keys(record)
      .sort()
      .map((k) => [k, sortedJson(record[k])]),
  );
}

/** The arguments a program declares for this layout, defaults left out. */
export function layoutArgs(live: DesktopLayoutDto): Record<string, unknown> {
  const text = live.jsonFileContent ?? "";
  let layout: unknown;
  try {
    layout = sortedJson(JSON.parse(text));
  } catch {
    // Not JSON (stored by hand): exported as the text it is, so the preview's check names the problem.
    layout = text;
  }
  const args: Record<string, unknown> = { name: live.name };
  if (live.description) args.description = live.description;
  args.layout = layout;
  if (live.jsonFileName && live.jsonFileName !== `${live.name.slice(0, 250)}.json`)
    args.jsonFileName = live.jsonFileName;
  const teamIds = [...(live.teamIds ?? [])].sort();
  if (teamIds.length > 0) args.teamIds = teamIds;
  if (!live.status) args.active = false;
  return args;
}
