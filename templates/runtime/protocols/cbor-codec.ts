// CBOR values <-> typed values, driven by wire schemas (Smithy RPC v2 CBOR): members by name,
// blobs as byte strings, timestamps as tag 1 (epoch seconds), floats and doubles always as CBOR
// floats, big numbers as bignums. Decoding is strict like the JSON codec: a value of the wrong
// type raises WireValueError naming the member path and the expected type, never the value.

import { toBytes, toDate } from "../encoding.js";
import { resolveSchema, type MemberSchema, type Schema, type StructureSchema } from "../schema.js";
import { CborFloat, CborTag, type CborValue } from "./cbor.js";
import { entriesOf, memberPlan } from "./member-plan.js";
import { WireValueError } from "./wire-value-error.js";

const present = (value: unknown): boolean => value !== undefined && value !== null;

// ---- typed value -> CBOR value ----

export function structureToCbor(schema: StructureSchema, value: Record<string, unknown>): { [key: string]: CborValue } {
  const out: { [key: string]: CborValue } = {};
  for (const [name, member] of memberPlan(schema).all) {
    const v = value[name];
    if (!present(v)) continue;
    defineEntry(out, name, toCbor(resolveSchema(member.target), v));
  }
  return out;
}

function toCbor(schema: Schema, value: unknown): CborValue {
  switch (schema.type) {
    case "structure":
      // RPC v2 CBOR has no document type; a document member travels as its plain CBOR value.
      return schema.document ? (value as CborValue) : structureToCbor(schema, value as Record<string, unknown>);
    case "list": {
      const item = resolveSchema(schema.member.target);
      const out: CborValue[] = [];
      for (const v of value as unknown[]) {
        if (present(v)) out.push(toCbor(item, v));
        else if (schema.sparse) out.push(null);
      }
      return out;
    }
    case "map": {
      const item = resolveSchema(schema.value.target);
      const out: { [key: string]: CborValue } = {};
      for (const [k, v] of entriesOf(value)) {
        if (present(v)) defineEntry(out, k, toCbor(item, v));
        else if (schema.sparse) defineEntry(out, k, null);
      }
      return out;
    }
    case "timestamp":
      return toDate(value); // the codec writes a Date as tag 1
    case "blob":
      return toBytes(value);
    case "float":
    case "double":
      return new CborFloat(typeof value === "string" ? Number(value) : (value as number));
    case "biginteger":
      return typeof value === "string" ? BigInt(value) : (value as number | bigint);
    case "bigdecimal":
      return decimalFraction(value);
    default:
      return value as CborValue;
  }
}

/** A bigdecimal as RFC 8949 tag 4, [exponent, mantissa]: "12.345" → [-3, 12345]. */
function decimalFraction(value: unknown): CborValue {
  const text = typeof value === "number" ? String(value) : String(value);
  const match = /^(-?)(\d*)\.?(\d*)(?:[eE]([-+]?\d+))?$/.exec(text);
  if (!match) return typeof value === "number" ? new CborFloat(value) : (value as CborValue);
  const [, sign, int, frac, exp] = match;
  const mantissa = BigInt(`${sign}${int}${frac}` || "0");
  const exponent = (exp ? Number(exp) : 0) - frac!.length;
  return new CborTag(4, [exponent, Number.isSafeInteger(Number(mantissa)) ? Number(mantissa) : mantissa]);
}

// ---- CBOR value -> typed value ----

export function structureFromCbor(schema: StructureSchema, value: CborValue, path = ""): Record<string, unknown> {
  if (!isMap(value)) throw new WireValueError(path, "a map", describe(value));
  const out: Record<string, unknown> = {};
  let known = 0;
  for (const [name, member] of memberPlan(schema).all) {
    if (!Object.hasOwn(value, name)) continue;
    const raw = value[name];
    if (!present(raw)) continue;
    out[name] = fromCbor(resolveSchema(member.target), member, raw as CborValue, path === "" ? name : `${path}.${name}`);
    known++;
  }
  if (schema.union && known === 0) {
    const names = new Set(Object.keys(schema.members));
    const unknown = Object.entries(value).find(([k, v]) => k !== "__type" && present(v) && !names.has(k));
    if (unknown) out.$unknown = unknown;
  }
  return out;
}

