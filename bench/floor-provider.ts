// The floor: the smallest honest dynamic provider for the same contract as ours, so the bench can say what
// any dynamic provider pays (the plugin's start-up, the engine's and the plugin's work per step, the HTTP
// round trips) and what is ours. It makes the same HTTP calls (a token per org through the refresh-token
// grant, POST to create, GET to read, deactivate → PUT → activate to change a credential) and nothing else:
// no validation, no pacing, no retries, no redaction, no error messages worth the name. The program hands it
// the request bodies ready made (bench/floor-program.ts). Loaded by the plugin, never by the program.
import type * as pulumi from "@pulumi/pulumi";
import { type RefreshTokenCredentials, refreshTokenGrant } from "./refresh-token-grant";

type Values = Record<string, unknown>;
type Org = RefreshTokenCredentials;

let baseUrl = "";
let identityUrl = "";
let orgs: Record<string, Org> = {};
const tokens = new Map<string, Promise<string>>();

function token(orgId: string): Promise<string> {
  let pending = tokens.get(orgId);
  if (!pending) {
    pending = refreshTokenGrant(identityUrl, orgs[orgId]);
    tokens.set(orgId, pending);
  }
  return pending;
}

async function call(orgId: string, method: string, suffix: string, body?: unknown): Promise<Values> {
  const res = await fetch(`${baseUrl}/organization/${orgId}/connector${suffix}`, {
    method,
    headers: {
      authorization: `Bearer ${await token(orgId)}`,
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${suffix}: HTTP ${res.status} ${await res.text()}`);
  return res.status === 204 ? {} : ((await res.json()) as Values);
}

const outs = (inputs: Values, live: Values) => ({ ...inputs, connectorId: live.id, version: live.version });

export const provider: pulumi.dynamic.ResourceProvider = {
  async configure(req) {
    baseUrl = req.config.require("wxcc:baseUrl");
    identityUrl = req.config.require("wxcc:identityUrl");
    orgs = JSON.parse(req.config.require("wxcc:orgs")) as Record<string, Org>;
  },
  async check(_olds, news) {
    return { inputs: news };
  },
  async diff(_id, olds, news) {
    return { changes: JSON.stringify(olds.body) !== JSON.stringify(news.body) };
  },
  async create(inputs) {
    const live = await call(inputs.orgId, "POST", "", inputs.body);
    return { id: String(live.id), outs: outs(inputs, live) };
  },
  async read(id, props) {
    const live = await call(props!.orgId, "GET", `/${id}`);
    return { id, props: outs(props!, live) };
  },
  async update(id, _olds, news) {
    const inactive = await call(news.orgId, "POST", `/${id}/deactivate`);
    await call(news.orgId, "PUT", `/${id}`, {
      ...news.edit,
      id,
      type: news.body.type,
      version: inactive.version,
    });
    const live = await call(news.orgId, "POST", `/${id}/activate`);
    return { outs: outs(news, live) };
  },
  async delete(id, props) {
    await call(props.orgId, "POST", `/${id}/deactivate`);
    await call(props.orgId, "DELETE", `/${id}`);
  },
};
