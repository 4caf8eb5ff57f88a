// Cisco's call-center definition file (the format Setup > Call Centers > Import reads) as a generic,
// lossless document: ordered sections of ordered items, keyed by (section, item). The whitespace and raw
// attribute text around every node are kept as "trivia", so a file that is parsed and rendered with the
// same values comes back byte for byte; nodes that are new or changed are written in a canonical layout.

export interface RawAttribute {
  /** Whitespace before the attribute name. */
  lead: string;
  name: string;
  /** The "=" with any whitespace around it. */
  equals: string;
  quote: '"' | "'";
  /** The attribute value as written, entities not decoded. */
  raw: string;
}

export interface StartTag {
  attributes: RawAttribute[];
  /** Whitespace before ">" or "/>". */
  tail: string;
  selfClosing: boolean;
}

export interface DefinitionItem {
  name: string;
  label: string;
  value: string;
  trivia?: { lead: string; tag: StartTag; rawText: string };
}

export interface DefinitionSection {
  name: string;
  label: string;
  items: DefinitionItem[];
  trivia?: { lead: string; tag: StartTag; closeLead: string };
}

export interface DefinitionDocument {
  sections: DefinitionSection[];
  trivia?: {
    /** Everything up to and including the root start tag (prolog, comments, `<callCenter …>`). */
    head: string;
    /** Whitespace before `</callCenter>`. */
    closeLead: string;
    /** Whatever follows `</callCenter>`. */
    tail: string;
  };
}

export class DefinitionFileError extends Error {
  override readonly name = "DefinitionFileError";
}

const CANONICAL = {
  head: "<callCenter>",
  sectionLead: "\n    ",
  itemLead: "\n        ",
  sectionCloseLead: "\n    ",
  rootCloseLead: "\n",
  tail: "\n",
};

// ---------------------------------------------------------------- parsing

class Cursor {
  pos = 0;
  constructor(readonly text: string) {}

  where(at = this.pos): string {
    const before = this.text.slice(0, at);
    const line = before.split("\n").length;
    const column = at - before.lastIndexOf("\n");
    return `line ${line}, column ${column}`;
  }

  fail(message: string, at = this.pos): never {
    throw new DefinitionFileError(`Call-center definition file, ${this.where(at)}: ${message}`);
  }

  startsWith(s: string): boolean {
    return this.text.startsWith(s, this.pos);
  }

  /** Consumes whitespace and comments (they are trivia, kept verbatim). */
  skipTrivia(): string {
    const start = this.pos;
    for (;;) {
      const ws = /^[ \t\r\n]*/.exec(this.text.slice(this.pos))![0];
      this.pos += ws.length;
      if (this.startsWith("<!--")) {
        const end = this.text.indexOf("-->", this.pos + 4);
        if (end < 0) this.fail("unterminated comment");
        this.pos = end + 3;
        continue;
      }
      break;
    }
    return this.text.slice(start, this.pos);
  }

  expect(s: string, what: string): void {
    if (!this.startsWith(s)) this.fail(`expected ${what}`);
    this.pos += s.length;
  }

