import type { InterfaceDeclarationStructure, ModuleDeclarationStructure, OptionalKind, PropertySignatureStructure, StatementStructures, TypeAliasDeclarationStructure, VariableStatementStructure } from "ts-morph";
import { StructureKind, VariableDeclarationKind } from "./ts-morph.js";
import type { Member, Shape, StringShape, StructureShape } from "../ir/types.js";
import type { EmitContext } from "./context.js";
import { memberDoc, shapeDoc } from "./doc-input.js";
import { propertyName, stringLiteral } from "./escape.js";
import { namespaceImports, type EmittedModule } from "./module.js";
import { collectionType, declarationModule, memberType, type Side, type TypeContext } from "./type-expression.js";

/**
 * types.ts of the generated package: one declaration per structure, union and enum.
 *   "CreateRoomRequest": { "type": "structure", "members": { "name": { "shape": "RoomName" } } }
 *     → export interface CreateRoomRequest { name?: string; }
 */
export function emitTypes({ ir, index }: EmitContext): EmittedModule {
  const used = new Set<"types" | "errors" | "rt">();
  const statements: StatementStructures[] = [];
  for (const s of ir.shapes) {
    if (declarationModule(s) !== "types") continue;
    if (s.kind === "structure" && !s.document) {
      const side: Side = index.inputReachable.has(s.name) ? "input" : "output";
      const ctx: TypeContext = { index, side, from: "types", used };
      statements.push(...(s.union ? unionDeclarations(s, ctx) : [structureInterface(s, ctx)]));
    } else if (s.kind === "string" && s.enum) {
      statements.push(...enumDeclarations(s));
    } else if ((s.kind === "list" || s.kind === "map") && s.recursive) {
      const ctx: TypeContext = { index, side: index.inputReachable.has(s.name) ? "input" : "output", from: "types", used };
      const docs = shapeDoc(s);
      statements.push({
        kind: StructureKind.TypeAlias,
        name: s.tsName,
        isExported: true,
        type: collectionType(s, ctx),
        ...(docs ? { docs: [docs] } : {}),
      });
    }
  }
  return { statements, imports: namespaceImports(used) };
}


function property(m: Member, ctx: TypeContext, optional: boolean): OptionalKind<PropertySignatureStructure> {
  const docs = memberDoc(m, ctx.index.shape(m.target));
  return {
    name: propertyName(m.name),
    type: memberType(m, ctx),
    hasQuestionToken: optional,
    ...(docs ? { docs: [docs] } : {}),
  };
}

function structureInterface(s: StructureShape, ctx: TypeContext): InterfaceDeclarationStructure {
  const docs = shapeDoc(s);
  return {
    kind: StructureKind.Interface,
    name: s.tsName,
    isExported: true,
    properties: s.members.map((m) => property(m, ctx, !m.required)),
    ...(docs ? { docs: [docs] } : {}),
  };
}

/**
 * A union: one variant per member, the others `?: never`, plus `$unknown` for members added to the
 * service after this client was generated.
 */
function unionDeclarations(s: StructureShape, ctx: TypeContext): StatementStructures[] {
  const others = (except?: Member): OptionalKind<PropertySignatureStructure>[] =>
    s.members.filter((m) => m !== except).map((m) => ({ name: propertyName(m.name), type: "never", hasQuestionToken: true }));
  const variants: InterfaceDeclarationStructure[] = s.members.map((m) => ({
    kind: StructureKind.Interface,
    name: m.variantName!,
    properties: [property(m, ctx, false), ...others(m), { name: "$unknown", type: "never", hasQuestionToken: true }],
  }));
  variants.push({
    kind: StructureKind.Interface,
    name: "$UnknownMember",
    docs: [{ description: "A member this client does not know: its wire name and raw value." }],
    properties: [...others(), { name: "$unknown", type: "[string, unknown]" }],
  });
  const docs = shapeDoc(s);
  const alias: TypeAliasDeclarationStructure = {
    kind: StructureKind.TypeAlias,
    name: s.tsName,
    isExported: true,
    type: variants.map((v) => `${s.tsName}.${v.name}`).join(" | "),
    ...(docs ? { docs: [docs] } : {}),
  };
  const namespace: ModuleDeclarationStructure = {
    kind: StructureKind.Module,
    name: s.tsName,
    isExported: true,
    hasDeclareKeyword: true,
    statements: variants,
  };
  return [alias, namespace];
}

/** An enum: a string-literal union, and a const object of the values under identifier-safe keys. */
function enumDeclarations(s: StringShape): StatementStructures[] {
  const values = s.enum ?? [];
  const docs = shapeDoc(s as Shape);
  const alias: TypeAliasDeclarationStructure = {
    kind: StructureKind.TypeAlias,
    name: s.tsName,
    isExported: true,
    type: values.map((v) => stringLiteral(v.value)).join(" | ") || "never",
    ...(docs ? { docs: [docs] } : {}),
  };
  const constObject: VariableStatementStructure = {
    kind: StructureKind.VariableStatement,
    isExported: true,
    declarationKind: VariableDeclarationKind.Const,
    declarations: [
      {
        name: s.tsName,
        initializer: (writer) => {
          writer.write("{").indent(() => {
            for (const v of values) writer.writeLine(`${v.key}: ${stringLiteral(v.value)},`);
          });
          writer.write("} as const");
        },
      },
    ],
  };
  return [alias, constObject];
}
