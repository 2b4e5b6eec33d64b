import { readdirSync, readFileSync, statSync } from "node:fs";
import { describe, expect, it } from "vitest";

import type { Diagnostic } from "../../../src/diagnostics.js";
import { closest, editDistance } from "../../../src/model/did-you-mean.js";
import { describe as describePointer, validateModel } from "../../../src/model/validate.js";

const shared = new URL("../../../suites/", import.meta.url);
const readJson = (url: URL): unknown => JSON.parse(readFileSync(url, "utf8"));

/** The smallest model around `operations` and `shapes`, for given/want tables. */
function model(shapes: Record<string, unknown>, operations: Record<string, unknown> = {}, protocol = "rest-json") {
  return { metadata: { apiVersion: "2020-07-14", protocol, serviceId: "ivschat" }, operations, shapes };
}

const brief = (list: Diagnostic[]) => list.map((d) => `${d.severity} ${d.code} ${d.pointer}`);

describe("protocol test suites", () => {
  /**
   * Warnings the suites draw on purpose. IgnoreQueryParamsInResponse binds a response member to
   * the URI to check that clients ignore the binding there; our warning says exactly that.
   */
  const expectedWarnings = [
    "output/rest-json.json#18 warning bad-location /shapes/IgnoreQueryParamsInResponseOutput/members/baz/location",
    "output/rest-xml.json#21 warning bad-location /shapes/IgnoreQueryParamsInResponseOutput/members/baz/location",
  ];
  const found: string[] = [];
  let suiteCount = 0;

  for (const direction of ["input", "output"]) {
    for (const file of readdirSync(new URL(`protocol-tests/${direction}/`, shared)).sort()) {
      it(`${direction}/${file}: every suite validates without errors`, () => {
        type Suite = { metadata: unknown; shapes: unknown; cases: { given: { name: string } }[] };
        const suites = readJson(new URL(`protocol-tests/${direction}/${file}`, shared)) as Suite[];
        const errors: string[] = [];
        suites.forEach((suite, i) => {
          suiteCount++;
          const operations = Object.fromEntries(suite.cases.map((c) => [c.given.name, c.given]));
          for (const d of validateModel({ metadata: suite.metadata, shapes: suite.shapes, operations })) {
            const line = `${direction}/${file}#${i} ${d.severity} ${d.code} ${d.pointer}`;
            (d.severity === "error" ? errors : found).push(line);
          }
        });
        expect(errors).toEqual([]);
      });
    }
  }

  it("draw only the expected warnings", () => {
    expect(suiteCount).toBeGreaterThan(300);
    expect(found.sort()).toEqual(expectedWarnings);
  });
});

describe("validateModel", () => {
  it("runs the semantic checks beside the schema, skipping only the shapes the schema rejects", () => {
    const bad = model({
      A: { type: "structure", members: { b: { shape: "Missing" }, c: { shape: "B", location: "header" } } },
      B: { type: "strng" },
    });
    // c's header binding targets the broken B: not checked again ("bad-location" below is the
    // warning that A is not any operation's input or output).
    expect(brief(validateModel(bad))).toEqual([
      "error shape-not-found /shapes/A/members/b/shape",
      "warning bad-location /shapes/A/members/c/location",
      "error schema-enum /shapes/B",
    ]);
  });

  it("checks nothing more when the document itself is out of shape", () => {
    expect(brief(validateModel({ metadata: { apiVersion: "1", protocol: "rest-json" }, operations: [], shapes: {} }))).toEqual([
      "error schema-type /operations",
    ]);
  });

  it("warns about properties it does not know, pointing at them, and accepts the model", () => {
    const m = model({ A: { type: "structure", members: {}, newTrait: true }, S: { type: "string", box: true } });
    expect(brief(validateModel(m))).toEqual(["warning unknown-property /shapes/A/newTrait"]);
  });

  it("leaves the model untouched", () => {
    const input = model({
      A: { type: "structure", members: { b: { shape: "B", location: "header" } } },
      B: { type: "string" },
    });
    const copy = structuredClone(input);
    validateModel(input);
    expect(input).toEqual(copy);
  });

  it("does not resolve shape names through Object.prototype", () => {
    const m = model({
      A: {
        type: "structure",
        members: { a: { shape: "toString" }, b: { shape: "constructor" }, c: { shape: "hasOwnProperty" } },
      },
    });
    expect(brief(validateModel(m))).toEqual([
      "error shape-not-found /shapes/A/members/a/shape",
      "error shape-not-found /shapes/A/members/b/shape",
      "error shape-not-found /shapes/A/members/c/shape",
    ]);
  });

  it("escapes pointer segments", () => {
    const m = model({ A: { type: "structure", members: { "a/b~c": { shape: "Nope" } } } });
    expect(validateModel(m)[0]!.pointer).toBe("/shapes/A/members/a~1b~0c/shape");
  });

  it("accepts every protocol we generate for", () => {
    for (const protocol of ["rest-json", "json", "query", "ec2", "rest-xml", "smithy-rpc-v2-cbor"]) {
      expect(validateModel(model({}, {}, protocol))).toEqual([]);
    }
  });
});

