// Shared by the flow tests: Cisco's Salesforce flow (MPL-2.0, tests/fixtures/cisco/NOTICE.md), the flow
// store's paths, and a Flow Designer user's out-of-band edits made through the public API.
import * as fs from "node:fs";
import * as path from "node:path";
import { FLOW_PROJECT_ID } from "../../provider/flow/api";

export const CISCO_FLOW_FILE = path.resolve(
  __dirname,
  "../../../tests/fixtures/cisco/Salesforce_HTTP_Connector_Flow.json",
);
/** The connector id Cisco's export carries in all 8 places. */
export const CISCO_CONNECTOR_ID = "9b04cc45-e715-45e4-a568-4635a88494f9";

export function ciscoFlowText(): string {
  return fs.readFileSync(CISCO_FLOW_FILE, "utf8");
}

export function ciscoFlow(): Record<string, unknown> {
  return JSON.parse(ciscoFlowText()) as Record<string, unknown>;
}

/** How many times `id` appears as a connector value in a document's text. */
export function countConnector(doc: unknown, id: string): number {
  return JSON.stringify(doc).split(`"${id}"`).length - 1;
}

export function flowsPath(orgId: string, rest = ""): string {
  return `/flow-store/${orgId}/project/${FLOW_PROJECT_ID}/flows${rest}`;
}

/** A Flow Designer user's calls, with an admin's token. */
export class FlowStoreUser {
  constructor(
    private readonly baseUrl: string,
    private readonly orgId: string,
    private readonly token: string,
  ) {}

  async call(method: string, rest: string, body?: BodyInit, contentType?: string): Promise<Response> {
    return fetch(`${this.baseUrl}${flowsPath(this.orgId, rest)}`, {
      method,
      headers: {
        authorization: `Bearer ${this.token}`,
        ...(contentType ? { "content-type": contentType } : {}),
      },
      ...(body === undefined ? {} : { body }),
    });
  }

  async export(flowId: string, version = "latest"): Promise<Record<string, unknown>> {
    const res = await this.call("GET", `/${flowId}:export?version=${version}`);
    if (res.status !== 200) throw new Error(`export answered ${res.status}`);
    return (await res.json()) as Record<string, unknown>;
  }

  async import(doc: unknown, overwrite: "yes" | "no"): Promise<Response> {
    const form = new FormData();
    form.append("file", new Blob([JSON.stringify(doc)], { type: "application/json" }), "flow.json");
    return this.call("POST", `:import?overwrite=${overwrite}`, form);
  }

  async publish(flowId: string, tagIds: string[], comment = ""): Promise<Response> {
    return this.call("POST", `/${flowId}:publish`, JSON.stringify({ tagIds, comment }), "application/json");
  }
}
