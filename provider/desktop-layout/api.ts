// The desktop-layout and team endpoints of Webex's Configuration API (the official OpenAPI document,
// tests/fixtures/webex-openapi/), on the same OrgCaller as the connectors: pacing, tokens, retries and
// redaction are the client's. Bodies are exactly the document's DesktopLayoutDTO.
import { type CallContext, describeCall } from "../webex/api-errors";
import { type ApiResult, type OrgCaller, UncertainOutcome } from "../webex/org-caller";

/** A DesktopLayoutDTO as the API returns it (get by id carries jsonFileContent and teamIds; the list not). */
export interface DesktopLayoutDto {
  organizationId?: string;
  id: string;
  version: number;
  name: string;
  description?: string;
  editedBy: string;
  jsonFileName: string;
  jsonFileContent?: string;
  global: boolean;
  status: boolean;
  defaultJsonModified: boolean;
  validated: boolean;
  validatedTime?: number;
  defaultJsonModifiedTime?: number;
  modifiedTime?: number;
  teamIds?: string[];
  systemDefault?: boolean;
  createdTime?: number;
  lastUpdatedTime?: number;
}

/** What create and update send: the document's required fields always, id and version on update. */
export interface DesktopLayoutWrite {
  id?: string;
  version?: number;
  name: string;
  description?: string;
  editedBy: string;
  jsonFileName: string;
  jsonFileContent: string;
  global: false;
  status: boolean;
  defaultJsonModified: boolean;
  validated: boolean;
  teamIds: string[];
}

export interface TeamDto {
  id: string;
  name: string;
  desktopLayoutId?: string;
  version?: number;
}

export interface EntityInfo {
  id: string;
  name?: string;
  additionalAttributes?: Record<string, string>;
}

/** The API's answer to a delete: done (or already gone), or refused because these refer to the layout. */
export type DeleteOutcome = { deleted: true } | { deleted: false; references: EntityInfo[] };

const MAX_PAGES = 1000;

export class DesktopLayoutsApi {
  private readonly base: string;

  constructor(
    private readonly caller: OrgCaller,
    private readonly pageSize = 100,
  ) {
    this.base = `/organization/${encodeURIComponent(caller.orgId)}`;
  }

  get orgId(): string {
    return this.caller.orgId;
  }

  private ctx(operation: CallContext["operation"], label?: string, noun = "desktop layout"): CallContext {
    return { orgId: this.caller.orgId, operation, noun, ...(label ? { connector: label } : {}) };
  }

  private item(id: string, suffix = ""): string {
    return `${this.base}/desktop-layout/${encodeURIComponent(id)}${suffix}`;
  }

  private layoutOf(ctx: CallContext, result: ApiResult): DesktopLayoutDto {
    const body = result.body as Partial<DesktopLayoutDto> | undefined;
    if (!body || typeof body !== "object" || typeof body.id !== "string") {
      throw this.caller.failure(ctx, result, "The response is not a DesktopLayoutDTO.");
    }
    return body as DesktopLayoutDto;
  }

  async get(id: string): Promise<DesktopLayoutDto | undefined> {
    const ctx = this.ctx("read", `id ${id}`);
    const result = await this.caller.call({
      method: "GET",
      path: this.item(id),
      ctx,
      replay: "retry",
      accept: [404],
    });
    return result.status === 404 ? undefined : this.layoutOf(ctx, result);
  }

  /** Every page of a paged answer ({ meta: { totalPages }, data }). */
  private async allPages<T>(ctx: CallContext, pathOf: (page: number) => string): Promise<T[]> {
    const items: T[] = [];
    for (let page = 0; page < MAX_PAGES; page++) {
      const result = await this.caller.call({ method: "GET", path: pathOf(page), ctx, replay: "retry" });
      const body = result.body as { meta?: { totalPages?: unknown }; data?: T[] } | undefined;
      if (!body || !Array.isArray(body.data)) {
        throw this.caller.failure(ctx, result, "The response has no data array.");
      }
      items.push(...body.data);
      const totalPages = typeof body.meta?.totalPages === "number" ? body.meta.totalPages : 1;
      if (page + 1 >= totalPages || body.data.length === 0) return items;
    }
    throw new Error(`${describeCall(ctx)}: more than ${MAX_PAGES} pages; refusing to continue.`);
  }

  /** The v2 list, every page; its items carry neither jsonFileContent nor teamIds. */
  list(filter?: string): Promise<DesktopLayoutDto[]> {
    return this.allPages(this.ctx("list"), (page) => {
      const query = new URLSearchParams({ page: String(page), pageSize: String(this.pageSize) });
      if (filter) query.set("filter", filter);
      return `${this.base}/v2/desktop-layout?${query}`;
    });
  }

  /** Layouts with this name (names compare without case, as the product's uniqueness does). */
  async findByName(name: string): Promise<DesktopLayoutDto[]> {
    const quoted = name.includes('"') ? `'${name}'` : `"${name}"`;
    const listed = await this.list(`name==${quoted}`);
    return listed.filter((layout) => layout.name.toLowerCase() === name.toLowerCase());
  }

  /** Creates the layout; a create whose outcome is uncertain is settled by `settle`, never sent twice. */
  async create(
    body: DesktopLayoutWrite,
    settle: (why: string) => Promise<DesktopLayoutDto>,
  ): Promise<DesktopLayoutDto> {
    const ctx = this.ctx("create", JSON.stringify(body.name));
    try {
      const result = await this.caller.call({
        method: "POST",
        path: `${this.base}/desktop-layout`,
        body,
        ctx,
        replay: "once",
      });
      return this.layoutOf(ctx, result);
    } catch (error) {
      if (!(error instanceof UncertainOutcome)) throw error;
      return settle(error.message);
    }
  }

  async update(body: DesktopLayoutWrite & { id: string; version: number }): Promise<DesktopLayoutDto> {
    const ctx = this.ctx("update", `${JSON.stringify(body.name)} (id ${body.id})`);
    const result = await this.caller.call({
      method: "PUT",
      path: this.item(body.id),
      body,
      ctx,
      replay: "retry",
    });
    return this.layoutOf(ctx, result);
  }

  async delete(id: string, label: string): Promise<DeleteOutcome> {
    const ctx = this.ctx("delete", label);
    const result = await this.caller.call({
      method: "DELETE",
      path: this.item(id),
      ctx,
      replay: "retry",
      accept: [404, 412],
    });
    if (result.status === 404) return { deleted: true };
    if (result.status === 412)
      return { deleted: false, references: await this.incomingReferences(id, label) };
    return { deleted: true };
  }

  incomingReferences(id: string, label: string): Promise<EntityInfo[]> {
    return this.allPages(this.ctx("references", label), (page) =>
      this.item(id, `/incoming-references?page=${page}&pageSize=${this.pageSize}`),
    );
  }

  /** A team by id; undefined when it no longer exists. */
  async team(id: string): Promise<TeamDto | undefined> {
    const ctx = this.ctx("read", `id ${id}`, "team");
    const result = await this.caller.call({
      method: "GET",
      path: `${this.base}/team/${encodeURIComponent(id)}`,
      ctx,
      replay: "retry",
      accept: [404],
    });
    if (result.status === 404) return undefined;
    const body = result.body as Partial<TeamDto> | undefined;
    if (!body || typeof body.id !== "string")
      throw this.caller.failure(ctx, result, "The response is not a team.");
    return body as TeamDto;
  }
}
