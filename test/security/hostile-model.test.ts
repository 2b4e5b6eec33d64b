// Property test: a hostile string in every string-valued field the model schema allows (names,
// docs, enum values, wire names, requestUri, pattern, metadata, paginator tokens ...), each with a
// marker of its own, for every protocol. The generated package must type-check, no marker may
// become an identifier (the TypeScript parser decides: it may only sit in comments and string
// literals), and importing the package runs none of it.

import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { generate, type GenerateResult } from "../../src/generate.js";
import schema from "../../src/model/model.schema.json" with { type: "json" };
import { tempDir, typecheckMany, writeToTemp } from "../helpers.js";
import { codeTokensMentioning } from "./scan.js";

const PROTOCOLS = ["rest-json", "json", "query", "ec2", "rest-xml", "smithy-rpc-v2-cbor"];

/** Breaks out of every context generated code has, and names its marker as an identifier would appear. */
const payload = (marker: string): string =>
  `*/ globalThis.${marker} = 1; /* " ' \` \${globalThis.${marker}} </script> \u2028\u2029 \\ @param {@link x} <b>&amp;</b> \u0000 -->`;
/** For URI labels, host labels and paths, whose syntax is `{Label}`: the same without braces. */
const bracelessPayload = (marker: string): string => `*/ globalThis.${marker} = 1; /* " ' \` </script> \\ -->`;

/**
 * Fields kept as they are, each for a reason: their values are a closed set the schema checks
 * (a hostile value is refused, which is also safe, but would test nothing else), or they are
 * references renamed together with what they point at.
 */
const CONSTRAINED: Record<string, string> = {
  protocol: "one of the six protocols",
  protocols: "protocol names",
  type: "shape type / clientContextParams type: a closed set",
  location: "a closed set",
  timestampFormat: "a closed set",
  method: "an HTTP method",
  shape: "a reference: renamed with its shape",
  required: "member references: renamed with their members",
  payload: "a member reference: renamed with its member",
  xmlOrder: "member references: renamed with their members",
  requestAlgorithmMember: "a member reference: renamed with its member",
  requestValidationModeMember: "a member reference: renamed with its member",
};

interface Hostile {
  model: Record<string, any>;
  paginators: Record<string, any>;
  markers: string[];
  /** Schema property names (and key kinds) that got a marker somewhere. */
  covered: Set<string>;
}

