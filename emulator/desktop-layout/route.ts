// The desktop-layout endpoints of the Configuration API, as the official document describes them
// (docs/emulator.md § Desktop layouts and teams): create, the v2 list, get, update, delete and
// incoming-references. Bulk save, bulk export and purge are not emulated.
import { authorize } from "../connectors/access";
import { badRequest, EmulatorHttpError, methodNotAllowed, notFound } from "../core/errors";
import type { EmulatorRuntime } from "../core/runtime";
import type { EmulatorRequest, EmulatorResponse, Route } from "../types";
import { type Body, checkIdentity, flag, idList, jsonBody, onlyDeclared, text } from "./dto-input";
import { listPage } from "./list";
import { bump, type LayoutRecord, type OrgLayouts, orgLayouts } from "./store";
import { teamsRoute } from "./teams";
import { layoutDto, teamReference } from "./view";

const DTO_FIELDS = [
  "organizationId",
  "id",
  "version",
  "name",
  "description",
  "editedBy",
  "jsonFileName",
  "jsonFileContent",
  "global",
  "status",
  "defaultJsonModified",
  "validated",
  "validatedTime",
  "defaultJsonModifiedTime",
  "modifiedTime",
  "teamIds",
  "systemDefault",
  "createdTime",
  "lastUpdatedTime",
];
/** The fields the document says cannot be filtered on. */
const NOT_FILTERABLE = new Set([
  "organizationId",
  "validatedTime",
  "defaultJsonModifiedTime",
  "modifiedTime",
  "teamIds",
  "createdTime",
  "lastUpdatedTime",
]);
/** Every other field of the DTO. */
const FILTERABLE = DTO_FIELDS.filter((field) => !NOT_FILTERABLE.has(field));
/** The 412 text of the document's update and delete operations. */
export const REFERRED =
  "Resource referred in other entity(s). Please get all the reference entities info by invoking Get incoming-references api.";

export function orgOf(rt: EmulatorRuntime, orgId: string): OrgLayouts {
  const org = orgLayouts(rt, orgId);
  if (!org) throw notFound(`No org with the id ${orgId}.`);
  return org;
}

export function findLayout(org: OrgLayouts, orgId: string, id: string): LayoutRecord {
  const found = org.layouts.find((l) => l.id === id);
  if (!found) throw notFound(`No desktop layout with the id ${id} in org ${orgId}.`);
  return found;
}

export function teamsReferring(org: OrgLayouts, layoutId: string) {
  return org.teams.filter((team) => team.desktopLayoutId === layoutId);
}

interface LayoutFields {
  name: string;
  description?: string;
  editedBy: string;
  jsonFileName: string;
  jsonFileContent: string;
  global: boolean;
  status: boolean;
  defaultJsonModified: boolean;
  validated: boolean;
  teamIds?: string[];
}

function readFields(body: Body): LayoutFields {
  onlyDeclared(body, DTO_FIELDS, "DesktopLayoutDTO");
  const content = text(body, "jsonFileContent", true, Number.MAX_SAFE_INTEGER)!;
  if (content.length < 1)
    throw badRequest("jsonFileContent", "jsonFileContent must not be empty: the layout JSON.");
  const description = text(body, "description", false);
  const teamIds = idList(body, "teamIds");
  return {
    name: text(body, "name", true)!,
    ...(description === undefined ? {} : { description }),
    editedBy: text(body, "editedBy", true)!,
    jsonFileName: text(body, "jsonFileName", true)!,
    jsonFileContent: content,
    global: flag(body, "global", true)!,
    status: flag(body, "status", true)!,
    defaultJsonModified: flag(body, "defaultJsonModified", true)!,
    validated: flag(body, "validated", true)!,
    ...(teamIds === undefined ? {} : { teamIds }),
  };
}

