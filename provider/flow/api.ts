// The flow store of one org (the official OpenAPI document's four flow paths under
// /flow-store/{orgId}/project/{projectId}/), on top of the OrgCaller's transport rules.
import { type CallContext, describeCall } from "../webex/api-errors";
import { type ApiResult, type OrgCaller, UncertainOutcome } from "../webex/org-caller";
import { type FlowDocument, sameContent } from "./document";

/** "System generated value which is the same across orgs and environments. Always use" this. */
export const FLOW_PROJECT_ID = "5e5c9ad6d61f870d6d778c1b";
const PAGE_SIZE = 100;
const MAX_PAGES = 1000;

export const FLOW_TAGS = ["Live", "Test", "Dev", "Latest"] as const;
export type FlowTag = (typeof FLOW_TAGS)[number];

/** The parts of BasicFlowDTO / FlowRes the provider reads. */
export interface FlowSummary {
  id: string;
  name: string;
  status?: string;
  version?: number;
  tags?: { id: string; displayName?: string; flowVersionId?: string; versionNumber?: number }[];
  lockedBy?: string;
  lockedAt?: string;
}

/** The tag ids a flow carries now. */
export function tagsOf(flow: FlowSummary): FlowTag[] {
  return (flow.tags ?? [])
    .map((t) => t.id)
    .filter((t): t is FlowTag => (FLOW_TAGS as readonly string[]).includes(t));
}

/** The body of an import: a multipart/form-data `file` part holding the document, encoded by undici's FormData. */
async function multipartFile(doc: FlowDocument): Promise<{ contentType: string; text: string }> {
  const form = new FormData();
  form.append(
    "file",
    new Blob([JSON.stringify(doc)], { type: "application/json" }),
    `${String(doc.name)}.json`,
  );
  const request = new Request("http://multipart.invalid/", { method: "POST", body: form });
  return { contentType: request.headers.get("content-type")!, text: await request.text() };
}

export class OrgFlows {
  readonly orgId: string;
  private readonly base: string;

  constructor(private readonly caller: OrgCaller) {
    this.orgId = caller.orgId;
    this.base = `/flow-store/${encodeURIComponent(caller.orgId)}/project/${FLOW_PROJECT_ID}/flows`;
  }

  private ctx(operation: CallContext["operation"], flow?: string): CallContext {
    return { orgId: this.orgId, operation, ...(flow ? { connector: flow } : {}) };
  }

  /** The flows matching a filter, every page (includePagination gives the page count). */
  private async list(
    filter: { ids?: string; partialNameSearch?: string },
    ctx: CallContext,
  ): Promise<FlowSummary[]> {
    const flows: FlowSummary[] = [];
    for (let page = 0; page < MAX_PAGES; page++) {
      const query = new URLSearchParams({
        ...filter,
        flowType: "FLOW",
        page: String(page),
        size: String(PAGE_SIZE),
        includePagination: "true",
      });
      const result = await this.caller.call({
        method: "GET",
        path: `${this.base}?${query}`,
        ctx,
        replay: "retry",
      });
      const body = result.body as { data?: FlowSummary[]; totalPages?: number } | undefined;
      if (!body || !Array.isArray(body.data))
        throw this.caller.failure(ctx, result, "The response has no data array.");
      flows.push(...body.data);
      if (body.data.length === 0 || page + 1 >= (body.totalPages ?? 0)) return flows;
    }
    throw new Error(`${describeCall(ctx)}: more than ${MAX_PAGES} pages; refusing to continue.`);
  }

  async get(flowId: string): Promise<FlowSummary | undefined> {
    const found = await this.list({ ids: flowId }, this.ctx("list-flows", `id ${flowId}`));
    return found.find((f) => f.id === flowId);
  }

  async findByName(name: string): Promise<FlowSummary | undefined> {
    const found = await this.list({ partialNameSearch: name }, this.ctx("list-flows", JSON.stringify(name)));
    return found.find((f) => f.name === name);
  }

  /** A version of the flow (`latest`, `draft` or a version id); undefined when the flow is gone. */
  async export(flowId: string, version = "latest"): Promise<FlowDocument | undefined> {
    const ctx = this.ctx("export-flow", `id ${flowId}`);
    const query = new URLSearchParams({ version });
    const result = await this.caller.call({
      method: "GET",
      path: `${this.base}/${encodeURIComponent(flowId)}:export?${query}`,
      ctx,
      replay: "retry",
      accept: [404],
    });
    if (result.status === 404) return undefined;
    if (typeof result.body !== "object" || result.body === null) {
      throw this.caller.failure(ctx, result, "The response is not a flow document.");
    }
    return result.body as FlowDocument;
  }

  /**
   * Imports the document as the draft of the flow named like it. With overwrite the flow with that name is
   * updated in place (it keeps its id); without, a name that exists answers "exists".
   */
  async import(doc: FlowDocument, overwrite: boolean): Promise<FlowSummary | "exists"> {
    const ctx = this.ctx("import-flow", JSON.stringify(doc.name));
    const query = new URLSearchParams({ overwrite: overwrite ? "yes" : "no", flowType: "FLOW" });
    let result: ApiResult;
    try {
      result = await this.caller.call({
        method: "POST",
        path: `${this.base}:import?${query}`,
        encoded: await multipartFile(doc),
        ctx,
        // Importing the same document over the same name again only adds an identical draft.
        replay: overwrite ? "retry" : "once",
        accept: [409],
      });
    } catch (error) {
      if (!(error instanceof UncertainOutcome)) throw error;
      return this.settleUncertainImport(doc, error.message, ctx);
    }
    if (result.status === 409) return "exists";
    return this.summary(ctx, result);
  }

  /** After an import that may or may not have been applied: it was, if the flow's draft is what was sent. */
  private async settleUncertainImport(
    doc: FlowDocument,
    what: string,
    ctx: CallContext,
  ): Promise<FlowSummary> {
    const found = await this.findByName(String(doc.name));
    const draft = found ? await this.export(found.id, "draft") : undefined;
    if (found && draft && sameContent(draft, doc)) return found;
    throw new Error(
      `${describeCall(ctx)} has an uncertain outcome: ${what}. ` +
        (found
          ? `A flow with that name exists (id ${found.id}) but its draft is not what was sent. `
          : "No flow with that name exists, so it was most likely not imported. ") +
        "Run the deployment again.",
    );
  }

  /** Publishes the flow's newest version to the tags (they move to it). */
  async publish(flowId: string, tagIds: FlowTag[], comment: string): Promise<FlowSummary> {
    const ctx = this.ctx("publish-flow", `id ${flowId}`);
    const result = await this.caller.call({
      method: "POST",
      path: `${this.base}/${encodeURIComponent(flowId)}:publish`,
      body: { comment, tagIds },
      ctx,
      // Publishing the same version to the same tags twice leaves it as once.
      replay: "retry",
    });
    return this.summary(ctx, result);
  }

  private summary(ctx: CallContext, result: ApiResult): FlowSummary {
    const body = result.body as Partial<FlowSummary> | undefined;
    if (!body || typeof body.id !== "string")
      throw this.caller.failure(ctx, result, "The response is not a flow.");
    return body as FlowSummary;
  }
}