/** The members of an error body, each on its own: one of the wrong type is left out. */
export function errorFieldsFromCbor(schema: StructureSchema, value: { [key: string]: CborValue }): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, member] of memberPlan(schema).all) {
    if (!Object.hasOwn(value, name) || !present(value[name])) continue;
    try {
      out[name] = fromCbor(resolveSchema(member.target), member, value[name]!, name);
    } catch {
      // dropped: a malformed member must not hide the error itself
    }
  }
  return out;
}

function fromCbor(schema: Schema, member: MemberSchema | undefined, value: CborValue, path: string): unknown {
  void member;
  switch (schema.type) {
    case "structure":
      return schema.document ? value : structureFromCbor(schema, value, path);
    case "list": {
      if (!Array.isArray(value)) throw new WireValueError(path, "an array", describe(value));
      const item = resolveSchema(schema.member.target);
      const out: unknown[] = [];
      value.forEach((v, i) => {
        if (present(v)) out.push(fromCbor(item, schema.member, v, `${path}[${i}]`));
        else if (schema.sparse) out.push(null);
      });
      return out;
    }
    case "map": {
      if (!isMap(value)) throw new WireValueError(path, "a map", describe(value));
      const item = resolveSchema(schema.value.target);
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) {
        if (present(v)) defineEntry(out, k, fromCbor(item, schema.value, v, `${path}{}`));
        else if (schema.sparse) defineEntry(out, k, null);
      }
      return out;
    }
    case "timestamp":
      // The codec turns tag 1 into a Date; a bare number of seconds is accepted too (some servers send one).
      if (value instanceof Date) return value;
      if (typeof value === "number" && Number.isFinite(value)) return new Date(Math.round(value * 1000));
      throw new WireValueError(path, "a timestamp (tag 1)", describe(value));
    case "blob":
      if (!(value instanceof Uint8Array)) throw new WireValueError(path, "a byte string", describe(value));
      return value;
    case "boolean":
      if (typeof value !== "boolean") throw new WireValueError(path, "a boolean", describe(value));
      return value;
    case "string":
      if (typeof value !== "string") throw new WireValueError(path, "a text string", describe(value));
      return value;
    case "float":
    case "double":
      if (typeof value === "number") return value;
      if (typeof value === "bigint") return Number(value);
      throw new WireValueError(path, "a number", describe(value));
    case "biginteger":
      if (typeof value === "number" || typeof value === "bigint") return value;
      throw new WireValueError(path, "an integer", describe(value));
    case "bigdecimal":
      if (typeof value === "number") return value;
      if (value instanceof CborTag && value.tag === 4 && Array.isArray(value.value) && value.value.length === 2) {
        const [exponent, mantissa] = value.value;
        if ((typeof exponent === "number" || typeof exponent === "bigint") && (typeof mantissa === "number" || typeof mantissa === "bigint")) {
          return Number(mantissa) * 10 ** Number(exponent);
        }
      }
      throw new WireValueError(path, "a decimal", describe(value));
    default:
      // integer, long, short, byte: a whole number (a bigint for a long beyond 2^53)
      if (typeof value === "bigint") return value;
      if (typeof value !== "number" || !Number.isInteger(value)) {
        throw new WireValueError(path, "an integer", typeof value === "number" ? "a fraction" : describe(value));
      }
      return value;
  }
}

const isMap = (value: CborValue): value is { [key: string]: CborValue } =>
  value !== null && typeof value === "object" && !Array.isArray(value) && !(value instanceof Uint8Array) && !(value instanceof Date) && !(value instanceof CborTag) && !(value instanceof CborFloat);

/** Entries are defined, not assigned, so a key "__proto__" from the wire is just a key. */
function defineEntry<T>(target: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function describe(value: CborValue): string {
  if (value === null) return "null";
  if (value === undefined) return "undefined";
  if (Array.isArray(value)) return "an array";
  if (value instanceof Uint8Array) return "a byte string";
  if (value instanceof Date) return "a timestamp";
  if (value instanceof CborTag) return "a tagged item";
  if (typeof value === "object") return "a map";
  return `a ${typeof value}`;
}
