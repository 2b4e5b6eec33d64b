// JSON documents <-> typed values, driven by wire schemas. Shared by the rest-json body and
// payload, and by rest-json errors. Timestamps default to epoch seconds, blobs are base64,
// NaN and the infinities are strings, null members and map entries are dropped.

import { fromBase64, parseTimestamp, toBase64, toBytes, toDate, toEpochSeconds, formatHttpDate, formatIso8601 } from "../encoding.js";
import { resolveSchema, type MemberSchema, type Schema, type StructureSchema, type TimestampFormat } from "../schema.js";
import { entriesOf, memberPlan } from "./member-plan.js";
import { WireValueError } from "./wire-value-error.js";

export { WireValueError } from "./wire-value-error.js";

/** A number written verbatim (bigdecimal/biginteger given as text), beyond double precision. */
class RawJsonNumber {
  constructor(readonly text: string) {}
}

const present = (value: unknown): boolean => value !== undefined && value !== null;

// ---- typed value -> JSON text ----

/** The JSON text of a structure's body members (all members when `bodyOnly` is false). */
export function structureToJson(schema: StructureSchema, value: Record<string, unknown>, bodyOnly = false): string {
  return writeJson(structureToTree(schema, value, bodyOnly));
}

/** The JSON text of any value of `schema` (payload members: structure, union, document). */
export function valueToJson(schema: Schema, member: MemberSchema | undefined, value: unknown): string {
  return writeJson(toTree(schema, member, value));
}

function structureToTree(schema: StructureSchema, value: Record<string, unknown>, bodyOnly: boolean): unknown {
  if (schema.document) return value;
  const out: Record<string, unknown> = {};
  const plan = memberPlan(schema);
  for (const [name, member, wire] of bodyOnly ? plan.body : plan.all) {
    const v = value[name];
    if (!present(v)) continue;
    out[wire] = toTree(resolveSchema(member.target), member, v);
  }
  return out;
}

function toTree(schema: Schema, member: MemberSchema | undefined, value: unknown): unknown {
  switch (schema.type) {
    case "structure":
      return structureToTree(schema, value as Record<string, unknown>, false);
    case "list": {
      const item = resolveSchema(schema.member.target);
      return (value as unknown[]).filter(present).map((v) => toTree(item, schema.member, v));
    }
    case "map": {
      const item = resolveSchema(schema.value.target);
      const out: Record<string, unknown> = {};
      for (const [k, v] of entriesOf(value)) if (present(v)) out[k] = toTree(item, schema.value, v);
      return out;
    }
    case "timestamp":
      return formatJsonTimestamp(toDate(value), member?.timestampFormat ?? schema.timestampFormat ?? "unixTimestamp");
    case "blob":
      return toBase64(toBytes(value));
    case "float":
    case "double":
      return specialFloat(typeof value === "string" ? Number(value) : (value as number));
    case "bigdecimal":
    case "biginteger":
      return typeof value === "string" && JSON_NUMBER.test(value) ? new RawJsonNumber(value) : value;
    case "string":
      return member?.jsonvalue && typeof value !== "string" ? JSON.stringify(value) : value;
    default:
      return value;
  }
}

const JSON_NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/;

function formatJsonTimestamp(date: Date, format: TimestampFormat): number | string {
  if (format === "iso8601") return formatIso8601(date);
  if (format === "rfc822") return formatHttpDate(date);
  return toEpochSeconds(date);
}

const specialFloat = (n: number): number | string =>
  Number.isNaN(n) ? "NaN" : n === Infinity ? "Infinity" : n === -Infinity ? "-Infinity" : n;

