// CBOR (RFC 8949), the body format of CBOR protocols (Smithy RPC v2 CBOR): values ⇄ bytes.
// Hand-written because a generated package has no runtime dependencies and must run in any JS
// runtime (browsers, Node, Deno, workers): globals only (TextEncoder, TextDecoder, DataView, BigInt).
// The decoder reads untrusted bytes: every failure is a CborDecodeError with the byte offset,
// never the payload (it may be secret), and no declared length is trusted before it is checked.

/** What the codec reads and writes. Closed: anything else is an error when encoding. */
export type CborValue =
  | number
  | bigint
  | string
  | boolean
  | null
  | undefined
  | Uint8Array
  | CborValue[]
  | { [key: string]: CborValue }
  | CborTag
  | CborFloat
  | Date;

/**
 * A number the encoder writes as a float even when it is whole: Smithy RPC v2 CBOR sends `float`
 * and `double` members as major type 7 (1.0 as f9 3c00, never the integer 1). Decoding never
 * makes one.
 */
export class CborFloat {
  constructor(readonly value: number) {}
}

/** A tagged item (RFC 8949 §3.4) for tags the codec does not map itself (it maps 1, 2 and 3). */
export class CborTag {
  constructor(
    readonly tag: number | bigint,
    readonly value: CborValue,
  ) {}
}

/** Malformed or unsupported CBOR at `offset`. The message never quotes decoded content. */
export class CborDecodeError extends TypeError {
  override name = "CborDecodeError";
  constructor(
    problem: string,
    readonly offset: number,
  ) {
    super(`${problem} (at byte ${offset})`);
    Object.setPrototypeOf(this, new.target.prototype);
  }
}

export interface CborDecodeOptions {
  /** How many arrays, maps and tags may enclose one another. Default 128. */
  maxDepth?: number;
}

const MAJOR_UNSIGNED = 0;
const MAJOR_NEGATIVE = 1;
const MAJOR_BYTES = 2;
const MAJOR_TEXT = 3;
const MAJOR_ARRAY = 4;
const MAJOR_MAP = 5;
const MAJOR_TAG = 6;
const INDEFINITE = 31;
const BREAK = 0xff;
const TAG_EPOCH = 1;
const TAG_BIGNUM = 2;
const TAG_NEGATIVE_BIGNUM = 3;
const MAX_UINT64 = (1n << 64n) - 1n;
const MAX_DATE_MS = 8.64e15; // ECMA-262 §21.4.1.1: the time value range
const DEFAULT_MAX_DEPTH = 128;
const LONG_TEXT = 0x10000; // code units

const utf8Encoder = new TextEncoder();
// fatal: invalid UTF-8 is an error, not U+FFFD. ignoreBOM: a leading U+FEFF is content, keep it.
const utf8Decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));

// ---- encoding ----

/**
 * Encodes `value` with definite lengths and the shortest argument and float forms (RFC 8949
 * §4.1 preferred serialization). Object entries whose value is `undefined` are left out.
 * Throws a TypeError for values outside CborValue (class instances, functions, cycles, …).
 */
export function encodeCbor(value: CborValue): Uint8Array {
  const out = new Writer(256);
  writeValue(out, value, new Set());
  return out.bytes.length === out.length ? out.bytes : out.bytes.slice(0, out.length);
}

/** A byte buffer that doubles when full, so encoding is linear in the output size. */
class Writer {
  bytes: Uint8Array;
  view: DataView;
  length = 0;
  constructor(capacity: number) {
    this.bytes = new Uint8Array(capacity);
    this.view = new DataView(this.bytes.buffer);
  }
  reserve(count: number): void {
    const needed = this.length + count;
    if (needed <= this.bytes.length) return;
    const next = new Uint8Array(Math.max(needed, this.bytes.length * 2));
    next.set(this.bytes.subarray(0, this.length));
    this.bytes = next;
    this.view = new DataView(next.buffer);
  }
  byte(b: number): void {
    this.reserve(1);
    this.bytes[this.length++] = b;
  }
  /** An initial byte plus its argument `n` (a non-negative safe integer) in the fewest bytes. */
  head(major: number, n: number): void {
    this.reserve(9);
    const at = this.length;
    const m = major << 5;
    if (n < 24) {
      this.bytes[at] = m | n;
      this.length += 1;
    } else if (n < 0x100) {
      this.bytes[at] = m | 24;
      this.bytes[at + 1] = n;
      this.length += 2;
    } else if (n < 0x10000) {
      this.bytes[at] = m | 25;
      this.view.setUint16(at + 1, n);
      this.length += 3;
    } else if (n < 0x100000000) {
      this.bytes[at] = m | 26;
      this.view.setUint32(at + 1, n);
      this.length += 5;
    } else {
      this.bytes[at] = m | 27;
      this.view.setUint32(at + 1, Math.floor(n / 0x100000000));
      this.view.setUint32(at + 5, n >>> 0);
      this.length += 9;
    }
  }
  bigHead(major: number, n: bigint): void {
    if (n <= BigInt(Number.MAX_SAFE_INTEGER)) return this.head(major, Number(n));
    this.reserve(9);
    this.bytes[this.length] = (major << 5) | 27;
    this.view.setBigUint64(this.length + 1, n);
    this.length += 9;
  }
}

