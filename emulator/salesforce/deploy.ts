// The Metadata API deploy through REST (POST …/metadata/deployRequest, multipart: a JSON part with
// deployOptions and the zip; then GET …/metadata/deployRequest/{id}?includeDetails=true). The deploy runs
// when it finishes, all or nothing (rollbackOnError): CallCenter components named in package.xml are
// created or updated, those named in destructiveChanges*.xml deleted. It finishes on the deployPolls-th
// status poll, so tests see Pending/InProgress without waiting on a clock.

import { XMLParser } from "fast-xml-parser";
import { unzipSync } from "fflate";
import type { EmulatorRequest, EmulatorResponse } from "../types";
import { json, restError } from "./http";
import {
  newRecordId,
  type SalesforceState,
  type SfCallCenter,
  type SfComponentMessage,
  type SfDeploy,
  type SfSession,
} from "./state";

const parser = new XMLParser({
  ignoreAttributes: true,
  removeNSPrefix: true,
  parseTagValue: false,
  trimValues: false,
  isArray: (name) => ["types", "members", "sections", "items"].includes(name),
});

interface Part {
  name: string;
  filename?: string;
  contentType?: string;
  data: Buffer;
}

function multipartParts(req: EmulatorRequest): Part[] | undefined {
  const m = /boundary="?([^";]+)"?/i.exec(req.headers["content-type"] ?? "");
  if (!m || !/^multipart\/form-data/i.test(req.headers["content-type"] ?? "")) return undefined;
  const delimiter = Buffer.from(`--${m[1]}`);
  const parts: Part[] = [];
  let start = req.body.indexOf(delimiter);
  while (start >= 0) {
    const afterDelimiter = start + delimiter.length;
    if (req.body.subarray(afterDelimiter, afterDelimiter + 2).toString() === "--") break;
    const headerEnd = req.body.indexOf("\r\n\r\n", afterDelimiter);
    const nextDelimiter = req.body.indexOf(delimiter, afterDelimiter);
    if (headerEnd < 0 || nextDelimiter < 0) return undefined;
    const headers = req.body.subarray(afterDelimiter, headerEnd).toString("utf8");
    const disposition = /content-disposition:[^\r\n]*/i.exec(headers)?.[0] ?? "";
    const name = /\bname="([^"]*)"/i.exec(disposition)?.[1];
    if (name === undefined) return undefined;
    parts.push({
      name,
      filename: /filename="([^"]*)"/i.exec(disposition)?.[1],
      contentType: /content-type:\s*([^\r\n]*)/i.exec(headers)?.[1],
      // The part's content ends with the CRLF that precedes the next delimiter.
      data: req.body.subarray(headerEnd + 4, nextDelimiter - 2),
    });
    start = nextDelimiter;
  }
  return parts;
}

function deployView(d: SfDeploy, includeDetails: boolean): Record<string, unknown> {
  const result: Record<string, unknown> = {
    id: d.id,
    status: d.status,
    done: d.done,
    success: d.status === "Succeeded",
    checkOnly: false,
    createdBy: d.createdBy,
    createdDate: new Date(d.createdAt).toISOString(),
    numberComponentsDeployed: d.componentSuccesses.length,
    numberComponentErrors: d.componentFailures.filter((f) => f.problemType !== "Warning").length,
    numberComponentsTotal: d.componentSuccesses.length + d.componentFailures.length,
    rollbackOnError: true,
    ...(d.errorMessage ? { errorMessage: d.errorMessage, errorStatusCode: d.errorStatusCode } : {}),
  };
  if (includeDetails) {
    result.details = { componentSuccesses: d.componentSuccesses, componentFailures: d.componentFailures };
  }
  return { id: d.id, deployOptions: d.deployOptions, deployResult: result };
}

export function startDeploy(
  req: EmulatorRequest,
  state: SalesforceState,
  session: SfSession,
  now: number,
  apiVersion: string,
): EmulatorResponse {
  const parts = multipartParts(req);
  if (!parts) {
    return restError(
      400,
      "INVALID_MULTIPART_REQUEST",
      "A deployRequest is multipart/form-data: a JSON part (json or entity_content) with deployOptions and a file part with the zip.",
      state,
    );
  }
  const jsonPart = parts.find((p) => p.name === "json" || p.name === "entity_content");
  const filePart = parts.find((p) => p.name === "file");
  if (!jsonPart || !filePart) {
    return restError(
      400,
      "INVALID_MULTIPART_REQUEST",
      "The deployRequest needs a JSON part and a file part.",
      state,
    );
  }
  let options: Record<string, unknown>;
  try {
    options =
      (JSON.parse(jsonPart.data.toString("utf8")) as { deployOptions?: Record<string, unknown> })
        .deployOptions ?? {};
  } catch {
    return restError(
      400,
      "JSON_PARSER_ERROR",
      "The JSON part of the deployRequest is not valid JSON.",
      state,
    );
  }
  const deploy: SfDeploy = {
    id: newRecordId(state, "0Af"),
    createdBy: session.userId,
    createdAt: now,
    pollsLeft: state.deployPolls,
    status: "Pending",
    done: false,
    zip: filePart.data.toString("base64"),
    deployOptions: { singlePackage: false, rollbackOnError: true, checkOnly: false, ...options },
    componentSuccesses: [],
    componentFailures: [],
  };
  state.deploys.push(deploy);
  // Keep the history bounded (it is persisted): finished deploys beyond the last 100 are forgotten.
  while (state.deploys.length > 100 && state.deploys[0].done) state.deploys.shift();
  const view = deployView(deploy, false);
  return json(
    201,
    { ...view, url: `/services/data/v${apiVersion}/metadata/deployRequest/${deploy.id}` },
    state,
  );
}

