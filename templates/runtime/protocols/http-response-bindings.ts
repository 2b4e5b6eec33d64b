// HTTP bindings of responses, shared by rest-json and rest-xml: members read from headers,
// prefixed header maps and the status code.

import { fromBase64, fromUtf8, parseTimestamp } from "../encoding.js";
import { resolveSchema, type MemberSchema, type Schema, type StructureSchema } from "../schema.js";
import { memberPlan } from "./member-plan.js";
import { WireValueError } from "./wire-value-error.js";

export type HeaderSource = Headers | Readonly<Record<string, string | undefined>>;

/** Lower-cased header names to values; a Headers object already joins repeated headers. */
export function headerMap(source: HeaderSource): Map<string, string> {
  const out = new Map<string, string>();
  // Duck-typed: Headers from another realm or a fetch polyfill is not `instanceof Headers`.
  if (typeof (source as Headers).forEach === "function" && typeof (source as Headers).get === "function") {
    (source as Headers).forEach((value, name) => out.set(name.toLowerCase(), value));
  } else {
    for (const [name, value] of Object.entries(source as Record<string, string | undefined>)) {
      if (value !== undefined) out.set(name.toLowerCase(), value);
    }
  }
  return out;
}

/** Reads the members of `schema` bound to headers, prefixed headers and the status code. */
export function parseHttpBindings(
  schema: StructureSchema,
  status: number,
  headers: Map<string, string>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, member, wire] of memberPlan(schema).response) {
    if (member.location === "statusCode") {
      out[name] = status;
    } else if (member.location === "header") {
      const raw = headers.get(wire.toLowerCase());
      if (raw !== undefined) out[name] = parseHeaderValue(resolveSchema(member.target), member, raw, name);
    } else if (member.location === "headers") {
      const map = resolveSchema(member.target);
      if (map.type !== "map") continue;
      const prefix = (member.locationName ?? "").toLowerCase();
      const valueSchema = resolveSchema(map.value.target);
      const entries: Record<string, unknown> = {};
      let any = false;
      for (const [header, raw] of headers) {
        if (!header.startsWith(prefix)) continue;
        Object.defineProperty(entries, header.slice(prefix.length), {
          value: parseHeaderValue(valueSchema, map.value, raw, `${name}{}`),
          enumerable: true,
          writable: true,
          configurable: true,
        });
        any = true;
      }
      if (any) out[name] = entries;
    }
  }
  return out;
}

/**
 * One header value back to its member type (lists split on commas outside quoted strings). A
 * value that is not of that type raises a WireValueError naming `path`, never the value.
 */
export function parseHeaderValue(schema: Schema, member: MemberSchema, raw: string, path = ""): unknown {
  if (schema.type === "list") {
    const item = resolveSchema(schema.member.target);
    if (raw.trim() === "") return [];
    let items = splitHeaderList(raw);
    // An HTTP-date holds a comma itself ("Mon, 16 Dec 2019 ..."): glue the halves back together.
    const format = schema.member.timestampFormat ?? (item.type === "timestamp" ? item.timestampFormat : undefined);
    if (item.type === "timestamp" && (format ?? "rfc822") === "rfc822" && items.length % 2 === 0 && /^[A-Za-z]{3}$/.test(items[0]!)) {
      const joined: string[] = [];
      for (let i = 0; i < items.length; i += 2) joined.push(`${items[i]}, ${items[i + 1]}`);
      items = joined;
    }
    return items.map((v, i) => parseHeaderScalar(item, v, `${path}[${i}]`));
  }
  if (member.jsonvalue) return decoded(() => fromUtf8(fromBase64(raw)), path, "base64-encoded JSON");
  return parseHeaderScalar(schema, raw, path);
}

const INTEGER = /^[-+]?\d+$/;
const DECIMAL = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

function parseHeaderScalar(schema: Schema, raw: string, path: string): unknown {
  const text = raw.trim();
  switch (schema.type) {
    case "boolean":
      if (text === "true" || text === "false") return text === "true";
      throw new WireValueError(path, "true or false", "other text");
    case "integer":
    case "long":
    case "short":
    case "byte":
    case "biginteger":
      if (!INTEGER.test(text)) throw new WireValueError(path, "an integer", "other text");
      return Number(text);
    case "float":
    case "double":
    case "bigdecimal":
      if (text === "NaN" || text === "Infinity" || text === "-Infinity") return Number(text);
      if (!DECIMAL.test(text)) throw new WireValueError(path, "a number", "other text");
      return Number(text);
    case "timestamp":
      return decoded(() => parseTimestamp(text), path, "a timestamp");
    case "blob":
      return decoded(() => fromBase64(text), path, "base64 text");
    default:
      return raw;
  }
}

function decoded<T>(decode: () => T, path: string, what: string): T {
  try {
    return decode();
  } catch {
    throw new WireValueError(path, what, "text that does not parse as one");
  }
}

/** Splits "a, \"b,c\", d" into ["a", "b,c", "d"]: RFC 7230 list items with quoted-strings. */
export function splitHeaderList(raw: string): string[] {
  const items: string[] = [];
  let i = 0;
  while (i <= raw.length) {
    while (raw[i] === " " || raw[i] === "\t") i++;
    let item = "";
    if (raw[i] === '"') {
      i++;
      while (i < raw.length && raw[i] !== '"') {
        if (raw[i] === "\\" && i + 1 < raw.length) i++;
        item += raw[i++];
      }
      i++; // closing quote
      while (i < raw.length && raw[i] !== ",") i++;
    } else {
      const end = raw.indexOf(",", i);
      const stop = end < 0 ? raw.length : end;
      item = raw.slice(i, stop).trim();
      i = stop;
    }
    items.push(item);
    i++; // the comma
  }
  return items;
}
