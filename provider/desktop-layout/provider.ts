// The lifecycle of DesktopLayout: check validates offline; diff compares the parsed documents and the team
// sets (no calls); create POSTs the DTO; update reads the live version and PUTs the whole DTO; read gets the
// layout by id (the list omits the document and the teams) and the teams it lists, so a team pointed
// elsewhere shows as drift; delete unassigns the layout's own teams only when nothing else refers to it.
import type * as pulumi from "@pulumi/pulumi";
import { knownConfigSecrets } from "../config";
import type { Values } from "../lifecycle/values";
import { Redactor } from "../redact";
import { WebexApiError } from "../webex/errors";
import type { Region } from "../webex/types";
import type { DesktopLayoutDto, DesktopLayoutsApi, EntityInfo } from "./api";
import { adoptLayoutIfResolved, withLayoutAdoption } from "./adopt";
import { checkLayout } from "./check";
import { type LayoutDeps, productionLayoutDeps } from "./deps";
import type { LayoutDocument } from "./document";
import { jsonEqual } from "./json-paths";
import { type CheckedLayout, EDITED_BY, expand, flatten, inputsOf, type LayoutOutputs } from "./outputs";
import { layoutDiff, openSession } from "./session";

export { layoutDiff };

function refuseGlobal(live: DesktopLayoutDto, orgId: string): void {
  if (live.global || live.systemDefault) {
    throw new Error(
      `Desktop layout ${JSON.stringify(live.name)} (id ${live.id}) in org ${orgId} is the tenant's ${live.systemDefault ? "system-default " : ""}global layout: ` +
        "every team without a layout of its own uses it, and a DesktopLayout never creates, edits, adopts or deletes it. " +
        "Give your layout another name and assign it to teams with teamIds; if this stack recorded the global layout, remove it from the stack with `pulumi state delete`.",
    );
  }
}

function describeReferences(references: EntityInfo[]): string {
  return references
    .map(
      (ref) =>
        `${ref.additionalAttributes?.type ?? "entity"} ${JSON.stringify(ref.name ?? "")} (id ${ref.id})`,
    )
    .join(", ");
}

async function create(deps: LayoutDeps, inputs: CheckedLayout) {
  const adopted = await adoptLayoutIfResolved(deps, inputs);
  if (adopted) return adopted;
  const { api, orgId, region } = openSession(deps, inputs as unknown as Values);
  const body = expand(inputs);
  let live: DesktopLayoutDto;
  try {
    live = await api.create(body, (why) => settleUncertainCreate(api, inputs, why));
  } catch (error) {
    if (error instanceof WebexApiError && error.status === 409)
      throw await explainNameTaken(api, inputs.name, error);
    throw error;
  }
  const outs = flatten(live, orgId, region, live.teamIds ?? inputs.teamIds);
  return { id: live.id, outs };
}

async function explainNameTaken(api: DesktopLayoutsApi, name: string, error: Error): Promise<Error> {
  const [found] = await api.findByName(name).catch(() => []);
  if (!found) return error;
  const what = found.global
    ? "the tenant's global layout, which a DesktopLayout never adopts"
    : `another layout (id ${found.id}, last edited by ${found.editedBy})`;
  return new Error(
    `${error.message} A desktop layout named ${JSON.stringify(found.name)} already exists in org ${api.orgId}: ${what}. ` +
      "Choose another name, or delete that layout in the Contact Center portal first.",
  );
}

/** A create that may or may not have happened: adopt the layout only if it is exactly what was sent. */
async function settleUncertainCreate(api: DesktopLayoutsApi, inputs: CheckedLayout, why: string) {
  const head = `Creating desktop layout ${JSON.stringify(inputs.name)} in org ${api.orgId} has an uncertain outcome (${why}); a create is never sent twice, so the layout was looked up by name:`;
  const [found] = await api.findByName(inputs.name).catch((error: Error) => {
    throw new Error(
      `${head} that lookup failed too (${error.message}). Check the org for the layout before running again.`,
    );
  });
  if (!found)
    throw new Error(`${head} none exists, so it was most likely not created. Run the deployment again.`);
  const live = found.global ? undefined : await api.get(found.id);
  const ours =
    live !== undefined &&
    live.editedBy === EDITED_BY &&
    typeof live.jsonFileContent === "string" &&
    jsonEqual(JSON.parse(live.jsonFileContent), inputs.layout);
  if (!ours || !live) {
    throw new Error(
      `${head} one exists (id ${found.id}) but it is not what was sent, so it was not adopted. Check it in the portal, then delete or rename it.`,
    );
  }
  return live;
}

