// How a case's expectation is compared with what the runtime produced, following botocore's
// tests/unit/test_protocols.py: JSON bodies by meaning, listed headers exactly (names case-free),
// `forbidHeaders` absent, `requireHeaders` present, the host when given. Stricter than botocore
// where botocore normalizes its own quirks away: list headers keep Smithy's ", " separator and
// non-JSON Content-Types are compared too.

import { isDeepStrictEqual } from "node:util";
import type { Schema, SchemaRef } from "./runtime-shapes.js";

// The runtime's resolveSchema, repeated: the generator imports nothing from templates/.
const resolveSchema = (ref: SchemaRef): Schema => (typeof ref === "function" ? ref() : ref);

const show = (value: unknown): string => JSON.stringify(value, (_, v) => (typeof v === "bigint" ? `${v}n` : v));

/** Parsed-JSON comparison when both sides are JSON, exact text otherwise (botocore `_assert_json_bodies`). */
export function compareJsonBody(actual: string | Uint8Array | undefined, expected: string): string | undefined {
  const actualText = actual === undefined ? "" : typeof actual === "string" ? actual : new TextDecoder().decode(actual);
  let a: unknown;
  let e: unknown;
  try {
    a = JSON.parse(actualText);
    e = JSON.parse(expected);
  } catch {
    return actualText === expected ? undefined : `body: expected ${show(expected)}, got ${show(actualText)}`;
  }
  return isDeepStrictEqual(a, e) ? undefined : `body (as JSON): expected ${show(e)}, got ${show(a)}`;
}

/** CBOR bodies by meaning: both decoded (the expected one is base64), then compared as values. */
export function compareCborBody(decode: (bytes: Uint8Array) => unknown, actual: string | Uint8Array | undefined, expectedBase64: string): string | undefined {
  const actualBytes = actual === undefined ? new Uint8Array(0) : typeof actual === "string" ? new TextEncoder().encode(actual) : actual;
  const expectedBytes = Uint8Array.from(Buffer.from(expectedBase64, "base64"));
  if (expectedBytes.length === 0 || actualBytes.length === 0) {
    return expectedBytes.length === actualBytes.length ? undefined : `body: expected ${expectedBytes.length} bytes, got ${actualBytes.length}`;
  }
  let a: unknown;
  let e: unknown;
  try {
    a = decode(actualBytes);
    e = decode(expectedBytes);
  } catch (error) {
    return `body: not CBOR (${error instanceof Error ? error.message : String(error)})`;
  }
  return isDeepStrictEqual(a, e) ? undefined : `body (as CBOR): expected ${show(e)}, got ${show(a)}`;
}

export function compareHeaders(
  actual: Headers,
  expected: Record<string, string> | undefined,
  forbid: string[] | undefined,
  require: string[] | undefined,
): string | undefined {
  const problems: string[] = [];
  for (const [name, value] of Object.entries(expected ?? {})) {
    const got = actual.get(name);
    if (got === null) problems.push(`header ${name}: missing, expected ${show(value)}`);
    else if (got !== value) problems.push(`header ${name}: expected ${show(value)}, got ${show(got)}`);
  }
  for (const name of forbid ?? []) {
    if (actual.has(name)) problems.push(`header ${name}: forbidden, got ${show(actual.get(name))}`);
  }
  for (const name of require ?? []) {
    if (!actual.has(name)) problems.push(`header ${name}: required but missing`);
  }
  return problems.length ? problems.join("; ") : undefined;
}

/**
 * Path compared exactly; the query compared as key=value pieces exactly as encoded, where the
 * order of different keys is free but repeated keys keep their order (botocore builds the query
 * from a dict in member order, Smithy's tests do not fix an order).
 */
export function compareUri(actualPathAndQuery: string, expected: string): string | undefined {
  const [aPath, aQuery = ""] = splitOnce(actualPathAndQuery, "?");
  const [ePath, eQuery = ""] = splitOnce(expected, "?");
  if (aPath !== ePath) return `uri path: expected ${show(ePath)}, got ${show(aPath)}`;
  const pieces = (q: string) =>
    q
      .split("&")
      .filter((p) => p !== "")
      .map((p, i) => [splitOnce(p, "=")[0], i, p] as const)
      .sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : x[1] - y[1]))
      .map((x) => x[2]);
  if (!isDeepStrictEqual(pieces(aQuery), pieces(eQuery))) {
    return `uri query: expected ${show(eQuery)}, got ${show(aQuery)}`;
  }
  return undefined;
}

function splitOnce(text: string, sep: string): [string, string?] {
  const at = text.indexOf(sep);
  return at < 0 ? [text] : [text.slice(0, at), text.slice(at + 1)];
}

/** `host` may carry the endpoint's base path ("example.com/custom"): the URL path must start with it. */
export function compareHost(url: URL, expected: string): string | undefined {
  const [host, basePath] = splitOnce(expected, "/");
  if (url.host !== host) return `host: expected ${show(host)}, got ${show(url.host)}`;
  if (basePath !== undefined && !url.pathname.startsWith(`/${basePath}/`) && url.pathname !== `/${basePath}`) {
    return `host base path: expected the path to start with /${basePath}, got ${show(url.pathname)}`;
  }
  return undefined;
}

/** Deep comparison of a parsed output with a case's `result` (key order free). */
export function compareResult(actual: unknown, expected: unknown): string | undefined {
  return isDeepStrictEqual(actual, expected) ? undefined : `result: expected ${show(expected)}, got ${show(actual)}`;
}

/**
 * The suite's params as typed input: timestamps (epoch seconds in the suite) become Dates, blobs
 * become bytes, and "NaN"/"Infinity"/"-Infinity" for float members become numbers.
 */
export function toTypedInput(schema: Schema | undefined, value: unknown): unknown {
  if (schema === undefined || value === null || value === undefined) return value;
  switch (schema.type) {
    case "structure": {
      if (schema.document) return value;
      const out: Record<string, unknown> = {};
      for (const [name, v] of Object.entries(value as Record<string, unknown>)) {
        const member = schema.members?.[name];
        out[name] = toTypedInput(member ? resolveSchema(member.target) : undefined, v);
      }
      return out;
    }
    case "list":
      return (value as unknown[]).map((v) => toTypedInput(schema.member ? resolveSchema(schema.member.target) : undefined, v));
    case "map": {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = toTypedInput(schema.value ? resolveSchema(schema.value.target) : undefined, v);
      return out;
    }
    case "timestamp":
      return typeof value === "number" ? new Date(value * 1000) : value;
    case "blob":
      return typeof value === "string" ? new TextEncoder().encode(value) : value;
    case "float":
    case "double":
      return typeof value === "string" ? Number(value) : value;
    default:
      return value;
  }
}

/**
 * Parsed output in the suite's notation (botocore `_fixup_parsed_result`): Dates as epoch seconds,
 * bytes as UTF-8 text, NaN and the infinities as strings.
 */
export function toSuiteNotation(value: unknown): unknown {
  if (value instanceof Date) return value.getTime() / 1000;
  if (value instanceof Uint8Array) return new TextDecoder().decode(value);
  if (typeof value === "number" && !Number.isFinite(value)) return Number.isNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity";
  if (Array.isArray(value)) return value.map(toSuiteNotation);
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = toSuiteNotation(v);
    return out;
  }
  return value;
}
