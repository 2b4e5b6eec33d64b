// HTTP bindings of requests, shared by rest-json and rest-xml: members bound to the URI path,
// the query string, headers and prefixed header maps, and the endpoint host prefix.
// Responses: http-response-bindings.ts.

import { encodeUriLabel, formatTimestamp, percentEncode, toBase64, toBytes, toDate, uuidV4 } from "../encoding.js";
import { ValidationError } from "../errors.js";
import { entriesOf, memberPlan } from "./member-plan.js";
import { callInput, hostPrefixOf } from "./operation-input.js";
import {
  resolveSchema,
  type MemberSchema,
  type OperationSchema,
  type Schema,
  type StructureSchema,
  type TimestampFormat,
} from "../schema.js";

export interface SerializeContext {
  endpoint: URL;
  /** Idempotency tokens for members left unset; defaults to a random UUID v4. */
  uuid?: () => string;
}

const present = (value: unknown): boolean => value !== undefined && value !== null;

export interface HttpBindingParts {
  method: string;
  /** Full URL: scheme, prefixed host, endpoint base path, expanded path and query. */
  url: string;
  /** Lower-case header names. */
  headers: Record<string, string>;
  /** The input with idempotency tokens filled in. */
  input: Record<string, unknown>;
}

/** Expands the request URI, query string, headers and host prefix of one operation call. */
export function serializeHttpBindings(
  op: OperationSchema,
  rawInput: Record<string, unknown>,
  ctx: SerializeContext,
): HttpBindingParts {
  const schema = op.input;
  const input = callInput(op, rawInput ?? {}, ctx.uuid);
  const path = expandPath(op, input);
  const query = serializeQuery(schema, input, op.query ?? "");
  const headers = serializeHeaders(op, input);
  const hostPrefix = hostPrefixOf(op, input);

  const endpoint = ctx.endpoint;
  const basePath = endpoint.pathname.replace(/\/+$/, "");
  const url = `${endpoint.protocol}//${hostPrefix}${endpoint.host}${basePath}${path}${query ? `?${query}` : ""}`;
  return { method: op.method ?? "POST", url, headers, input };
}

/** The path with its labels filled: the members were matched to labels at generation time. */
function expandPath(op: OperationSchema, input: Record<string, unknown>): string {
  let out = "";
  for (const part of op.path ?? ["/"]) {
    if (typeof part === "string") {
      out += part;
      continue;
    }
    const value = input[part.member];
    const member = `${op.name}.${part.member}`;
    const schema = op.input?.members[part.member];
    if (!schema || !present(value)) throw new ValidationError(`${op.name}: missing value for URI label ${member}`, { member });
    const text = scalarToString(resolveSchema(schema.target), schema, value, "iso8601");
    if (text === "") throw new ValidationError(`${op.name}: empty value for URI label ${member}`, { member });
    out += encodeUriLabel(text, part.greedy);
  }
  return out;
}

function serializeQuery(schema: StructureSchema | undefined, input: Record<string, unknown>, staticQuery: string): string {
  const parts: string[] = staticQuery ? staticQuery.split("&").filter((p) => p !== "") : [];
  const members = schema ? memberPlan(schema).query : [];
  if (members.length === 0) return parts.join("&");
  const taken = new Set(parts.map((p) => decodeQueryKey(p.split("=")[0]!)));
  const maps: [MemberSchema, unknown][] = [];
  for (const [name, member, key] of members) {
    const value = input[name];
    if (!present(value)) continue;
    const target = resolveSchema(member.target);
    if (target.type === "map") {
      maps.push([member, value]);
      continue;
    }
    taken.add(key);
    const values =
      target.type === "list"
        ? (value as unknown[]).filter(present).map((v) => scalarToString(resolveSchema(target.member.target), target.member, v, "iso8601"))
        : [scalarToString(target, member, value, "iso8601")];
    for (const v of values) parts.push(`${percentEncode(key)}=${percentEncode(v)}`);
  }
  // Smithy @httpQueryParams: named query members win over map entries with the same key.
  for (const [member, value] of maps) {
    const map = resolveSchema(member.target);
    if (map.type !== "map") continue;
    const valueSchema = resolveSchema(map.value.target);
    for (const [key, entry] of entriesOf(value)) {
      if (taken.has(key) || !present(entry)) continue;
      const values =
        valueSchema.type === "list"
          ? (entry as unknown[]).filter(present).map((v) => scalarToString(resolveSchema(valueSchema.member.target), valueSchema.member, v, "iso8601"))
          : [scalarToString(valueSchema, map.value, entry, "iso8601")];
      for (const v of values) parts.push(`${percentEncode(key)}=${percentEncode(v)}`);
    }
  }
  return parts.join("&");
}

