// The property maps of the provider calls (google.protobuf.Struct fields) in their binary form, written and
// read here rather than by google-protobuf. Its encoder pushes every byte of every string into a JavaScript
// array, and its decoder builds every string from an array of char codes: for requests that carry private
// keys and key files, that was most of the harness's allocation per resource operation, and the garbage
// collection it caused. The request's other fields are still written by the generated message class: a
// protobuf message may list its fields in any order, so the Struct fields are appended after them. A
// response is cut the same way: its Struct fields are read here, the rest is given to the generated class.
//
// What a property map becomes follows google-protobuf's Struct.fromJavaScript and toJavaScript exactly:
// null, numbers, strings, booleans, arrays and objects; anything else is refused with the same message;
// decoded objects have their keys in sorted order, as its map iteration gives them.

type Json = null | number | string | boolean | Json[] | { [key: string]: Json };

const WIRE_VARINT = 0;
const WIRE_FIXED64 = 1;
const WIRE_BYTES = 2;
const WIRE_FIXED32 = 5;

// Tags: (field number << 3) | wire type.
const TAG_ENTRY = 0x0a; // Struct.fields (map entry) and ListValue.values: field 1, bytes
const TAG_ENTRY_KEY = 0x0a; // FieldsEntry.key: field 1, bytes
const TAG_ENTRY_VALUE = 0x12; // FieldsEntry.value: field 2, bytes
const TAG_NULL = 0x08; // Value.null_value: field 1, varint
const TAG_NUMBER = 0x11; // Value.number_value: field 2, fixed64
const TAG_STRING = 0x1a; // Value.string_value: field 3, bytes
const TAG_BOOL = 0x20; // Value.bool_value: field 4, varint
const TAG_STRUCT = 0x2a; // Value.struct_value: field 5, bytes
const TAG_LIST = 0x32; // Value.list_value: field 6, bytes

function unexpected(): never {
  throw new Error("Unexpected struct type.");
}

function varintSize(n: number): number {
  let size = 1;
  while (n >= 0x80) {
    n = Math.floor(n / 128);
    size++;
  }
  return size;
}

/** Bytes of a length-delimited body of `n` bytes, with its tag and length. */
function delimited(n: number): number {
  return 1 + varintSize(n) + n;
}

/** Bytes of a scalar Value message (null, number, string, boolean). */
function scalarSize(v: unknown): number {
  switch (typeof v) {
    case "string":
      return delimited(Buffer.byteLength(v));
    case "number":
      return 9;
    case "boolean":
      return 2;
    case "object":
      if (v === null) return 2;
      return unexpected();
    default:
      return unexpected();
  }
}

function isContainer(v: unknown): v is object {
  return typeof v === "object" && v !== null;
}

/**
 * Sizes every nested struct and list once, before anything is written: each container's body size is
 * pushed in the order the writer meets the containers (pre-order), so writing a deep value does not size
 * its inner values again at every level. Returns the size of the Value message `v`.
 */
function measureValue(v: unknown, sizes: number[]): number {
  if (!isContainer(v)) return scalarSize(v);
  const slot = sizes.push(0) - 1;
  const body = Array.isArray(v) ? measureList(v, sizes) : measureFields(v as Record<string, unknown>, sizes);
  sizes[slot] = body;
  return delimited(body);
}

/** The size of a Struct's body (its map entries). */
function measureFields(obj: Record<string, unknown>, sizes: number[]): number {
  let size = 0;
  for (const key in obj)
    size += delimited(delimited(Buffer.byteLength(key)) + delimited(measureValue(obj[key], sizes)));
  return size;
}

function measureList(list: unknown[], sizes: number[]): number {
  let size = 0;
  for (const v of list) size += delimited(measureValue(v, sizes));
  return size;
}

class Writer {
  pos = 0;
  /** The next container's body size in `sizes`. */
  private next = 0;

  constructor(
    readonly buf: Buffer,
    private readonly sizes: readonly number[],
  ) {}

  byte(b: number): void {
    this.buf[this.pos++] = b;
  }

