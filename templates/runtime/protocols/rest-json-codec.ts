// JSON documents <-> typed values, driven by wire schemas. Shared by the rest-json body and
// payload, and by rest-json errors. Timestamps default to epoch seconds, blobs are base64,
// NaN and the infinities are strings, null members and map entries are dropped.

import { fromBase64, parseTimestamp, toBase64, toBytes, toDate, toEpochSeconds, formatHttpDate, formatIso8601 } from "../encoding.js";
import { resolveSchema, type MemberSchema, type Schema, type StructureSchema, type TimestampFormat } from "../schema.js";
import { entriesOf, memberPlan } from "./http-bindings.js";

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

/** Reads the members of `schema` from a parsed JSON object (body members only when `bodyOnly`). */
export function structureFromJson(schema: StructureSchema, json: unknown, bodyOnly = false): Record<string, unknown> {
  if (json === null || typeof json !== "object" || Array.isArray(json)) {
    throw new TypeError(`expected a JSON object for ${schema.name}, got ${describe(json)}`);
  }
  const obj = json as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  let known = 0;
  const plan = memberPlan(schema);
  for (const [name, member, wire] of bodyOnly ? plan.body : plan.all) {
    const raw = obj[wire];
    if (!present(raw)) continue;
    const v = fromTree(resolveSchema(member.target), member, raw);
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

/** Reads any JSON value as `schema` (undefined when the value is null). */
export function valueFromJson(schema: Schema, member: MemberSchema | undefined, json: unknown): unknown {
  return present(json) ? fromTree(schema, member, json) : undefined;
}

function fromTree(schema: Schema, member: MemberSchema | undefined, value: unknown): unknown {
  switch (schema.type) {
    case "structure":
      return schema.document ? value : structureFromJson(schema, value);
    case "list": {
      if (!Array.isArray(value)) throw new TypeError(`expected a JSON array, got ${describe(value)}`);
      const item = resolveSchema(schema.member.target);
      // Dense lists: a null entry is dropped rather than handed out as a hole.
      return value.filter(present).map((v) => fromTree(item, schema.member, v));
    }
    case "map": {
      if (value === null || typeof value !== "object" || Array.isArray(value)) {
        throw new TypeError(`expected a JSON object, got ${describe(value)}`);
      }
      const item = resolveSchema(schema.value.target);
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) if (present(v)) out[k] = fromTree(item, schema.value, v);
      return out;
    }
    case "timestamp":
      return parseTimestamp(value);
    case "blob":
      if (typeof value !== "string") throw new TypeError(`expected a base64 string, got ${describe(value)}`);
      return fromBase64(value);
    case "boolean":
      if (typeof value === "string") return value === "true";
      return value;
    case "string":
      if (typeof value === "string") return value;
      return typeof value === "object" ? JSON.stringify(value) : String(value);
    default:
      // Numbers: "NaN", "Infinity", "-Infinity" (and numbers sent as strings) become numbers.
      return typeof value === "string" ? Number(value) : value;
  }
}

const describe = (value: unknown): string => (Array.isArray(value) ? "an array" : value === null ? "null" : typeof value);
