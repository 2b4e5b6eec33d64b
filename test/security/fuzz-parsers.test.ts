// The runtime's parsers under random and broken input, for every protocol the runtime speaks
// (rest-json, AWS JSON, RPC v2 CBOR): random bytes, truncated and bit-flipped valid bodies, random
// values of the wrong shape, deep nesting, huge declared lengths (CBOR), hostile headers and error
// codes. Every outcome is a result or a typed error (ResponseParseError for a 2xx body, a
// ServiceException for an error answer); never a raw TypeError or RangeError, never a hang.
// Seeded, so a failure names a case that can be replayed (FUZZ_STACK=1 adds its stack).

import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import cbor from "cbor";
import { beforeAll, describe, expect, it } from "vitest";
import { generate } from "../../src/generate.js";
import { ResponseParseError, ServiceException } from "../../templates/runtime/errors.js";
import type { Protocol } from "../../templates/runtime/protocol.js";
import { awsJson } from "../../templates/runtime/protocols/aws-json.js";
import { restJson } from "../../templates/runtime/protocols/rest-json.js";
import { rpcV2Cbor } from "../../templates/runtime/protocols/rpc-v2-cbor.js";
import type { ErrorRegistry, OperationSchema } from "../../templates/runtime/schema.js";
import { REPO_ROOT, tempDir, writeToTemp } from "../helpers.js";

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
}

const PROTOCOLS: Record<string, Protocol> = { "rest-json": restJson, json: awsJson, "smithy-rpc-v2-cbor": rpcV2Cbor };
const targets = new Map<string, Target[]>(Object.keys(PROTOCOLS).map((p) => [p, []]));

beforeAll(async () => {
  const rich = JSON.parse(readFileSync(join(REPO_ROOT, "test/security/rich-model.json"), "utf8"));
  const models: [string, string][] = [["rest-json", join(REPO_ROOT, "models/ivschat.json")]];
  for (const protocol of Object.keys(PROTOCOLS)) {
    const path = join(tempDir("fuzz-parsers-model"), "rich.json");
    writeFileSync(path, JSON.stringify({ ...rich, metadata: { ...rich.metadata, protocol, protocols: [protocol] } }));
    models.push([protocol, path]);
  }
  for (const [protocol, model] of models) {
    const dir = await writeToTemp(await generate({ model }), "fuzz-parsers");
    const schemas = (await import(pathToFileURL(join(dir, "src/schemas.ts")).href)) as Record<string, unknown>;
    const service = schemas["service"] as { errors?: ErrorRegistry };
    for (const value of Object.values(schemas)) {
      const op = value as OperationSchema;
      // Operation schemas are the ones with a name and no `type` (shape schemas have one).
      if (typeof op === "object" && op && !("type" in op) && "name" in op && op.output) targets.get(protocol)!.push({ op, errors: service.errors ?? {} });
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
      // Object.fromEntries makes "__proto__" an own key (an assignment would set the prototype).
      const entries: [string, unknown][] = [];
      for (let i = 0; i < Math.floor(r() * 5); i++) entries.push([keys[Math.floor(r() * keys.length)]!, randomJson(r, depth + 1)]);
      return Object.fromEntries(entries);
    }
  }
}

/** The valid JSON bodies as a CBOR service would send them: blobs as byte strings, timestamps as tag 1. */
function validCborBodies(): Uint8Array[] {
  const cborValue = (key: string, v: unknown): unknown => {
    if (typeof v === "string" && (key === "Data" || key === "Blob")) return Buffer.from(v, "base64");
    if (typeof v === "string" && /Time$/.test(key)) return new Date(v);
    if (v === "NaN") return Number.NaN;
    if (Array.isArray(v)) return v.map((x) => cborValue("", x));
    if (typeof v === "object" && v !== null) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, cborValue(k, x)]));
    return v;
  };
  return validBodies().map((text) => new Uint8Array(cbor.encode(cborValue("", JSON.parse(text)))));
}

/** Objects as Maps: the cbor package reads an own `constructor` key as the value's class. */
const asMaps = (v: unknown): unknown =>
  Array.isArray(v) ? v.map(asMaps) : typeof v === "object" && v !== null ? new Map(Object.entries(v).map(([k, x]) => [k, asMaps(x)])) : v;

/** CBOR heads that claim more than is there, nest without end, or never break. */
function hostileCbor(r: () => number): Uint8Array {
  const depth = 1 + Math.floor(r() * 20_000);
  const huge = [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xf0];
  const cases: number[][] = [
    [0x5b, ...huge], // byte string of 2^64 - 16 bytes
    [0x7b, ...huge], // text string, the same
    [0x9b, ...huge], // array of that many items
    [0xbb, ...huge], // map of that many pairs
    [0xba, 0x7f, 0xff, 0xff, 0xff, 0x61, 0x61, 0x01], // map of 2^31 pairs, one given
    [0x9f, ...Array.from({ length: 100 }, () => 0x01)], // indefinite array, no break
    [0xbf, 0x61, 0x61], // indefinite map, a key and nothing more
    Array.from({ length: depth }, () => 0x81).concat([0x00]), // nested arrays
    Array.from({ length: depth }, () => 0xc1).concat([0x00]), // nested tags
    [0xa1, 0x61, 0x61, 0xff], // a break where a value belongs
    [0x1c], // reserved additional info
    [0xf8, 0x10], // simple value in two bytes below 32
    [0x5f, 0x61, 0x61, 0xff], // indefinite byte string with a text chunk
  ];
  return Uint8Array.from(cases[Math.floor(r() * cases.length)]!);
}