function checkTeamsExist(org: OrgLayouts, teamIds: string[]): void {
  for (const id of teamIds) {
    if (!org.teams.some((team) => team.id === id)) throw badRequest("teamIds", `No team with the id ${id}.`);
  }
}

/** The layout's side of the link is written, and each team it names (or no longer names) follows it. */
function assignTeams(rt: EmulatorRuntime, org: OrgLayouts, layout: LayoutRecord, teamIds: string[]): void {
  for (const team of org.teams) {
    const named = teamIds.includes(team.id);
    if (named && team.desktopLayoutId !== layout.id) {
      team.desktopLayoutId = layout.id;
      bump(rt, team);
    } else if (!named && layout.teamIds.includes(team.id) && team.desktopLayoutId === layout.id) {
      delete team.desktopLayoutId;
      bump(rt, team);
    }
  }
  layout.teamIds = [...teamIds];
}

function nameTaken(org: OrgLayouts, name: string, except?: LayoutRecord): boolean {
  return org.layouts.some((l) => l !== except && l.name.toLowerCase() === name.toLowerCase());
}

function create(rt: EmulatorRuntime, req: EmulatorRequest, orgId: string): EmulatorResponse {
  authorize(rt, req, orgId, "Creating a desktop layout", "write");
  const org = orgOf(rt, orgId);
  const body = jsonBody(req);
  if (body.id !== undefined)
    throw badRequest("id", "id should not be specified when creating a desktop layout.");
  const fields = readFields(body);
  if (nameTaken(org, fields.name)) {
    throw new EmulatorHttpError(
      409,
      "DUPLICATE_NAME",
      `A desktop layout named "${fields.name}" already exists.`,
      "name",
    );
  }
  checkTeamsExist(org, fields.teamIds ?? []);
  const now = rt.now();
  const { teamIds, ...rest } = fields;
  const record: LayoutRecord = {
    id: rt.newId(),
    organizationId: orgId,
    version: 0,
    ...rest,
    teamIds: [],
    systemDefault: false,
    modifiedTime: now,
    createdTime: now,
    lastUpdatedTime: now,
  };
  org.layouts.push(record);
  assignTeams(rt, org, record, teamIds ?? []);
  rt.changed();
  return { status: 200, body: layoutDto(record) };
}

function update(rt: EmulatorRuntime, req: EmulatorRequest, orgId: string, id: string): EmulatorResponse {
  authorize(rt, req, orgId, "Updating a desktop layout", "write");
  const org = orgOf(rt, orgId);
  const record = findLayout(org, orgId, id);
  const body = jsonBody(req);
  const fields = readFields(body);
  checkIdentity(body, id, record);
  if (nameTaken(org, fields.name, record)) {
    throw badRequest("name", `A desktop layout named "${fields.name}" already exists.`);
  }
  const teamIds = fields.teamIds ?? [];
  checkTeamsExist(org, teamIds);
  if (!fields.status && teamsReferring(org, id).some((team) => teamIds.includes(team.id))) {
    throw new EmulatorHttpError(412, "REFERENCED", REFERRED, "status", { entity: "team" });
  }
  const { teamIds: _named, ...rest } = fields;
  if (rest.description === undefined) delete record.description;
  Object.assign(record, rest);
  assignTeams(rt, org, record, teamIds);
  record.modifiedTime = rt.now();
  bump(rt, record);
  return { status: 200, body: layoutDto(record) };
}

function remove(rt: EmulatorRuntime, req: EmulatorRequest, orgId: string, id: string): EmulatorResponse {
  authorize(rt, req, orgId, "Deleting a desktop layout", "write");
  const org = orgOf(rt, orgId);
  const record = findLayout(org, orgId, id);
  if (record.systemDefault) {
    throw new EmulatorHttpError(
      412,
      "SYSTEM_DEFAULT",
      `"${record.name}" is the system default layout: every team without a layout of its own uses it, so it cannot be deleted.`,
    );
  }
  const references = teamsReferring(org, id);
  if (references.length > 0) {
    throw new EmulatorHttpError(412, "REFERENCED", REFERRED, undefined, {
      entity: "team",
      references: references.map((team) => ({ type: "team", id: team.id, name: team.name })),
    });
  }
  org.layouts = org.layouts.filter((l) => l !== record);
  rt.changed();
  return { status: 200 };
}