const headSize = (n: number): number => (n < 24 ? 1 : n < 0x100 ? 2 : n < 0x10000 ? 3 : n < 0x100000000 ? 5 : 9);

// `open` holds the arrays and objects being written, to refuse cycles instead of overflowing.
function writeValue(out: Writer, value: CborValue, open: Set<object>): void {
  switch (typeof value) {
    case "number":
      return writeNumber(out, value);
    case "string":
      return writeText(out, value);
    case "boolean":
      return out.byte(value ? 0xf5 : 0xf4);
    case "undefined":
      return out.byte(0xf7);
    case "bigint":
      return writeBigInt(out, value);
  }
  if (value === null) return out.byte(0xf6);
  if (value instanceof Uint8Array) {
    out.head(MAJOR_BYTES, value.length);
    out.reserve(value.length);
    out.bytes.set(value, out.length);
    out.length += value.length;
    return;
  }
  if (value instanceof Date) {
    const ms = value.getTime();
    if (Number.isNaN(ms)) throw new TypeError("cannot encode an invalid Date as CBOR");
    out.head(MAJOR_TAG, TAG_EPOCH);
    return writeNumber(out, ms / 1000); // whole seconds come out as an integer
  }
  if (value instanceof CborFloat) return writeNumber(out, value.value, true);
  if (value instanceof CborTag) {
    writeTagHead(out, value.tag);
    return writeNested(out, value, value.value, open);
  }
  if (Array.isArray(value)) {
    enter(open, value);
    out.head(MAJOR_ARRAY, value.length);
    for (const item of value) writeValue(out, item, open);
    open.delete(value);
    return;
  }
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) {
    // "[object Map]" → "Map": says what was passed without showing it.
    const kind = Object.prototype.toString.call(value).slice(8, -1);
    throw new TypeError(`cannot encode a ${kind} as CBOR (plain objects, arrays, Uint8Array, Date and CborTag only)`);
  }
  enter(open, value);
  const keys = Object.keys(value);
  let count = 0;
  for (const key of keys) if (value[key] !== undefined) count++;
  out.head(MAJOR_MAP, count);
  for (const key of keys) {
    const item = value[key];
    if (item === undefined) continue;
    writeText(out, key);
    writeValue(out, item, open);
  }
  open.delete(value);
}

function writeNested(out: Writer, holder: object, value: CborValue, open: Set<object>): void {
  enter(open, holder);
  writeValue(out, value, open);
  open.delete(holder);
}

function enter(open: Set<object>, container: object): void {
  if (open.has(container)) throw new TypeError("cannot encode a cyclic structure as CBOR");
  open.add(container);
}

function writeTagHead(out: Writer, tag: number | bigint): void {
  if (typeof tag === "number" ? Number.isSafeInteger(tag) && tag >= 0 : tag >= 0n && tag <= MAX_UINT64) {
    return out.bigHead(MAJOR_TAG, BigInt(tag));
  }
  throw new RangeError("a CborTag's tag must be an integer from 0 to 2^64-1");
}

function writeNumber(out: Writer, n: number, asFloat = false): void {
  if (!asFloat && Number.isSafeInteger(n) && !Object.is(n, -0)) {
    return n >= 0 ? out.head(MAJOR_UNSIGNED, n) : out.head(MAJOR_NEGATIVE, -1 - n);
  }
  out.reserve(9);
  const at = out.length;
  if (Number.isNaN(n)) {
    out.bytes[at] = 0xf9; // every NaN as the canonical quiet NaN, as RFC 8949 §4.2.2 suggests
    out.view.setUint16(at + 1, 0x7e00);
    out.length += 3;
    return;
  }
  if (Math.fround(n) !== n) {
    out.bytes[at] = 0xfb;
    out.view.setFloat64(at + 1, n);
    out.length += 9;
    return;
  }
  out.bytes[at] = 0xfa;
  out.view.setFloat32(at + 1, n);
  const half = exactHalf(n, out.view.getUint32(at + 1));
  if (half === -1) {
    out.length += 5;
  } else {
    out.bytes[at] = 0xf9;
    out.view.setUint16(at + 1, half);
    out.length += 3;
  }
}

