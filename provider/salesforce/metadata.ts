// Translation between Cisco's definition-file document and the Metadata API's CallCenter type, plus the
// manifests a deploy needs. The mapping (research notes §2.2): reqInternalName becomes the fullName and
// reqDisplayName the displayName (their labels become internalNameLabel and displayNameLabel, and neither
// stays an item); reqAdapterUrl is both adapterUrl and an item; the other general items are also
// written as the customSettings JSON; every section keeps its items in order (metadata has no sortOrder).
import { XMLParser } from "fast-xml-parser";
import type { DefinitionDocument, DefinitionSection } from "./definition-file";

export const METADATA_NS = "http://soap.sforce.com/2006/04/metadata";
const GENERAL = "reqGeneralInfo";
const NAME_ITEMS = new Set(["reqInternalName", "reqDisplayName"]);

export interface CallCenterMetadata {
  fullName: string;
  adapterUrl?: string;
  customSettings?: string;
  displayName: string;
  displayNameLabel: string;
  internalNameLabel: string;
  sections: { label: string; name: string; items: { label: string; name: string; value: string }[] }[];
  version?: string;
}

export class MetadataError extends Error {
  override readonly name = "MetadataError";
}

export function documentToMetadata(doc: DefinitionDocument): CallCenterMetadata {
  const general = doc.sections.find((s) => s.name === GENERAL);
  const find = (item: string) => general?.items.find((i) => i.name === item);
  const internal = find("reqInternalName");
  const display = find("reqDisplayName");
  if (!internal || !display) {
    throw new MetadataError(
      `the definition has no ${GENERAL} section with reqInternalName and reqDisplayName items; Salesforce requires both`,
    );
  }
  const custom: Record<string, string> = {};
  for (const item of general!.items) {
    if (!NAME_ITEMS.has(item.name) && item.name !== "reqAdapterUrl") custom[item.name] = item.value;
  }
  return {
    fullName: internal.value,
    adapterUrl: find("reqAdapterUrl")?.value,
    customSettings: JSON.stringify(custom),
    displayName: display.value,
    displayNameLabel: display.label,
    internalNameLabel: internal.label,
    sections: doc.sections.map((s) => ({
      label: s.label,
      name: s.name,
      items: s.items
        .filter((i) => s.name !== GENERAL || !NAME_ITEMS.has(i.name))
        .map((i) => ({ label: i.label, name: i.name, value: i.value })),
    })),
  };
}

export function metadataToDocument(md: CallCenterMetadata): DefinitionDocument {
  const sections: DefinitionSection[] = md.sections.map((s) => ({
    name: s.name,
    label: s.label,
    items: s.items.map((i) => ({ name: i.name, label: i.label, value: i.value })),
  }));
  let general = sections.find((s) => s.name === GENERAL);
  if (!general) {
    general = { name: GENERAL, label: GENERAL, items: [] };
    sections.unshift(general);
  }
  general.items = general.items.filter((i) => !NAME_ITEMS.has(i.name));
  if (md.adapterUrl !== undefined && !general.items.some((i) => i.name === "reqAdapterUrl")) {
    general.items.unshift({ name: "reqAdapterUrl", label: "CTI Adapter URL", value: md.adapterUrl });
  }
  general.items.unshift(
    { name: "reqInternalName", label: md.internalNameLabel, value: md.fullName },
    { name: "reqDisplayName", label: md.displayNameLabel, value: md.displayName },
  );
  return { sections };
}