export function deployStatus(state: SalesforceState, id: string, includeDetails: boolean): EmulatorResponse {
  const deploy = state.deploys.find((d) => d.id === id);
  if (!deploy) return restError(404, "NOT_FOUND", "The requested resource does not exist", state);
  if (!deploy.done) {
    deploy.pollsLeft -= 1;
    if (deploy.pollsLeft <= 0) runDeploy(state, deploy);
    else deploy.status = "InProgress";
  }
  return json(200, deployView(deploy, includeDetails), state);
}

function text(node: unknown): string {
  if (node === undefined || node === null) return "";
  if (typeof node === "string") return node;
  const t = (node as Record<string, unknown>)["#text"];
  return typeof t === "string" ? t : "";
}

function membersOf(xml: string, file: string): { members: string[]; problem?: string } {
  let doc: Record<string, unknown>;
  try {
    doc = parser.parse(xml) as Record<string, unknown>;
  } catch {
    return { members: [], problem: `${file} is not well-formed XML` };
  }
  const pkg = doc.Package as Record<string, unknown> | undefined;
  if (!pkg) return { members: [], problem: `${file} has no Package root element` };
  const members: string[] = [];
  for (const t of (pkg.types as Record<string, unknown>[] | undefined) ?? []) {
    const name = text(t.name).trim();
    const names = ((t.members as unknown[] | undefined) ?? []).map((m) => text(m).trim());
    if (name !== "CallCenter")
      return { members: [], problem: `${file}: the emulated org deploys only CallCenter, not ${name}` };
    members.push(...names);
  }
  return { members };
}

function parseCallCenter(
  xml: string,
  fullName: string,
): { record?: Omit<SfCallCenter, "id">; problem?: string } {
  let doc: Record<string, unknown>;
  try {
    doc = parser.parse(xml) as Record<string, unknown>;
  } catch (e) {
    return { problem: `Error parsing file: ${(e as Error).message.split("\n")[0]}` };
  }
  const cc = doc.CallCenter as Record<string, unknown> | undefined;
  if (!cc) return { problem: "Error parsing file: the root element must be CallCenter" };
  if (!/^[A-Za-z][A-Za-z0-9_]{0,39}$/.test(fullName)) {
    return {
      problem: `The CallCenter name ${fullName} is invalid: use up to 40 letters, digits and underscores, starting with a letter.`,
    };
  }
  for (const required of ["displayName", "displayNameLabel", "internalNameLabel"]) {
    if (text(cc[required]).trim() === "") return { problem: `Required field is missing: ${required}` };
  }
  const sections: SfCallCenter["sections"] = [];
  for (const s of (cc.sections as Record<string, unknown>[] | undefined) ?? []) {
    const name = text(s.name);
    if (!name) return { problem: "Required field is missing: sections.name" };
    if (!text(s.label)) return { problem: `Required field is missing: label (section ${name})` };
    if (sections.some((x) => x.name === name)) return { problem: `Duplicate section name: ${name}` };
    const items: SfCallCenter["sections"][number]["items"] = [];
    for (const i of (s.items as Record<string, unknown>[] | undefined) ?? []) {
      const itemName = text(i.name);
      if (!itemName) return { problem: `Required field is missing: items.name (section ${name})` };
      if (items.some((x) => x.name === itemName))
        return { problem: `Duplicate item name: ${itemName} in section ${name}` };
      items.push({ name: itemName, label: text(i.label), value: text(i.value) });
    }
    sections.push({ name, label: text(s.label), items });
  }
  return {
    record: {
      fullName,
      displayName: text(cc.displayName),
      displayNameLabel: text(cc.displayNameLabel),
      internalNameLabel: text(cc.internalNameLabel),
      adapterUrl: cc.adapterUrl === undefined ? null : text(cc.adapterUrl),
      customSettings: cc.customSettings === undefined ? null : text(cc.customSettings),
      version: cc.version === undefined ? null : text(cc.version),
      sections,
    },
  };
}

