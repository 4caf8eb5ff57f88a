// Layout presets: Cisco's Salesforce layout (vendor/cisco-salesforce/, MPL-2.0, shipped in the package)
// with its placeholders filled in, so uploading it (step 4 of the Salesforce integration) is one line.
import * as fs from "node:fs";
import * as path from "node:path";
import type { LayoutDocument } from "./document";
import { PERSONAS } from "./document";

export const SALESFORCE_LAYOUT_FILE = "salesforce_desktop_0.1.0_v1.1.9.json";

/** The vendored file, found from the compiled module (dist/provider/desktop-layout/) at the package root. */
export const SALESFORCE_LAYOUT_PATH = path.resolve(
  __dirname,
  "../../../vendor/cisco-salesforce",
  SALESFORCE_LAYOUT_FILE,
);

export interface SalesforceLayoutOptions {
  /**
   * The outdial ANI agents call out with (Cisco's `<OutDialAniValue>`): the outdial entry point's ANI,
   * e.g. "+14085550100".
   */
  outdialAni: string;
  /** The title the desktop shows (Cisco's file says "Webex Contact Center"). */
  appTitle?: string;
}

let cached: string | undefined;

function replacePlaceholder(value: unknown, placeholder: string, replacement: string): unknown {
  if (value === placeholder) return replacement;
  if (Array.isArray(value)) return value.map((item) => replacePlaceholder(item, placeholder, replacement));
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([key, child]) => [key, replacePlaceholder(child, placeholder, replacement)]),
    );
  }
  return value;
}

/** Cisco's Salesforce desktop layout (v1.1.9), placeholders filled: pass it as a DesktopLayout's layout. */
export function salesforceLayout(options: SalesforceLayoutOptions): LayoutDocument {
  const outdialAni = options?.outdialAni;
  if (typeof outdialAni !== "string" || outdialAni.trim() === "" || /[<>]/.test(outdialAni)) {
    throw new Error(
      'desktopLayouts.salesforce: outdialAni is required: the ANI agents call out with, e.g. "+14085550100" (without < >).',
    );
  }
  cached ??= fs.readFileSync(SALESFORCE_LAYOUT_PATH, "utf8");
  const document = replacePlaceholder(JSON.parse(cached), "<OutDialAniValue>", outdialAni) as LayoutDocument;
  if (options.appTitle !== undefined) {
    for (const persona of PERSONAS)
      (document[persona] as Record<string, unknown>).appTitle = options.appTitle;
  }
  return document;
}