/** One fuzzed response body. */
function body(r: () => number, protocol: string): string | Uint8Array {
  const isCbor = protocol === "smithy-rpc-v2-cbor";
  const valids: (string | Uint8Array)[] = isCbor ? validCborBodies() : validBodies();
  const valid = valids[Math.floor(r() * valids.length)]!;
  const bytesOf = (v: string | Uint8Array) => (typeof v === "string" ? new TextEncoder().encode(v) : Uint8Array.from(v));
  switch (Math.floor(r() * 6)) {
    case 0:
      return isCbor ? hostileCbor(r) : randomText(r, 200);
    case 1:
      return valid.slice(0, Math.floor(r() * valid.length));
    case 2: {
      const bytes = bytesOf(valid);
      for (let i = 0; i < 3; i++) {
        const at = Math.floor(r() * bytes.length);
        bytes[at] = bytes[at]! ^ (1 << Math.floor(r() * 8));
      }
      return bytes;
    }
    case 3:
      return isCbor ? new Uint8Array(cbor.encode(asMaps(randomJson(r)))) : JSON.stringify(randomJson(r));
    case 4: {
      const depth = 1 + Math.floor(r() * 20_000);
      return isCbor ? hostileCbor(r) : "[".repeat(depth) + "]".repeat(r() < 0.5 ? depth : 0);
    }
    default:
      return Uint8Array.from({ length: Math.floor(r() * 100) }, () => Math.floor(r() * 256));
  }
}

function headers(r: () => number): Headers {
  const h = new Headers();
  const values = ["", "x", "-1", "1e400", "NaN", "true", "Mon, 99 Foo", "\u00ff", "a,b,\"c", "AAAA", "Code;Sender", ";", "a;b;c"];
  for (const name of ["x-amzn-requestid", "x-amzn-errortype", "x-amzn-query-error", "etag", "x-amz-meta-a", "content-type", "date", "smithy-protocol"]) {
    if (r() < 0.5) h.set(name, values[Math.floor(r() * values.length)]!);
  }
  if (r() < 0.3) h.set("x-amzn-errortype", ["constructor", "__proto__", "toString", "ThingNotFound", "ResourceNotFoundException", ":", "#"][Math.floor(r() * 7)]!);
  return h;
}

describe.each(Object.keys(PROTOCOLS))("%s parsers under fuzzed input", (protocolName) => {
  const protocol = PROTOCOLS[protocolName]!;
  const pick = (r: () => number) => {
    const list = targets.get(protocolName)!;
    return list[Math.floor(r() * list.length)]!;
  };

  it("3,000 seeded 2xx bodies: a result or a ResponseParseError, nothing else", () => {
    const r = prng(7);
    const wrong: string[] = [];
    for (let i = 0; i < 3000; i++) {
      const target = pick(r);
      try {
        protocol.parse(target.op, { status: 200, headers: headers(r), body: body(r, protocolName) }, { httpStatusCode: 200, attempts: 1 });
      } catch (e) {
        if (!(e instanceof ResponseParseError)) wrong.push(`case ${i} ${target.op.name}: ${(e as Error)?.name}: ${(e as Error)?.message} ${process.env["FUZZ_STACK"] ? (e as Error).stack : ""}`);
      }
    }
    expect(targets.get(protocolName)!.length).toBeGreaterThan(protocolName === "rest-json" ? 10 : 1);
    expect(wrong.slice(0, 5)).toEqual([]);
  });

  it("3,000 seeded error answers: always a ServiceException", () => {
    const r = prng(11);
    const wrong: string[] = [];
    for (let i = 0; i < 3000; i++) {
      const target = pick(r);
      const status = [300, 400, 403, 404, 429, 500, 503, 599][Math.floor(r() * 8)]!;
      try {
        const error = protocol.parseError(
          target.op,
          { status, headers: headers(r), body: body(r, protocolName) },
          { errors: target.errors, queryCompatible: r() < 0.5, baseException: ServiceException, $metadata: { httpStatusCode: status, attempts: 1 } },
        );
        if (!(error instanceof ServiceException)) wrong.push(`case ${i}: ${String(error)}`);
      } catch (e) {
        wrong.push(`case ${i} ${target.op.name}: threw ${(e as Error)?.name}: ${(e as Error)?.message}`);
      }
    }
    expect(wrong.slice(0, 5)).toEqual([]);
  });
});
