import {
  StructureKind,
  type FunctionDeclarationStructure,
  type JSDocStructure,
  type OptionalKind,
  type ParameterDeclarationStructure,
} from "ts-morph";
import { operationFunctionName } from "../ir/names.js";
import type { Operation, ServiceIr } from "../ir/types.js";
import { jsDoc } from "./docs.js";
import { namespaceImports, type EmittedModule } from "./module.js";
import { operationSchemaName } from "./schemas.js";
import { indexShapes } from "./shape-index.js";
import { shapeType, type TypeContext } from "./type-expression.js";

export const baseClientClassName = (ir: ServiceIr): string => `${ir.service.className}BaseClient`;

/** What a method and a standalone function of one operation share. */
export interface OperationSignature {
  parameters: OptionalKind<ParameterDeclarationStructure>[];
  outputType: string;
  docs?: OptionalKind<JSDocStructure>;
}

export function operationSignature(op: Operation, ctx: TypeContext): OperationSignature {
  ctx.used.add("rt");
  const inputType = op.input ? shapeType(ctx.index.shape(op.input), { ...ctx, side: "input" }) : "rt.EmptyInput";
  const outputType = op.output ? shapeType(ctx.index.shape(op.output), { ...ctx, side: "output" }) : "rt.EmptyOutput";
  const docs = jsDoc({
    ...(op.documentation !== undefined ? { documentation: op.documentation } : {}),
    ...(op.deprecated ? { deprecated: op.deprecated } : {}),
  });
  return {
    parameters: [
      op.inputOptional ? { name: "input", type: inputType, initializer: "{}" } : { name: "input", type: inputType },
      { name: "options", type: "rt.CallOptions", hasQuestionToken: true },
    ],
    outputType,
    ...(docs ? { docs } : {}),
  };
}

/**
 * operations.ts of the generated package: one function per operation taking the base client, so a
 * bundle holds only the operations it calls (the full client class holds them all).
 *   "CreateRoom" → export function createRoom(client: IvschatBaseClient, input: types.CreateRoomRequest = {},
 *                    options?: rt.CallOptions): Promise<types.CreateRoomResponse>
 */
export function emitOperations(ir: ServiceIr): EmittedModule {
  const ctx: TypeContext = { index: indexShapes(ir), side: "input", from: "client", used: new Set() };
  const base = baseClientClassName(ir);
  const functions = ir.operations.map((op): FunctionDeclarationStructure => {
    const signature = operationSignature(op, ctx);
    return {
      kind: StructureKind.Function,
      name: operationFunctionName(op.methodName),
      isExported: true,
      parameters: [{ name: "client", type: base }, ...signature.parameters],
      returnType: `Promise<${signature.outputType}>`,
      statements: `return client.send(schemas.${operationSchemaName(op)}, input, options) as Promise<${signature.outputType}>;`,
      ...(signature.docs ? { docs: [signature.docs] } : {}),
    };
  });
  return {
    imports: [
      ...namespaceImports(ctx.used, ["schemas"]),
      { kind: StructureKind.ImportDeclaration, isTypeOnly: true, namedImports: [base], moduleSpecifier: "./client.js" },
    ],
    statements: functions,
  };
}