async function update(deps: LayoutDeps, id: string, olds: Values, news: CheckedLayout) {
  const { api, orgId, region } = openSession(deps, news as unknown as Values);
  const current = await api.get(id);
  if (!current) {
    throw new Error(
      `Desktop layout ${JSON.stringify(olds.name)} (id ${id}) no longer exists in org ${orgId}: run pulumi refresh, then up to create it again.`,
    );
  }
  refuseGlobal(current, orgId);
  const live = await api.update({ ...expand(news), id, version: current.version });
  return { outs: flatten(live, orgId, region, live.teamIds ?? news.teamIds) };
}

async function read(deps: LayoutDeps, id: string, props: Values): Promise<pulumi.dynamic.ReadResult> {
  const { api, orgId, region } = openSession(deps, props);
  const live = await api.get(id);
  if (!live) return {};
  refuseGlobal(live, orgId);
  const teamIds: string[] = [];
  const elsewhere: LayoutOutputs["teamsPointingElsewhere"] = [];
  // The layout lists its teams, and each team names its layout; the API does not say which side wins. The
  // resource owns the list, and a listed team that names another layout (or none) is drift, not assignment.
  for (const teamId of live.teamIds ?? []) {
    const team = await api.team(teamId);
    if (!team) continue;
    if (team.desktopLayoutId === id) teamIds.push(teamId);
    else elsewhere.push({ teamId, desktopLayoutId: team.desktopLayoutId ?? null });
  }
  const outs = flatten(live, orgId, region, teamIds, elsewhere);
  return { id: live.id, props: outs, inputs: inputsOf(outs) };
}

async function remove(deps: LayoutDeps, id: string, props: Values): Promise<void> {
  const { api, orgId } = openSession(deps, props);
  const label = `${JSON.stringify(props.name)} (id ${id})`;
  const first = await api.delete(id, label);
  if (first.deleted) return;
  const owned = new Set(Array.isArray(props.teamIds) ? props.teamIds.map(String) : []);
  const others = first.references.filter((ref) => !owned.has(ref.id));
  if (others.length === 0 && first.references.length > 0) {
    // Only the layout's own teams refer to it: deleting the layout means they go back to the global layout.
    const current = await api.get(id);
    if (!current) return;
    await api.update({ ...expand(checkedFrom(props)), teamIds: [], id, version: current.version });
    const second = await api.delete(id, label);
    if (second.deleted) return;
    others.push(...second.references);
  }
  throw new Error(
    `Deleting desktop layout ${label} in org ${orgId} was refused (HTTP 412): other entities still refer to it: ` +
      `${describeReferences(others.length > 0 ? others : first.references)}. ` +
      "Point those teams at another layout (or back to the global one) in the Contact Center portal, or add them to this layout's teamIds so the stack owns them, then run the delete again.",
  );
}

function checkedFrom(props: Values): CheckedLayout {
  return {
    orgId: String(props.orgId),
    region: props.region as Region,
    name: String(props.name),
    ...(typeof props.description === "string" ? { description: props.description } : {}),
    layout: (props.layout ?? {}) as LayoutDocument,
    jsonFileName: String(props.jsonFileName ?? `${props.name}.json`),
    teamIds: [],
    active: props.active !== false,
  };
}

/** The DesktopLayout provider; every failure scrubbed of the configuration's secrets before it leaves. */
export function desktopLayoutLifecycle(
  deps: LayoutDeps = productionLayoutDeps,
): pulumi.dynamic.ResourceProvider {
  async function guarded<T>(operation: () => Promise<T> | T): Promise<T> {
    try {
      return await operation();
    } catch (error) {
      const redactor = new Redactor(knownConfigSecrets(() => deps.settings()));
      throw error instanceof Error ? redactor.redactError(error) : new Error(redactor.redact(String(error)));
    }
  }
  return {
    check: (olds: Values, news: Values) =>
      guarded(() => withLayoutAdoption(deps, olds ?? {}, checkLayout(deps, news))),
    diff: (_id: string, olds: Values, news: Values) => guarded(() => layoutDiff(olds, news)),
    create: (inputs: Values) => guarded(() => create(deps, inputs as unknown as CheckedLayout)),
    read: (id: string, props: Values = {}) => guarded(() => read(deps, id, props)),
    update: (id: string, olds: Values, news: Values) =>
      guarded(() => update(deps, id, olds, news as unknown as CheckedLayout)),
    delete: (id: string, props: Values) => guarded(() => remove(deps, id, props)),
  };
}

export const desktopLayoutProvider = desktopLayoutLifecycle();
