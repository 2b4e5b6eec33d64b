import type { FunctionDeclarationStructure } from "ts-morph";
import { StructureKind } from "./ts-morph.js";
import type { Operation, Paginator } from "../ir/types.js";
import type { EmitContext } from "./context.js";
import { stringLiteral } from "./escape.js";
import { namespaceImports, type EmittedModule } from "./module.js";
import { operationSignature } from "./operation-signature.js";
import type { TypeContext } from "./type-expression.js";

/**
 * operations.ts of the generated package: one function per operation taking the base client, so a
 * bundle holds only the operations it calls (the full client class holds them all).
 *   "CreateRoom" → export function createRoom(client: IvschatBaseClient, input: types.CreateRoomRequest = {},
 *                    options?: rt.CallOptions): Promise<types.CreateRoomResponse>
 */
export function emitOperations({ ir, index }: EmitContext): EmittedModule {
  const ctx: TypeContext = { index, side: "input", from: "client", used: new Set() };
  const base = ir.service.names.baseClient;
  const functions = ir.operations.map((op): FunctionDeclarationStructure => {
    const signature = operationSignature(op, ctx, ir.service.names.baseException);
    return {
      kind: StructureKind.Function,
      name: op.functionName,
      isExported: true,
      parameters: [{ name: "client", type: base }, ...signature.parameters],
      returnType: `Promise<${signature.outputType}>`,
      statements: `return client.send(schemas.${op.schemaName}, input, options);`,
      ...(signature.docs ? { docs: [signature.docs] } : {}),
    };
  });
  const paginators = ir.operations.flatMap((op): FunctionDeclarationStructure[] => {
    if (!op.paginator) return [];
    const signature = operationSignature(op, ctx, ir.service.names.baseException);
    const spec = paginatorSpec(op.paginator);
    return [
      {
        kind: StructureKind.Function,
        name: op.paginatorName!,
        isExported: true,
        parameters: [{ name: "client", type: base }, ...signature.parameters],
        returnType: `AsyncGenerator<${signature.outputType}, void, undefined>`,
        statements: `return rt.paginate((page) => ${op.functionName}(client, page, options), input, ${spec});`,
        docs: [{ description: `Every page of \`${op.methodName}\`, one at a time: \`for await (const page of ${op.paginatorName!}(client, input))\`.` }],
      },
    ];
  });
  return {
    imports: [
      ...namespaceImports(ctx.used, paginators.length > 0 ? ["schemas", "rt"] : ["schemas"]),
      { kind: StructureKind.ImportDeclaration, isTypeOnly: true, namedImports: [base], moduleSpecifier: "./client.js" },
    ],
    statements: [...functions, ...paginators],
  };
}

/** The runtime's PaginatorSpec as a TypeScript object literal. */
export function paginatorSpec(p: Paginator): string {
  const list = (items: string[]): string => `[${items.map(stringLiteral).join(", ")}]`;
  const moreResults = p.moreResults !== undefined ? `, moreResults: ${stringLiteral(p.moreResults)}` : "";
  return `{ inputToken: ${list(p.inputToken)}, outputToken: ${list(p.outputToken)}${moreResults} }`;
}
