// GET /organization/{orgId}/v2/connector: the filter, pagination and the { meta, data } envelope.
import { badRequest } from "../core/errors";
import type { ConnectorRecord } from "../core/state";
import type { EmulatorRequest } from "../types";
import { isConnectorType } from "./kinds";
import { byCreation, toWire } from "./view";

const DEFAULT_PAGE_SIZE = 100;
const MAX_PAGE_SIZE = 500;

interface Filter {
  name?: string;
  type?: string;
}

function unquote(value: string): string {
  const match = /^"(.*)"$/.exec(value) ?? /^'(.*)'$/.exec(value);
  return match ? match[1] : value;
}

export function parseFilter(filter: string | null, type: string | null): Filter {
  const result: Filter = {};
  if (filter !== null && filter.trim() !== "") {
    for (const clause of filter.split(";")) {
      const match = /^\s*(name|type)\s*==\s*(.+?)\s*$/.exec(clause);
      if (!match) {
        throw badRequest(
          "filter",
          'filter supports name=="<name>" and type=="<TYPE>", joined with ; for "and".',
        );
      }
      result[match[1] as keyof Filter] = unquote(match[2]);
    }
  }
  if (type !== null) {
    if (result.type !== undefined && result.type !== type) {
      throw badRequest("type", "type and the filter's type== clause disagree; give one of them.");
    }
    result.type = type;
  }
  if (result.type !== undefined && !isConnectorType(result.type)) {
    throw badRequest("type", "type must be one of SALESFORCE, GOOGLE, GOOGLE_CCAI, WXM, CUSTOM, WEBEX_CC.");
  }
  return result;
}

function nonNegativeInt(raw: string | null, field: string, fallback: number, min: number): number {
  if (raw === null || raw === "") return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min) {
    throw badRequest(field, `${field} must be an integer of at least ${min}.`);
  }
  return Number(raw);
}

export function listConnectors(req: EmulatorRequest, orgId: string, all: ConnectorRecord[]) {
  const filter = parseFilter(req.query.get("filter"), req.query.get("type"));
  const page = nonNegativeInt(req.query.get("page"), "page", 0, 0);
  const pageSize = Math.min(
    nonNegativeInt(req.query.get("pageSize"), "pageSize", DEFAULT_PAGE_SIZE, 1),
    MAX_PAGE_SIZE,
  );
  // Names are unique case-insensitively, so the name filter matches the same way.
  const matching = all
    .filter((c) => filter.name === undefined || c.name.toLowerCase() === filter.name.toLowerCase())
    .filter((c) => filter.type === undefined || c.type === filter.type)
    .sort(byCreation);
  const totalRecords = matching.length;
  const totalPages = Math.ceil(totalRecords / pageSize);
  const link = (p: number) => {
    const params = new URLSearchParams({ page: String(p), pageSize: String(pageSize) });
    const rawFilter = req.query.get("filter");
    if (rawFilter) params.set("filter", rawFilter);
    const rawType = req.query.get("type");
    if (rawType) params.set("type", rawType);
    return `/organization/${orgId}/v2/connector?${params}`;
  };
  const links: Record<string, string> = { self: link(page) };
  if (totalPages > 0) {
    links.first = link(0);
    links.last = link(totalPages - 1);
  }
  if (page + 1 < totalPages) links.next = link(page + 1);
  if (page > 0 && totalPages > 0) links.prev = link(Math.min(page - 1, totalPages - 1));
  return {
    meta: { orgid: orgId, page, pageSize, totalPages, totalRecords, links },
    data: matching.slice(page * pageSize, (page + 1) * pageSize).map(toWire),
  };
}