function decodeQueryKey(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}


function serializeHeaders(op: OperationSchema, input: Record<string, unknown>): Record<string, string> {
  const headers: Record<string, string> = {};
  const schema = op.input;
  if (!schema) return headers;
  const set = (header: string, text: string, name: string) => {
    // fetch refuses what HTTP cannot carry (RFC 9110 §5.5): say which member, never the value.
    if (!/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(header) || /[^\t\x20-\x7e\x80-\xff]/.test(text)) {
      const member = `${op.name}.${name}`;
      throw new ValidationError(`${op.name}: ${member} cannot be sent as the HTTP header ${JSON.stringify(header)}`, { member });
    }
    headers[header] = text;
  };
  for (const [name, member, wire] of memberPlan(schema).headers) {
    const value = input[name];
    if (!present(value)) continue;
    if (member.location === "header") {
      set(wire.toLowerCase(), headerValue(resolveSchema(member.target), member, value), name);
    } else if (member.location === "headers") {
      const map = resolveSchema(member.target);
      if (map.type !== "map") continue;
      const prefix = (member.locationName ?? "").toLowerCase();
      const valueSchema = resolveSchema(map.value.target);
      for (const [key, entry] of entriesOf(value)) {
        if (present(entry)) set(prefix + key.toLowerCase(), headerValue(valueSchema, map.value, entry), name);
      }
    }
  }
  return headers;
}

/** One header value: lists are comma-joined (strings quoted when needed), jsonvalue is base64. */
export function headerValue(schema: Schema, member: MemberSchema, value: unknown): string {
  if (schema.type === "list") {
    const item = resolveSchema(schema.member.target);
    return (value as unknown[])
      .filter(present)
      .map((v) => {
        const text = scalarToString(item, schema.member, v, "rfc822");
        // RFC 7230 §3.2.6: a list item holding a comma or quote travels as a quoted-string.
        return item.type === "string" && /[",]/.test(text) ? `"${text.replace(/(["\\])/g, "\\$1")}"` : text;
      })
      .join(", ");
  }
  if (member.jsonvalue) return toBase64(typeof value === "string" ? value : JSON.stringify(value));
  return scalarToString(schema, member, value, "rfc822");
}

/** Text form of a scalar for labels, query values and headers. */
export function scalarToString(schema: Schema, member: MemberSchema, value: unknown, defaultFormat: TimestampFormat): string {
  switch (schema.type) {
    case "timestamp":
      return formatTimestamp(toDate(value), member.timestampFormat ?? schema.timestampFormat ?? defaultFormat);
    case "blob":
      return toBase64(toBytes(value));
    case "float":
    case "double":
      return numberToString(value);
    default:
      return String(value);
  }
}

/** NaN and the infinities keep the spelling every AWS protocol uses. */
export function numberToString(value: unknown): string {
  const n = typeof value === "string" ? Number(value) : (value as number);
  if (typeof n === "number") {
    if (Number.isNaN(n)) return "NaN";
    if (n === Infinity) return "Infinity";
    if (n === -Infinity) return "-Infinity";
  }
  return String(value);
}
