// The Flow resource's lifecycle. Create imports the bound definition (overwrite=no) and publishes it;
// update exports the live version and does nothing when it already is what the program wants, otherwise
// imports over it (overwrite=yes, same name, the flow keeps its id) and publishes; read reports re-pointed
// or edited activities as drift. The public API has no flow delete: delete forgets the flow.
import type * as pulumi from "@pulumi/pulumi";
import {
  defaultRegion,
  knownConfigSecrets,
  loadSettings,
  type ProviderSettings,
  settingName,
} from "../config";
import { ConnectorStateError, messageOf } from "../lifecycle/failures";
import { orgAccess } from "../lifecycle/session";
import { clean, containsUnknown, deepEqual, isUnknown, type Values } from "../lifecycle/values";
import { Redactor } from "../redact";
import type { ClientOptions, ConnectorsApi, OrgTarget } from "../webex/types";
import { type FlowSummary, type FlowTag, OrgFlows, tagsOf } from "./api";
import {
  bind,
  type BoundConnector,
  boundActivities,
  changedActivities,
  type ConnectorActivity,
  connectorActivities,
  contentOf,
  type FlowDocument,
  sameContent,
  unbind,
} from "./document";
import { FLOW_INPUT_KEYS, FLOW_TYPE_NAME, flowSchema } from "./spec";

export interface FlowDeps {
  settings(): ProviderSettings;
  connectorsApi(target: OrgTarget, options: ClientOptions): ConnectorsApi;
  flowsApi(target: OrgTarget, options: ClientOptions): OrgFlows;
}

function webex() {
  // Loaded on first use: check and diff of unchanged flows never need the HTTP client.
  const { createWebexClient } = require("../webex") as typeof import("../webex");
  return createWebexClient;
}

export const productionFlowDeps: FlowDeps = {
  settings: () => loadSettings(),
  connectorsApi: (target, options) => webex()(options).connectors(target),
  flowsApi: (target, options) => new OrgFlows(webex()(options).orgCaller(target)),
};

const SPEC = { typeName: FLOW_TYPE_NAME, secretPaths: [] as string[] };
const CONNECTOR_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Failure = pulumi.dynamic.CheckFailure;

function label(values: Values): string {
  return `Flow ${JSON.stringify(values.name)}`;
}

function bindings(values: Values): Record<string, string> {
  return (values.connectors as Record<string, string> | undefined) ?? {};
}

/** A definition given as JSON text becomes the object; anything else is left for the schema to judge. */
function parsedDefinition(value: unknown): { value: unknown; failure?: Failure } {
  if (typeof value !== "string" || isUnknown(value)) return { value };
  try {
    return { value: JSON.parse(value) };
  } catch {
    return {
      value,
      failure: {
        property: "definition",
        reason:
          "definition is text but not JSON: give the flow as Flow Designer exports it (Export in the flow's menu), " +
          "as an object or as the file's text.",
      },
    };
  }
}

function describeReferences(all: ConnectorActivity[]): string {
  if (all.length === 0) return "the definition has no activity that uses a connector";
  const refs = new Map<string, string[]>();
  for (const a of all) {
    const ref = a.connectorName ? `${a.connectorName} (or ${a.value})` : a.value;
    refs.set(ref, [...(refs.get(ref) ?? []), a.name]);
  }
  return `its references are ${[...refs].map(([ref, names]) => `${ref}: ${names.join(", ")}`).join("; ")}`;
}

/** Bindings that match no activity, and unbound activities whose connector id is not one of the org's. */
async function bindingFailures(deps: FlowDeps, inputs: Values): Promise<Failure[]> {
  const definition = inputs.definition as FlowDocument;
  const references = Object.keys(bindings(inputs));
  const all = connectorActivities(definition);
  const failures: Failure[] = [];
  for (const [reference, activities] of Object.entries(boundActivities(definition, references))) {
    if (activities.length > 0) continue;
    failures.push({
      property: `connectors.${reference}`,
      reason:
        `connectors.${reference} matches no activity of the definition: ${describeReferences(all)}. ` +
        "Bind a reference the definition has, or remove this binding.",
    });
  }
  const unbound = all.filter(
    (a) =>
      !references.some((ref) => a.connectorName === ref || a.value === ref) && CONNECTOR_ID.test(a.value),
  );
  if (unbound.length === 0 || containsUnknown(inputs.orgId)) return failures;
  let known: Set<string>;
  try {
    const { target, options } = orgAccess(SPEC, deps, inputs);
    known = new Set((await deps.connectorsApi(target, options).list()).map((c) => c.id));
  } catch (error) {
    return [
      ...failures,
      {
        property: "connectors",
        reason:
          `the activities ${unbound.map((a) => a.name).join(", ")} use connectors the program does not bind, and ` +
          `the org's connectors could not be listed to check them: ${messageOf(error)}`,
      },
    ];
  }
  for (const activity of unbound.filter((a) => !known.has(a.value))) {
    failures.push({
      property: "connectors",
      reason:
        `activity ${activity.name} uses connector id ${activity.value}, which is not a connector of org ` +
        `${String(inputs.orgId)} and is bound to nothing: bind it in connectors (e.g. { ${JSON.stringify(activity.connectorName ?? activity.value)}: connector.connectorId }).`,
    });
  }
  return failures;
}