/** Every free string of the rich model replaced by a payload with a marker of its own. */
function hostilize(base: Record<string, any>, protocol: string): Hostile {
  const markers: string[] = [];
  const covered = new Set<string>();
  const next = (field: string, braceless = false): string => {
    const marker = `PWNED_${markers.length}`;
    markers.push(marker);
    covered.add(field);
    return braceless ? bracelessPayload(marker) : payload(marker);
  };
  const free = (value: unknown, field: string): unknown => {
    if (typeof value === "string") return CONSTRAINED[field] ? value : next(field);
    if (Array.isArray(value)) return value.map((v) => free(v, field));
    return value;
  };

  // Names first: shapes, members (braceless where they make URI or host labels), operations.
  const shapeNames = new Map(Object.keys(base.shapes).map((s) => [s, next("shape name")]));
  const hostLabelMembers = new Set<string>();
  for (const s of Object.values<any>(base.shapes)) for (const [m, ref] of Object.entries<any>(s.members ?? {})) if (ref.hostLabel) hostLabelMembers.add(m);
  const memberNames = new Map<string, Map<string, string>>();
  for (const [s, shape] of Object.entries<any>(base.shapes)) {
    memberNames.set(s, new Map(Object.keys(shape.members ?? {}).map((m) => [m, next("member name", hostLabelMembers.has(m))])));
  }
  const rename = (s: string, m: string): string => memberNames.get(s)?.get(m) ?? m;

  const shapes: Record<string, unknown> = {};
  const uriLabels = new Map<string, string>(); // old label → new label, from members bound to the URI
  for (const [s, shape] of Object.entries<any>(base.shapes)) {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries<any>(shape)) {
      if (key === "members") {
        const members: Record<string, unknown> = {};
        for (const [m, ref] of Object.entries<any>(value)) {
          const member: Record<string, unknown> = {};
          for (const [k, v] of Object.entries<any>(ref)) {
            if (k === "shape") member[k] = shapeNames.get(v);
            else if (k === "locationName" && ref.location === "uri") {
              const label = next("locationName", true);
              uriLabels.set(v, label);
              member[k] = label;
            } else if (k === "contextParam") member[k] = { name: next("name") };
            else member[k] = free(v, k);
          }
          members[rename(s, m)] = member;
        }
        out[key] = members;
      } else if (key === "member" || key === "key" || key === "value") {
        const { shape: target, ...rest } = value;
        out[key] = { shape: shapeNames.get(target), ...Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, free(v, k)])) };
      } else if (key === "required" || key === "xmlOrder") out[key] = (value as string[]).map((m) => rename(s, m));
      else if (key === "payload") out[key] = rename(s, value);
      else if (key === "enum") out[key] = (value as string[]).map(() => next("enum"));
      else if (key === "error") out[key] = { ...value, code: next("code") };
      else out[key] = free(value, key);
    }
    shapes[shapeNames.get(s)!] = out;
  }

  const operations: Record<string, unknown> = {};
  const operationNames = new Map<string, string>();
  for (const [o, op] of Object.entries<any>(base.operations)) {
    const name = next("operation name");
    operationNames.set(o, name);
    const inputShape = op.input?.shape as string | undefined;
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries<any>(op)) {
      if (key === "http") {
        // "/things/{ThingId}?mode=full" → "/<payload>/{<label>}?<payload>=<payload>"
        const uri = (value.requestUri as string).replace(/\{([^}+]+)(\+?)\}/g, (_, label: string, plus: string) => `{${uriLabels.get(label) ?? label}${plus}}`);
        const [path, query] = uri.split("?");
        const hostilePath = `/${encodeURIComponent(next("requestUri", true))}${path!.slice(1) ? `/${path!.slice(1)}` : ""}`;
        out[key] = { ...value, requestUri: query === undefined ? hostilePath : `${hostilePath}?${next("requestUri", true)}=x` };
      } else if (key === "input" || key === "output") {
        out[key] = Object.fromEntries(Object.entries<any>(value).map(([k, v]) => [k, k === "shape" ? shapeNames.get(v) : k === "xmlNamespace" ? { uri: next("uri"), prefix: next("prefix") } : free(v, k)]));
      } else if (key === "errors") {
        out[key] = (value as any[]).map((e) =>
          Object.fromEntries(Object.entries<any>(e).map(([k, v]) => [k, k === "shape" ? shapeNames.get(v) : k === "error" ? { ...v, code: next("code") } : free(v, k)])),
        );
      } else if (key === "name") out[key] = next("name");
      else if (key === "endpoint") {
        const label = [...hostLabelMembers].map((m) => rename(inputShape!, m))[0]!;
        out[key] = { hostPrefix: `${next("hostPrefix", true)}{${label}}.` };
      } else if (key === "httpChecksum") {
        out[key] = {
          ...value,
          requestAlgorithmMember: rename(inputShape!, value.requestAlgorithmMember),
          requestValidationModeMember: rename(inputShape!, value.requestValidationModeMember),
          responseAlgorithms: free(value.responseAlgorithms, "responseAlgorithms"),
        };
      } else if (key === "requestcompression") out[key] = { encodings: free(value.encodings, "encodings") };
      else if (key === "staticContextParams" || key === "operationContextParams") {
        out[key] = Object.fromEntries(
          Object.values<any>(value).map((v) => [next(`${key} key`), key === "staticContextParams" ? { value: next("value") } : { path: next("path") }]),
        );
      } else out[key] = free(value, key);
    }
    operations[name] = out;
  }

  const metadata: Record<string, unknown> = {};
  for (const [key, value] of Object.entries<any>(base.metadata)) metadata[key] = key === "protocol" ? protocol : key === "protocols" ? [protocol] : free(value, key);
  const clientContextParams = Object.fromEntries(
    Object.values<any>(base.clientContextParams).map((v) => [next("clientContextParams key"), { type: v.type, documentation: next("documentation") }]),
  );
  const model = { version: next("version"), metadata, operations, shapes, clientContextParams, documentation: next("documentation") };

  // Paginators of ListThings: its tokens and result key name renamed members.
  const list = "ListThings";
  const paginators = {
    pagination: {
      [operationNames.get(list)!]: {
        input_token: rename("ListThingsRequest", "NextToken"),
        output_token: rename("ListThingsResponse", "NextToken"),
        limit_key: rename("ListThingsRequest", "MaxResults"),
        result_key: rename("ListThingsResponse", "Things"),
      },
    },
  };
  return { model, paginators, markers, covered };
}

