// The list query of the Configuration API's v2 lists: an RSQL filter (==, !=, =in=, =out=, joined with ";"
// for "and" and "," for "or"), a search on name, page and pageSize, and the { meta, data } envelope.
import { badRequest } from "../core/errors";
import type { EmulatorRequest } from "../types";

const DEFAULT_PAGE_SIZE = 100;
/** The document says larger sizes are silently capped, without saying at what. */
export const MAX_PAGE_SIZE = 500;

type Row = Record<string, unknown>;
type Test = (row: Row) => boolean;

const CLAUSE = /^\s*([A-Za-z]+)\s*(==|!=|=in=|=out=)\s*(.+?)\s*$/;

function unquote(value: string): string {
  const match = /^"(.*)"$/.exec(value) ?? /^'(.*)'$/.exec(value);
  return match ? match[1] : value;
}

function values(operator: string, raw: string): string[] {
  if (operator === "==" || operator === "!=") return [unquote(raw)];
  const list = /^\((.*)\)$/.exec(raw);
  if (!list)
    throw badRequest("filter", `${operator} takes a list in parentheses, e.g. id${operator}("a","b").`);
  return list[1].split(",").map((v) => unquote(v.trim()));
}

function clause(text: string, filterable: readonly string[]): Test {
  const match = CLAUSE.exec(text);
  if (!match) {
    throw badRequest(
      "filter",
      `"${text}" is not a filter this API understands: use field=="value", field!="value", field=in=("a","b") or field=out=("a","b").`,
    );
  }
  const [, field, operator, raw] = match;
  if (!filterable.includes(field)) {
    throw badRequest(
      "filter",
      `${field} cannot be filtered on; the fields that can are ${filterable.join(", ")}.`,
    );
  }
  const wanted = values(operator, raw);
  const matches = (row: Row) => {
    const value = row[field];
    // Names compare without case, as the product's name uniqueness does.
    const text = typeof value === "string" && field === "name" ? value.toLowerCase() : String(value);
    return wanted.some((w) => (field === "name" ? w.toLowerCase() : w) === text);
  };
  return operator === "==" || operator === "=in=" ? matches : (row) => !matches(row);
}

export function parseFilter(filter: string | null, filterable: readonly string[]): Test {
  if (filter === null || filter.trim() === "") return () => true;
  const alternatives = filter.split(",").reduce<string[]>((parts, piece) => {
    // A "," inside =in=(…) belongs to its list, not to an "or".
    const open =
      parts.length > 0 &&
      (parts.at(-1)!.match(/\(/g)?.length ?? 0) > (parts.at(-1)!.match(/\)/g)?.length ?? 0);
    if (open) parts[parts.length - 1] += `,${piece}`;
    else parts.push(piece);
    return parts;
  }, []);
  const tests = alternatives.map((alt) => alt.split(";").map((text) => clause(text, filterable)));
  return (row) => tests.some((all) => all.every((test) => test(row)));
}

function integer(raw: string | null, field: string, fallback: number, min: number): number {
  if (raw === null || raw === "") return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min)
    throw badRequest(field, `${field} must be an integer of at least ${min}.`);
  return Number(raw);
}

/** One page of `rows` (already in their stored order) after the request's filter and search. */
export function listPage<T extends Row>(
  req: EmulatorRequest,
  orgId: string,
  rows: T[],
  filterable: readonly string[],
  view: (row: T) => Record<string, unknown>,
): { meta: Record<string, unknown>; data: Record<string, unknown>[] } {
  const test = parseFilter(req.query.get("filter"), filterable);
  const search = req.query.get("search")?.toLowerCase();
  const page = integer(req.query.get("page"), "page", 0, 0);
  const pageSize = Math.min(
    integer(req.query.get("pageSize"), "pageSize", DEFAULT_PAGE_SIZE, 1),
    MAX_PAGE_SIZE,
  );
  const matching = rows.filter(test).filter(
    (row) =>
      !search ||
      String(row.name ?? "")
        .toLowerCase()
        .includes(search),
  );
  const totalRecords = matching.length;
  const totalPages = Math.ceil(totalRecords / pageSize);
  const link = (p: number) => {
    const params = new URLSearchParams(req.query);
    params.set("page", String(p));
    params.set("pageSize", String(pageSize));
    return `${req.path}?${params}`;
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
    data: matching.slice(page * pageSize, (page + 1) * pageSize).map(view),
  };
}