export async function check(
  deps: FlowDeps,
  _olds: Values,
  news: Values,
): Promise<pulumi.dynamic.CheckResult> {
  const settings = deps.settings();
  const { __provider: _provider, ...inputs } = news;
  const failures: Failure[] = [];
  const parsed = parsedDefinition(inputs.definition);
  inputs.definition = parsed.value;
  if (parsed.failure) failures.push(parsed.failure);
  const definition = inputs.definition as FlowDocument | undefined;
  if (inputs.name === undefined && typeof definition?.name === "string") inputs.name = definition.name;
  if (inputs.orgId === undefined && settings.orgId !== undefined) inputs.orgId = settings.orgId;
  if (inputs.region === undefined) {
    const orgId = typeof inputs.orgId === "string" && !isUnknown(inputs.orgId) ? inputs.orgId : undefined;
    inputs.region = defaultRegion(settings, orgId);
  }
  if (inputs.orgId === undefined) {
    failures.push({
      property: "orgId",
      reason: `orgId is not set: pass orgId to the Flow or set ${settingName("orgId")} in the stack configuration.`,
    });
  }
  if (failures.length === 0) {
    const result = flowSchema.safeParse(inputs);
    if (!result.success) {
      for (const issue of result.error.issues) {
        const property = issue.path.map(String).join(".");
        if (
          containsUnknown(
            issue.path.reduce<unknown>((node, key) => (node as Values)?.[key as string], inputs),
          )
        )
          continue;
        if (issue.code === "unrecognized_keys") {
          for (const key of issue.keys) {
            failures.push({
              property: key,
              reason: `${key} is not an argument of Flow: remove it or fix its spelling.`,
            });
          }
        } else
          failures.push({
            property,
            reason: issue.message.startsWith(property) ? issue.message : `${property}: ${issue.message}`,
          });
      }
    }
  }
  const definitionKnown =
    typeof definition === "object" && definition !== null && !containsUnknown(definition);
  if (failures.length === 0 && definitionKnown && !isUnknown(inputs.connectors)) {
    failures.push(...(await bindingFailures(deps, inputs)));
  }
  return failures.length > 0 ? { inputs, failures } : { inputs };
}

export function diff(olds: Values, news: Values): pulumi.dynamic.DiffResult {
  const replaces = (["orgId", "name"] as const).filter(
    (key) => containsUnknown(news[key]) || (olds[key] !== undefined && olds[key] !== news[key]),
  );
  const definitionChanged =
    containsUnknown(news.definition) ||
    !sameContent((olds.definition ?? {}) as FlowDocument, (news.definition ?? {}) as FlowDocument);
  const changed =
    replaces.length > 0 ||
    definitionChanged ||
    containsUnknown(news.connectors) ||
    !deepEqual(olds.connectors ?? {}, news.connectors ?? {}) ||
    !deepEqual(olds.publish ?? {}, news.publish ?? {}) ||
    olds.region !== news.region;
  return replaces.length > 0 ? { changes: true, replaces, deleteBeforeReplace: false } : { changes: changed };
}

interface FlowSession {
  flows: OrgFlows;
  connectors: () => ConnectorsApi;
  orgId: string;
  region: string;
}

function openFlowSession(deps: FlowDeps, values: Values): FlowSession {
  const { target, options, orgId, region } = orgAccess(SPEC, deps, values);
  return {
    flows: deps.flowsApi(target, options),
    connectors: () => deps.connectorsApi(target, options),
    orgId,
    region,
  };
}