  startTag(element: string): StartTag {
    this.expect(`<${element}`, `<${element}>`);
    const attributes: RawAttribute[] = [];
    for (;;) {
      const lead = /^[ \t\r\n]*/.exec(this.text.slice(this.pos))![0];
      const afterLead = this.pos + lead.length;
      const rest = this.text.slice(afterLead);
      if (rest.startsWith("/>") || rest.startsWith(">")) {
        this.pos = afterLead;
        const selfClosing = rest.startsWith("/>");
        this.pos += selfClosing ? 2 : 1;
        return { attributes, tail: lead, selfClosing };
      }
      if (lead.length === 0 && attributes.length > 0)
        this.fail(`expected whitespace between attributes of <${element}>`);
      const m = /^([A-Za-z_:][\w.:-]*)([ \t\r\n]*=[ \t\r\n]*)(["'])/.exec(rest);
      if (!m) return this.fail(`malformed attribute in <${element}>`, afterLead);
      const quote = m[3] as '"' | "'";
      const valueStart = afterLead + m[0].length;
      const valueEnd = this.text.indexOf(quote, valueStart);
      if (valueEnd < 0) this.fail(`unterminated attribute value in <${element}>`, valueStart);
      const raw = this.text.slice(valueStart, valueEnd);
      if (raw.includes("<")) this.fail(`"<" is not allowed in an attribute value`, valueStart);
      if (attributes.some((a) => a.name === m[1]))
        this.fail(`duplicate attribute ${m[1]} in <${element}>`, afterLead);
      attributes.push({ lead, name: m[1], equals: m[2], quote, raw });
      this.pos = valueEnd + 1;
    }
  }
}

function attribute(c: Cursor, tag: StartTag, name: string, element: string, at: number): string {
  const found = tag.attributes.find((a) => a.name === name);
  if (!found) c.fail(`<${element}> has no ${name} attribute`, at);
  return decodeEntities(found.raw, c, at);
}

function sortOrderOf(c: Cursor, tag: StartTag, element: string, at: number): number {
  const raw = attribute(c, tag, "sortOrder", element, at);
  if (!/^\d+$/.test(raw)) c.fail(`sortOrder "${raw}" of <${element}> is not a non-negative integer`, at);
  return Number(raw);
}

function decodeEntities(raw: string, c?: Cursor, at?: number): string {
  let out = "";
  let i = 0;
  for (;;) {
    const cdata = raw.indexOf("<![CDATA[", i);
    const amp = raw.indexOf("&", i);
    if (cdata >= 0 && (amp < 0 || cdata < amp)) {
      out += raw.slice(i, cdata);
      const end = raw.indexOf("]]>", cdata);
      if (end < 0) (c ?? new Cursor(raw)).fail("unterminated CDATA section", at);
      out += raw.slice(cdata + 9, end);
      i = end + 3;
      continue;
    }
    if (amp < 0) return out + raw.slice(i);
    out += raw.slice(i, amp);
    const m = /^&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/.exec(raw.slice(amp));
    if (!m)
      return (c ?? new Cursor(raw)).fail(
        `unknown or malformed entity near "${raw.slice(amp, amp + 10)}"`,
        at,
      );
    const e = m[1];
    out +=
      e === "amp"
        ? "&"
        : e === "lt"
          ? "<"
          : e === "gt"
            ? ">"
            : e === "quot"
              ? '"'
              : e === "apos"
                ? "'"
                : String.fromCodePoint(
                    e.startsWith("#x") ? Number.parseInt(e.slice(2), 16) : Number(e.slice(1)),
                  );
    i = amp + m[0].length;
  }
}

function checkOrder(c: Cursor, orders: { order: number; at: number }[], what: string): void {
  const sorted = [...orders].sort((a, b) => a.order - b.order);
  sorted.forEach((o, index) => {
    if (o.order !== index) {
      c.fail(
        `${what} sortOrder values must run 0, 1, 2, … without gaps or duplicates (Salesforce rejects the file otherwise); found ${o.order} where ${index} was expected`,
        o.at,
      );
    }
  });
}

/** Parses Cisco's definition file format. Nodes come back in sortOrder order (which is document order in
 * every file Cisco has shipped). */
export function parseDefinitionDocument(xml: string): DefinitionDocument {
  const c = new Cursor(xml);
  let head = c.skipTrivia();
  if (c.startsWith("<?xml")) {
    const end = xml.indexOf("?>", c.pos);
    if (end < 0) c.fail("unterminated XML declaration");
    c.pos = end + 2;
    head = xml.slice(0, c.pos) + c.skipTrivia();
  }
  const rootAt = c.pos;
  if (!c.startsWith("<callCenter")) c.fail("the root element must be <callCenter>");
  const rootTag = c.startTag("callCenter");
  if (rootTag.selfClosing) c.fail("<callCenter/> has no sections", rootAt);
  head = xml.slice(0, c.pos);

  const sections: { section: DefinitionSection; order: number; at: number }[] = [];
  for (;;) {
    const lead = c.skipTrivia();
    if (c.startsWith("</callCenter")) {
      c.expect("</callCenter", "</callCenter>");
      c.skipTrivia();
      c.expect(">", "> closing </callCenter");
      const closeLead = lead;
      const tailStart = c.pos;
      const tail = c.skipTrivia();
      if (c.pos !== xml.length) c.fail("unexpected content after </callCenter>");
      checkOrder(c, sections, "section");
      sections.sort((a, b) => a.order - b.order);
      if (sections.length === 0) c.fail("the file has no <section> elements", rootAt);
      return {
        sections: sections.map((s) => s.section),
        trivia: { head, closeLead, tail: xml.slice(tailStart, tailStart + tail.length) },
      };
    }
    const at = c.pos;
    if (!c.startsWith("<section")) c.fail("expected <section> or </callCenter>");
    const tag = c.startTag("section");
    const name = attribute(c, tag, "name", "section", at);
    const label = attribute(c, tag, "label", "section", at);
    const order = sortOrderOf(c, tag, "section", at);
    const items: { item: DefinitionItem; order: number; at: number }[] = [];
    let closeLead = "";
    if (!tag.selfClosing) {
      for (;;) {
        const itemLead = c.skipTrivia();
        if (c.startsWith("</section")) {
          c.expect("</section", "</section>");
          c.skipTrivia();
          c.expect(">", "> closing </section");
          closeLead = itemLead;
          break;
        }
        const itemAt = c.pos;
        if (!c.startsWith("<item")) c.fail(`expected <item> or </section> in section ${name}`);
        const itemTag = c.startTag("item");
        let rawText = "";
        if (!itemTag.selfClosing) {
          const end = xml.indexOf("</item>", c.pos);
          if (end < 0) c.fail("unterminated <item>", itemAt);
          rawText = xml.slice(c.pos, end);
          if (/<(?!!\[CDATA\[)/.test(rawText.replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, ""))) {
            c.fail("an <item> may hold only text", itemAt);
          }
          c.pos = end + "</item>".length;
        }
        const itemName = attribute(c, itemTag, "name", "item", itemAt);
        if (items.some((i) => i.item.name === itemName)) {
          c.fail(`duplicate item ${itemName} in section ${name}`, itemAt);
        }
        items.push({
          item: {
            name: itemName,
            label: attribute(c, itemTag, "label", "item", itemAt),
            value: decodeEntities(rawText, c, itemAt),
            trivia: { lead: itemLead, tag: itemTag, rawText },
          },
          order: sortOrderOf(c, itemTag, "item", itemAt),
          at: itemAt,
        });
      }
    }
    if (sections.some((s) => s.section.name === name)) c.fail(`duplicate section ${name}`, at);
    checkOrder(c, items, `section ${name}: item`);
    items.sort((a, b) => a.order - b.order);
    sections.push({
      section: { name, label, items: items.map((i) => i.item), trivia: { lead, tag, closeLead } },
      order,
      at,
    });
  }
}

// ---------------------------------------------------------------- rendering

function escapeText(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function escapeAttribute(s: string, quote: '"' | "'"): string {
  const escaped = s.replace(/&/g, "&amp;").replace(/</g, "&lt;");
  return quote === '"' ? escaped.replace(/"/g, "&quot;") : escaped.replace(/'/g, "&apos;");
}

function renderStartTag(element: string, wanted: Record<string, string>, tag: StartTag | undefined): string {
  const attributes: RawAttribute[] = tag
    ? tag.attributes.map((a) => ({ ...a }))
    : ["sortOrder", "name", "label"].map((name) => ({ lead: " ", name, equals: "=", quote: '"', raw: "" }));
  for (const [name, value] of Object.entries(wanted)) {
    let attr = attributes.find((a) => a.name === name);
    if (!attr) {
      attr = { lead: " ", name, equals: "=", quote: '"', raw: "" };
      attributes.push(attr);
    }
    // Keep the text as written when it still means the wanted value (entities, quotes and all).
    const asWritten = tag?.attributes.find((a) => a.name === name);
    if (!asWritten || safeDecode(asWritten.raw) !== value) attr.raw = escapeAttribute(value, attr.quote);
  }
  const tail = tag ? tag.tail : "";
  return `<${element}${attributes.map((a) => `${a.lead}${a.name}${a.equals}${a.quote}${a.raw}${a.quote}`).join("")}${tail}`;
}

function safeDecode(raw: string): string | undefined {
  try {
    return decodeEntities(raw);
  } catch {
    return undefined;
  }
}

/** Renders a document. Sections and items are written in array order with sortOrder = their index. */
export function renderDefinitionDocument(doc: DefinitionDocument): string {
  const t = doc.trivia;
  let out = t ? t.head : CANONICAL.head;
  doc.sections.forEach((section, sectionIndex) => {
    const st = section.trivia;
    out += st ? st.lead : CANONICAL.sectionLead;
    out += renderStartTag(
      "section",
      { sortOrder: String(sectionIndex), name: section.name, label: section.label },
      st?.tag,
    );
    if (st?.tag.selfClosing && section.items.length === 0) {
      out += "/>";
      return;
    }
    out += ">";
    section.items.forEach((item, itemIndex) => {
      const it = item.trivia;
      out += it ? it.lead : CANONICAL.itemLead;
      out += renderStartTag(
        "item",
        { sortOrder: String(itemIndex), name: item.name, label: item.label },
        it?.tag,
      );
      if (it?.tag.selfClosing && item.value === "") {
        out += "/>";
        return;
      }
      const keepRaw = it && !it.tag.selfClosing && safeDecode(it.rawText) === item.value;
      out += `>${keepRaw ? it.rawText : escapeText(item.value)}</item>`;
    });
    out += st && !st.tag.selfClosing ? st.closeLead : CANONICAL.sectionCloseLead;
    out += "</section>";
  });
  out += t ? t.closeLead : CANONICAL.rootCloseLead;
  out += "</callCenter>";
  out += t ? t.tail : CANONICAL.tail;
  return out;
}