/** JSON.stringify, plus bigint and verbatim numbers; non-finite numbers in documents become null. */
function writeJson(value: unknown): string {
  if (value === null || value === undefined) return "null";
  switch (typeof value) {
    case "string":
      return JSON.stringify(value);
    case "number":
      return Number.isFinite(value) ? JSON.stringify(value) : "null";
    case "bigint":
      return value.toString();
    case "boolean":
      return value ? "true" : "false";
    case "object":
      break;
    default:
      return "null";
  }
  if (value instanceof RawJsonNumber) return value.text;
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? "null" : writeJson(v))).join(",")}]`;
  const withJson = value as { toJSON?: () => unknown };
  if (typeof withJson.toJSON === "function") return writeJson(withJson.toJSON());
  const parts: string[] = [];
  for (const [k, v] of Object.entries(value)) {
    if (v !== undefined) parts.push(`${JSON.stringify(k)}:${writeJson(v)}`);
  }
  return `{${parts.join(",")}}`;
}

// ---- JSON value -> typed value ----
// Strict: a value of the wrong JSON type for its shape is a server bug the client must not hide
// (an object where a string is modeled, a number where an ISO timestamp is). It raises a
// WireValueError naming the member path and what was expected, never the value itself.

/** Reads the members of `schema` from a parsed JSON object (body members only when `bodyOnly`). */
export function structureFromJson(schema: StructureSchema, json: unknown, bodyOnly = false, path = ""): Record<string, unknown> {
  if (!isObject(json)) throw new WireValueError(path, "an object", describe(json));
  const obj = json;
  const out: Record<string, unknown> = {};
  let known = 0;
  const plan = memberPlan(schema);
  for (const [name, member, wire] of bodyOnly ? plan.body : plan.all) {
    if (!Object.hasOwn(obj, wire)) continue;
    const raw = obj[wire];
    if (!present(raw)) continue;
    const v = fromTree(resolveSchema(member.target), member, raw, join(path, name));
    if (v !== undefined) {
      out[name] = v;
      known++;
    }
  }
  if (schema.union && known === 0) {
    // A member added to the union after this client was generated; "__type" is not a member.
    const wireNames = new Set(plan.all.map(([, , wire]) => wire));
    const unknown = Object.entries(obj).find(([k, v]) => k !== "__type" && present(v) && !wireNames.has(k));
    if (unknown) out.$unknown = unknown;
  }
  return out;
}

/**
 * The members of an error body, each on its own: a member of the wrong type is left out rather
 * than hiding the error the service reported.
 */
export function errorFieldsFromJson(schema: StructureSchema, json: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, member, wire] of memberPlan(schema).body) {
    if (!Object.hasOwn(json, wire) || !present(json[wire])) continue;
    try {
      out[name] = fromTree(resolveSchema(member.target), member, json[wire], name);
    } catch {
      // dropped: see above
    }
  }
  return out;
}

/** Reads any JSON value as `schema` (undefined when the value is null). */
export function valueFromJson(schema: Schema, member: MemberSchema | undefined, json: unknown, path = ""): unknown {
  return present(json) ? fromTree(schema, member, json, path) : undefined;
}

const join = (path: string, name: string): string => (path === "" ? name : `${path}.${name}`);
const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === "object" && !Array.isArray(value);

function fromTree(schema: Schema, member: MemberSchema | undefined, value: unknown, path: string): unknown {
  switch (schema.type) {
    case "structure":
      return schema.document ? value : structureFromJson(schema, value, false, path);
    case "list": {
      if (!Array.isArray(value)) throw new WireValueError(path, "an array", describe(value));
      const item = resolveSchema(schema.member.target);
      const out: unknown[] = [];
      value.forEach((v, i) => {
        // Dense lists drop a null entry rather than hand out a hole; sparse ones keep it.
        if (present(v)) out.push(fromTree(item, schema.member, v, `${path}[${i}]`));
        else if (schema.sparse) out.push(null);
      });
      return out;
    }
    case "map": {
      if (!isObject(value)) throw new WireValueError(path, "an object", describe(value));
      const item = resolveSchema(schema.value.target);
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) {
        if (present(v)) defineEntry(out, k, fromTree(item, schema.value, v, `${path}{}`));
        else if (schema.sparse) defineEntry(out, k, null);
      }
      return out;
    }
    case "timestamp": {
      // The format decides the JSON type: epoch seconds are numbers (a numeric string is
      // tolerated, as the AWS SDKs do), ISO 8601 and HTTP dates are strings.
      const format = member?.timestampFormat ?? schema.timestampFormat ?? "unixTimestamp";
      const ok = format === "unixTimestamp" ? typeof value === "number" || (typeof value === "string" && NUMERIC.test(value)) : typeof value === "string";
      if (!ok) throw new WireValueError(path, TIMESTAMP_WORDS[format], describe(value));
      return decodeOrFail(() => parseTimestamp(value), path, TIMESTAMP_WORDS[format]);
    }
    case "blob":
      if (typeof value !== "string") throw new WireValueError(path, "a base64 string", describe(value));
      return decodeOrFail(() => fromBase64(value), path, "base64 text");
    case "boolean":
      if (typeof value !== "boolean") throw new WireValueError(path, "a boolean", describe(value));
      return value;
    case "string":
      if (typeof value !== "string") throw new WireValueError(path, "a string", describe(value));
      return value;
    case "float":
    case "double":
      if (typeof value === "number") return value;
      // JSON has no NaN or infinities: AWS sends them as these three strings.
      if (value === "NaN") return NaN;
      if (value === "Infinity") return Infinity;
      if (value === "-Infinity") return -Infinity;
      throw new WireValueError(path, "a number", describe(value));
    case "integer":
    case "long":
    case "short":
    case "byte":
    case "biginteger":
      if (typeof value !== "number" || !Number.isInteger(value)) {
        throw new WireValueError(path, "an integer", typeof value === "number" ? "a fraction" : describe(value));
      }
      return value;
    default:
      if (typeof value !== "number") throw new WireValueError(path, "a number", describe(value));
      return value;
  }
}

const NUMERIC = /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/;

const TIMESTAMP_WORDS: Record<TimestampFormat, string> = {
  unixTimestamp: "epoch seconds (a number)",
  iso8601: "an ISO 8601 timestamp (a string)",
  rfc822: "an HTTP date (a string)",
};

/** Map entries are defined, not assigned, so a key "__proto__" from the wire is just a key. */
function defineEntry(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function decodeOrFail<T>(decode: () => T, path: string, what: string): T {
  try {
    return decode();
  } catch {
    throw new WireValueError(path, what, "text that does not parse as one");
  }
}

const describe = (value: unknown): string =>
  Array.isArray(value) ? "an array" : value === null ? "null" : typeof value === "object" ? "an object" : `a ${typeof value}`;
