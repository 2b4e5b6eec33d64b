import type { ClassDeclarationStructure, PropertyDeclarationStructure, OptionalKind, StatementStructures } from "ts-morph";
import { StructureKind, VariableDeclarationKind } from "./ts-morph.js";
import type { StructureShape } from "../ir/types.js";
import type { EmitContext } from "./context.js";
import { memberDoc, shapeDoc } from "./doc-input.js";
import { namespaceImports, type EmittedModule } from "./module.js";
import { memberType, type TypeContext } from "./type-expression.js";
import { commentText, propertyKey, propertyName, stringLiteral } from "./escape.js";



/**
 * errors.ts of the generated package.
 *   "AccessDeniedException": { "exception": true, "error": { "httpStatusCode": 403, "senderFault": true } }
 *     → export class AccessDeniedException extends IvschatServiceException {
 *         override readonly name = "AccessDeniedException"; override readonly $fault = "client"; ... }
 */
export function emitErrors({ ir, index, runtime }: EmitContext): EmittedModule {
  const ctx: TypeContext = { index, side: "output", from: "errors", used: new Set() };
  const base = ir.service.names.baseException;
  const errorShapes = ir.shapes.filter((s): s is StructureShape => s.kind === "structure" && s.error !== undefined);
  const statements: StatementStructures[] = [
    {
      kind: StructureKind.Class,
      name: base,
      isExported: true,
      extends: "rt.ServiceException",
      docs: [
        {
          description:
            `Base class of every error ${commentText(ir.service.fullName)} returns. An error code this client does not ` +
            `know arrives as an instance of this class whose \`name\` is that code.`,
        },
      ],
    },
    ...errorShapes.map((s) => errorClass(s, base, ctx, runtime.reservedErrorFields)),
  ];
  statements.push({
    kind: StructureKind.VariableStatement,
    isExported: true,
    declarationKind: VariableDeclarationKind.Const,
    docs: [{ description: "Error classes by the error code that comes on the wire." }],
    declarations: [
      {
        name: ir.service.names.errorClasses,
        initializer: (writer) => {
          writer.write("{").indent(() => {
            for (const { code, shape } of ir.errorCodes) writer.writeLine(`${propertyKey(code)}: ${index.shape(shape).tsName},`);
          });
          writer.write("} as const");
        },
      },
    ],
  });
  for (const op of ir.operations) {
    statements.push({
      kind: StructureKind.TypeAlias,
      name: op.errorTypeName,
      isExported: true,
      docs: [{ description: `Every error \`${op.methodName}\` can throw.` }],
      type: [...op.errors.map((e) => index.structure(e).tsName), base].join(" | "),
    });
  }
  return { statements, imports: namespaceImports(ctx.used, ["rt"]) };
}

function errorClass(s: StructureShape, base: string, ctx: TypeContext, reserved: ReadonlySet<string>): ClassDeclarationStructure {
  const error = s.error!;
  const properties: OptionalKind<PropertyDeclarationStructure>[] = [
    { name: "name", hasOverrideKeyword: true, isReadonly: true, initializer: stringLiteral(s.name) },
    { name: "$fault", hasOverrideKeyword: true, isReadonly: true, initializer: stringLiteral(error.fault) },
  ];
  if (error.retryable) {
    properties.push({
      name: "$retryable",
      hasOverrideKeyword: true,
      isReadonly: true,
      initializer: `{ throttling: ${error.throttling} }`,
    });
  }
  if (error.httpStatusCode !== undefined) {
    properties.push({
      name: "statusCode",
      isStatic: true,
      isReadonly: true,
      initializer: String(error.httpStatusCode),
      docs: [{ description: "The HTTP status code the service answers this error with." }],
    });
  }
  // Modeled members are assigned by rt.ServiceException's constructor; `declare` keeps class-field
  // semantics from resetting them to undefined afterwards. A member named like a property of the
  // error itself (`message`, `$metadata`...) keeps the base one.
  for (const m of s.members.filter((m) => !reserved.has(m.name))) {
    const docs = memberDoc(m, ctx.index.shape(m.target));
    properties.push({
      name: propertyName(m.name),
      hasDeclareKeyword: true,
      isReadonly: true,
      hasQuestionToken: !m.required,
      type: m.required ? memberType(m, ctx) : `${memberType(m, ctx)} | undefined`,
      ...(docs ? { docs: [docs] } : {}),
    });
  }
  const docs = shapeDoc(s);
  return {
    kind: StructureKind.Class,
    name: s.tsName,
    isExported: true,
    extends: base,
    properties,
    ...(docs ? { docs: [docs] } : {}),
  };
}
