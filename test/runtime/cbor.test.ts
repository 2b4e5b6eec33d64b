import cbor from "cbor";
import { describe, expect, it } from "vitest";
import { CborDecodeError, CborTag, decodeCbor, encodeCbor, type CborValue } from "../../templates/runtime/protocols/cbor.js";

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString("hex");
const unhex = (text: string): Uint8Array => new Uint8Array(Buffer.from(text.replace(/\s/g, ""), "hex"));

/** The error decoding `bytes` raises (the test fails if it decodes). */
function decodeError(bytes: Uint8Array, options?: { maxDepth?: number }): unknown {
  try {
    decodeCbor(bytes, options);
  } catch (error) {
    return error;
  }
  throw new Error(`expected ${hex(bytes.subarray(0, 40))}… to fail`);
}

function expectDecodeError(bytes: Uint8Array, offset?: number): CborDecodeError {
  const error = decodeError(bytes);
  expect(error).toBeInstanceOf(CborDecodeError);
  const decodeErr = error as CborDecodeError;
  if (offset !== undefined) expect(decodeErr.offset).toBe(offset);
  return decodeErr;
}

/** Deterministic PRNG (mulberry32): the same seed gives the same cases on every run. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// ---- RFC 8949 Appendix A ----

// [diagnostic notation, encoding, decoded value, whether encodeCbor(value) gives this encoding].
// Encoding differs where JS has one number type: 1.0 is the integer 1 to us, so it encodes as 01.
// Appendix A items outside our value model are tested as errors below ({1: 2}, simple(16), …).
const appendixA: [string, string, CborValue, boolean][] = [
  ["0", "00", 0, true],
  ["1", "01", 1, true],
  ["10", "0a", 10, true],
  ["23", "17", 23, true],
  ["24", "1818", 24, true],
  ["25", "1819", 25, true],
  ["100", "1864", 100, true],
  ["1000", "1903e8", 1000, true],
  ["1000000", "1a000f4240", 1000000, true],
  ["1000000000000", "1b000000e8d4a51000", 1000000000000, true],
  ["18446744073709551615", "1bffffffffffffffff", 18446744073709551615n, true],
  ["18446744073709551616", "c249010000000000000000", 18446744073709551616n, true],
  ["-18446744073709551616", "3bffffffffffffffff", -18446744073709551616n, true],
  ["-18446744073709551617", "c349010000000000000000", -18446744073709551617n, true],
  ["-1", "20", -1, true],
  ["-10", "29", -10, true],
  ["-100", "3863", -100, true],
  ["-1000", "3903e7", -1000, true],
  ["0.0", "f90000", 0, false],
  ["-0.0", "f98000", -0, true],
  ["1.0", "f93c00", 1, false],
  ["1.1", "fb3ff199999999999a", 1.1, true],
  ["1.5", "f93e00", 1.5, true],
  ["65504.0", "f97bff", 65504, false],
  ["100000.0", "fa47c35000", 100000, false],
  ["3.4028234663852886e+38", "fa7f7fffff", 3.4028234663852886e38, true],
  ["1.0e+300", "fb7e37e43c8800759c", 1.0e300, true],
  ["5.960464477539063e-8", "f90001", 5.960464477539063e-8, true],
  ["0.00006103515625", "f90400", 0.00006103515625, true],
  ["-4.0", "f9c400", -4, false],
  ["-4.1", "fbc010666666666666", -4.1, true],
  ["Infinity (half)", "f97c00", Infinity, true],
  ["NaN (half)", "f97e00", NaN, true],
  ["-Infinity (half)", "f9fc00", -Infinity, true],
  ["Infinity (single)", "fa7f800000", Infinity, false],
  ["NaN (single)", "fa7fc00000", NaN, false],
  ["-Infinity (single)", "faff800000", -Infinity, false],
  ["Infinity (double)", "fb7ff0000000000000", Infinity, false],
  ["NaN (double)", "fb7ff8000000000000", NaN, false],
  ["-Infinity (double)", "fbfff0000000000000", -Infinity, false],
  ["false", "f4", false, true],
  ["true", "f5", true, true],
  ["null", "f6", null, true],
  ["undefined", "f7", undefined, true],
  ['0("2013-03-21T20:04:00Z")', "c074323031332d30332d32315432303a30343a30305a", new CborTag(0, "2013-03-21T20:04:00Z"), true],
  ["1(1363896240)", "c11a514b67b0", new Date(1363896240000), true],
  ["1(1363896240.5)", "c1fb41d452d9ec200000", new Date(1363896240500), true],
  ["23(h'01020304')", "d74401020304", new CborTag(23, unhex("01020304")), true],
  ["24(h'6449455446')", "d818456449455446", new CborTag(24, unhex("6449455446")), true],
  ['32("http://www.example.com")', "d82076687474703a2f2f7777772e6578616d706c652e636f6d", new CborTag(32, "http://www.example.com"), true],
  ["h''", "40", new Uint8Array(0), true],
  ["h'01020304'", "4401020304", unhex("01020304"), true],
  ['""', "60", "", true],
  ['"a"', "6161", "a", true],
  ['"IETF"', "6449455446", "IETF", true],
  ['"\\"\\\\"', "62225c", '"\\', true],
  ['"\\u00fc"', "62c3bc", "\u00fc", true],
  ['"\\u6c34"', "63e6b0b4", "\u6c34", true],
  ['"\\ud800\\udd51"', "64f0908591", "\ud800\udd51", true],
  ["[]", "80", [], true],
  ["[1, 2, 3]", "83010203", [1, 2, 3], true],
  ["[1, [2, 3], [4, 5]]", "8301820203820405", [1, [2, 3], [4, 5]], true],
  ["[1, …, 25]", "98190102030405060708090a0b0c0d0e0f101112131415161718181819", range(1, 25), true],
  ["{}", "a0", {}, true],
  ['{"a": 1, "b": [2, 3]}', "a26161016162820203", { a: 1, b: [2, 3] }, true],
  ['["a", {"b": "c"}]', "826161a161626163", ["a", { b: "c" }], true],
  ['{"a": "A", …, "e": "E"}', "a56161614161626142616361436164614461656145", { a: "A", b: "B", c: "C", d: "D", e: "E" }, true],
  ["(_ h'0102', h'030405')", "5f42010243030405ff", unhex("0102030405"), false],
  ['(_ "strea", "ming")', "7f657374726561646d696e67ff", "streaming", false],
  ["[_ ]", "9fff", [], false],
  ["[_ 1, [2, 3], [_ 4, 5]]", "9f018202039f0405ffff", [1, [2, 3], [4, 5]], false],
  ["[_ 1, [2, 3], [4, 5]]", "9f01820203820405ff", [1, [2, 3], [4, 5]], false],
  ["[1, [2, 3], [_ 4, 5]]", "83018202039f0405ff", [1, [2, 3], [4, 5]], false],
  ["[1, [_ 2, 3], [4, 5]]", "83019f0203ff820405", [1, [2, 3], [4, 5]], false],
  ["[_ 1, …, 25]", "9f0102030405060708090a0b0c0d0e0f101112131415161718181819ff", range(1, 25), false],
  ['{_ "a": 1, "b": [_ 2, 3]}', "bf61610161629f0203ffff", { a: 1, b: [2, 3] }, false],
  ['["a", {_ "b": "c"}]', "826161bf61626163ff", ["a", { b: "c" }], false],
  ['{_ "Fun": true, "Amt": -2}', "bf6346756ef563416d7421ff", { Fun: true, Amt: -2 }, false],
];

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

describe("RFC 8949 Appendix A", () => {
  it.each(appendixA)("decodes %s", (_, encoded, value) => {
    expect(decodeCbor(unhex(encoded))).toStrictEqual(value);
  });

  it.each(appendixA.filter(([, , , encodes]) => encodes))("encodes %s", (_, encoded, value) => {
    expect(hex(encodeCbor(value))).toBe(encoded);
  });

  it.each([
    ["{1: 2, 3: 4} (integer keys)", "a201020304", 1],
    ["simple(16)", "f0", 0],
    ["simple(255)", "f8ff", 0],
  ])("rejects %s, outside our value model", (_, encoded, offset) => {
    expectDecodeError(unhex(encoded), offset);
  });
});

// ---- encoder specifics ----

describe("encodeCbor", () => {
  it.each<[string, CborValue, string]>([
    ["object entries that are undefined are left out", { a: undefined, b: 1, c: undefined }, "a1616201"],
    ["an undefined array item is simple 23", [undefined, 1], "82f701"],
    ["small bigints use major type 0/1", [1n, -1n, 0n], "830120" + "00"],
    ["2^53 is not a safe integer: a float", 2 ** 53, "fa5a000000"],
    ["the largest safe integer", Number.MAX_SAFE_INTEGER, "1b001fffffffffffff"],
    ["the smallest safe integer", Number.MIN_SAFE_INTEGER, "3b001ffffffffffffe"],
    ["a float32 that is not a float16", Math.fround(0.1), "fa3dcccccd"],
    ["below the float16 subnormals", 2 ** -25, "fa33000000"],
    ["the smallest float64", 5e-324, "fb0000000000000001"],
    ["Date of whole seconds: integer", new Date(0), "c100"],
    ["Date with milliseconds: float", new Date(1500), "c1f93e00"],
    ["Date before 1970", new Date(-1), "c1fbbf50624dd2f1a9fc"],
    ["Date before 1970, whole seconds", new Date(-5000), "c124"],
    ["tag with a bigint number", new CborTag(2n ** 64n - 1n, null), "dbfffffffffffffffff6"],
    ["nested tag", new CborTag(0, new CborTag(1, 0)), "c0c100"],
    ["the same (acyclic) object twice", ((x: CborValue): CborValue => [x, x])({ a: 1 }), "82a16161" + "01a1616101"],
    ["null-prototype object", Object.assign(Object.create(null) as { [key: string]: CborValue }, { a: 1 }), "a1616101"],
  ])("%s", (_, value, encoded) => {
    expect(hex(encodeCbor(value))).toBe(encoded);
  });

  // Header sizes on both sides of each boundary, for each UTF-8 width: the encoder guesses the
  // head from the worst case (3 bytes a code unit) and moves the text when the head is shorter.
  const chars: [string, string][] = [
    ["ASCII", "a"],
    ["2-byte", "é"],
    ["3-byte", "€"],
    ["astral (surrogate pair)", "😹"],
  ];
  it.each(chars)("text of %s characters round-trips at every head size", (_, char) => {
    const byteWidth = new TextEncoder().encode(char).length;
    for (const count of [0, 1, 7, 8, 11, 12, 23, 24, 30, 64, 65, 85, 86, 100, 255, 256, 21845, 21846, 65535, 65536, 70000]) {
      const text = char.repeat(count);
      const size = byteWidth * count;
      const encoded = encodeCbor(text);
      const head = size < 24 ? 1 : size < 0x100 ? 2 : size < 0x10000 ? 3 : 5;
      expect(encoded.length, `${count} × ${char}`).toBe(head + size);
      expect(decodeCbor(encoded)).toBe(text);
      expect(libDecode(encoded)).toBe(text);
    }
  });

  it("encodes a lone surrogate as U+FFFD, as TextEncoder does", () => {
    expect(hex(encodeCbor("a\ud800"))).toBe("6461efbfbd");
  });

  it("grows its buffer for large values, with exact output sizes", () => {
    const blob = new Uint8Array(1 << 20).map((_, i) => i * 7);
    const many = range(0, 99_999);
    const encoded = encodeCbor({ blob, many });
    // a2 | 64 "blob" | 5a len32 | bytes | 64 "many" | 9a len32 | 100,000 integers
    const integers = 24 + (256 - 24) * 2 + (65536 - 256) * 3 + (100_000 - 65536) * 5;
    expect(encoded.length).toBe(1 + 5 + 5 + (1 << 20) + 5 + 5 + integers);
    // Compared as hex and by a loop: a deep equality over a million items takes seconds.
    const decoded = decodeCbor(encoded) as { blob: Uint8Array; many: number[] };
    expect(Object.keys(decoded)).toEqual(["blob", "many"]);
    expect(hex(decoded.blob) === hex(blob)).toBe(true);
    expect(decoded.many.length === many.length && decoded.many.every((n, i) => n === i)).toBe(true);
  });

  it.each<[string, unknown]>([
    ["a Map", new Map([["a", 1]])],
    ["a Set", new Set([1])],
    ["a class instance", new (class Point {})()],
    ["an Int16Array", new Int16Array(2)],
    ["a function", () => 1],
    ["a symbol", Symbol("s")],
    ["an invalid Date", new Date(NaN)],
  ])("refuses %s with a TypeError", (_, value) => {
    expect(() => encodeCbor(value as CborValue)).toThrow(TypeError);
  });

  it("refuses cycles with a TypeError instead of overflowing the stack", () => {
    const list: CborValue[] = [];
    list.push([list]);
    const object: { [key: string]: CborValue } = {};
    object.self = { inner: object };
    const tagged: CborValue[] = [];
    tagged.push(new CborTag(100, tagged));
    for (const value of [list, object, tagged]) expect(() => encodeCbor(value)).toThrow(/cyclic/);
  });

  it.each([[-1], [1.5], [2 ** 53], [-1n], [2n ** 64n]])("refuses the tag number %s", (tag) => {
    expect(() => encodeCbor(new CborTag(tag, null))).toThrow(RangeError);
  });

  it("picks the same float width as cbor's canonical encoder (5,000 seeded numbers)", () => {
    const next = mulberry32(16);
    for (let i = 0; i < 5000; i++) {
      const n = randomNumber(next);
      expect(hex(encodeCbor(n)), `number #${i}`).toBe(cbor.encodeCanonical(n).toString("hex"));
    }
  });
});

// ---- round trips against the independent `cbor` package ----

// Differences between `cbor`'s representation and ours, normalized here and nowhere else:
// - Encoding: `cbor` writes a Uint8Array as a typed array (tag 64), so it gets a Buffer, which it
//   writes as a plain byte string; it writes a bigint as a bignum unless `collapseBigIntegers`; it
//   writes undefined object entries unless `omitUndefinedProperties`; its sync `encode` silently
//   truncates output larger than the stream's high-water mark, so the async encoder is used.
// - Decoding: it returns byte strings as Buffers, turned into plain Uint8Arrays here (its
//   `preferWeb` option would, but then it fails on bignums: it calls Buffer#toString("hex") on
//   the Uint8Array); its tag 1 does `new Date(s * 1000)`, which truncates 1.001 s to 1000 ms, so
//   it is given our rounding.
// Generated bigints are never safe integers and objects hold no undefined, so the values
// themselves need no normalization beyond dropping undefined object entries.
const libEncodeOptions = { collapseBigIntegers: true, omitUndefinedProperties: true };
const libDecodeOptions = { tags: { 1: (seconds: number) => new Date(Math.round(seconds * 1000)) } };

function libDecode(bytes: Uint8Array): unknown {
  return fromLibOutput(cbor.decodeFirstSync(bytes, libDecodeOptions));
}

function fromLibOutput(value: unknown): unknown {
  if (Buffer.isBuffer(value)) return new Uint8Array(value);
  if (Array.isArray(value)) return value.map(fromLibOutput);
  if (value === null || typeof value !== "object" || value instanceof Date) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fromLibOutput(v)]));
}

async function libEncode(value: CborValue): Promise<Uint8Array> {
  return cbor.encodeAsync(toLibInput(value), libEncodeOptions);
}

function toLibInput(value: CborValue): unknown {
  if (value instanceof Uint8Array) return Buffer.from(value);
  if (Array.isArray(value)) return value.map(toLibInput);
  if (value instanceof CborTag || value instanceof Date || value === null || typeof value !== "object") return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toLibInput(v)]));
}

/** What a value decodes as: the same, without the object entries encoding leaves out. */
function withoutUndefinedEntries(value: CborValue): CborValue {
  if (Array.isArray(value)) return value.map(withoutUndefinedEntries);
  if (value instanceof Uint8Array || value instanceof CborTag || value instanceof Date || value === null || typeof value !== "object") {
    return value;
  }
  const out: { [key: string]: CborValue } = {};
  for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = withoutUndefinedEntries(v);
  return out;
}

