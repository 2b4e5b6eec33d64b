import { StructureKind, type MethodDeclarationStructure, type OptionalKind } from "ts-morph";
import type { Operation, ServiceIr } from "../ir/types.js";
import { jsDoc } from "./docs.js";
import { baseExceptionName } from "./errors.js";
import { namespaceImports, type EmittedModule } from "./module.js";
import { operationSchemaName } from "./schemas.js";
import { indexShapes } from "./shape-index.js";
import { shapeType, type TypeContext } from "./type-expression.js";

export const clientClassName = (ir: ServiceIr): string => `${ir.service.className}Client`;

/**
 * client.ts of the generated package: one async method per operation.
 *   "CreateRoom" → createRoom(input: types.CreateRoomRequest = {}, options?: rt.CallOptions): Promise<types.CreateRoomResponse>
 */
export function emitClient(ir: ServiceIr): EmittedModule {
  const index = indexShapes(ir);
  const ctx: TypeContext = { index, side: "input", from: "client", used: new Set() };
  const methods = ir.operations.map((op) => operationMethod(op, ctx));
  const name = clientClassName(ir);
  return {
    imports: [
      ...namespaceImports(ctx.used, ["rt", "schemas"]),
      { kind: StructureKind.ImportDeclaration, namedImports: [baseExceptionName(ir)], moduleSpecifier: "./errors.js" },
    ],
    statements: [
      {
        kind: StructureKind.Class,
        name,
        isExported: true,
        docs: [
          {
            description:
              `A client for ${ir.service.fullName} (API version ${ir.service.apiVersion}).\n\n` +
              "@example\n```ts\n" +
              `const client = new ${name}({ region: "us-east-1" });\n` +
              "```",
          },
        ],
        properties: [{ name: "#core", isReadonly: true, type: "rt.ClientCore" }],
        ctors: [
          {
            parameters: [{ name: "config", type: "rt.ClientConfig", initializer: "{}" }],
            statements: `this.#core = new rt.ClientCore(schemas.service, config, ${baseExceptionName(ir)});`,
          },
        ],
        methods,
      },
    ],
  };
}

function operationMethod(op: Operation, ctx: TypeContext): OptionalKind<MethodDeclarationStructure> {
  const inputType = op.input ? shapeType(ctx.index.shape(op.input), { ...ctx, side: "input" }) : "rt.EmptyInput";
  const outputType = op.output ? shapeType(ctx.index.shape(op.output), { ...ctx, side: "output" }) : "rt.EmptyOutput";
  if (!op.input || !op.output) ctx.used.add("rt");
  const docs = jsDoc({
    ...(op.documentation !== undefined ? { documentation: op.documentation } : {}),
    ...(op.deprecated ? { deprecated: op.deprecated } : {}),
  });
  return {
    name: op.methodName,
    parameters: [
      op.inputOptional
        ? { name: "input", type: inputType, initializer: "{}" }
        : { name: "input", type: inputType },
      { name: "options", type: "rt.CallOptions", hasQuestionToken: true },
    ],
    returnType: `Promise<${outputType}>`,
    statements: `return this.#core.send(schemas.${operationSchemaName(op)}, input, options) as Promise<${outputType}>;`,
    ...(docs ? { docs: [docs] } : {}),
  };
}
