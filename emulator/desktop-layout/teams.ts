// The team endpoints of the Configuration API that concern desktop layouts: list (v1 array and v2
// envelope), create (201), get, update (a team's own side of the layout link), delete (204) and
// incoming-references.
import { authorize } from "../connectors/access";
import { badRequest, EmulatorHttpError, methodNotAllowed, notFound } from "../core/errors";
import type { EmulatorRuntime } from "../core/runtime";
import type { EmulatorRequest, EmulatorResponse, Route } from "../types";
import { type Body, checkIdentity, flag, idList, jsonBody, onlyDeclared, text } from "./dto-input";
import { listPage } from "./list";
import { bump, type OrgLayouts, orgLayouts, type TeamRecord } from "./store";
import { teamDto } from "./view";

const TEAM_FIELDS = [
  "organizationId",
  "id",
  "version",
  "name",
  "teamType",
  "teamStatus",
  "dialedNumber",
  "capacity",
  "active",
  "siteId",
  "desktopLayoutId",
  "skillProfileId",
  "multiMediaProfileId",
  "userIds",
  "description",
  "systemDefault",
  "rankQueuesForTeam",
  "queueRankings",
  "createdTime",
  "lastUpdatedTime",
];
const FILTERABLE = [
  "id",
  "name",
  "teamType",
  "teamStatus",
  "active",
  "siteId",
  "desktopLayoutId",
  "description",
];

function orgOf(rt: EmulatorRuntime, orgId: string): OrgLayouts {
  const org = orgLayouts(rt, orgId);
  if (!org) throw notFound(`No org with the id ${orgId}.`);
  return org;
}

function findTeam(org: OrgLayouts, orgId: string, id: string): TeamRecord {
  const found = org.teams.find((team) => team.id === id);
  if (!found) throw notFound(`No team with the id ${id} in org ${orgId}.`);
  return found;
}

function oneOf<T extends string>(body: Body, key: string, allowed: readonly T[]): T {
  const value = body[key];
  if (!allowed.includes(value as T))
    throw badRequest(key, `${key} is required: one of ${allowed.join(", ")}.`);
  return value as T;
}

function layoutRef(org: OrgLayouts, body: Body): string | undefined {
  const id = text(body, "desktopLayoutId", false);
  if (id !== undefined && !org.layouts.some((layout) => layout.id === id)) {
    throw badRequest("desktopLayoutId", `No desktop layout with the id ${id}.`);
  }
  return id;
}

type TeamFields = Omit<TeamRecord, "id" | "organizationId" | "version" | "createdTime" | "lastUpdatedTime">;

/** A TeamDTO as create and update read it. Also used by the control API to add teams. */
export function readTeam(org: OrgLayouts, body: Body): TeamFields {
  onlyDeclared(body, TEAM_FIELDS, "TeamDTO");
  const siteId = text(body, "siteId", true)!;
  const description = text(body, "description", false);
  const desktopLayoutId = layoutRef(org, body);
  return {
    name: text(body, "name", true)!,
    teamType: oneOf(body, "teamType", ["AGENT", "CAPACITY"] as const),
    teamStatus: oneOf(body, "teamStatus", ["IN_SERVICE", "NOT_AVAILABLE"] as const),
    active: flag(body, "active", true)!,
    siteId,
    siteName: org.teams.find((team) => team.siteId === siteId)?.siteName ?? "Site",
    ...(desktopLayoutId === undefined ? {} : { desktopLayoutId }),
    userIds: idList(body, "userIds") ?? [],
    ...(description === undefined ? {} : { description }),
    rankQueuesForTeam: flag(body, "rankQueuesForTeam", true)!,
  };
}

export function addTeam(
  rt: EmulatorRuntime,
  org: OrgLayouts,
  orgId: string,
  fields: TeamFields,
  id: string = rt.newId(),
): TeamRecord {
  if (org.teams.some((team) => team.id === id)) {
    throw new EmulatorHttpError(409, "DUPLICATE_ID", `A team with the id ${id} already exists.`, "id");
  }
  if (org.teams.some((team) => team.siteId === fields.siteId && team.name === fields.name)) {
    throw new EmulatorHttpError(
      409,
      "DUPLICATE_NAME",
      `A team named "${fields.name}" already exists on that site.`,
      "name",
    );
  }
  const now = rt.now();
  const record: TeamRecord = {
    id,
    organizationId: orgId,
    version: 0,
    ...fields,
    createdTime: now,
    lastUpdatedTime: now,
  };
  org.teams.push(record);
  rt.changed();
  return record;
}

