// Typed settings on top of the generic (section, item) document. Lifting reads every item the catalog
// knows into its typed field and everything else (items of older or newer Cisco files) into extraSections;
// lowering writes them back in the order of a layout: Cisco's current one by default, or the layout of a
// parsed file, which is how a parsed file renders back byte for byte.
import { CATALOG, type CatalogItem, catalogItem, catalogSection, type SettingsGroup } from "./catalog";
import {
  type DefinitionDocument,
  type DefinitionItem,
  type DefinitionSection,
  parseDefinitionDocument,
  renderDefinitionDocument,
} from "./definition-file";
import { CodecError, decodeItem, encodeItem } from "./item-codecs";
import type { CallCenterSettings } from "./settings-schema";

export interface ExtraItem {
  name: string;
  /** Defaults to the item's label in the layout, else its name. */
  label?: string;
  value: string;
}

export interface ExtraSection {
  name: string;
  /** Defaults to the section's label in the layout, else its name. */
  label?: string;
  items: ExtraItem[];
}

export type PartialSettings = { [G in SettingsGroup]?: Partial<CallCenterSettings[G]> };

export interface DefinitionValues {
  internalName?: string;
  displayName?: string;
  adapterUrl?: string;
  settings: PartialSettings;
  extraSections: ExtraSection[];
}

export interface LiftProblem {
  section: string;
  item: string;
  reason: string;
}

export interface ParsedDefinition extends DefinitionValues {
  /** The file's own sections, items, labels and whitespace: render with it to get the same bytes back. */
  layout: DefinitionDocument;
  /** Known items whose value does not fit its typed setting; they are kept in extraSections instead. */
  problems: LiftProblem[];
}

/** Cisco's current sections and items, without values, in the canonical layout. */
export function builtInLayout(): DefinitionDocument {
  return {
    sections: CATALOG.map((s) => ({
      name: s.section,
      label: s.label,
      items: s.items.map((i) => ({ name: i.item, label: i.label, value: i.cisco })),
    })),
  };
}

function readBinding(values: DefinitionValues, item: CatalogItem): unknown {
  const b = item.binding;
  if ("top" in b) return values[b.top];
  return (values.settings[b.group] as Record<string, unknown> | undefined)?.[b.field];
}

function writeBinding(values: DefinitionValues, item: CatalogItem, value: unknown): void {
  const b = item.binding;
  if ("top" in b) {
    values[b.top] = value as string;
    return;
  }
  values.settings[b.group] ??= {};
  (values.settings[b.group] as Record<string, unknown>)[b.field] = value;
}

function addExtra(extras: ExtraSection[], section: DefinitionSection, item: DefinitionItem): void {
  let target = extras.find((e) => e.name === section.name);
  if (!target) {
    target = { name: section.name, label: section.label, items: [] };
    extras.push(target);
  }
  target.items.push({ name: item.name, label: item.label, value: item.value });
}

/** Reads a generic document into typed values. Never throws on values: misfits are reported in problems
 * and kept in extraSections, so nothing is lost. */
export function liftDocument(doc: DefinitionDocument): DefinitionValues & { problems: LiftProblem[] } {
  const values: DefinitionValues = { settings: {}, extraSections: [] };
  const problems: LiftProblem[] = [];
  for (const section of doc.sections) {
    for (const item of section.items) {
      const known = catalogItem(section.name, item.name);
      if (!known) {
        addExtra(values.extraSections, section, item);
        continue;
      }
      try {
        writeBinding(values, known, decodeItem(known.codec, item.value));
      } catch (e) {
        if (!(e instanceof CodecError)) throw e;
        problems.push({ section: section.name, item: item.name, reason: e.message });
        addExtra(values.extraSections, section, item);
      }
    }
  }
  return { ...values, problems };
}

interface Pending {
  label?: string;
  items: Map<string, { label?: string; value: string }>;
}

/** Writes typed values into a document shaped like `layout`. Items without a value are left out; items the
 * layout lacks are appended to their section, and unknown sections after the last one. */
export function lowerToDocument(
  values: DefinitionValues,
  layout: DefinitionDocument = builtInLayout(),
): DefinitionDocument {
  const pending = new Map<string, Pending>();
  const slot = (section: string, label?: string): Pending => {
    let p = pending.get(section);
    if (!p) {
      p = { label, items: new Map() };
      pending.set(section, p);
    }
    if (label !== undefined && p.label === undefined) p.label = label;
    return p;
  };
  for (const section of CATALOG) {
    for (const item of section.items) {
      const typed = readBinding(values, item);
      if (typed === undefined) continue;
      slot(section.section).items.set(item.item, { value: encodeItem(item.codec, typed) });
    }
  }
  for (const extra of values.extraSections) {
    const p = slot(extra.name, extra.label);
    for (const item of extra.items) {
      // A typed setting wins over an extra item with the same key (check() refuses such a pair).
      if (!p.items.has(item.name) || !catalogItem(extra.name, item.name)) {
        p.items.set(item.name, { label: item.label, value: item.value });
      }
    }
  }

  const sections: DefinitionSection[] = [];
  for (const layoutSection of layout.sections) {
    const p = pending.get(layoutSection.name);
    if (!p) continue;
    pending.delete(layoutSection.name);
    const items: DefinitionItem[] = [];
    for (const layoutItem of layoutSection.items) {
      const v = p.items.get(layoutItem.name);
      if (!v) continue;
      p.items.delete(layoutItem.name);
      items.push({
        name: layoutItem.name,
        label: v.label ?? layoutItem.label,
        value: v.value,
        trivia: layoutItem.trivia,
      });
    }
    for (const [name, v] of p.items) {
      items.push({
        name,
        label: v.label ?? catalogItem(layoutSection.name, name)?.label ?? name,
        value: v.value,
      });
    }
    sections.push({
      name: layoutSection.name,
      label: layoutSection.label,
      items,
      trivia: layoutSection.trivia,
    });
  }
  for (const [name, p] of pending) {
    sections.push({
      name,
      label: p.label ?? catalogSection(name)?.label ?? name,
      items: [...p.items].map(([itemName, v]) => ({
        name: itemName,
        label: v.label ?? catalogItem(name, itemName)?.label ?? itemName,
        value: v.value,
      })),
    });
  }
  return { sections, trivia: layout.trivia };
}

export function parseDefinitionFile(xml: string): ParsedDefinition {
  const layout = parseDefinitionDocument(xml);
  return { ...liftDocument(layout), layout };
}

export function renderDefinitionFile(values: DefinitionValues, layout?: DefinitionDocument): string {
  return renderDefinitionDocument(lowerToDocument(values, layout));
}