/** The binary16 bits of `n` (given its binary32 bits) if it is exactly a binary16, else -1. */
function exactHalf(n: number, bits32: number): number {
  const sign = (bits32 >>> 16) & 0x8000;
  const exponent = ((bits32 >>> 23) & 0xff) - 127;
  const mantissa = bits32 & 0x7fffff;
  if (exponent === 128) return mantissa === 0 ? sign | 0x7c00 : -1; // ±Infinity (NaN is handled before)
  if (exponent >= -14 && exponent <= 15) {
    return (mantissa & 0x1fff) === 0 ? sign | ((exponent + 15) << 10) | (mantissa >>> 13) : -1;
  }
  // Below 2^-14 only binary16 subnormals remain: multiples of 2^-24 (zero included).
  const units = Math.abs(n) * 2 ** 24;
  return exponent < -14 && Number.isInteger(units) ? sign | units : -1;
}

function writeBigInt(out: Writer, n: bigint): void {
  const negative = n < 0n;
  const magnitude = negative ? -1n - n : n; // RFC 8949 §3.1: major type 1 carries -1 - n
  if (magnitude <= MAX_UINT64) return out.bigHead(negative ? MAJOR_NEGATIVE : MAJOR_UNSIGNED, magnitude);
  out.head(MAJOR_TAG, negative ? TAG_NEGATIVE_BIGNUM : TAG_BIGNUM);
  let hex = magnitude.toString(16);
  if (hex.length % 2 === 1) hex = "0" + hex;
  const count = hex.length / 2;
  out.head(MAJOR_BYTES, count);
  out.reserve(count);
  for (let i = 0; i < count; i++) out.bytes[out.length + i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  out.length += count;
}

function writeText(out: Writer, text: string): void {
  const units = text.length;
  if (units > LONG_TEXT) {
    // Long text is encoded to its exact size, rather than reserving 3 bytes for every code unit.
    const bytes = utf8Encoder.encode(text);
    out.head(MAJOR_TEXT, bytes.length);
    out.reserve(bytes.length);
    out.bytes.set(bytes, out.length);
    out.length += bytes.length;
    return;
  }
  out.reserve(9 + units * 3); // a UTF-16 code unit takes at most 3 bytes of UTF-8
  // Short ASCII (most keys) is copied by hand: encodeInto's per-call cost dominates there.
  if (units <= 64) {
    const body = out.length + headSize(units);
    let i = 0;
    for (; i < units; i++) {
      const c = text.charCodeAt(i);
      if (c >= 0x80) break;
      out.bytes[body + i] = c;
    }
    if (i === units) {
      out.head(MAJOR_TEXT, units);
      out.length += units;
      return;
    }
  }
  // Encode after room for the longest possible head, then move the bytes if the head is shorter.
  const guess = headSize(units * 3);
  const body = out.length + guess;
  const { written } = utf8Encoder.encodeInto(text, out.bytes.subarray(body));
  const size = headSize(written);
  if (size !== guess) out.bytes.copyWithin(out.length + size, body, body + written);
  out.head(MAJOR_TEXT, written);
  out.length += written;
}

// ---- decoding ----

// Open containers live on an explicit stack, not the call stack: deep input cannot overflow it.
type Frame =
  | { readonly kind: "array"; readonly items: CborValue[]; left: number } // left -1: indefinite
  | { readonly kind: "map"; readonly entries: { [key: string]: CborValue }; left: number; key: string | undefined }
  | { readonly kind: "tag"; readonly tag: number | bigint; readonly start: number };

const OPENED = Symbol("opened a container");

/**
 * Decodes exactly one CBOR data item filling all of `bytes`. Integers come back as numbers
 * when safe, else bigints; tag 1 as a Date; tags 2 and 3 as bigints; other tags as CborTag.
 * Throws CborDecodeError for anything malformed, unsupported or nested deeper than `maxDepth`.
 */
export function decodeCbor(bytes: Uint8Array, options: CborDecodeOptions = {}): CborValue {
  const maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;
  if (!(maxDepth >= 0)) throw new RangeError("maxDepth must be a non-negative number");
  const input = new Reader(bytes);
  const stack: Frame[] = [];
  for (;;) {
    const top = stack[stack.length - 1];
    const start = input.pos;
    const initial = input.u8();
    let value: CborValue;
    if (initial === BREAK) {
      if (top === undefined || top.kind === "tag" || top.left !== -1 || (top.kind === "map" && top.key !== undefined)) {
        throw new CborDecodeError("break outside an indefinite-length array or map", start);
      }
      stack.pop();
      value = top.kind === "array" ? top.items : top.entries;
    } else {
      if (top?.kind === "map" && top.key === undefined && initial >> 5 !== MAJOR_TEXT) {
        throw new CborDecodeError("map key is not a text string", start);
      }
      const item = readItem(input, initial, start, stack, maxDepth);
      if (item === OPENED) continue;
      value = item;
    }
    // Hand the finished value to its container; a container it fills is finished in turn.
    for (;;) {
      const parent = stack[stack.length - 1];
      if (parent === undefined) {
        if (input.pos !== bytes.length) throw new CborDecodeError("unexpected bytes after the data item", input.pos);
        return value;
      }
      if (parent.kind === "tag") {
        stack.pop();
        value = tagged(parent.tag, value, parent.start);
        continue;
      }
      if (parent.kind === "map") {
        if (parent.key === undefined) {
          if (typeof value !== "string") throw new CborDecodeError("map key is not a text string", start);
          parent.key = value;
          break;
        }
        setEntry(parent.entries, parent.key, value);
        parent.key = undefined;
      } else {
        parent.items.push(value);
      }
      if (parent.left === -1 || --parent.left > 0) break;
      stack.pop();
      value = parent.kind === "array" ? parent.items : parent.entries;
    }
  }
}

class Reader {
  pos = 0;
  private readonly view: DataView;
  readonly bytes: Uint8Array;
  constructor(input: Uint8Array) {
    // A plain view even for a Node Buffer: Buffer#slice does not copy, and results should not be Buffers.
    this.bytes = new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
    this.view = new DataView(input.buffer, input.byteOffset, input.byteLength);
  }
  get left(): number {
    return this.bytes.length - this.pos;
  }
  private need(count: number): number {
    if (count > this.left) throw new CborDecodeError("unexpected end of input", this.bytes.length);
    const at = this.pos;
    this.pos += count;
    return at;
  }
  u8(): number {
    return this.bytes[this.need(1)]!;
  }
  u16(): number {
    return this.view.getUint16(this.need(2));
  }
  u32(): number {
    return this.view.getUint32(this.need(4));
  }
  float16(): number {
    return fromHalf(this.u16());
  }
  float32(): number {
    return this.view.getFloat32(this.need(4));
  }
  float64(): number {
    return this.view.getFloat64(this.need(8));
  }
  /** The head's argument: a number when it is a safe integer, else a bigint. */
  argument(info: number, start: number): number | bigint {
    if (info < 24) return info;
    if (info === 24) return this.u8();
    if (info === 25) return this.u16();
    if (info === 26) return this.u32();
    if (info === 27) {
      const high = this.u32();
      const low = this.u32();
      return high < 0x200000 ? high * 0x100000000 + low : (BigInt(high) << 32n) | BigInt(low);
    }
    throw new CborDecodeError(info === INDEFINITE ? "indefinite length not allowed here" : "reserved additional information value", start);
  }
  /** A length checked against the bytes left, each element taking at least `unit` bytes. */
  length(info: number, start: number, unit: number, what: string): number {
    const n = this.argument(info, start);
    if (typeof n === "bigint" || n * unit > this.left) throw new CborDecodeError(`${what} length exceeds the remaining input`, start);
    return n;
  }
  take(count: number): Uint8Array {
    const at = this.need(count);
    return this.bytes.subarray(at, at + count);
  }
}

function readItem(input: Reader, initial: number, start: number, stack: Frame[], maxDepth: number): CborValue | typeof OPENED {
  const major = initial >> 5;
  const info = initial & 0x1f;
  switch (major) {
    case MAJOR_UNSIGNED:
      return input.argument(info, start);
    case MAJOR_NEGATIVE: {
      const n = input.argument(info, start);
      return typeof n === "number" && n < Number.MAX_SAFE_INTEGER ? -1 - n : -1n - BigInt(n);
    }
    case MAJOR_BYTES:
      return info === INDEFINITE ? concat(chunks(input, major)) : input.take(input.length(info, start, 1, "byte string")).slice();
    case MAJOR_TEXT:
      return info === INDEFINITE
        ? chunks(input, major).map((chunk) => utf8(chunk, start)).join("")
        : utf8(input.take(input.length(info, start, 1, "text string")), start);
    case MAJOR_ARRAY:
    case MAJOR_MAP: {
      if (stack.length >= maxDepth) throw new CborDecodeError("arrays, maps and tags nested deeper than maxDepth", start);
      const isMap = major === MAJOR_MAP;
      const left = info === INDEFINITE ? -1 : input.length(info, start, isMap ? 2 : 1, isMap ? "map" : "array");
      if (left === 0) return isMap ? {} : [];
      stack.push(isMap ? { kind: "map", entries: {}, left, key: undefined } : { kind: "array", items: [], left });
      return OPENED;
    }
    case MAJOR_TAG: {
      if (stack.length >= maxDepth) throw new CborDecodeError("arrays, maps and tags nested deeper than maxDepth", start);
      stack.push({ kind: "tag", tag: input.argument(info, start), start });
      return OPENED;
    }
  }
  // Major type 7: simple values and floats (RFC 8949 §3.3).
  switch (info) {
    case 20:
      return false;
    case 21:
      return true;
    case 22:
      return null;
    case 23:
      return undefined;
    case 25:
      return input.float16();
    case 26:
      return input.float32();
    case 27:
      return input.float64();
  }
  if (info >= 28 && info <= 30) throw new CborDecodeError("reserved additional information value", start);
  throw new CborDecodeError("unsupported simple value", start);
}

/** The chunks of an indefinite-length string: definite strings of the same major type, then a break. */
function chunks(input: Reader, major: number): Uint8Array[] {
  const parts: Uint8Array[] = [];
  for (;;) {
    const at = input.pos;
    const initial = input.u8();
    if (initial === BREAK) return parts;
    if (initial >> 5 !== major || (initial & 0x1f) === INDEFINITE) {
      throw new CborDecodeError("indefinite-length string chunk is not a definite string of the same type", at);
    }
    parts.push(input.take(input.length(initial & 0x1f, at, 1, "string chunk")));
  }
}

function concat(parts: Uint8Array[]): Uint8Array {
  let size = 0;
  for (const part of parts) size += part.length;
  const out = new Uint8Array(size);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

function utf8(bytes: Uint8Array, start: number): string {
  // Short ASCII (most keys) is read by hand: TextDecoder's per-call cost dominates there.
  if (bytes.length <= 32) {
    let text = "";
    for (const b of bytes) {
      if (b >= 0x80) break;
      text += String.fromCharCode(b);
    }
    if (text.length === bytes.length) return text;
  }
  try {
    return utf8Decoder.decode(bytes);
  } catch (error) {
    // TextDecoder raises a TypeError for bad UTF-8; a RangeError would mean longer than a JS string.
    throw new CborDecodeError(error instanceof RangeError ? "text string too long" : "text string is not valid UTF-8", start);
  }
}

function tagged(tag: number | bigint, value: CborValue, start: number): CborValue {
  if (tag === TAG_EPOCH) {
    if (typeof value !== "number" && typeof value !== "bigint") throw new CborDecodeError("tag 1 content is not a number", start);
    // Round, don't truncate: seconds × 1000 in binary floating point can land just below the millisecond.
    const ms = typeof value === "number" ? Math.round(value * 1000) : NaN;
    if (!(Math.abs(ms) <= MAX_DATE_MS)) throw new CborDecodeError("tag 1 time is outside the Date range", start);
    return new Date(ms);
  }
  if (tag === TAG_BIGNUM || tag === TAG_NEGATIVE_BIGNUM) {
    if (!(value instanceof Uint8Array)) throw new CborDecodeError(`tag ${tag} content is not a byte string`, start);
    let hex = "0x0";
    for (const b of value) hex += HEX[b]!;
    let n: bigint;
    try {
      n = BigInt(hex);
    } catch {
      throw new CborDecodeError("bignum too large", start); // beyond the engine's BigInt size limit
    }
    return tag === TAG_BIGNUM ? n : -1n - n;
  }
  return new CborTag(tag, value);
}

// Keys Object.prototype has ("__proto__", "toString", …) are defined, not assigned: assigning
// "__proto__" would set the prototype, and assigning over a frozen prototype's property throws.
function setEntry(entries: { [key: string]: CborValue }, key: string, value: CborValue): void {
  if (key in Object.prototype) {
    Object.defineProperty(entries, key, { value, writable: true, enumerable: true, configurable: true });
  } else {
    entries[key] = value;
  }
}

function fromHalf(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >> 10) & 0x1f;
  const mantissa = bits & 0x3ff;
  if (exponent === 0) return sign * mantissa * 2 ** -24;
  if (exponent === 31) return mantissa === 0 ? sign * Infinity : NaN;
  return sign * (1024 + mantissa) * 2 ** (exponent - 25);
}
