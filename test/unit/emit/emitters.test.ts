// Given/want tables for the type, error and schema emitters: the smallest model fragment that
// shows a rule, and the declaration it must print (exactly, as prettier formats it).

import { describe, expect, it } from "vitest";
import { emitPackage } from "../../../src/generate.js";
import { buildIr } from "../../../src/ir/build.js";
import type { ModelService, ModelShape } from "../../../src/model/types.js";

/** `Op` takes `In` and returns `Out`; `shapes` adds to or replaces those two. */
async function printed(shapes: Record<string, ModelShape>, extra: Partial<ModelService["operations"][string]> = {}, protocol = "rest-json"): Promise<Record<string, string>> {
  const model: ModelService = {
    metadata: { apiVersion: "2024-01-01", protocol, serviceId: "Demo", endpointPrefix: "demo" },
    operations: { Op: { name: "Op", http: { method: "POST", requestUri: "/" }, input: { shape: "In" }, output: { shape: "Out" }, ...extra } },
    shapes: { In: { type: "structure", members: {} }, Out: { type: "structure", members: {} }, ...shapes },
  };
  const files = await emitPackage(buildIr(model), "demo-client");
  return Object.fromEntries(files.map((f) => [f.path, f.contents]));
}

const S: ModelShape = { type: "string" };

describe("types.ts", () => {
  const table: { name: string; shapes: Record<string, ModelShape>; want: string }[] = [
    {
      name: "required and optional members; optional ones take undefined",
      shapes: { In: { type: "structure", required: ["a"], members: { a: { shape: "S" }, b: { shape: "S" } } }, S },
      want: "export interface In {\n  a: string;\n  b?: string | undefined;\n}",
    },
    {
      name: "an enum: closed as input, open as output (autocomplete kept by string & {})",
      shapes: {
        In: { type: "structure", members: { mode: { shape: "Mode" } } },
        Out: { type: "structure", members: { mode: { shape: "Mode" } } },
        Mode: { type: "string", enum: ["on", "off"] },
      },
      want: "export interface Out {\n  mode?: Mode | (string & {}) | undefined;\n}",
    },
    {
      name: "a shape used both ways with a blob gets an output view",
      shapes: {
        In: { type: "structure", members: { img: { shape: "Image" } } },
        Out: { type: "structure", members: { img: { shape: "Image" } } },
        Image: { type: "structure", members: { bytes: { shape: "B" } } },
        B: { type: "blob" },
      },
      want: "export interface ImageOutput {\n  bytes?: Uint8Array | undefined;\n}",
    },
    {
      name: "its input view accepts a string as the blob",
      shapes: {
        In: { type: "structure", members: { img: { shape: "Image" } } },
        Out: { type: "structure", members: { img: { shape: "Image" } } },
        Image: { type: "structure", members: { bytes: { shape: "B" } } },
        B: { type: "blob" },
      },
      want: "export interface Image {\n  bytes?: rt.BlobInput | undefined;\n}",
    },
    {
      name: "a sparse-free list of a structure, a map of lists",
      shapes: {
        Out: { type: "structure", members: { items: { shape: "Items" }, groups: { shape: "Groups" } } },
        Items: { type: "list", member: { shape: "Item" } },
        Item: { type: "structure", members: { id: { shape: "S" } } },
        Groups: { type: "map", key: { shape: "S" }, value: { shape: "Names" } },
        Names: { type: "list", member: { shape: "S" } },
        S,
      },
      want: "export interface Out {\n  items?: Item[] | undefined;\n  groups?: Record<string, string[]> | undefined;\n}",
    },
    {
      name: "a list of itself is a named alias",
      shapes: { Out: { type: "structure", members: { tree: { shape: "Tree" } } }, Tree: { type: "list", member: { shape: "Tree" } } },
      want: "export type Tree = Tree[];",
    },
    {
      name: "a member narrowed to some values (apigatewayv2)",
      shapes: { In: { type: "structure", members: { spec: { shape: "S", enum: ["OAS30"] } } }, S },
      want: 'export interface In {\n  spec?: "OAS30" | undefined;\n}',
    },
  ];
  it.each(table)("$name", async ({ shapes, want }) => {
    expect((await printed(shapes))["src/types.ts"]).toContain(want);
  });
});

