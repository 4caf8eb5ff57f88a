// The emulated Salesforce's control API, under /_emulator/salesforce/ (see docs): create users, look at what
// was deployed and who is assigned, edit the org out of band (drift), expire sessions, inject deploy
// failures, use up the API limit, and tune how many polls a deploy takes.
import type { EmulatorContext, EmulatorRequest, EmulatorResponse } from "../types";
import { createUser, findUserByName, type SalesforceState, salesforceState, sameId } from "./state";

function reply(status: number, body?: unknown): EmulatorResponse {
  return body === undefined ? { status } : { status, body };
}

function problem(status: number, message: string): EmulatorResponse {
  return reply(status, { error: message });
}

function body(req: EmulatorRequest): Record<string, unknown> | undefined {
  if (req.body.length === 0) return {};
  try {
    const parsed = JSON.parse(req.body.toString("utf8")) as unknown;
    return parsed && typeof parsed === "object" && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

function callCenterView(state: SalesforceState, c: SalesforceState["callCenters"][number]) {
  return {
    id: c.id,
    internalName: c.fullName,
    displayName: c.displayName,
    adapterUrl: c.adapterUrl,
    customSettings: c.customSettings,
    sections: c.sections,
    assignedUsers: state.users.filter((u) => sameId(u.callCenterId, c.id)).map((u) => u.username),
  };
}

function userView(state: SalesforceState, u: SalesforceState["users"][number]) {
  return {
    id: u.id,
    username: u.username,
    callCenter: state.callCenters.find((c) => sameId(c.id, u.callCenterId))?.fullName ?? null,
  };
}

function positiveInteger(value: unknown): value is number {
  return typeof value === "number" && Number.isInteger(value) && value >= 0;
}

/** Answers /_emulator/salesforce/…; `path` is the part after that prefix. Paths it does not know are left to
 * the emulator core's control API (which registers connected apps under the same prefix). */
export async function salesforceControl(
  req: EmulatorRequest,
  ctx: EmulatorContext,
  path: string,
): Promise<EmulatorResponse | undefined> {
  if (!/^\/(org|users|call-centers|sessions|deploy-failures|deploys|limits|settings)(\/|$)/.test(path))
    return undefined;
  const state = salesforceState(ctx);
  const input = body(req);
  if (input === undefined) return problem(400, "The body must be a JSON object.");
  const route = `${req.method} ${path}`;
  const changed = (response: EmulatorResponse) => {
    ctx.changed();
    return response;
  };

  if (route === "GET /org") {
    return reply(200, {
      orgId: state.orgId,
      apiUsage: state.apiUsage,
      apiLimit: state.apiLimit,
      deployPolls: state.deployPolls,
    });
  }
  if (route === "POST /users") {
    const username = input.username;
    if (typeof username !== "string" || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(username)) {
      return problem(400, "username is required: a Salesforce username in the form of an email address.");
    }
    if (findUserByName(state, username))
      return problem(409, `A user with the username ${username} already exists.`);
    return changed(reply(201, userView(state, createUser(state, username))));
  }
  if (route === "GET /users") return reply(200, { data: state.users.map((u) => userView(state, u)) });
  let m = /^PUT \/users\/([^/]+)\/call-center$/.exec(route);
  if (m) {
    const user = findUserByName(state, decodeURIComponent(m[1]));
    if (!user) return problem(404, `No user ${decodeURIComponent(m[1])}.`);
    const name = input.internalName;
    if (name === null) {
      user.callCenterId = null;
      return changed(reply(200, userView(state, user)));
    }
    const target = state.callCenters.find((c) => c.fullName === name);
    if (!target) return problem(404, `No call center with the internal name ${String(name)}.`);
    user.callCenterId = target.id;
    return changed(reply(200, userView(state, user)));
  }
  if (route === "GET /call-centers")
    return reply(200, { data: state.callCenters.map((c) => callCenterView(state, c)) });
  m = /^(GET|DELETE) \/call-centers\/([^/]+)$/.exec(route);
  if (m) {
    const found = state.callCenters.find((c) => c.fullName === decodeURIComponent(m![2]));
    if (!found) return problem(404, `No call center with the internal name ${decodeURIComponent(m[2])}.`);
    if (m[1] === "GET") return reply(200, callCenterView(state, found));
    // Deleted out of band (as an admin would in Setup, after removing its users).
    for (const u of state.users) if (sameId(u.callCenterId, found.id)) u.callCenterId = null;
    state.callCenters = state.callCenters.filter((c) => c !== found);
    return changed(reply(204));
  }
  m = /^PATCH \/call-centers\/([^/]+)\/items$/.exec(route);
  if (m) {
    const found = state.callCenters.find((c) => c.fullName === decodeURIComponent(m![1]));
    if (!found) return problem(404, `No call center with the internal name ${decodeURIComponent(m[1])}.`);
    const { section, item, value, label } = input;
    if (typeof section !== "string" || typeof item !== "string" || typeof value !== "string") {
      return problem(400, "section, item and value are required strings.");
    }
    if (section === "reqGeneralInfo" && item === "reqDisplayName") {
      found.displayName = value;
      return changed(reply(200, callCenterView(state, found)));
    }
    let target = found.sections.find((s) => s.name === section);
    if (!target) {
      if (typeof label !== "string") return problem(404, `No section ${section}; pass a label to add it.`);
      target = { name: section, label: section, items: [] };
      found.sections.push(target);
    }
    const existing = target.items.find((i) => i.name === item);
    if (existing) existing.value = value;
    else if (typeof label === "string") target.items.push({ name: item, label, value });
    else return problem(404, `No item ${item} in section ${section}; pass a label to add it.`);
    if (section === "reqGeneralInfo" && item === "reqAdapterUrl") found.adapterUrl = value;
    return changed(reply(200, callCenterView(state, found)));
  }
  if (route === "POST /sessions/expire") {
    let expired = 0;
    for (const s of Object.values(state.sessions)) {
      if (!s.expired) {
        s.expired = true;
        expired++;
      }
    }
    return changed(reply(200, { expired }));
  }
  if (route === "POST /deploy-failures") {
    if (typeof input.problem !== "string" || input.problem === "")
      return problem(400, "problem is required.");
    state.deployFailures.push({
      problem: input.problem,
      ...(typeof input.problemType === "string" ? { problemType: input.problemType } : {}),
    });
    return changed(reply(201, { pending: state.deployFailures.length }));
  }
  if (route === "GET /deploys") {
    return reply(200, {
      data: state.deploys.map((d) => ({
        id: d.id,
        status: d.status,
        done: d.done,
        summary: d.summary ?? null,
        componentFailures: d.componentFailures,
      })),
    });
  }
  if (route === "POST /limits") {
    if (input.apiUsage !== undefined && !positiveInteger(input.apiUsage))
      return problem(400, "apiUsage must be a whole number.");
    if (input.apiLimit !== undefined && !positiveInteger(input.apiLimit))
      return problem(400, "apiLimit must be a whole number.");
    if (input.apiUsage !== undefined) state.apiUsage = input.apiUsage as number;
    if (input.apiLimit !== undefined) state.apiLimit = input.apiLimit as number;
    return changed(reply(200, { apiUsage: state.apiUsage, apiLimit: state.apiLimit }));
  }
  if (route === "POST /settings") {
    const { deployPolls, queryBatchSize } = input;
    if (deployPolls !== undefined && !(positiveInteger(deployPolls) && deployPolls >= 1)) {
      return problem(400, "deployPolls must be a whole number of at least 1.");
    }
    if (queryBatchSize !== undefined && !(positiveInteger(queryBatchSize) && queryBatchSize >= 1)) {
      return problem(400, "queryBatchSize must be a whole number of at least 1.");
    }
    if (deployPolls !== undefined) state.deployPolls = deployPolls as number;
    if (queryBatchSize !== undefined) state.queryBatchSize = queryBatchSize as number;
    return changed(reply(200, { deployPolls: state.deployPolls, queryBatchSize: state.queryBatchSize }));
  }
  return undefined;
}