describe("HTTP bindings that fit", () => {
  const shapes = {
    String: { type: "string" },
    Integer: { type: "integer" },
    Time: { type: "timestamp" },
    Flag: { type: "boolean" },
    Strings: { type: "list", member: { shape: "String" } },
    StringMap: { type: "map", key: { shape: "String" }, value: { shape: "String" } },
    StringListMap: { type: "map", key: { shape: "String" }, value: { shape: "Strings" } },
    Blob: { type: "blob" },
  };
  const table: [location: string, target: string, role: "input" | "output", ok: boolean][] = [
    ["uri", "String", "input", true],
    ["uri", "Integer", "input", true],
    ["uri", "Time", "input", true],
    ["uri", "Blob", "input", false],
    ["uri", "Strings", "input", false],
    ["header", "Flag", "input", true],
    ["header", "Strings", "input", true],
    ["header", "StringMap", "input", false],
    ["querystring", "Time", "input", true],
    ["querystring", "Strings", "input", true],
    ["querystring", "StringMap", "input", true],
    ["querystring", "StringListMap", "input", true],
    ["headers", "StringMap", "output", true],
    ["headers", "StringListMap", "output", false],
    ["headers", "Strings", "output", false],
    ["statusCode", "Integer", "output", true],
    ["statusCode", "String", "output", false],
  ];
  for (const [location, target, role, ok] of table) {
    it(`${location} → ${target} ${ok ? "fits" : "is a bad-location error"}`, () => {
      const bound = { shape: target, location, locationName: "x" };
      const required = location === "uri" ? ["x"] : [];
      const m = model(
        { ...shapes, Io: { type: "structure", required, members: { x: bound } } },
        {
          Op: {
            name: "Op",
            http: { method: "POST", requestUri: location === "uri" ? "/{x}" : "/" },
            [role]: { shape: "Io" },
          },
        },
      );
      expect(brief(validateModel(m))).toEqual(ok ? [] : ["error bad-location /shapes/Io/members/x/location"]);
    });
  }

  it("binds headers on error shapes without a warning", () => {
    const m = model(
      {
        Oops: {
          type: "structure",
          exception: true,
          members: { retryAfter: { shape: "Integer", location: "header", locationName: "Retry-After" } },
        },
        Integer: { type: "integer" },
      },
      { Op: { name: "Op", http: { method: "POST", requestUri: "/" }, errors: [{ shape: "Oops" }] } },
    );
    expect(validateModel(m)).toEqual([]);
  });

  it("matches greedy labels and labels renamed by locationName", () => {
    const m = model(
      {
        In: {
          type: "structure",
          required: ["Bucket", "Key"],
          members: {
            Bucket: { shape: "String", location: "uri", locationName: "Bucket" },
            Key: { shape: "String", location: "uri", locationName: "ObjectKey" },
          },
        },
        String: { type: "string" },
      },
      {
        Op: {
          name: "Op",
          http: { method: "GET", requestUri: "/{Bucket}/{ObjectKey+}?tagging" },
          input: { shape: "In" },
        },
      },
    );
    expect(validateModel(m)).toEqual([]);
  });

  it("reports a member required by one operation's path once, for the first operation", () => {
    const m = model(
      {
        In: { type: "structure", members: { id: { shape: "S", location: "uri", locationName: "id" } } },
        S: { type: "string" },
      },
      {
        B: { name: "B", http: { method: "GET", requestUri: "/b/{id}" }, input: { shape: "In" } },
        A: { name: "A", http: { method: "GET", requestUri: "/a/{id}" }, input: { shape: "In" } },
      },
    );
    const list = validateModel(m);
    expect(brief(list)).toEqual(["error uri-member-not-required /shapes/In/members/id"]);
    expect(list[0]!.message).toContain('of operation "A"');
  });
});