describe("errors.ts", () => {
  const error = (traits: Partial<ModelShape>): Record<string, ModelShape> => ({
    Boom: { type: "structure", members: { message: { shape: "S" }, reason: { shape: "S" }, $metadata: { shape: "S" } }, exception: true, ...traits },
    S,
  });
  const table: { name: string; traits: Partial<ModelShape>; want: string }[] = [
    {
      name: "a client error with a status: fault, static status, members (a reserved name keeps the base's)",
      traits: { error: { httpStatusCode: 409, senderFault: true } },
      want:
        'export class Boom extends DemoServiceException {\n  override readonly name = "Boom";\n  override readonly $fault = "client";\n' +
        "  /** The HTTP status code the service answers this error with. */\n  static readonly statusCode = 409;\n  declare readonly reason?: string | undefined;\n}",
    },
    {
      name: "a throttling error is retryable",
      traits: { error: { httpStatusCode: 429 }, retryable: { throttling: true } },
      want: "override readonly $retryable = { throttling: true };",
    },
    {
      name: "a fault without a status is a server error",
      traits: { fault: true },
      want: 'override readonly $fault = "server";',
    },
  ];
  it.each(table)("$name", async ({ traits, want }) => {
    expect((await printed(error(traits), { errors: [{ shape: "Boom" }] }))["src/errors.ts"]).toContain(want);
  });

  it("the operation's error union and the service-wide table of classes by wire code", async () => {
    const errors = (await printed(error({ error: { httpStatusCode: 400 } }), { errors: [{ shape: "Boom" }] }))["src/errors.ts"]!;
    expect(errors).toContain("export type OpOperationError = Boom | DemoServiceException;");
    expect(errors).toContain("export const errorClasses = {\n  Boom: Boom,\n} as const;");
  });

  it("query protocols: the wire code is error.code", async () => {
    const errors = (await printed(error({ error: { code: "Boom.Bang", httpStatusCode: 400 } }), { errors: [{ shape: "Boom" }] }, "query"))["src/errors.ts"]!;
    expect(errors).toContain('"Boom.Bang": Boom,');
  });
});

describe("schemas.ts", () => {
  const table: { name: string; shapes: Record<string, ModelShape>; want: string }[] = [
    {
      name: "bindings: location and wire name only where they are not the defaults",
      shapes: {
        In: { type: "structure", required: ["id"], members: { id: { shape: "S", location: "uri", locationName: "Id" }, q: { shape: "S", location: "querystring", locationName: "q" }, b: { shape: "S" } } },
        S,
      },
      want:
        'export const In: rt.StructureSchema = {\n  type: "structure",\n  name: "In",\n  members: {\n    id: { target: S, location: "uri", locationName: "Id", required: true },\n' +
        '    q: { target: S, location: "querystring" },\n    b: { target: S },\n  },\n};',
    },
    {
      name: "a member that closes a cycle refers to its target through a function",
      shapes: { Out: { type: "structure", members: { node: { shape: "Node" } } }, Node: { type: "structure", members: { next: { shape: "Node" } } } },
      want: 'export const Node: rt.StructureSchema = { type: "structure", name: "Node", members: { next: { target: () => Node } } };',
    },
    {
      name: "a sparse list says so",
      shapes: { Out: { type: "structure", members: { xs: { shape: "Xs" } } }, Xs: { type: "list", member: { shape: "S" }, sparse: true }, S },
      want: 'export const Xs: rt.ListSchema = { type: "list", member: { target: S }, sparse: true };',
    },
  ];
  it.each(table)("$name", async ({ shapes, want }) => {
    expect((await printed(shapes))["src/schemas.ts"]).toContain(want);
  });

  it("the operation's schema is typed by its input and output", async () => {
    expect((await printed({}))["src/schemas.ts"]).toContain(
      'export const OpOperation: rt.OperationSchema<types.In, types.Out> = {\n  name: "Op",\n  method: "POST",\n  path: ["/"],\n  input: In,\n  output: Out,\n};',
    );
  });

  it("the service schema carries the protocol object and the auth schemes", async () => {
    const schemas = (await printed({}))["src/schemas.ts"]!;
    expect(schemas).toContain("  protocol: rt.restJson,\n");
    expect(schemas).toContain('  auth: ["sigv4"],\n');
    expect((await printed({}, {}, "json"))["src/schemas.ts"]).toContain("  protocol: rt.awsJson,\n");
    expect((await printed({}, {}, "rest-xml"))["src/schemas.ts"]).toContain('  protocol: rt.unsupportedProtocol("rest-xml"),\n');
  });
});
