// POST /salesforce/services/Soap/m/{version}: the SOAP Metadata API's readMetadata for CallCenter, which is
// how a call center's sections and items are read back (REST has no retrieve). The session travels in the
// SessionHeader; an invalid one is the fault sf:INVALID_SESSION_ID.
import { XMLParser } from "fast-xml-parser";
import type { EmulatorContext, EmulatorRequest, EmulatorResponse } from "../types";
import {
  escapeXml,
  MAX_API_VERSION,
  MIN_API_VERSION,
  sessionOf,
  soapFault,
  spendApiRequest,
  xml,
} from "./http";
import { type SfCallCenter, salesforceState } from "./state";

const parser = new XMLParser({
  ignoreAttributes: true,
  removeNSPrefix: true,
  parseTagValue: false,
  isArray: (name) => name === "fullNames",
});

function el(name: string, value: string | null): string {
  return value === null ? "" : `<${name}>${escapeXml(value)}</${name}>`;
}

function record(c: SfCallCenter): string {
  const sections = c.sections
    .map(
      (s) =>
        `<sections>${s.items.map((i) => `<items>${el("label", i.label)}${el("name", i.name)}${el("value", i.value)}</items>`).join("")}${el("label", s.label)}${el("name", s.name)}</sections>`,
    )
    .join("");
  return (
    `<records xsi:type="CallCenter">${el("fullName", c.fullName)}${el("adapterUrl", c.adapterUrl)}` +
    `${el("customSettings", c.customSettings)}${el("displayName", c.displayName)}` +
    `${el("displayNameLabel", c.displayNameLabel)}${el("internalNameLabel", c.internalNameLabel)}` +
    `${sections}${el("version", c.version)}</records>`
  );
}

function text(node: unknown): string {
  if (typeof node === "string") return node;
  if (node && typeof node === "object") {
    const t = (node as Record<string, unknown>)["#text"];
    return typeof t === "string" ? t : "";
  }
  return "";
}

export async function soapMetadata(
  req: EmulatorRequest,
  ctx: EmulatorContext,
  version: string,
): Promise<EmulatorResponse> {
  const major = Number(version.split(".")[0]);
  if (req.method !== "POST" || !(major >= MIN_API_VERSION && major <= MAX_API_VERSION)) {
    return soapFault("sf:UNKNOWN_EXCEPTION", `No SOAP Metadata API at version ${version}`);
  }
  let envelope: Record<string, unknown>;
  try {
    envelope = (parser.parse(req.body.toString("utf8")) as Record<string, unknown>).Envelope as Record<
      string,
      unknown
    >;
  } catch {
    return soapFault("soapenv:Client", "The request is not a well-formed SOAP envelope");
  }
  const state = salesforceState(ctx);
  const header = (envelope?.Header as Record<string, unknown> | undefined)?.SessionHeader as
    Record<string, unknown> | undefined;
  const session = sessionOf(state, text(header?.sessionId), ctx.now());
  if (!session) {
    return soapFault(
      "sf:INVALID_SESSION_ID",
      "INVALID_SESSION_ID: Invalid Session ID found in SessionHeader: Illegal Session. Session not found, missing session hash",
    );
  }
  const refused = spendApiRequest(state);
  ctx.changed();
  if (refused)
    return soapFault("sf:REQUEST_LIMIT_EXCEEDED", "REQUEST_LIMIT_EXCEEDED: TotalRequests Limit exceeded.");
  const read = (envelope.Body as Record<string, unknown> | undefined)?.readMetadata as
    Record<string, unknown> | undefined;
  if (!read) return soapFault("soapenv:Client", "The emulated Metadata API answers readMetadata only");
  if (text(read.type) !== "CallCenter") {
    return soapFault(
      "sf:INVALID_TYPE",
      `INVALID_TYPE: The emulated org reads CallCenter only, not ${text(read.type)}`,
    );
  }
  const names = ((read.fullNames as unknown[] | undefined) ?? []).map(text);
  if (names.length > 10)
    return soapFault("sf:EXCEEDED_ID_LIMIT", "EXCEEDED_ID_LIMIT: readMetadata takes at most 10 names");
  const records = names
    .map((n) => {
      const found = state.callCenters.find((c) => c.fullName === n);
      // A name the org does not know comes back as an empty record.
      return found ? record(found) : `<records xsi:type="CallCenter"/>`;
    })
    .join("");
  return xml(
    200,
    `<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns="http://soap.sforce.com/2006/04/metadata" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><soapenv:Body><readMetadataResponse><result>${records}</result></readMetadataResponse></soapenv:Body></soapenv:Envelope>`,
  );
}
