import type { MethodDeclarationStructure, OptionalKind } from "ts-morph";
import { StructureKind } from "./ts-morph.js";
import type { Operation } from "../ir/types.js";
import type { EmitContext } from "./context.js";
import { commentText } from "./escape.js";
import { exampleValue } from "./example-value.js";
import { namespaceImports, type EmittedModule } from "./module.js";
import { operationSignature } from "./operation-signature.js";
import type { TypeContext } from "./type-expression.js";

/**
 * client.ts of the generated package: the base client (configuration and engine), and the full
 * client with one async method per operation.
 *   "CreateRoom" → createRoom(input: types.CreateRoomRequest = {}, options?: rt.CallOptions): Promise<types.CreateRoomResponse>
 */
export function emitClient({ ir, index }: EmitContext): EmittedModule {
  const ctx: TypeContext = { index, side: "input", from: "client", used: new Set() };
  const { client: name, baseClient: base, baseException, serviceSchema } = ir.service.names;
  const methods = ir.operations.flatMap((op) => [
    operationMethod(op, ctx, baseException),
    ...(op.paginator ? [paginatorMethod(op, ctx, baseException)] : []),
  ]);
  return {
    imports: [
      ...namespaceImports(ctx.used, ["rt", "schemas", "operations"]),
      { kind: StructureKind.ImportDeclaration, namedImports: [baseException], moduleSpecifier: "./errors.js" },
    ],
    statements: [
      {
        kind: StructureKind.Class,
        name: base,
        isExported: true,
        docs: [
          {
            description:
              `Configuration and engine of a client for ${commentText(ir.service.fullName)}, without operations: pass it ` +
              "to the standalone operation functions, so a bundle holds only the operations it calls.\n\n" +
              "@example\n```ts\n" +
              `const client = new ${base}({ region: "us-east-1" });\n` +
              `const result = await ${leanCall(ir, index)};\n` +
              "```",
          },
        ],
        properties: [{ name: "#core", isReadonly: true, type: "rt.ClientCore" }],
        ctors: [
          {
            parameters: [{ name: "config", type: "rt.ClientConfig", initializer: "{}" }],
            statements: `this.#core = new rt.ClientCore(schemas.${serviceSchema}, config, ${baseException});`,
          },
        ],
        methods: [
          {
            name: "send",
            docs: [{ description: "Sends one operation described by its wire schema; the operation functions call it." }],
            typeParameters: ["I", "O"],
            parameters: [
              { name: "operation", type: "rt.OperationSchema<I, O>" },
              { name: "input", type: "I | undefined" },
              { name: "options", type: "rt.CallOptions", hasQuestionToken: true },
            ],
            returnType: "Promise<O & rt.MetadataBearer>",
            statements: "return this.#core.send(operation, input, options);",
          },
        ],
      },
      {
        kind: StructureKind.Class,
        name,
        isExported: true,
        extends: base,
        docs: [
          {
            description:
              `A client for ${commentText(ir.service.fullName)} (API version ${commentText(ir.service.apiVersion)}), with every operation as a method.\n\n` +
              "@example\n```ts\n" +
              `const client = new ${name}({ region: "us-east-1" });\n` +
              "```",
          },
        ],
        methods,
      },
    ],
  };
}

function operationMethod(op: Operation, ctx: TypeContext, baseException: string): OptionalKind<MethodDeclarationStructure> {
  const signature = operationSignature(op, ctx, baseException);
  return {
    name: op.methodName,
    parameters: signature.parameters,
    returnType: `Promise<${signature.outputType}>`,
    statements: `return operations.${op.functionName}(this, input, options);`,
    ...(signature.docs ? { docs: [signature.docs] } : {}),
  };
}

function paginatorMethod(op: Operation, ctx: TypeContext, baseException: string): OptionalKind<MethodDeclarationStructure> {
  const signature = operationSignature(op, ctx, baseException);
  return {
    name: op.paginatorMethodName!,
    parameters: signature.parameters,
    returnType: `AsyncGenerator<${signature.outputType}, void, undefined>`,
    statements: `return operations.${op.paginatorName!}(this, input, options);`,
    docs: [{ description: `Every page of \`${op.methodName}\`, one at a time: \`for await (const page of client.${op.paginatorMethodName!}(input))\`.` }],
  };
}

/** The first operation called as a standalone function, with a placeholder input, for the docs. */
function leanCall(ir: EmitContext["ir"], index: EmitContext["index"]): string {
  const op = ir.operations[0];
  if (!op) return "client.send";
  const input = op.input ? exampleValue(index.shape(op.input), index, "input") : "{}";
  return `${op.functionName}(client${input === "{}" ? "" : `, ${input}`})`;
}
