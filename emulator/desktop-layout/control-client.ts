// A typed client for the desktop-layout part's control endpoints, for tests and the demo.
import type { LayoutRecord } from "./store";

/** A DesktopLayoutDTO as the get-by-id endpoint returns it: the stored record without its timestamps. */
export type DesktopLayoutView = Omit<LayoutRecord, "modifiedTime" | "createdTime" | "lastUpdatedTime">;

/** A TeamResponseDTO. */
export interface TeamView {
  id: string;
  organizationId: string;
  version: number;
  name: string;
  siteId: string;
  /** Absent: the team gets the global layout. */
  desktopLayoutId?: string;
}

export class DesktopLayoutControl {
  /** `emulatorUrl` is the emulator's base URL. */
  constructor(private readonly emulatorUrl: string) {}

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.emulatorUrl.replace(/\/+$/, "")}/_emulator/orgs${path}`, {
      method,
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`control ${method} ${path}: HTTP ${res.status} ${text}`);
    return (text === "" ? undefined : JSON.parse(text)) as T;
  }

  /** Adds an agent team on the org's default site (with the given id, for stable demos and samples). */
  addTeam(orgId: string, input: { name: string; id?: string; desktopLayoutId?: string }): Promise<TeamView> {
    return this.call("POST", `/${encodeURIComponent(orgId)}/teams`, input);
  }

  async teams(orgId: string): Promise<TeamView[]> {
    return (await this.call<{ data: TeamView[] }>("GET", `/${encodeURIComponent(orgId)}/teams`)).data;
  }

  /** Points a team at another layout (null: the global one), as editing the team in Control Hub would. */
  repointTeam(orgId: string, teamId: string, desktopLayoutId: string | null): Promise<TeamView> {
    return this.call(
      "PUT",
      `/${encodeURIComponent(orgId)}/teams/${encodeURIComponent(teamId)}/desktop-layout`,
      {
        desktopLayoutId,
      },
    );
  }

  async layouts(orgId: string): Promise<DesktopLayoutView[]> {
    return (
      await this.call<{ data: DesktopLayoutView[] }>("GET", `/${encodeURIComponent(orgId)}/desktop-layouts`)
    ).data;
  }

  /** Edits a layout out of band (a new version), as a person in Control Hub would. */
  editLayout(
    orgId: string,
    id: string,
    edit: Partial<Pick<DesktopLayoutView, "name" | "description" | "jsonFileContent" | "status" | "teamIds">>,
  ): Promise<DesktopLayoutView> {
    return this.call(
      "PATCH",
      `/${encodeURIComponent(orgId)}/desktop-layouts/${encodeURIComponent(id)}`,
      edit,
    );
  }
}
