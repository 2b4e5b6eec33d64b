import { describe, expect, it } from "vitest";
import { buildIr } from "../../../src/ir/build.js";
import { enumKey, methodName, tsDeclarationName } from "../../../src/ir/names.js";
import type { ModelService, ModelShape } from "../../../src/model/types.js";

function model(shapes: Record<string, ModelShape>, input = "In", extra: Partial<ModelService["operations"][string]> = {}): ModelService {
  return {
    metadata: { apiVersion: "2024-01-01", protocol: "rest-json", serviceId: "Demo Service", endpointPrefix: "demo" },
    operations: { DoIt: { name: "DoIt", http: { method: "POST", requestUri: "/" }, input: { shape: input }, ...extra } },
    shapes,
  };
}
const S: ModelShape = { type: "string" };

describe("buildIr", () => {
  it("keeps only shapes reachable from operations, sorted by name", () => {
    const ir = buildIr(model({ In: { type: "structure", members: { b: { shape: "B" }, a: { shape: "A" } } }, B: S, A: S, Unused: S }));
    expect(ir.shapes.map((s) => s.name)).toEqual(["A", "B", "In"]);
    // member order is the model's
    const input = ir.shapes.find((s) => s.name === "In");
    expect(input?.kind === "structure" && input.members.map((m) => m.name)).toEqual(["b", "a"]);
  });

  it("derives service names", () => {
    const { service } = buildIr(model({ In: { type: "structure", members: {} } }));
    expect(service).toMatchObject({ serviceId: "Demo Service", className: "DemoService", kebabName: "demo-service", signingName: "demo" });
  });

  it.each([
    [{ exception: true, error: { httpStatusCode: 400, senderFault: true } }, { fault: "client", httpStatusCode: 400, code: "E" }],
    [{ exception: true, error: { httpStatusCode: 503 } }, { fault: "server", httpStatusCode: 503 }],
    [{ exception: true, fault: true }, { fault: "server", retryable: false }],
    [{ exception: true, error: { code: "Throttled", httpStatusCode: 429 }, retryable: { throttling: true } }, { code: "E", queryCode: "Throttled", retryable: true, throttling: true }],
  ] as [Partial<ModelShape>, object][])("error trait of %o", (traits, expected) => {
    const ir = buildIr(model({ In: { type: "structure", members: {} }, E: { type: "structure", members: {}, ...traits } }, "In", { errors: [{ shape: "E" }] }));
    const e = ir.shapes.find((s) => s.name === "E");
    expect(e?.kind === "structure" && e.error).toMatchObject(expected);
  });

  it("records bindings, sensitivity from the target, and member traits", () => {
    const ir = buildIr(
      model({
        In: {
          type: "structure",
          required: ["id"],
          members: {
            id: { shape: "S", location: "uri", locationName: "Id" },
            secret: { shape: "Secret" },
            token: { shape: "S", idempotencyToken: true },
            old: { shape: "S", deprecated: true, deprecatedMessage: "gone" },
          },
        },
        S,
        Secret: { type: "string", sensitive: true },
      }),
    );
    const input = ir.shapes.find((s) => s.name === "In");
    if (input?.kind !== "structure") throw new Error("no input");
    const [id, secret, token, old] = input.members;
    expect(id).toMatchObject({ required: true, binding: { in: "uri", wireName: "Id" }, pointer: "/shapes/In/members/id" });
    expect(secret).toMatchObject({ sensitive: true, binding: { in: "body", wireName: "secret" } });
    expect(token?.idempotencyToken).toBe(true);
    expect(old?.deprecated).toEqual({ message: "gone" });
    expect(ir.operations[0]?.inputOptional).toBe(false);
  });

  it("reads an unsigned payload from either trait botocore uses", () => {
    const shapes = { In: { type: "structure", members: {} } } as Record<string, ModelShape>;
    expect(buildIr(model(shapes, "In", { authtype: "v4-unsigned-body" })).operations[0]?.unsignedPayload).toBe(true);
    expect(buildIr(model(shapes, "In", { unsignedPayload: true })).operations[0]?.unsignedPayload).toBe(true);
    expect(buildIr(model(shapes)).operations[0]?.unsignedPayload).toBe(false);
  });

  it("escapes pointers of names with / and ~", () => {
    const ir = buildIr(model({ In: { type: "structure", members: { "a/b~c": { shape: "S" } } }, S }));
    const input = ir.shapes.find((s) => s.name === "In");
    expect(input?.kind === "structure" && input.members[0]?.pointer).toBe("/shapes/In/members/a~1b~0c");
  });
});

describe("names", () => {
  it.each([
    ["CreateChatToken", "createChatToken"],
    ["DBCluster", "dbCluster"],
    ["ListHITs", "listHITs"],
    ["A", "a"],
    ["URL", "url"],
  ])("methodName(%s) = %s", (op, method) => expect(methodName(op)).toBe(method));

  it.each([
    ["Object", "_Object"],
    ["Error", "_Error"],
    ["Date", "_Date"],
    ["Promise", "_Promise"],
    ["String", "_String"],
    ["Room", "Room"],
  ])("tsDeclarationName(%s) = %s", (name, ts) => expect(tsDeclarationName(name)).toBe(ts));

  it("deconflicts names: model shapes keep theirs, a taken name gets \"_\" appended", () => {
    const ir = buildIr({
      metadata: { apiVersion: "1", protocol: "json", endpointPrefix: "my-svc" },
      operations: {
        "Get-Thing": { name: "GetThing2024", http: { method: "POST", requestUri: "/" }, input: { shape: "In" } },
        Send: { name: "Send", http: { method: "POST", requestUri: "/" } },
        Rt: { name: "Rt", http: { method: "POST", requestUri: "/" } },
      },
      shapes: {
        In: { type: "structure", members: { mode: { shape: "Mode" }, c: { shape: "MySvcClient" }, s: { shape: "Get_ThingOperation" } } },
        MySvcClient: { type: "structure", members: {} },
        Get_ThingOperation: { type: "structure", members: {} },
        Mode: { type: "string", enum: ["__proto__", "normal", "___proto__"] },
      },
    });
    expect(ir.service.names).toEqual({
      client: "MySvcClient_",
      baseClient: "MySvcBaseClient",
      baseException: "MySvcServiceException",
      errorClasses: "errorClasses",
      serviceSchema: "service",
    });
    const byName = Object.fromEntries(ir.operations.map((op) => [op.name, op]));
    expect(byName["Get-Thing"]).toMatchObject({ wireName: "GetThing2024", methodName: "get_Thing", functionName: "get_Thing", schemaName: "Get_ThingOperation_" });
    expect(byName["Send"]).toMatchObject({ methodName: "send_", functionName: "send" });
    expect(byName["Rt"]).toMatchObject({ methodName: "rt", functionName: "rt_" });
    const mode = ir.shapes.find((s) => s.name === "Mode");
    expect(mode?.kind === "string" && mode.enum?.map((e) => e.key)).toEqual(["___proto__", "normal", "___proto___"]);
  });

  it.each([
    ["t2.micro", "t2_micro"],
    ["3d", "_3d"],
    ["dark-blue", "dark_blue"],
    ["__proto__", "___proto__"],
    ["", "_"],
  ])("enumKey(%s) = %s", (value, key) => expect(enumKey(value)).toBe(key));
});