function esc(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function el(indent: string, name: string, value: string | undefined): string {
  return value === undefined ? "" : `${indent}<${name}>${esc(value)}</${name}>\n`;
}

/** The callCenters/<fullName>.callCenter file of a deploy, elements in the WSDL's order. */
export function renderCallCenterMetadata(md: CallCenterMetadata): string {
  let out = `<?xml version="1.0" encoding="UTF-8"?>\n<CallCenter xmlns="${METADATA_NS}">\n`;
  out += el("    ", "adapterUrl", md.adapterUrl);
  out += el("    ", "customSettings", md.customSettings);
  out += el("    ", "displayName", md.displayName);
  out += el("    ", "displayNameLabel", md.displayNameLabel);
  out += el("    ", "internalNameLabel", md.internalNameLabel);
  for (const s of md.sections) {
    out += "    <sections>\n";
    for (const i of s.items) {
      out += "        <items>\n";
      out += el("            ", "label", i.label);
      out += el("            ", "name", i.name);
      out += el("            ", "value", i.value);
      out += "        </items>\n";
    }
    out += el("        ", "label", s.label);
    out += el("        ", "name", s.name);
    out += "    </sections>\n";
  }
  out += el("    ", "version", md.version);
  return `${out}</CallCenter>\n`;
}

export function renderPackageXml(apiVersion: string, callCenters: string[]): string {
  const types =
    callCenters.length === 0
      ? ""
      : `    <types>\n${callCenters.map((m) => `        <members>${esc(m)}</members>\n`).join("")}        <name>CallCenter</name>\n    </types>\n`;
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Package xmlns="${METADATA_NS}">\n${types}    <version>${apiVersion}</version>\n</Package>\n`;
}

/** A destructive manifest names members without a version. */
export function renderDestructiveChangesXml(callCenters: string[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Package xmlns="${METADATA_NS}">\n    <types>\n${callCenters.map((m) => `        <members>${esc(m)}</members>\n`).join("")}        <name>CallCenter</name>\n    </types>\n</Package>\n`;
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  isArray: (name) => name === "sections" || name === "items" || name === "records",
});

function text(node: unknown): string {
  if (node === undefined || node === null) return "";
  if (typeof node === "string") return node;
  if (typeof node === "object") {
    const t = (node as Record<string, unknown>)["#text"];
    return typeof t === "string" ? t : "";
  }
  return String(node);
}

function toMetadata(node: Record<string, unknown>): CallCenterMetadata {
  const sections = ((node.sections as Record<string, unknown>[] | undefined) ?? []).map((s) => ({
    label: text(s.label),
    name: text(s.name),
    items: ((s.items as Record<string, unknown>[] | undefined) ?? []).map((i) => ({
      label: text(i.label),
      name: text(i.name),
      value: text(i.value),
    })),
  }));
  return {
    fullName: text(node.fullName),
    adapterUrl: node.adapterUrl === undefined ? undefined : text(node.adapterUrl),
    customSettings: node.customSettings === undefined ? undefined : text(node.customSettings),
    displayName: text(node.displayName),
    displayNameLabel: text(node.displayNameLabel),
    internalNameLabel: text(node.internalNameLabel),
    sections,
    version: node.version === undefined ? undefined : text(node.version),
  };
}

export interface SoapFault {
  faultcode: string;
  faultstring: string;
}

/** Reads a SOAP readMetadata response: the CallCenter records found (a name Salesforce does not know
 * comes back as an empty or nil record, which is left out), or the fault. */
export function parseReadMetadataResponse(
  xml: string,
): { records: CallCenterMetadata[] } | { fault: SoapFault } {
  let doc: Record<string, unknown>;
  try {
    doc = parser.parse(xml) as Record<string, unknown>;
  } catch (e) {
    throw new MetadataError(`the readMetadata response is not XML: ${(e as Error).message}`);
  }
  const body = (doc.Envelope as Record<string, unknown> | undefined)?.Body as
    Record<string, unknown> | undefined;
  if (!body) throw new MetadataError("the readMetadata response has no SOAP Body");
  const fault = body.Fault as Record<string, unknown> | undefined;
  if (fault) return { fault: { faultcode: text(fault.faultcode), faultstring: text(fault.faultstring) } };
  const result = (body.readMetadataResponse as Record<string, unknown> | undefined)?.result as
    Record<string, unknown> | undefined;
  const records = ((result?.records as unknown[] | undefined) ?? []).filter(
    (r): r is Record<string, unknown> =>
      typeof r === "object" &&
      r !== null &&
      (r as Record<string, unknown>)["@_nil"] !== "true" &&
      text((r as Record<string, unknown>).fullName) !== "",
  );
  return { records: records.map(toMetadata) };
}

export function renderReadMetadataRequest(sessionId: string, fullNames: string[]): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:met="${METADATA_NS}">` +
    `<soapenv:Header><met:SessionHeader><met:sessionId>${esc(sessionId)}</met:sessionId></met:SessionHeader></soapenv:Header>` +
    `<soapenv:Body><met:readMetadata><met:type>CallCenter</met:type>` +
    fullNames.map((n) => `<met:fullNames>${esc(n)}</met:fullNames>`).join("") +
    `</met:readMetadata></soapenv:Body></soapenv:Envelope>`
  );
}