function failed(deploy: SfDeploy, failure: Omit<SfComponentMessage, "success">): void {
  deploy.componentFailures.push({ ...failure, problemType: failure.problemType ?? "Error", success: false });
}

/** Runs a finished deploy against the org: validate everything, then apply everything or nothing. */
function runDeploy(state: SalesforceState, deploy: SfDeploy): void {
  deploy.done = true;
  const files = unzipOrUndefined(deploy.zip ?? "");
  deploy.zip = undefined;
  const finish = () => {
    const errors = deploy.componentFailures.filter((f) => f.problemType !== "Warning");
    deploy.status = errors.length > 0 || deploy.errorMessage ? "Failed" : "Succeeded";
  };
  if (!files) {
    deploy.errorMessage = "The file you uploaded is not a valid zip file.";
    deploy.errorStatusCode = "INVALID_ZIP";
    finish();
    return;
  }
  const read = (name: string) => (files[name] ? Buffer.from(files[name]).toString("utf8") : undefined);
  const packageXml = read("package.xml");
  if (packageXml === undefined) {
    failed(deploy, {
      componentType: "",
      fullName: "package.xml",
      fileName: "package.xml",
      problem: "No package.xml found",
    });
    finish();
    return;
  }
  const pkg = membersOf(packageXml, "package.xml");
  if (pkg.problem)
    failed(deploy, {
      componentType: "",
      fullName: "package.xml",
      fileName: "package.xml",
      problem: pkg.problem,
    });

  const upserts: Omit<SfCallCenter, "id">[] = [];
  for (const member of pkg.members) {
    const fileName = `callCenters/${member}.callCenter`;
    const content = read(fileName);
    if (content === undefined) {
      failed(deploy, {
        componentType: "CallCenter",
        fullName: member,
        fileName: "package.xml",
        problem: `An object '${member}' of type CallCenter was named in package.xml, but was not found in zipped directory`,
      });
      continue;
    }
    const parsed = parseCallCenter(content, member);
    if (parsed.problem)
      failed(deploy, { componentType: "CallCenter", fullName: member, fileName, problem: parsed.problem });
    else upserts.push(parsed.record!);
  }

  const deletes: string[] = [];
  for (const file of ["destructiveChangesPre.xml", "destructiveChanges.xml", "destructiveChangesPost.xml"]) {
    const xml = read(file);
    if (xml === undefined) continue;
    const d = membersOf(xml, file);
    if (d.problem) failed(deploy, { componentType: "", fullName: file, fileName: file, problem: d.problem });
    for (const member of d.members) {
      const existing = state.callCenters.find((c) => c.fullName === member);
      if (!existing) {
        failed(deploy, {
          componentType: "CallCenter",
          fullName: member,
          fileName: file,
          problem: `No CallCenter named: ${member} found`,
          problemType: "Warning",
        });
        continue;
      }
      const assigned = state.users.filter((u) => u.callCenterId === existing.id);
      if (assigned.length > 0) {
        failed(deploy, {
          componentType: "CallCenter",
          fullName: member,
          fileName: file,
          problem: `Cannot delete this call center while users are still assigned to it (${assigned.length}). Remove them in Manage Call Center Users (User.CallCenterId) first.`,
        });
        continue;
      }
      deletes.push(member);
    }
  }

  const injected = state.deployFailures.shift();
  if (injected) {
    failed(deploy, {
      componentType: "CallCenter",
      fullName: upserts[0]?.fullName ?? deletes[0] ?? "",
      fileName: upserts[0] ? `callCenters/${upserts[0].fullName}.callCenter` : "package.xml",
      problem: injected.problem,
      problemType: injected.problemType === "Warning" ? "Warning" : "Error",
    });
  }

  finish();
  if (deploy.status !== "Succeeded") return;
  for (const record of upserts) {
    const existing = state.callCenters.find((c) => c.fullName === record.fullName);
    if (existing) Object.assign(existing, record);
    else state.callCenters.push({ id: newRecordId(state, "04v"), ...record });
    deploy.componentSuccesses.push({
      componentType: "CallCenter",
      fullName: record.fullName,
      fileName: `callCenters/${record.fullName}.callCenter`,
      created: !existing,
      changed: !!existing,
      success: true,
    });
  }
  for (const member of deletes) {
    state.callCenters = state.callCenters.filter((c) => c.fullName !== member);
    deploy.componentSuccesses.push({
      componentType: "CallCenter",
      fullName: member,
      fileName: "destructiveChanges.xml",
      deleted: true,
      success: true,
    });
  }
  deploy.summary = { upserted: upserts.map((u) => u.fullName), deleted: deletes };
}

function unzipOrUndefined(base64: string): Record<string, Uint8Array> | undefined {
  try {
    return unzipSync(Buffer.from(base64, "base64"));
  } catch {
    return undefined;
  }
}
