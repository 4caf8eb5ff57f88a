// The desktop layouts and teams of each org, as the Configuration API keeps them. An org gets its
// system-default global layout and two teams the first time anything touches it, which is observably the
// same as seeding them when the org is created, and keeps the org registry free of this part's concerns.
import type { EmulatorRuntime } from "../core/runtime";

export interface LayoutRecord {
  id: string;
  organizationId: string;
  version: number;
  name: string;
  description?: string;
  editedBy: string;
  jsonFileName: string;
  /** Stored as sent: the API does not parse or validate it. */
  jsonFileContent: string;
  global: boolean;
  status: boolean;
  defaultJsonModified: boolean;
  validated: boolean;
  /** The layout's side of the team link; each team keeps its own side (TeamRecord.desktopLayoutId). */
  teamIds: string[];
  systemDefault: boolean;
  modifiedTime: number;
  createdTime: number;
  lastUpdatedTime: number;
}

export interface TeamRecord {
  id: string;
  organizationId: string;
  version: number;
  name: string;
  teamType: "AGENT" | "CAPACITY";
  teamStatus: "IN_SERVICE" | "NOT_AVAILABLE";
  active: boolean;
  siteId: string;
  siteName: string;
  /** Absent: the team's agents get the global layout. */
  desktopLayoutId?: string;
  userIds: string[];
  description?: string;
  rankQueuesForTeam: boolean;
  createdTime: number;
  lastUpdatedTime: number;
}

export interface OrgLayouts {
  layouts: LayoutRecord[];
  teams: TeamRecord[];
}

interface LayoutState {
  orgs: Record<string, OrgLayouts>;
}

/** The default document Webex ships (abridged): one agent persona with a header and the headless area. */
export const SYSTEM_DEFAULT_DOCUMENT = {
  agent: {
    version: "0.1.0",
    appTitle: "Webex Contact Center",
    logo: "",
    dragDropEnabled: false,
    notificationTimer: 8,
    maximumNotificationCount: 3,
    browserNotificationTimer: 8,
    wxmConfigured: false,
    area: {
      advancedHeader: [{ comp: "agentx-webex" }, { comp: "agentx-outdial" }, { comp: "agentx-notification" }],
      headless: {
        id: "dw-headless",
        widgets: { comp1: { comp: "div" } },
        layout: { areas: [["comp1"]], size: { cols: [1], rows: [1] } },
      },
      panel: { comp: "md-tabs", attributes: { class: "widget-tabs" }, children: [] },
      navigation: [],
    },
  },
};

export const DEFAULT_SITE = { id: "0c9b6d7e-5d9f-4b54-9b0e-5a3d3f2c6a11", name: "Site-1" };

function seed(rt: EmulatorRuntime, orgId: string): OrgLayouts {
  const now = rt.now();
  const team = (name: string): TeamRecord => ({
    id: rt.newId(),
    organizationId: orgId,
    version: 0,
    name,
    teamType: "AGENT",
    teamStatus: "IN_SERVICE",
    active: true,
    siteId: DEFAULT_SITE.id,
    siteName: DEFAULT_SITE.name,
    userIds: [],
    rankQueuesForTeam: false,
    createdTime: now,
    lastUpdatedTime: now,
  });
  return {
    layouts: [
      {
        id: rt.newId(),
        organizationId: orgId,
        version: 0,
        name: "Global Layout",
        description: "The system default layout: agents of teams without a layout of their own get it.",
        editedBy: "System",
        jsonFileName: "Desktop Layout.json",
        jsonFileContent: JSON.stringify(SYSTEM_DEFAULT_DOCUMENT),
        global: true,
        status: true,
        defaultJsonModified: false,
        validated: true,
        teamIds: [],
        systemDefault: true,
        modifiedTime: now,
        createdTime: now,
        lastUpdatedTime: now,
      },
    ],
    teams: [team("Default Team"), team("Support")],
  };
}

/** The org's layouts and teams; undefined for an org that does not exist. */
export function orgLayouts(rt: EmulatorRuntime, orgId: string): OrgLayouts | undefined {
  if (!rt.state.orgs[orgId]) return undefined;
  const state = rt.context.extension<LayoutState>("desktopLayouts", () => ({ orgs: {} }));
  let org = state.orgs[orgId];
  if (!org) {
    org = seed(rt, orgId);
    state.orgs[orgId] = org;
    rt.changed();
  }
  return org;
}

/** A change to a record: a new version, stamped now, and the state saved. */
export function bump(rt: EmulatorRuntime, record: { version: number; lastUpdatedTime: number }): void {
  record.version += 1;
  record.lastUpdatedTime = rt.now();
  rt.changed();
}