  varint(n: number): void {
    while (n >= 0x80) {
      this.buf[this.pos++] = (n % 128) | 0x80;
      n = Math.floor(n / 128);
    }
    this.buf[this.pos++] = n;
  }

  string(tag: number, s: string): void {
    this.byte(tag);
    this.varint(Buffer.byteLength(s));
    this.pos += this.buf.write(s, this.pos, "utf8");
  }

  /** The size of the Value message `v`, which is written next. */
  private sizeOfNext(v: unknown): number {
    return isContainer(v) ? delimited(this.sizes[this.next]!) : scalarSize(v);
  }

  value(v: unknown): void {
    switch (typeof v) {
      case "string":
        return this.string(TAG_STRING, v);
      case "number":
        this.byte(TAG_NUMBER);
        this.pos = this.buf.writeDoubleLE(v, this.pos);
        return;
      case "boolean":
        this.byte(TAG_BOOL);
        this.byte(v ? 1 : 0);
        return;
      case "object":
        if (v === null) {
          this.byte(TAG_NULL);
          this.byte(0);
        } else if (Array.isArray(v)) {
          this.byte(TAG_LIST);
          this.varint(this.sizes[this.next++]!);
          for (const e of v) {
            this.byte(TAG_ENTRY);
            this.varint(this.sizeOfNext(e));
            this.value(e);
          }
        } else {
          this.byte(TAG_STRUCT);
          this.varint(this.sizes[this.next++]!);
          this.fields(v as Record<string, unknown>);
        }
        return;
      default:
        unexpected();
    }
  }

  fields(obj: Record<string, unknown>): void {
    for (const key in obj) {
      const v = obj[key];
      const keyBytes = Buffer.byteLength(key);
      const valueBytes = this.sizeOfNext(v);
      this.byte(TAG_ENTRY);
      this.varint(delimited(keyBytes) + delimited(valueBytes));
      this.string(TAG_ENTRY_KEY, key);
      this.byte(TAG_ENTRY_VALUE);
      this.varint(valueBytes);
      this.value(v);
    }
  }
}

/** A Struct-typed field of a message: its number and its property map (absent fields are left out). */
export type StructField = [field: number, value: Record<string, unknown> | undefined];

/**
 * A request's bytes: the generated message (every field but the Struct ones) followed by the Struct
 * fields, each as `field: Struct`.
 */
export function requestBytes(scalars: Uint8Array, structs: readonly StructField[]): Buffer {
  const present = structs.filter((s): s is [number, Record<string, unknown>] => s[1] !== undefined);
  const nested: number[] = [];
  const sizes = present.map(([, obj]) => measureFields(obj, nested));
  let total = scalars.length;
  present.forEach(([field], i) => (total += varintSize(field << 3) + varintSize(sizes[i]!) + sizes[i]!));
  const w = new Writer(Buffer.allocUnsafe(total), nested);
  w.buf.set(scalars, 0);
  w.pos = scalars.length;
  present.forEach(([field, obj], i) => {
    w.varint((field << 3) | WIRE_BYTES);
    w.varint(sizes[i]!);
    w.fields(obj);
  });
  if (w.pos !== total) throw new Error(`struct-wire: wrote ${w.pos} bytes of ${total}`);
  return w.buf;
}

class Reader {
  constructor(
    readonly buf: Buffer,
    public pos: number,
    readonly end: number,
  ) {}

  varint(): number {
    let result = 0;
    let scale = 1;
    for (;;) {
      if (this.pos >= this.end) throw new Error("struct-wire: truncated varint");
      const b = this.buf[this.pos++]!;
      result += (b & 0x7f) * scale;
      if (b < 0x80) return result;
      scale *= 128;
    }
  }

  /** The end of the length-delimited body that starts here (after reading its length). */
  bodyEnd(): number {
    const length = this.varint();
    const end = this.pos + length;
    if (end > this.end) throw new Error("struct-wire: truncated field");
    return end;
  }