/** The bindings with each connector's name, looked up only when the definition carries names to rewrite. */
async function resolvedBindings(
  session: FlowSession,
  inputs: Values,
): Promise<Record<string, BoundConnector>> {
  const definition = inputs.definition as FlowDocument;
  const resolved: Record<string, BoundConnector> = {};
  const named = boundActivities(definition, Object.keys(bindings(inputs)));
  for (const [reference, id] of Object.entries(bindings(inputs))) {
    resolved[reference] = { id };
    if (!named[reference]?.some((a) => a.connectorName !== undefined)) continue;
    const connector = await session.connectors().get(id);
    if (!connector) {
      throw new Error(
        `${label(inputs)}: connectors.${reference} is bound to connector id ${id}, which is not a connector of org ` +
          `${session.orgId}. Bind it to an existing connector's connectorId.`,
      );
    }
    resolved[reference] = { id, name: connector.name };
  }
  return resolved;
}

function refuseIfLocked(inputs: Values, flow: FlowSummary): void {
  if (!flow.lockedBy) return;
  throw new Error(
    `${label(inputs)} (id ${flow.id}) is open in Flow Designer: locked by ${flow.lockedBy} since ` +
      `${flow.lockedAt ?? "an unknown time"}. Importing over it would discard their edits: ask them to close it ` +
      "(or release the lock in Flow Designer), then run the deployment again.",
  );
}

function outputsOf(
  inputs: Values,
  region: string,
  flow: FlowSummary,
  tags: FlowTag[],
  liveChanges: string[] = [],
): Values {
  const definition = inputs.definition as FlowDocument;
  const bound = boundActivities(definition, Object.keys(bindings(inputs)));
  const published = flow.tags?.find((t) => t.id === tags[0]);
  return clean({
    name: inputs.name,
    orgId: inputs.orgId,
    region,
    definition,
    connectors: inputs.connectors,
    publish: inputs.publish,
    adopt: inputs.adopt,
    flowId: flow.id,
    version: published?.versionNumber ?? flow.version,
    tags: tagsOf(flow),
    boundActivities: Object.fromEntries(
      Object.entries(bound).map(([ref, list]) => [ref, list.map((a) => a.name)]),
    ),
    liveChanges,
  });
}

/** Publishes the imported draft; a failure leaves the flow imported but unpublished, and says so. */
async function publish(
  session: FlowSession,
  inputs: Values,
  flowId: string,
  tags: FlowTag[],
): Promise<FlowSummary> {
  const comment = (inputs.publish as { comment?: string } | undefined)?.comment ?? "Published by Pulumi";
  try {
    return await session.flows.publish(flowId, tags, comment);
  } catch (error) {
    throw new ConnectorStateError(
      `${label(inputs)} was imported (id ${flowId}) but publishing it to ${tags.join(", ")} failed: ${messageOf(error)} ` +
        "The new content is the flow's draft; live calls still run the previous version. Run pulumi up again.",
      flowId,
      outputsOf(inputs, session.region, { id: flowId, name: String(inputs.name) }, tags),
    );
  }
}

function wantedTags(inputs: Values, current: FlowTag[]): FlowTag[] {
  const declared = (inputs.publish as { tags?: FlowTag[] } | undefined)?.tags;
  if (declared && declared.length > 0) return declared;
  return current.length > 0 ? current : ["Live"];
}

export async function create(deps: FlowDeps, inputs: Values): Promise<pulumi.dynamic.CreateResult> {
  const session = openFlowSession(deps, inputs);
  const wanted = bind(
    inputs.definition as FlowDocument,
    String(inputs.name),
    await resolvedBindings(session, inputs),
  );
  let imported = await session.flows.import(wanted, false);
  let tags = wantedTags(inputs, []);
  if (imported === "exists") {
    const existing = await session.flows.findByName(String(inputs.name));
    if (inputs.adopt !== true || !existing) {
      throw new Error(
        `${label(inputs)} already exists in org ${session.orgId}${existing ? ` (id ${existing.id})` : ""}: flows are ` +
          "matched by name, so a second one cannot be created. Pass adopt: true to manage the existing flow (its " +
          "content is replaced by the definition and published), or give this Flow another name.",
      );
    }
    refuseIfLocked(inputs, existing);
    tags = wantedTags(inputs, tagsOf(existing));
    imported = await session.flows.import(wanted, true);
    if (imported === "exists")
      throw new Error(`${label(inputs)}: the import with overwrite=yes was refused.`);
  }
  const published = await publish(session, inputs, imported.id, tags);
  return { id: imported.id, outs: outputsOf(inputs, session.region, published, tags) };
}