/** Names of the schema's string-valued properties (strings, string arrays, text refs), everywhere. */
function schemaStringProperties(): Set<string> {
  const names = new Set<string>();
  const isString = (node: any): boolean =>
    node?.type === "string" ||
    (Array.isArray(node?.type) && node.type.includes("string")) ||
    node?.$ref === "#/definitions/text" ||
    node?.$ref === "#/definitions/shapeName" ||
    node?.$ref === "#/definitions/xmlNamespace" ||
    (node?.type === "array" && isString(node.items)) ||
    (Array.isArray(node?.enum) && node.enum.every((v: unknown) => typeof v === "string"));
  const walk = (node: any): void => {
    if (node === null || typeof node !== "object") return;
    if (node.properties) for (const [name, sub] of Object.entries(node.properties)) if (isString(sub)) names.add(name);
    for (const value of Object.values(node)) walk(value);
  };
  walk(schema);
  return names;
}

const base = JSON.parse(readFileSync(join(import.meta.dirname, "rich-model.json"), "utf8"));
const variants = new Map<string, Hostile>();
const results = new Map<string, GenerateResult>();
let typeErrors = new Map<string, string>();

beforeAll(async () => {
  const dir = tempDir("hostile-model");
  for (const protocol of PROTOCOLS) {
    const hostile = hostilize(base, protocol);
    variants.set(protocol, hostile);
    mkdirSync(join(dir, protocol));
    writeFileSync(join(dir, protocol, "hostile.json"), JSON.stringify(hostile.model, null, 2));
    writeFileSync(join(dir, protocol, "hostile.paginators-1.json"), JSON.stringify(hostile.paginators, null, 2));
    results.set(protocol, await generate({ model: join(dir, protocol, "hostile.json") }));
  }
  typeErrors = await typecheckMany(results, "hostile");
}, 300_000);

describe("a hostile string in every string field of a model", () => {
  it("reaches every string-valued property the model schema allows, and every kind of name", () => {
    const { covered, markers } = variants.get("rest-json")!;
    const missing = [...schemaStringProperties()].filter((name) => !CONSTRAINED[name] && !covered.has(name));
    expect(missing).toEqual([]);
    for (const kind of ["shape name", "member name", "operation name", "enum", "code", "clientContextParams key"]) expect(covered).toContain(kind);
    expect(markers.length).toBeGreaterThan(100);
  });

  describe.each(PROTOCOLS)("protocol %s", (protocol) => {
    it("generates a package that type-checks", () => {
      expect(results.get(protocol)!.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
      expect(typeErrors.get(protocol)).toBe("");
    });

    it("keeps every marker inside comments and string literals", () => {
      const { markers } = variants.get(protocol)!;
      const leaks: string[] = [];
      for (const file of results.get(protocol)!.files) {
        if (!file.path.endsWith(".ts") || file.path.startsWith("src/runtime/")) continue;
        const tokens = new Set<string>();
        for (const marker of markers) for (const found of codeTokensMentioning(file.contents, marker)) tokens.add(found);
        leaks.push(...[...tokens].map((t) => `${file.path}: ${t}`));
      }
      expect(leaks).toEqual([]);
      const pkg = results.get(protocol)!.files.find((f) => f.path === "package.json")!;
      expect(() => JSON.parse(pkg.contents)).not.toThrow();
    });
  });

  it("importing the package runs none of it", async () => {
    const dir = await writeToTemp(results.get("rest-json")!, "hostile-import");
    const pkg = await import(pathToFileURL(join(dir, "src/index.ts")).href);
    expect(Object.keys(pkg).length).toBeGreaterThan(10);
    const pwned = Object.keys(globalThis).filter((k) => k.startsWith("PWNED"));
    expect(pwned).toEqual([]);
  });
});