describe("shape types", () => {
  it("the schema's shape branches are exactly the shape types the generator knows (model/types.ts)", async () => {
    const { SHAPE_TYPES } = await import("../../../src/model/types.js");
    const schema = (await import("../../../src/model/model.schema.json", { with: { type: "json" } })).default as {
      definitions: Record<string, { properties?: { type?: { const?: string; enum?: string[] } } }> & { shape: { oneOf: { $ref: string }[] } };
    };
    const inSchema = schema.definitions.shape.oneOf.flatMap(({ $ref }) => {
      const type = schema.definitions[$ref.split("/").pop()!]!.properties!.type!;
      return type.const !== undefined ? [type.const] : type.enum!;
    });
    expect([...inSchema].sort()).toEqual([...SHAPE_TYPES].sort());
  });
});

describe("names", () => {
  // ir/names.ts makes every name usable (test/unit/ir/build.test.ts); validation refuses none.
  it("accepts enum values, shapes and operations whatever names they would take", () => {
    const m = {
      metadata: { apiVersion: "1", protocol: "json", endpointPrefix: "my-svc" },
      operations: { "Get-Thing": { name: "GetThing2024", http: { method: "POST", requestUri: "/" } } },
      shapes: {
        MySvcClient: { type: "structure", members: {} },
        "Room.Summary": { type: "structure", members: {} },
        Mode: { type: "string", enum: ["__proto__", "normal", "___proto__"] },
      },
    };
    expect(brief(validateModel(m))).toEqual([]);
  });
});

describe("describe (pointer in model terms)", () => {
  const table: [string[], string][] = [
    [[], "the model"],
    [["shapes"], '"shapes"'],
    [["metadata", "protocol"], '"protocol" of metadata'],
    [["shapes", "Foo"], 'shape "Foo"'],
    [["shapes", "Foo", "members", "bar"], 'member "bar" of shape "Foo"'],
    [["shapes", "Foo", "members", "bar", "location"], '"location" of member "bar" of shape "Foo"'],
    [["shapes", "Foo", "error", "httpStatusCode"], '"error.httpStatusCode" of shape "Foo"'],
    [["operations", "Op", "errors", "1", "shape"], '"errors[1].shape" of operation "Op"'],
  ];
  for (const [segments, want] of table) {
    it(`/${segments.join("/")} → ${want}`, () => expect(describePointer(segments)).toBe(want));
  }
});

describe("did you mean", () => {
  it("measures edits", () => {
    expect(editDistance("kitten", "sitting")).toBe(3);
    expect(editDistance("same", "same")).toBe(0);
    expect(editDistance("a", "abcdef", 2)).toBe(3); // gave up early
  });

  const table: [string, string[], string | undefined][] = [
    ["GetRoomRequst", ["GetRoomRequest", "GetRoomResponse"], "GetRoomRequest"],
    ["ResourceNotFound", ["ResourceNotFoundException", "ResourceInUse"], "ResourceNotFoundException"],
    ["string", ["String", "Strings"], "String"],
    ["Room", ["Rooms", "Boom"], "Boom"], // ties go to code-unit order
    ["Tag", ["Account", "Region"], undefined],
  ];
  for (const [name, candidates, want] of table) {
    it(`${name} → ${want ?? "nothing"}`, () => expect(closest(name, candidates)).toBe(want));
  }
});
