// HTTP bindings of requests, shared by rest-json and rest-xml: members bound to the URI path,
// the query string, headers and prefixed header maps, and the endpoint host prefix.
// Responses: http-response-bindings.ts.

import { encodeUriLabel, formatTimestamp, percentEncode, toBase64, toBytes, toDate, uuidV4 } from "../encoding.js";
import { ValidationError } from "../errors.js";
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

export interface HttpBindingParts {
  method: string;
  /** Full URL: scheme, prefixed host, endpoint base path, expanded path and query. */
  url: string;
  /** Lower-case header names. */
  headers: Record<string, string>;
  /** The input with idempotency tokens filled in. */
  input: Record<string, unknown>;
}

/** A member travels in the body (or the payload) unless it is bound elsewhere. */
export const isBodyMember = (member: MemberSchema): boolean => member.location === undefined;

export const wireName = (name: string, member: MemberSchema): string => member.locationName ?? name;

const present = (value: unknown): boolean => value !== undefined && value !== null;

/** A member with its name and wire name (locationName, else the name). */
export type PlannedMember = readonly [name: string, member: MemberSchema, wire: string];

/** A structure's members grouped by where they travel, so a call does not walk them once per group. */
export interface MemberPlan {
  all: readonly PlannedMember[];
  /** No location: the body (or the payload). */
  body: readonly PlannedMember[];
  uri: readonly PlannedMember[];
  query: readonly PlannedMember[];
  /** `header` and `headers` (prefixed map) members. */
  headers: readonly PlannedMember[];
  /** What a response binds outside the body: `statusCode`, `header` and `headers` members. */
  response: readonly PlannedMember[];
  idempotencyTokens: readonly PlannedMember[];
}

// Wire schemas are constants that never change after generation: a plan is made once per schema.
const plans = new WeakMap<StructureSchema, MemberPlan>();

export function memberPlan(schema: StructureSchema): MemberPlan {
  let plan = plans.get(schema);
  if (plan === undefined) {
    const all: PlannedMember[] = [];
    const body: PlannedMember[] = [];
    const uri: PlannedMember[] = [];
    const query: PlannedMember[] = [];
    const headers: PlannedMember[] = [];
    const response: PlannedMember[] = [];
    const idempotencyTokens: PlannedMember[] = [];
    for (const [name, member] of Object.entries(schema.members)) {
      const entry: PlannedMember = [name, member, wireName(name, member)];
      all.push(entry);
      const location = member.location;
      if (location === undefined) body.push(entry);
      else if (location === "uri") uri.push(entry);
      else if (location === "querystring") query.push(entry);
      else {
        response.push(entry);
        if (location !== "statusCode") headers.push(entry);
      }
      if (member.idempotencyToken) idempotencyTokens.push(entry);
    }
    plan = { all, body, uri, query, headers, response, idempotencyTokens };
    plans.set(schema, plan);
  }
  return plan;
}

/** Top-level idempotency tokens left unset get a fresh UUID (Smithy `@idempotencyToken`). */
export function fillIdempotencyTokens(
  schema: StructureSchema | undefined,
  input: Record<string, unknown>,
  uuid: () => string = uuidV4,
): Record<string, unknown> {
  if (!schema) return input;
  let out = input;
  for (const [name] of memberPlan(schema).idempotencyTokens) {
    if (!present(input[name])) {
      if (out === input) out = { ...input };
      out[name] = uuid();
    }
  }
  return out;
}

/** Expands the request URI, query string, headers and host prefix of one operation call. */
export function serializeHttpBindings(
  op: OperationSchema,
  rawInput: Record<string, unknown>,
  ctx: SerializeContext,
): HttpBindingParts {
  const schema = op.input;
  const input = fillIdempotencyTokens(schema, rawInput ?? {}, ctx.uuid);
  const queryAt = op.path.indexOf("?");
  const pathTemplate = queryAt < 0 ? op.path : op.path.slice(0, queryAt);
  const staticQuery = queryAt < 0 ? "" : op.path.slice(queryAt + 1);

  const path = expandPath(op, pathTemplate, input);
  const query = serializeQuery(schema, input, staticQuery);
  const headers = serializeHeaders(op, input);
  const hostPrefix = op.hostPrefix ? expandHostPrefix(op, input) : "";

  const endpoint = ctx.endpoint;
  const basePath = endpoint.pathname.replace(/\/+$/, "");
  const url = `${endpoint.protocol}//${hostPrefix}${endpoint.host}${basePath}${path}${query ? `?${query}` : ""}`;
  return { method: op.method, url, headers, input };
}

function findUriMember(schema: StructureSchema | undefined, label: string): [string, MemberSchema] | undefined {
  if (!schema) return undefined;
  for (const [name, member, wire] of memberPlan(schema).uri) {
    if (wire === label) return [name, member];
  }
  return undefined;
}

function expandPath(op: OperationSchema, template: string, input: Record<string, unknown>): string {
  return template.replace(/\{([^}]+)\}/g, (_, raw: string) => {
    const greedy = raw.endsWith("+");
    const label = greedy ? raw.slice(0, -1) : raw;
    const found = findUriMember(op.input, label);
    const value = found ? input[found[0]] : undefined;
    const member = `${op.name}.${found ? found[0] : label}`;
    if (!found || !present(value)) throw new ValidationError(`${op.name}: missing value for URI label ${member}`, { member });
    const text = scalarToString(resolveSchema(found[1].target), found[1], value, "iso8601");
    if (text === "") throw new ValidationError(`${op.name}: empty value for URI label ${member}`, { member });
    return encodeUriLabel(text, greedy);
  });
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

export function entriesOf(value: unknown): [string, unknown][] {
  if (value instanceof Map) return [...(value as Map<string, unknown>).entries()];
  return Object.entries(value as Record<string, unknown>);
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

function expandHostPrefix(op: OperationSchema, input: Record<string, unknown>): string {
  return op.hostPrefix!.replace(/\{([^}]+)\}/g, (_, label: string) => {
    const member = `${op.name}.${label}`;
    const found = op.input && Object.entries(op.input.members).find(([name, m]) => m.hostLabel && name === label);
    const value = found ? input[found[0]] : undefined;
    if (typeof value !== "string" || value === "") {
      throw new ValidationError(`${op.name}: missing value for host label ${member}`, { member });
    }
    // A host label must stay one DNS label (RFC 1123), or the request goes to another host.
    if (!/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/.test(value)) {
      throw new ValidationError(`${op.name}: host label ${member} is not a valid DNS label`, { member });
    }
    return value;
  });
}