function incomingReferences(
  rt: EmulatorRuntime,
  req: EmulatorRequest,
  orgId: string,
  id: string,
): EmulatorResponse {
  authorize(rt, req, orgId, "Reading a desktop layout's references", "read");
  const org = orgOf(rt, orgId);
  findLayout(org, orgId, id);
  const type = req.query.get("type");
  const all = type === null || type === "" || type === "team" ? teamsReferring(org, id) : [];
  const page = Math.max(0, Number(req.query.get("page") ?? 0) || 0);
  const pageSize = Math.max(1, Number(req.query.get("pageSize") ?? 100) || 100);
  return {
    status: 200,
    body: {
      description: "list of referenced entities",
      meta: {
        orgid: orgId,
        page,
        pageSize,
        totalPages: Math.ceil(all.length / pageSize),
        totalRecords: all.length,
        referencedEntities: all.length > 0 ? ["team"] : [],
        currentEntity: "desktop-layout",
      },
      data: all.slice(page * pageSize, (page + 1) * pageSize).map(teamReference),
    },
  };
}

const LIST = /^\/organization\/([^/]+)\/v2\/desktop-layout$/;
const COLLECTION = /^\/organization\/([^/]+)\/desktop-layout$/;
const ITEM =
  /^\/organization\/([^/]+)\/desktop-layout\/(?!bulk$|bulk-export$|purge-inactive-entities$)([^/]+)$/;
const REFERENCES = /^\/organization\/([^/]+)\/desktop-layout\/([^/]+)\/incoming-references$/;

function layoutsRoute(rt: EmulatorRuntime): Route {
  return async (req) => {
    let match = LIST.exec(req.path);
    if (match) {
      if (req.method !== "GET") throw methodNotAllowed(req);
      const orgId = decodeURIComponent(match[1]);
      authorize(rt, req, orgId, "Listing desktop layouts", "read");
      const rows = orgOf(rt, orgId).layouts as unknown as Record<string, unknown>[];
      const page = listPage(req, orgId, rows, FILTERABLE, (row) =>
        layoutDto(row as unknown as LayoutRecord, "list"),
      );
      return { status: 200, body: page };
    }
    match = COLLECTION.exec(req.path);
    if (match) {
      if (req.method !== "POST") throw methodNotAllowed(req);
      return create(rt, req, decodeURIComponent(match[1]));
    }
    match = ITEM.exec(req.path);
    if (match) {
      const [orgId, id] = [decodeURIComponent(match[1]), decodeURIComponent(match[2])];
      if (req.method === "GET") {
        authorize(rt, req, orgId, "Reading a desktop layout", "read");
        return { status: 200, body: layoutDto(findLayout(orgOf(rt, orgId), orgId, id)) };
      }
      if (req.method === "PUT") return update(rt, req, orgId, id);
      if (req.method === "DELETE") return remove(rt, req, orgId, id);
      throw methodNotAllowed(req);
    }
    match = REFERENCES.exec(req.path);
    if (match) {
      if (req.method !== "GET") throw methodNotAllowed(req);
      return incomingReferences(rt, req, decodeURIComponent(match[1]), decodeURIComponent(match[2]));
    }
    return undefined;
  };
}

/** The desktop layouts and the teams, one route for the emulator's list of parts. */
export function desktopLayoutRoute(rt: EmulatorRuntime): Route {
  const layouts = layoutsRoute(rt);
  const teams = teamsRoute(rt);
  return async (req, ctx) => (await layouts(req, ctx)) ?? teams(req, ctx);
}