  skip(wireType: number): void {
    switch (wireType) {
      case WIRE_VARINT:
        this.varint();
        return;
      case WIRE_FIXED64:
        this.pos += 8;
        return;
      case WIRE_BYTES:
        this.pos = this.bodyEnd();
        return;
      case WIRE_FIXED32:
        this.pos += 4;
        return;
      default:
        throw new Error(`struct-wire: unsupported wire type ${wireType}`);
    }
  }

  string(): string {
    const end = this.bodyEnd();
    const s = this.buf.toString("utf8", this.pos, end);
    this.pos = end;
    return s;
  }

  struct(end: number, into: Record<string, Json> = {}): Record<string, Json> {
    const entries = new Map<string, Json>();
    for (const key of Object.keys(into)) entries.set(key, into[key]!);
    while (this.pos < end) {
      const tag = this.varint();
      if (tag !== TAG_ENTRY) {
        this.skip(tag & 7);
        continue;
      }
      const entryEnd = this.bodyEnd();
      let key = "";
      let value: Json | undefined;
      while (this.pos < entryEnd) {
        const t = this.varint();
        if (t === TAG_ENTRY_KEY) key = this.string();
        else if (t === TAG_ENTRY_VALUE) value = this.value(this.bodyEnd());
        else this.skip(t & 7);
      }
      // A map entry without a value is a Value with no kind, which toJavaScript refuses.
      entries.set(key, value === undefined ? unexpected() : value);
    }
    const out: Record<string, Json> = {};
    for (const key of [...entries.keys()].sort()) out[key] = entries.get(key)!;
    return out;
  }

  value(end: number): Json {
    let result: Json | undefined;
    while (this.pos < end) {
      const tag = this.varint();
      switch (tag) {
        case TAG_NULL:
          this.varint();
          result = null;
          break;
        case TAG_NUMBER:
          result = this.buf.readDoubleLE(this.pos);
          this.pos += 8;
          break;
        case TAG_STRING:
          result = this.string();
          break;
        case TAG_BOOL:
          result = this.varint() !== 0;
          break;
        case TAG_STRUCT:
          result = this.struct(this.bodyEnd());
          break;
        case TAG_LIST: {
          const listEnd = this.bodyEnd();
          const list: Json[] = [];
          while (this.pos < listEnd) {
            const t = this.varint();
            if (t === TAG_ENTRY) list.push(this.value(this.bodyEnd()));
            else this.skip(t & 7);
          }
          result = list;
          break;
        }
        default:
          this.skip(tag & 7);
      }
    }
    return result === undefined ? unexpected() : result;
  }
}

/** A response cut in two: its Struct fields decoded, and the bytes of every other field. */
export interface SplitResponse {
  structs: Map<number, Record<string, Json>>;
  rest: Buffer;
}

export function splitResponse(buf: Buffer, structFields: readonly number[]): SplitResponse {
  const reader = new Reader(buf, 0, buf.length);
  const structs = new Map<number, Record<string, Json>>();
  const rest: Buffer[] = [];
  while (reader.pos < buf.length) {
    const start = reader.pos;
    const tag = reader.varint();
    const field = Math.floor(tag / 8);
    if (tag % 8 === WIRE_BYTES && structFields.includes(field)) {
      // A message field given twice is merged, as protobuf parsers do.
      structs.set(field, reader.struct(reader.bodyEnd(), structs.get(field)));
    } else {
      reader.skip(tag % 8);
      rest.push(buf.subarray(start, reader.pos));
    }
  }
  return { structs, rest: rest.length === 1 ? rest[0]! : Buffer.concat(rest) };
}

/** One Struct on its own (a whole google.protobuf.Struct message). */
export function encodeStruct(obj: Record<string, unknown>): Buffer {
  const nested: number[] = [];
  const w = new Writer(Buffer.allocUnsafe(measureFields(obj, nested)), nested);
  w.fields(obj);
  return w.buf;
}

export function decodeStruct(buf: Buffer): Record<string, Json> {
  return new Reader(buf, 0, buf.length).struct(buf.length);
}
