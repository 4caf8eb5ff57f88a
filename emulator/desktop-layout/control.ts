// The part's control endpoints (docs/emulator.md § Desktop layouts and teams): add teams, and edit layouts
// and teams the way a person in the Control Hub would, bypassing roles, to stage drift.
import { isPlainObject } from "../connectors/fields";
import { badRequest, methodNotAllowed } from "../core/errors";
import type { EmulatorRuntime } from "../core/runtime";
import type { EmulatorRequest, Route } from "../types";
import { findLayout, orgOf } from "./route";
import { bump, DEFAULT_SITE } from "./store";
import { addTeam, readTeam } from "./teams";
import { layoutDto, teamDto } from "./view";

const TEAMS = /^\/_emulator\/orgs\/([^/]+)\/teams$/;
const TEAM_LAYOUT = /^\/_emulator\/orgs\/([^/]+)\/teams\/([^/]+)\/desktop-layout$/;
const LAYOUTS = /^\/_emulator\/orgs\/([^/]+)\/desktop-layouts$/;
const LAYOUT = /^\/_emulator\/orgs\/([^/]+)\/desktop-layouts\/([^/]+)$/;

function input(req: EmulatorRequest): Record<string, unknown> {
  const parsed = req.body.length === 0 ? {} : req.json();
  if (!isPlainObject(parsed)) throw badRequest("body", "The request body must be a JSON object.");
  return parsed;
}

const EDITABLE = ["name", "description", "jsonFileContent", "status", "teamIds"] as const;

export function desktopLayoutControl(rt: EmulatorRuntime): Route {
  return async (req) => {
    let match = TEAMS.exec(req.path);
    if (match) {
      const orgId = decodeURIComponent(match[1]);
      const org = orgOf(rt, orgId);
      if (req.method === "GET") return { status: 200, body: { data: org.teams.map((t) => teamDto(t)) } };
      if (req.method !== "POST") throw methodNotAllowed(req);
      const { id, ...body }: Record<string, unknown> = {
        teamType: "AGENT",
        teamStatus: "IN_SERVICE",
        active: true,
        siteId: DEFAULT_SITE.id,
        rankQueuesForTeam: false,
        ...input(req),
      };
      if (id !== undefined && (typeof id !== "string" || id === ""))
        throw badRequest("id", "id must be a non-empty string.");
      const team = addTeam(rt, org, orgId, readTeam(org, body), id as string | undefined);
      return { status: 201, body: teamDto(team) };
    }
    match = TEAM_LAYOUT.exec(req.path);
    if (match) {
      if (req.method !== "PUT") throw methodNotAllowed(req);
      const [orgId, id] = [decodeURIComponent(match[1]), decodeURIComponent(match[2])];
      const org = orgOf(rt, orgId);
      const team = org.teams.find((t) => t.id === id);
      if (!team) throw badRequest("id", `No team with the id ${id} in org ${orgId}.`);
      const layoutId = input(req).desktopLayoutId;
      if (layoutId === null || layoutId === undefined) delete team.desktopLayoutId;
      else if (typeof layoutId === "string") team.desktopLayoutId = findLayout(org, orgId, layoutId).id;
      else
        throw badRequest(
          "desktopLayoutId",
          "desktopLayoutId must be a layout id, or null for the global layout.",
        );
      bump(rt, team);
      return { status: 200, body: teamDto(team) };
    }
    match = LAYOUTS.exec(req.path);
    if (match) {
      if (req.method !== "GET") throw methodNotAllowed(req);
      const org = orgOf(rt, decodeURIComponent(match[1]));
      return { status: 200, body: { data: org.layouts.map((l) => layoutDto(l)) } };
    }
    match = LAYOUT.exec(req.path);
    if (match) {
      if (req.method !== "PATCH") throw methodNotAllowed(req);
      const [orgId, id] = [decodeURIComponent(match[1]), decodeURIComponent(match[2])];
      const layout = findLayout(orgOf(rt, orgId), orgId, id);
      const edit = input(req);
      for (const key of Object.keys(edit)) {
        if (!(EDITABLE as readonly string[]).includes(key)) {
          throw badRequest(key, `${key} cannot be edited here; the fields are ${EDITABLE.join(", ")}.`);
        }
      }
      Object.assign(layout, edit);
      layout.modifiedTime = rt.now();
      bump(rt, layout);
      return { status: 200, body: layoutDto(layout) };
    }
    return undefined;
  };
}
