// The wire shapes of the official document: DesktopLayoutDTO, TeamResponseDTO, EntityInfo.
import type { LayoutRecord, TeamRecord } from "./store";

/** A DesktopLayoutDTO; the list leaves out jsonFileContent and every array field, as the document says. */
export function layoutDto(record: LayoutRecord, view: "item" | "list" = "item"): Record<string, unknown> {
  return {
    organizationId: record.organizationId,
    id: record.id,
    version: record.version,
    name: record.name,
    ...(record.description === undefined ? {} : { description: record.description }),
    editedBy: record.editedBy,
    jsonFileName: record.jsonFileName,
    ...(view === "item" ? { jsonFileContent: record.jsonFileContent } : {}),
    global: record.global,
    status: record.status,
    defaultJsonModified: record.defaultJsonModified,
    validated: record.validated,
    modifiedTime: record.modifiedTime,
    ...(view === "item" ? { teamIds: [...record.teamIds] } : {}),
    systemDefault: record.systemDefault,
    createdTime: record.createdTime,
    lastUpdatedTime: record.lastUpdatedTime,
  };
}

export function teamDto(record: TeamRecord, view: "item" | "list" = "item"): Record<string, unknown> {
  return {
    organizationId: record.organizationId,
    id: record.id,
    version: record.version,
    name: record.name,
    teamType: record.teamType,
    teamStatus: record.teamStatus,
    active: record.active,
    siteId: record.siteId,
    siteName: record.siteName,
    ...(record.desktopLayoutId === undefined ? {} : { desktopLayoutId: record.desktopLayoutId }),
    ...(view === "item" ? { userIds: [...record.userIds] } : {}),
    ...(record.description === undefined ? {} : { description: record.description }),
    systemDefault: false,
    rankQueuesForTeam: record.rankQueuesForTeam,
    ...(view === "item" ? { queueRankings: [] } : {}),
    createdTime: record.createdTime,
    lastUpdatedTime: record.lastUpdatedTime,
  };
}

/** A team that refers to a layout, as incoming-references lists it. */
export function teamReference(team: TeamRecord): Record<string, unknown> {
  return {
    id: team.id,
    name: team.name,
    additionalAttributes: { type: "team" },
    createdDate: new Date(team.createdTime).toISOString(),
    lastModifiedDate: new Date(team.lastUpdatedTime).toISOString(),
    version: team.version,
  };
}