function update(rt: EmulatorRuntime, req: EmulatorRequest, orgId: string, id: string): EmulatorResponse {
  authorize(rt, req, orgId, "Updating a team", "write");
  const org = orgOf(rt, orgId);
  const record = findTeam(org, orgId, id);
  const body = jsonBody(req);
  const fields = readTeam(org, body);
  checkIdentity(body, id, record);
  if (fields.teamType !== record.teamType)
    throw badRequest("teamType", "Once created, teamType cannot be modified.");
  if (fields.siteId !== record.siteId)
    throw badRequest("siteId", "Once specified, siteId should not be modified.");
  // Only the team's side of the link changes: the layouts keep their teamIds (see docs/emulator.md).
  if (fields.desktopLayoutId === undefined) delete record.desktopLayoutId;
  if (fields.description === undefined) delete record.description;
  Object.assign(record, fields);
  bump(rt, record);
  return { status: 200, body: teamDto(record) };
}

const LIST_V2 = /^\/organization\/([^/]+)\/v2\/team$/;
const COLLECTION = /^\/organization\/([^/]+)\/team$/;
const ITEM = /^\/organization\/([^/]+)\/team\/(?!bulk$|purge-inactive-entities$)([^/]+)$/;
const REFERENCES = /^\/organization\/([^/]+)\/team\/([^/]+)\/incoming-references$/;

export function teamsRoute(rt: EmulatorRuntime): Route {
  return async (req) => {
    let match = LIST_V2.exec(req.path);
    if (match) {
      if (req.method !== "GET") throw methodNotAllowed(req);
      const orgId = decodeURIComponent(match[1]);
      authorize(rt, req, orgId, "Listing teams", "read");
      const rows = orgOf(rt, orgId).teams as unknown as Record<string, unknown>[];
      return {
        status: 200,
        body: listPage(req, orgId, rows, FILTERABLE, (row) => teamDto(row as unknown as TeamRecord, "list")),
      };
    }
    match = COLLECTION.exec(req.path);
    if (match) {
      const orgId = decodeURIComponent(match[1]);
      if (req.method === "GET") {
        authorize(rt, req, orgId, "Listing teams", "read");
        const rows = orgOf(rt, orgId).teams as unknown as Record<string, unknown>[];
        return {
          status: 200,
          body: listPage(req, orgId, rows, FILTERABLE, (row) => teamDto(row as unknown as TeamRecord)).data,
        };
      }
      if (req.method !== "POST") throw methodNotAllowed(req);
      authorize(rt, req, orgId, "Creating a team", "write");
      const org = orgOf(rt, orgId);
      const body = jsonBody(req);
      if (body.id !== undefined) throw badRequest("id", "id should not be specified when creating a team.");
      return { status: 201, body: teamDto(addTeam(rt, org, orgId, readTeam(org, body))) };
    }
    match = ITEM.exec(req.path);
    if (match) {
      const [orgId, id] = [decodeURIComponent(match[1]), decodeURIComponent(match[2])];
      if (req.method === "GET") {
        authorize(rt, req, orgId, "Reading a team", "read");
        return { status: 200, body: teamDto(findTeam(orgOf(rt, orgId), orgId, id)) };
      }
      if (req.method === "PUT") return update(rt, req, orgId, id);
      if (req.method === "DELETE") {
        authorize(rt, req, orgId, "Deleting a team", "write");
        const org = orgOf(rt, orgId);
        const record = findTeam(org, orgId, id);
        org.teams = org.teams.filter((team) => team !== record);
        for (const layout of org.layouts) layout.teamIds = layout.teamIds.filter((t) => t !== id);
        rt.changed();
        return { status: 204 };
      }
      throw methodNotAllowed(req);
    }
    match = REFERENCES.exec(req.path);
    if (match) {
      if (req.method !== "GET") throw methodNotAllowed(req);
      const [orgId, id] = [decodeURIComponent(match[1]), decodeURIComponent(match[2])];
      authorize(rt, req, orgId, "Reading a team's references", "read");
      findTeam(orgOf(rt, orgId), orgId, id);
      return {
        status: 200,
        body: {
          description: "list of referenced entities",
          meta: {
            orgid: orgId,
            page: 0,
            pageSize: 100,
            totalPages: 0,
            totalRecords: 0,
            currentEntity: "team",
          },
          data: [],
        },
      };
    }
    return undefined;
  };
}
