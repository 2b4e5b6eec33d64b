// The runtime's parsers under random and broken input: random bytes, truncated and bit-flipped
// valid bodies, random JSON of the wrong shape, deep nesting, hostile headers and error codes.
// Every outcome is a result or a typed error (ResponseParseError for a 2xx body, a
// ServiceException for an error answer); never a raw TypeError or RangeError, never a hang.
// Seeded, so a failure names a case that can be replayed.

import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { generate } from "../../src/generate.js";
import { ResponseParseError, ServiceException } from "../../templates/runtime/errors.js";
import { parseRestJsonError, parseRestJsonResponse } from "../../templates/runtime/protocols/rest-json.js";
import type { ErrorRegistry, OperationSchema } from "../../templates/runtime/schema.js";
import { writeToTemp } from "../helpers.js";

function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Target {
  op: OperationSchema;
  errors: ErrorRegistry;
  valid: string[];
}

const targets: Target[] = [];

beforeAll(async () => {
  for (const model of ["models/ivschat.json", "test/security/rich-model.json"]) {
    const dir = await writeToTemp(await generate({ model }), "fuzz-parsers");
    const schemas = (await import(pathToFileURL(join(dir, "src/schemas.ts")).href)) as Record<string, unknown>;
    const service = schemas["service"] as { errors?: ErrorRegistry };
    for (const value of Object.values(schemas)) {
      const op = value as OperationSchema;
      if (typeof op === "object" && op && "method" in op && "path" in op && op.output) {
        targets.push({ op, errors: service.errors ?? {}, valid: validBodies() });
      }
    }
  }
}, 120_000);

/** Bodies shaped like real answers, to truncate and flip. */
function validBodies(): string[] {
  return [
    '{"arn":"arn:aws:ivschat:us-west-2:123456789012:room/abc","id":"abc","name":"lobby","createTime":"2024-01-01T00:00:00Z","maximumMessageLength":500,"tags":{"a":"b"},"loggingConfigurationIdentifiers":["x"],"messageReviewHandler":{"uri":"arn:x","fallbackResult":"ALLOW"}}',
    '{"rooms":[{"arn":"a","id":"b","name":"c","createTime":"2024-01-01T00:00:00Z","tags":{}}],"nextToken":"t"}',
    '{"token":"t","tokenExpirationTime":"2024-01-01T00:00:00Z","sessionExpirationTime":"2024-01-01T00:00:00Z"}',
    '{"Things":[{"name":"n","Size":1,"Ratio":"NaN","Big":1.5,"Flag":true,"Data":"AAEC","Tags":{"k":"v"}}],"NextToken":"n"}',
    '{"name":"n","Size":9007199254740993,"Ratio":-0.0,"Flag":false,"Data":"////","Tags":{"__proto__":"x"}}',
  ];
}

const CHARSET = '{}[]":,0123456789.eE+-truefalsn \\/\u0000\u00ff\ud800';

function randomText(r: () => number, max: number): string {
  const n = Math.floor(r() * max);
  let s = "";
  for (let i = 0; i < n; i++) s += r() < 0.8 ? CHARSET[Math.floor(r() * CHARSET.length)] : String.fromCharCode(Math.floor(r() * 0x10000));
  return s;
}

function randomJson(r: () => number, depth = 0): unknown {
  const k = Math.floor(r() * 8);
  if (depth > 4) return k % 2 ? "s" : 1;
  switch (k) {
    case 0:
      return null;
    case 1:
      return r() < 0.5;
    case 2:
      return [0, -1, 1e308, 1.5, 2 ** 60][Math.floor(r() * 5)];
    case 3:
      return ["", "NaN", "2024-01-01", "AAAA", "x", "__proto__"][Math.floor(r() * 6)];
    case 4:
      return Array.from({ length: Math.floor(r() * 3) }, () => randomJson(r, depth + 1));
    default: {
      const keys = ["arn", "id", "name", "tags", "rooms", "token", "Things", "Tags", "Data", "Size", "nextToken", "__proto__", "constructor", "x"];
      const o: Record<string, unknown> = {};
      for (let i = 0; i < Math.floor(r() * 5); i++) o[keys[Math.floor(r() * keys.length)]!] = randomJson(r, depth + 1);
      return o;
    }
  }
}

/** One fuzzed response body. */
function body(r: () => number, target: Target): string | Uint8Array {
  const valid = target.valid[Math.floor(r() * target.valid.length)]!;
  switch (Math.floor(r() * 6)) {
    case 0:
      return randomText(r, 200);
    case 1:
      return valid.slice(0, Math.floor(r() * valid.length));
    case 2: {
      const bytes = new TextEncoder().encode(valid);
      for (let i = 0; i < 3; i++) {
        const at = Math.floor(r() * bytes.length);
        bytes[at] = bytes[at]! ^ (1 << Math.floor(r() * 8));
      }
      return bytes;
    }
    case 3:
      return JSON.stringify(randomJson(r));
    case 4: {
      const depth = 1 + Math.floor(r() * 20_000);
      return "[".repeat(depth) + "]".repeat(r() < 0.5 ? depth : 0);
    }
    default:
      return Uint8Array.from({ length: Math.floor(r() * 100) }, () => Math.floor(r() * 256));
  }
}

function headers(r: () => number): Headers {
  const h = new Headers();
  const values = ["", "x", "-1", "1e400", "NaN", "true", "Mon, 99 Foo", "\u00ff", "a,b,\"c", "AAAA"];
  for (const name of ["x-amzn-requestid", "x-amzn-errortype", "etag", "x-amz-meta-a", "content-type", "date"]) {
    if (r() < 0.5) h.set(name, values[Math.floor(r() * values.length)]!);
  }
  if (r() < 0.3) h.set("x-amzn-errortype", ["constructor", "__proto__", "toString", "ThingNotFound", "ResourceNotFoundException", ":", "#"][Math.floor(r() * 7)]!);
  return h;
}

describe("rest-json parsers under fuzzed input", () => {
  it("5,000 seeded 2xx bodies: a result or a ResponseParseError, nothing else", () => {
    const r = prng(7);
    const wrong: string[] = [];
    for (let i = 0; i < 5000; i++) {
      const target = targets[Math.floor(r() * targets.length)]!;
      try {
        parseRestJsonResponse(target.op, { status: 200, headers: headers(r), body: body(r, target) });
      } catch (e) {
        if (!(e instanceof ResponseParseError)) wrong.push(`case ${i} ${target.op.name}: ${(e as Error)?.name}: ${(e as Error)?.message}`);
      }
    }
    expect(targets.length).toBeGreaterThan(10);
    expect(wrong.slice(0, 5)).toEqual([]);
  });

  it("5,000 seeded error answers: always a ServiceException", () => {
    const r = prng(11);
    const wrong: string[] = [];
    for (let i = 0; i < 5000; i++) {
      const target = targets[Math.floor(r() * targets.length)]!;
      const status = [300, 400, 403, 404, 429, 500, 503, 599][Math.floor(r() * 8)]!;
      try {
        const error = parseRestJsonError(target.op, { status, headers: headers(r), body: body(r, target) }, { errors: target.errors });
        if (!(error instanceof ServiceException)) wrong.push(`case ${i}: ${String(error)}`);
      } catch (e) {
        wrong.push(`case ${i} ${target.op.name}: threw ${(e as Error)?.name}: ${(e as Error)?.message}`);
      }
    }
    expect(wrong.slice(0, 5)).toEqual([]);
  });
});
