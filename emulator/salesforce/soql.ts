// The subset of SOQL the emulated org answers: SELECT fields FROM User | CallCenter, with WHERE conditions
// (=, !=, IN) joined by AND, ORDER BY and LIMIT. Text comparisons are case-insensitive, as in Salesforce.
// Anything else is refused with Salesforce's error codes (MALFORMED_QUERY, INVALID_TYPE, INVALID_FIELD).

export class SoqlError extends Error {
  constructor(
    readonly errorCode: "MALFORMED_QUERY" | "INVALID_TYPE" | "INVALID_FIELD",
    message: string,
  ) {
    super(message);
  }
}

type Literal = string | number | boolean | null;

interface Condition {
  field: string;
  op: "=" | "!=" | "IN";
  values: Literal[];
}

export interface SoqlQuery {
  fields: string[];
  object: string;
  where: Condition[];
  orderBy?: { field: string; descending: boolean };
  limit?: number;
}

type Token = { kind: "word" | "string" | "number" | "symbol"; text: string; value?: Literal };

function tokenize(soql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < soql.length) {
    const c = soql[i];
    if (/\s/.test(c)) {
      i++;
    } else if (c === "'") {
      let value = "";
      i++;
      for (;;) {
        if (i >= soql.length) throw new SoqlError("MALFORMED_QUERY", "unterminated string literal");
        const ch = soql[i];
        if (ch === "\\") {
          value += soql[i + 1] ?? "";
          i += 2;
        } else if (ch === "'") {
          i++;
          break;
        } else {
          value += ch;
          i++;
        }
      }
      tokens.push({ kind: "string", text: `'${value}'`, value });
    } else if (/[0-9]/.test(c)) {
      const m = /^[0-9]+(\.[0-9]+)?/.exec(soql.slice(i))![0];
      tokens.push({ kind: "number", text: m, value: Number(m) });
      i += m.length;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(soql.slice(i))![0];
      tokens.push({ kind: "word", text: m });
      i += m.length;
    } else if (soql.startsWith("!=", i)) {
      tokens.push({ kind: "symbol", text: "!=" });
      i += 2;
    } else if ("=,()".includes(c)) {
      tokens.push({ kind: "symbol", text: c });
      i++;
    } else {
      throw new SoqlError("MALFORMED_QUERY", `unexpected token: '${c}'`);
    }
  }
  return tokens;
}

export function parseSoql(soql: string): SoqlQuery {
  const tokens = tokenize(soql);
  let pos = 0;
  const peek = () => tokens[pos];
  const next = (): Token => {
    const t = tokens[pos++];
    if (!t) throw new SoqlError("MALFORMED_QUERY", "unexpected end of query");
    return t;
  };
  const keyword = (k: string): boolean => {
    const t = peek();
    if (t?.kind === "word" && t.text.toUpperCase() === k) {
      pos++;
      return true;
    }
    return false;
  };
  const expectKeyword = (k: string) => {
    if (!keyword(k))
      throw new SoqlError("MALFORMED_QUERY", `unexpected token: '${peek()?.text ?? "<end>"}', expected ${k}`);
  };
  const word = (): string => {
    const t = next();
    if (t.kind !== "word") throw new SoqlError("MALFORMED_QUERY", `unexpected token: '${t.text}'`);
    return t.text;
  };
  const literal = (): Literal => {
    const t = next();
    if (t.kind === "string" || t.kind === "number") return t.value!;
    if (t.kind === "word" && /^(null|true|false)$/i.test(t.text)) {
      const w = t.text.toLowerCase();
      return w === "null" ? null : w === "true";
    }
    throw new SoqlError("MALFORMED_QUERY", `unexpected token: '${t.text}'`);
  };

  expectKeyword("SELECT");
  const fields = [word()];
  while (peek()?.text === ",") {
    pos++;
    fields.push(word());
  }
  expectKeyword("FROM");
  const object = word();
  const where: Condition[] = [];
  if (keyword("WHERE")) {
    do {
      const field = word();
      const op = next();
      if (op.text === "=" || op.text === "!=") {
        where.push({ field, op: op.text, values: [literal()] });
      } else if (op.kind === "word" && op.text.toUpperCase() === "IN") {
        if (next().text !== "(") throw new SoqlError("MALFORMED_QUERY", "expected ( after IN");
        const values = [literal()];
        while (peek()?.text === ",") {
          pos++;
          values.push(literal());
        }
        if (next().text !== ")") throw new SoqlError("MALFORMED_QUERY", "expected ) closing IN");
        where.push({ field, op: "IN", values });
      } else {
        throw new SoqlError("MALFORMED_QUERY", `unexpected token: '${op.text}'`);
      }
    } while (keyword("AND"));
  }
  let orderBy: SoqlQuery["orderBy"];
  if (keyword("ORDER")) {
    expectKeyword("BY");
    const field = word();
    const descending = keyword("DESC");
    if (!descending) keyword("ASC");
    orderBy = { field, descending };
  }
  let limit: number | undefined;
  if (keyword("LIMIT")) {
    const v = literal();
    if (typeof v !== "number") throw new SoqlError("MALFORMED_QUERY", "LIMIT needs a number");
    limit = v;
  }
  if (pos < tokens.length) throw new SoqlError("MALFORMED_QUERY", `unexpected token: '${tokens[pos].text}'`);
  return { fields, object, where, orderBy, limit };
}

function same(a: unknown, b: Literal): boolean {
  if (a === null || a === undefined) return b === null;
  if (b === null) return false;
  if (typeof a === "string" && typeof b === "string") return a.toLowerCase() === b.toLowerCase();
  return a === b;
}

/** Runs a query over rows whose keys are the object's field names (in their canonical case). */
export function runSoql(
  q: SoqlQuery,
  objects: Record<string, { fields: string[]; rows: Record<string, unknown>[] }>,
  idEquals: (a: unknown, b: Literal) => boolean = same,
): Record<string, unknown>[] {
  const objectName = Object.keys(objects).find((o) => o.toLowerCase() === q.object.toLowerCase());
  if (!objectName) {
    throw new SoqlError(
      "INVALID_TYPE",
      `sObject type '${q.object}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.`,
    );
  }
  const { fields, rows } = objects[objectName];
  const canonical = (f: string): string => {
    const found = fields.find((x) => x.toLowerCase() === f.toLowerCase());
    if (!found) {
      throw new SoqlError(
        "INVALID_FIELD",
        `No such column '${f}' on entity '${objectName}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.`,
      );
    }
    return found;
  };
  const selected = q.fields.map(canonical);
  const conditions = q.where.map((c) => ({ ...c, field: canonical(c.field) }));
  const compare = (field: string) => (field === "Id" || field.endsWith("Id") ? idEquals : same);
  let result = rows.filter((row) =>
    conditions.every((c) => {
      const eq = compare(c.field);
      const hit = c.values.some((v) => eq(row[c.field], v));
      return c.op === "!=" ? !hit : hit;
    }),
  );
  if (q.orderBy) {
    const f = canonical(q.orderBy.field);
    const sign = q.orderBy.descending ? -1 : 1;
    result = [...result].sort((a, b) => sign * String(a[f] ?? "").localeCompare(String(b[f] ?? "")));
  }
  if (q.limit !== undefined) result = result.slice(0, q.limit);
  return result.map((row) => {
    const out: Record<string, unknown> = { attributes: { type: objectName, url: row.__url } };
    for (const f of selected) out[f] = row[f] ?? null;
    return out;
  });
}
