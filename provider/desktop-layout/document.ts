// The layout document: parsed from an object or a JSON string, and checked for what breaks an agent's
// desktop when it loads, because the API stores any JSON without looking at it.
import { childPath } from "./json-paths";

/** The largest layout accepted, as compact JSON: six times Cisco's Salesforce layout (about 40 KB). */
export const MAX_LAYOUT_BYTES = 256 * 1024;
export const PERSONAS = ["agent", "supervisor", "supervisorAgent"] as const;
/** Arrays and maps whose entries are widgets: each must name its component (`comp`). */
const WIDGET_LISTS = new Set(["widgets", "children", "advancedHeader"]);
/** A whole value like "<OutDialAniValue>": a template's blank that was never filled in. */
const PLACEHOLDER = /^<[A-Za-z][\w.-]*>$/;

export type LayoutDocument = Record<string, unknown>;

export interface DocumentProblem {
  /** Where, as a JSON path under `layout` (e.g. layout.agent.area.headless.widgets.comp1). */
  path: string;
  reason: string;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Parses a JSON string (or takes an object) into the document; a problem instead when that fails. */
export function parseLayout(layout: unknown): { document: LayoutDocument } | { problem: DocumentProblem } {
  let value = layout;
  if (typeof layout === "string") {
    try {
      value = JSON.parse(layout);
    } catch (error) {
      return {
        problem: {
          path: "layout",
          reason: `layout is not JSON (${(error as Error).message}): pass the layout document as an object, or the text of a layout file exported from the Contact Center portal.`,
        },
      };
    }
  }
  if (!isObject(value)) {
    return {
      problem: {
        path: "layout",
        reason: "layout must be a JSON object (a desktop layout document), not an array or a single value.",
      },
    };
  }
  return { document: value };
}

function widgetProblems(value: unknown, path: string, inWidgetList: boolean, out: DocumentProblem[]): void {
  if (Array.isArray(value)) {
    value.forEach((item, i) => {
      if (inWidgetList && !(isObject(item) && typeof item.comp === "string" && item.comp !== "")) {
        out.push({ path: childPath(path, i), reason: "is a widget without a comp (the component to show)" });
      }
      widgetProblems(item, childPath(path, i), false, out);
    });
    return;
  }
  if (!isObject(value)) return;
  for (const [key, child] of Object.entries(value)) {
    const childAt = childPath(path, key);
    if (inWidgetList && !(isObject(child) && typeof child.comp === "string" && child.comp !== "")) {
      out.push({ path: childAt, reason: "is a widget without a comp (the component to show)" });
    }
    widgetProblems(child, childAt, WIDGET_LISTS.has(key), out);
  }
}

function placeholderProblems(value: unknown, path: string, out: DocumentProblem[]): void {
  if (typeof value === "string") {
    if (PLACEHOLDER.test(value.trim())) {
      out.push({
        path,
        reason: `still holds the placeholder ${JSON.stringify(value)}: put the real value in`,
      });
    }
    return;
  }
  if (Array.isArray(value)) value.forEach((item, i) => placeholderProblems(item, childPath(path, i), out));
  else if (isObject(value))
    for (const [key, child] of Object.entries(value)) placeholderProblems(child, childPath(path, key), out);
}

function sectionProblems(section: unknown, path: string, out: DocumentProblem[]): void {
  if (!isObject(section)) {
    out.push({ path, reason: "must be an object with version and area" });
    return;
  }
  if (typeof section.version !== "string" || section.version === "") {
    out.push({ path: `${path}.version`, reason: 'is missing: the layout format version, e.g. "0.1.0"' });
  }
  if (!isObject(section.area)) {
    out.push({ path: `${path}.area`, reason: "is missing: the object that places the desktop's widgets" });
  }
}

/** Everything wrong with the document that would break a desktop; empty when it is fine. */
export function documentProblems(document: LayoutDocument): DocumentProblem[] {
  const problems: DocumentProblem[] = [];
  const bytes = Buffer.byteLength(JSON.stringify(document));
  if (bytes > MAX_LAYOUT_BYTES) {
    problems.push({
      path: "layout",
      reason: `is ${bytes} bytes as compact JSON; the limit is ${MAX_LAYOUT_BYTES} (256 KiB, see docs/resources/desktop-layout.md): remove unused widgets or pages`,
    });
    return problems;
  }
  const personas = PERSONAS.filter((key) => key in document);
  if (personas.length === 0 && !("area" in document)) {
    problems.push({
      path: "layout",
      reason:
        "has none of the persona sections agent, supervisor, supervisorAgent, nor the older top-level area: it is not a desktop layout",
    });
    return problems;
  }
  if (personas.length > 0)
    for (const key of personas) sectionProblems(document[key], `layout.${key}`, problems);
  else sectionProblems(document, "layout", problems);
  widgetProblems(document, "layout", false, problems);
  placeholderProblems(document, "layout", problems);
  return problems;
}
