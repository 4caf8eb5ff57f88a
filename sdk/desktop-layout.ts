// The Agent Desktop layout, on Webex's published Configuration API, and the layout presets
// (wxcc.desktopLayouts.salesforce). See docs/resources/desktop-layout.md.
import * as pulumi from "@pulumi/pulumi";
import type { LayoutAdoption } from "../provider/desktop-layout/adoption";
import { salesforceLayout, type SalesforceLayoutOptions } from "../provider/desktop-layout/presets";
import type { DesktopLayoutArgs } from "./generated/args";
import { desktopLayoutSchema } from "../provider/desktop-layout/schema";
import { splitGetOptions, type WxccGetOptions } from "./get-options";
import { TYPE_TOKENS } from "./resource-type";
import { WxccDynamicResource } from "./thin-provider";

export type { DesktopLayoutArgs, SalesforceLayoutOptions };

const OUTPUT_KEYS = [
  "layoutId",
  "version",
  "validated",
  "editedBy",
  "defaultJsonModified",
  "teamsPointingElsewhere",
  "createdAt",
  "lastUpdatedAt",
  "adoption",
];

/** An Agent Desktop layout assigned to teams: `pulumi-nodejs:dynamic/wxcc:DesktopLayout`. */
export class DesktopLayout extends WxccDynamicResource {
  /** The type token Pulumi records for this resource. */
  static readonly __pulumiType = TYPE_TOKENS.DesktopLayout;

  /** An existing layout, read by its layoutId (never created, updated or deleted by this stack). */
  static get(name: string, id: pulumi.Input<pulumi.ID>, opts?: WxccGetOptions): DesktopLayout {
    const [lookup, resourceOpts] = splitGetOptions(id, opts);
    return new DesktopLayout(name, lookup as DesktopLayoutArgs, resourceOpts);
  }

  /** The layout's id in the org (what teams refer to). */
  declare readonly layoutId: pulumi.Output<string>;
  declare readonly orgId: pulumi.Output<string>;
  declare readonly region: pulumi.Output<string>;
  declare readonly name: pulumi.Output<string>;
  declare readonly description: pulumi.Output<string | undefined>;
  /** The document as stored, parsed. */
  declare readonly layout: pulumi.Output<Record<string, unknown>>;
  declare readonly jsonFileName: pulumi.Output<string>;
  declare readonly teamIds: pulumi.Output<string[]>;
  declare readonly active: pulumi.Output<boolean>;
  /** Incremented by the API on every change. */
  declare readonly version: pulumi.Output<number>;
  /** What the API reports: it does not validate the document on save, so this is usually false. */
  declare readonly validated: pulumi.Output<boolean>;
  declare readonly editedBy: pulumi.Output<string>;
  declare readonly defaultJsonModified: pulumi.Output<boolean>;
  /** Teams the layout lists whose own setting names another layout (found by refresh). */
  declare readonly teamsPointingElsewhere: pulumi.Output<
    { teamId: string; desktopLayoutId: string | null }[]
  >;
  /** ISO-8601 timestamps. */
  declare readonly createdAt: pulumi.Output<string>;
  declare readonly lastUpdatedAt: pulumi.Output<string>;
  /** With adopt: true, when an existing layout was taken over: its id and the fields the first up changed. */
  declare readonly adoption: pulumi.Output<LayoutAdoption | undefined>;

  constructor(name: string, args: DesktopLayoutArgs, opts?: pulumi.CustomResourceOptions) {
    // Every key seeded (undefined is not sent): only registered keys are exposed as outputs, so a get()
    // that passes no arguments still sees the name, the document and the rest.
    const keys = [...Object.keys(desktopLayoutSchema.shape), ...OUTPUT_KEYS];
    const seeded: pulumi.Inputs = Object.fromEntries(keys.map((key) => [key, undefined]));
    super("DesktopLayout", name, { ...seeded, ...args }, opts);
  }
}

/** Ready-made layout documents. */
export const desktopLayouts = {
  /**
   * Cisco's Salesforce desktop layout (`salesforce_desktop_0.1.0_v1.1.9.json`, MPL-2.0, shipped in the
   * package) with its placeholders filled in.
   */
  salesforce: (options: SalesforceLayoutOptions): Record<string, unknown> => salesforceLayout(options),
};