export async function update(
  deps: FlowDeps,
  id: string,
  _olds: Values,
  news: Values,
): Promise<pulumi.dynamic.UpdateResult> {
  const session = openFlowSession(deps, news);
  const flow = await session.flows.get(id);
  if (!flow) {
    throw new Error(
      `${label(news)} (id ${id}) no longer exists in org ${session.orgId}: run pulumi refresh to forget it, then up to import it again.`,
    );
  }
  refuseIfLocked(news, flow);
  const wanted = bind(
    news.definition as FlowDocument,
    String(news.name),
    await resolvedBindings(session, news),
  );
  const tags = wantedTags(news, tagsOf(flow));
  const live = await session.flows.export(id, "latest");
  const liveVersion = live?.id;
  const tagsInPlace = tags.every((tag) =>
    flow.tags?.some((t) => t.id === tag && t.flowVersionId === liveVersion),
  );
  // The idempotence flows need: nothing is imported or published when the live version already is the wanted one.
  if (live && tagsInPlace && sameContent(live, wanted)) {
    return { outs: outputsOf(news, session.region, flow, tags) };
  }
  const imported = await session.flows.import(wanted, true);
  if (imported === "exists" || imported.id !== id) {
    throw new Error(
      `${label(news)}: importing over flow id ${id} ${imported === "exists" ? "was refused" : `landed in another flow (id ${imported.id})`}.`,
    );
  }
  const published = await publish(session, news, id, tags);
  return { outs: outputsOf(news, session.region, published, tags) };
}

export async function read(deps: FlowDeps, id: string, props: Values): Promise<pulumi.dynamic.ReadResult> {
  const session = openFlowSession(deps, props);
  const flow = await session.flows.get(id);
  const live = flow ? await session.flows.export(id, "latest") : undefined;
  if (!flow || !live) return {};
  // Resource.get sends no definition: the live version is then what the resource holds.
  const definition = (props.definition ?? live) as FlowDocument;
  const declared = bindings(props);
  const { document, liveIds } = unbind(definition, live, Object.keys(declared));
  const liveChanges: string[] = [];
  const connectors: Record<string, string> = { ...declared };
  for (const [reference, found] of Object.entries(liveIds)) {
    for (const { activity, id: liveId } of found) {
      if (liveId === declared[reference]) continue;
      liveChanges.push(`${activity}: ${reference} ${declared[reference]} → ${liveId ?? "(no connector)"}`);
      if (liveId !== undefined && connectors[reference] === declared[reference])
        connectors[reference] = liveId;
    }
  }
  // With the declared connector values put back, what still differs was edited in Flow Designer.
  const liveContent = { ...contentOf(document), name: definition.name };
  if (!sameContent(liveContent, definition)) liveChanges.push(...changedActivities(definition, liveContent));
  const inputs: Values = {
    ...Object.fromEntries(FLOW_INPUT_KEYS.map((key) => [key, props[key]])),
    name: props.name ?? flow.name,
    definition: { ...definition, ...liveContent },
    ...(props.connectors === undefined ? {} : { connectors }),
  };
  return {
    id,
    props: outputsOf(inputs, session.region, flow, tagsOf(flow), liveChanges),
    inputs: clean(inputs),
  };
}

function redactorFor(deps: FlowDeps): Redactor {
  return new Redactor(knownConfigSecrets(() => deps.settings()));
}

export function flowLifecycle(deps: FlowDeps = productionFlowDeps): pulumi.dynamic.ResourceProvider {
  async function guarded<T>(operation: () => Promise<T> | T): Promise<T> {
    try {
      return await operation();
    } catch (error) {
      const redactor = redactorFor(deps);
      throw error instanceof Error ? redactor.redactError(error) : new Error(redactor.redact(String(error)));
    }
  }
  return {
    check: (olds: Values, news: Values) => guarded(() => check(deps, olds, news)),
    diff: async (_id: string, olds: Values, news: Values) => diff(olds, news),
    create: (inputs: Values) => guarded(() => create(deps, inputs)),
    read: (id: string, props: Values = {}) => guarded(() => read(deps, id, props)),
    update: (id: string, olds: Values, news: Values) => guarded(() => update(deps, id, olds, news)),
    // The public flow API has no delete: the flow stays in the org, and Pulumi forgets it.
    delete: async () => undefined,
  };
}

export const flowProvider = flowLifecycle();