const pick = <T>(next: () => number, items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
const int = (next: () => number, below: number): number => Math.floor(next() * below);

const SPECIAL_NUMBERS = [
  ...[NaN, Infinity, -Infinity, -0, 0, 0.5, 1.5, 65504, 65504.5],
  ...[2 ** -24, 2 ** -14, 5e-324, Number.MAX_VALUE, 2 ** 53, -(2 ** 64)],
];

/** A number of any kind: float64 bit patterns, exact float32s and float16s, specials, integers. */
function randomNumber(next: () => number): number {
  const view = new DataView(new ArrayBuffer(8));
  switch (int(next, 6)) {
    case 0:
      view.setUint32(0, int(next, 2 ** 32));
      view.setUint32(4, int(next, 2 ** 32));
      return view.getFloat64(0);
    case 1:
      view.setUint32(0, int(next, 2 ** 32));
      return view.getFloat32(0);
    case 2: {
      const bits = int(next, 2 ** 16); // a float16, built from its fields
      const exponent = (bits >> 10) & 0x1f;
      const fraction = bits & 0x3ff;
      const magnitude = exponent === 0 ? fraction * 2 ** -24 : exponent === 31 ? Infinity : (1024 + fraction) * 2 ** (exponent - 25);
      return bits & 0x8000 ? -magnitude : magnitude;
    }
    case 3:
      return pick(next, SPECIAL_NUMBERS);
    case 4:
      return (next() - 0.5) * 10 ** int(next, 30);
    default:
      return randomSafeInt(next);
  }
}

function randomSafeInt(next: () => number): number {
  const bits = pick(next, [5, 8, 16, 32, 53]);
  const magnitude = Math.floor(next() * 2 ** bits) % Number.MAX_SAFE_INTEGER;
  return next() < 0.5 ? -magnitude : magnitude;
}

/** A bigint beyond the safe range (so it decodes back as a bigint), up to ~200 bits. */
function randomBigInt(next: () => number): bigint {
  const bits = 54 + int(next, 150);
  let n = 1n;
  for (let i = 1; i < bits; i++) n = (n << 1n) | (next() < 0.5 ? 1n : 0n);
  return next() < 0.5 ? -n : n;
}

function randomString(next: () => number): string {
  const length = next() < 0.9 ? int(next, 12) : int(next, 300);
  let text = "";
  for (let i = 0; i < length; i++) text += String.fromCodePoint(randomCodePoint(next));
  return text;
}

// Every UTF-8 width: ASCII (controls and NUL included), 2, 3 and 4 bytes (astral). No surrogates:
// a lone one has no UTF-8 form.
function randomCodePoint(next: () => number): number {
  switch (int(next, 6)) {
    case 0:
    case 1:
      return int(next, 0x80);
    case 2:
      return 0x80 + int(next, 0x800 - 0x80);
    case 3:
      return 0x800 + int(next, 0xd800 - 0x800);
    case 4:
      return 0xe000 + int(next, 0x10000 - 0xe000);
    default:
      return 0x10000 + int(next, 0x110000 - 0x10000);
  }
}

function randomValue(next: () => number, depth: number, inContainer: boolean): CborValue {
  const kinds = depth < 5 ? 13 : 10;
  switch (int(next, kinds)) {
    case 0:
      return randomSafeInt(next);
    case 1:
      return randomBigInt(next);
    case 2:
      return randomNumber(next);
    case 3:
      return randomString(next);
    case 4:
      return new Uint8Array(int(next, next() < 0.9 ? 16 : 600)).map(() => int(next, 256));
    case 5:
      return next() < 0.5;
    case 6:
      return null;
    case 7:
      // Millisecond precision, 1900–2100: far inside the range where float64 seconds keep it.
      return new Date(-2208988800000 + int(next, 6311433600000));
    case 8:
      return inContainer ? undefined : null;
    case 9:
      return randomString(next);
    case 10:
    case 11: {
      const items: CborValue[] = [];
      for (let i = int(next, 6); i > 0; i--) items.push(randomValue(next, depth + 1, true));
      return items;
    }
    default: {
      const entries: { [key: string]: CborValue } = {};
      for (let i = int(next, 6); i > 0; i--) entries[randomString(next)] = randomValue(next, depth + 1, true);
      return entries;
    }
  }
}

function randomValues(seed: number, count: number): CborValue[] {
  const next = mulberry32(seed);
  return Array.from({ length: count }, () => randomValue(next, 0, false));
}

describe("round trips against the cbor package (3,000 seeded values each way)", () => {
  const values = randomValues(8949, 3000);

  it("cbor decodes what encodeCbor writes", () => {
    values.forEach((value, i) => {
      expect(libDecode(encodeCbor(value)), `value #${i}`).toStrictEqual(withoutUndefinedEntries(value));
    });
  });

  it("decodeCbor reads what cbor writes", async () => {
    for (const [i, value] of values.entries()) {
      expect(decodeCbor(await libEncode(value)), `value #${i}`).toStrictEqual(withoutUndefinedEntries(value));
    }
  });

  it("decodeCbor reads what encodeCbor writes", () => {
    values.forEach((value, i) => {
      expect(decodeCbor(encodeCbor(value)), `value #${i}`).toStrictEqual(withoutUndefinedEntries(value));
    });
  });

  it("covers every kind of value", () => {
    const seen = new Set<string>();
    const visit = (value: CborValue): void => {
      if (Array.isArray(value)) {
        seen.add("array");
        value.forEach(visit);
      } else if (value instanceof Uint8Array) seen.add("bytes");
      else if (value instanceof Date) seen.add("date");
      else if (value === null) seen.add("null");
      else if (typeof value === "object" && !(value instanceof CborTag)) {
        seen.add("map");
        Object.values(value).forEach(visit);
      } else if (typeof value === "number") seen.add(numberKind(value));
      else seen.add(typeof value);
    };
    values.forEach(visit);
    expect([...seen].sort()).toEqual([
      ...["-0", "NaN", "array", "bigint", "boolean", "bytes", "date"],
      ...["float", "infinity", "int", "map", "null", "string", "undefined"],
    ]);
  });

  const numberKind = (n: number): string =>
    Number.isNaN(n) ? "NaN" : Object.is(n, -0) ? "-0" : Number.isSafeInteger(n) ? "int" : Number.isFinite(n) ? "float" : "infinity";
});

// ---- decoder specifics ----

describe("decodeCbor", () => {
  it("returns integers as numbers when safe, else bigints", () => {
    expect(decodeCbor(unhex("1b001fffffffffffff"))).toBe(Number.MAX_SAFE_INTEGER);
    expect(decodeCbor(unhex("1b0020000000000000"))).toBe(2n ** 53n);
    expect(decodeCbor(unhex("3b001ffffffffffffe"))).toBe(Number.MIN_SAFE_INTEGER);
    expect(decodeCbor(unhex("3b001fffffffffffff"))).toBe(-(2n ** 53n));
    expect(decodeCbor(unhex("1a00000000"))).toBe(0); // longer than needed is still well-formed
  });

  it("maps tags 2 and 3 to bigints, whatever their size", () => {
    expect(decodeCbor(unhex("c240"))).toBe(0n);
    expect(decodeCbor(unhex("c24101"))).toBe(1n);
    expect(decodeCbor(unhex("c340"))).toBe(-1n);
    expect(decodeCbor(unhex("c25f4101420000ff"))).toBe(0x10000n); // indefinite-length content
  });

  it("rounds tag 1 seconds to the nearest millisecond", () => {
    expect(decodeCbor(unhex("c1fb3ff004189374bc6a"))).toStrictEqual(new Date(1001)); // 1.001 s
    expect(decodeCbor(unhex("c13903e7"))).toStrictEqual(new Date(-1_000_000)); // negative integer
  });

  it("keeps the last of duplicate keys", () => {
    expect(decodeCbor(unhex("a3616101616202616103"))).toStrictEqual({ a: 3, b: 2 });
  });

  it("keeps a leading byte order mark, which is content", () => {
    expect(decodeCbor(unhex("63efbbbf"))).toBe("\ufeff");
  });

  it("returns byte strings that are plain Uint8Array copies, even from a Buffer", () => {
    const input = Buffer.from("4401020304", "hex");
    const bytes = decodeCbor(input) as Uint8Array;
    expect(Object.getPrototypeOf(bytes)).toBe(Uint8Array.prototype);
    input[1] = 9;
    expect(bytes).toStrictEqual(unhex("01020304"));
  });

  it("reads from a view into a larger buffer", () => {
    const buffer = unhex("ff 83010203 ff");
    expect(decodeCbor(buffer.subarray(1, 5))).toStrictEqual([1, 2, 3]);
  });

  it("makes a wire key __proto__ an own property, not the prototype", () => {
    const decoded = decodeCbor(unhex("a2 695f5f70726f746f5f5f a1 68706f6c6c75746564 f5 68746f537472696e67 01")) as {
      [key: string]: CborValue;
    };
    expect(Object.getPrototypeOf(decoded)).toBe(Object.prototype);
    expect(Object.keys(decoded)).toEqual(["__proto__", "toString"]);
    expect(Object.getOwnPropertyDescriptor(decoded, "__proto__")).toStrictEqual({
      value: { polluted: true },
      writable: true,
      enumerable: true,
      configurable: true,
    });
    expect(decoded.toString).toBe(1);
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
    expect("polluted" in decoded).toBe(false);
    // Duplicates of a defined key also keep the last value.
    const twice = decodeCbor(unhex("a2 695f5f70726f746f5f5f 01 695f5f70726f746f5f5f 02"));
    expect(Object.getOwnPropertyDescriptor(twice, "__proto__")?.value).toBe(2);
  });

  it("counts arrays, maps and tags against maxDepth", () => {
    expect(decodeCbor(unhex("00"), { maxDepth: 0 })).toBe(0);
    expect(decodeError(unhex("80"), { maxDepth: 0 })).toBeInstanceOf(CborDecodeError);
    expect(decodeCbor(unhex("8181a0"), { maxDepth: 3 })).toStrictEqual([[{}]]);
    expect(decodeError(unhex("8181a0"), { maxDepth: 2 })).toMatchObject({ offset: 2 });
    expect(decodeError(unhex("81c100"), { maxDepth: 1 })).toMatchObject({ offset: 1 });
    expect(decodeError(unhex("9f9fffff"), { maxDepth: 1 })).toMatchObject({ offset: 1 });
    expect(() => decodeCbor(unhex("00"), { maxDepth: -1 })).toThrow(RangeError);
  });

  it("raises CborDecodeError, not a stack overflow, for 100,000 nested arrays, maps and tags", () => {
    const deep = (prefix: string, suffix = "00"): Uint8Array => unhex(prefix.repeat(100_000) + suffix);
    for (const nested of [deep("81"), deep("9f"), deep("a16161"), deep("bf6161"), deep("c6")]) {
      expect(decodeError(nested)).toMatchObject({ name: "CborDecodeError", offset: expect.any(Number) });
    }
    expect(expectDecodeError(deep("81")).offset).toBe(128); // the 129th array, at the default maxDepth
  });

  it("decodes 100,000 nested arrays when maxDepth allows it: no recursion", () => {
    let value = decodeCbor(unhex("81".repeat(100_000) + "00"), { maxDepth: Infinity });
    let depth = 0;
    while (Array.isArray(value)) {
      value = value[0];
      depth++;
    }
    expect([depth, value]).toEqual([100_000, 0]);
  });
});

// ---- malformed input ----

describe("malformed input raises CborDecodeError", () => {
  it.each([
    ["empty input", "", 0],
    ["trailing bytes", "0000", 1],
    ["trailing bytes after a map", "a0 ff", 1],
    // Additional information 28–30 is reserved in every major type.
    ...[0, 1, 2, 3, 4, 5, 6, 7].flatMap((major) =>
      [28, 29, 30].map((info): [string, string, number] => [`major ${major}, info ${info}`, hex(new Uint8Array([(major << 5) | info])), 0]),
    ),
    ["reserved info in a string chunk", "5f5c", 1],
    ["break at the top", "ff", 0],
    ["break in a definite array", "81ff", 1],
    ["break in a definite map", "a2ff000000", 1],
    ["break between key and value", "bf6161ff", 3],
    ["break as tag content", "c1ff", 1],
    ["indefinite unsigned integer", "1f", 0],
    ["indefinite negative integer", "3f", 0],
    ["indefinite tag", "df00", 0],
    ["indefinite string chunk in an indefinite string", "5f5f4100ffff", 1],
    ["text chunk in a byte string", "5f6161ff", 1],
    ["byte chunk in a text string", "7f4161ff", 1],
    ["integer chunk", "5f00ff", 1],
    ["integer map key", "a10102", 1],
    ["byte string map key", "a1416101", 1],
    ["array map key", "a1800102", 1],
    ["integer key in an indefinite map", "bf0102ff", 1],
    ["integer key after a text key", "a2616101 0202", 4],
    ["simple value 0", "e0", 0],
    ["simple value 19", "f3", 0],
    ["simple value 32 (two bytes)", "f820", 0],
    ["simple value 24 in two bytes (not well-formed)", "f818", 0],
    ["simple value with its byte missing", "f8", 0],
    ["tag 2 with an integer", "c201", 0],
    ["tag 3 with a text string", "c36161", 0],
    ["tag 1 with a text string", "c16161", 0],
    ["tag 1 with NaN", "c1f97e00", 0],
    ["tag 1 with Infinity", "c1f97c00", 0],
    ["tag 1 beyond the Date range", "c11b7fffffffffffffff", 0],
    ["tag 1 just beyond the Date range", "c1fb429f6ea086000001", 0], // 8.64e12 s + 1 ms
    ["invalid UTF-8 (lone continuation byte)", "6180", 0],
    ["invalid UTF-8 (bad second byte)", "62c328", 0],
    ["invalid UTF-8 (overlong NUL)", "62c080", 0],
    ["invalid UTF-8 (encoded surrogate)", "63eda080", 0],
    ["invalid UTF-8 (beyond U+10FFFF)", "64f4908080", 0],
    ["invalid UTF-8 (0xff)", "61ff", 0],
    ["invalid UTF-8 in a map key", "a162c328 00", 1],
    ["a code point split across text chunks", "7f61c361bcff", 0],
  ])("%s: %s", (_, encoded, offset) => {
    expectDecodeError(unhex(encoded), offset);
  });

  it("accepts tag 1 at the edge of the Date range", () => {
    expect(decodeCbor(unhex("c11b000007dba8218000"))).toStrictEqual(new Date(8.64e15));
  });

  it.each([
    ["byte string of 2^63 bytes", "5b8000000000000000", 0],
    ["byte string of 2^64-1 bytes", "5bffffffffffffffff", 0],
    ["byte string of 2^32-1 bytes", "5affffffff00", 0],
    ["text string of 2^63 bytes", "7b8000000000000000", 0],
    ["array of 2^64-1 items", "9bffffffffffffffff", 0],
    ["array of 2^32-1 items", "9affffffff010203", 0],
    ["map of 2^64-1 entries", "bbffffffffffffffff", 0],
    ["map of 5 entries in 9 bytes", "a5616101616202616103", 0],
    ["string chunk of 2^63 bytes", "5f5b8000000000000000ff", 1],
    ["nested huge byte string", "82015b8000000000000000", 2],
  ])("declared length beyond the input: %s", (_, encoded, offset) => {
    const error = expectDecodeError(unhex(encoded), offset);
    expect(error.message).toMatch(/length exceeds the remaining input/);
  });

  // Valid encodings whose every proper prefix must fail: a CBOR item is never a prefix of another.
  const validEncodings = [...appendixA.map(([, encoded]) => unhex(encoded)), ...randomValues(7, 200).map((value) => encodeCbor(value))];

  const prefixCount = validEncodings.reduce((sum, encoded) => sum + encoded.length, 0);
  it(`every truncation of ${validEncodings.length} valid encodings (${prefixCount} prefixes)`, () => {
    for (const encoded of validEncodings) {
      for (let end = 0; end < encoded.length; end++) {
        const error = decodeError(encoded.subarray(0, end));
        expect(error, `${hex(encoded).slice(0, 60)} cut at ${end}`).toBeInstanceOf(CborDecodeError);
        expect((error as CborDecodeError).offset).toBeLessThanOrEqual(end);
      }
    }
  });

  it("20,000 seeded random byte strings (0–64 bytes) decode or raise CborDecodeError", () => {
    const next = mulberry32(20000);
    const outcomes = { decoded: 0, rejected: 0 };
    for (let i = 0; i < 20_000; i++) {
      const bytes = new Uint8Array(int(next, 65)).map(() => int(next, 256));
      outcomes[decodesOrRejects(bytes, `random #${i}`)]++;
    }
    expect(outcomes.decoded).toBeGreaterThan(0);
    expect(outcomes.rejected).toBeGreaterThan(0);
  });

  it("20,000 seeded mutations of valid encodings decode or raise CborDecodeError", () => {
    const next = mulberry32(31);
    const outcomes = { decoded: 0, rejected: 0 };
    for (let i = 0; i < 20_000; i++) {
      const bytes = pick(next, validEncodings).slice();
      if (bytes.length === 0) continue;
      for (let flips = 1 + int(next, 3); flips > 0; flips--) bytes[int(next, bytes.length)] = int(next, 256);
      outcomes[decodesOrRejects(bytes, `mutation #${i}`)]++;
    }
    expect(outcomes.decoded).toBeGreaterThan(0);
    expect(outcomes.rejected).toBeGreaterThan(0);
  });

  it("says what and where, never what the payload held", () => {
    const secret = "hunter2-secret";
    const withTrailing = new Uint8Array([...encodeCbor({ password: secret }), 0x00]);
    const badUtf8 = new Uint8Array([...encodeCbor(secret + "x")]);
    badUtf8[badUtf8.length - 1] = 0xff;
    const badKey = unhex("a2" + hex(encodeCbor(secret)) + "00" + "01");
    const badTag = new Uint8Array([0xc2, ...encodeCbor(secret)]);
    const errors = [withTrailing, badUtf8, badKey, badTag].map((bytes) => expectDecodeError(bytes));
    expect(errors.map((error) => error.offset)).toEqual([withTrailing.length - 1, 0, 1 + 1 + secret.length + 1, 0]);
    for (const error of errors) {
      expect(error.message).not.toContain("hunter2");
      expect(error.message).toMatch(/ \(at byte \d+\)$/);
      expect(error).toBeInstanceOf(TypeError);
      expect(error.name).toBe("CborDecodeError");
    }
  });
});

/** Decodes or rejects with CborDecodeError; anything else fails the test, naming the input. */
function decodesOrRejects(bytes: Uint8Array, label: string): "decoded" | "rejected" {
  try {
    decodeCbor(bytes);
    return "decoded";
  } catch (error) {
    if (!(error instanceof CborDecodeError)) expect.fail(`${label} (${hex(bytes)}) raised ${String(error)}`);
    return "rejected";
  }
}
