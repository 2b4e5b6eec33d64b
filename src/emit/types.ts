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
    if (s.kind === "string" && s.enum) {
      statements.push(...enumDeclarations(s));
      continue;
    }
    const declared = (s.kind === "structure" && !s.document) || ((s.kind === "list" || s.kind === "map") && s.recursive);
    if (!declared) continue;
    // One declaration per view: both when the shape travels both ways and differs by direction.
    const views: [Side, string][] = s.outputTsName
      ? [
          ["input", s.tsName],
          ["output", s.outputTsName],
        ]
      : [[s.usage.input ? "input" : "output", s.tsName]];
    for (const [side, name] of views) {
      const ctx: TypeContext = { index, side, from: "types", used };
      if (s.kind === "structure") statements.push(...(s.union ? unionDeclarations(s, name, ctx) : [structureInterface(s, name, ctx)]));
      else if (s.kind === "list" || s.kind === "map") statements.push(collectionAlias(s, name, ctx));
    }
  }
  return { statements, imports: namespaceImports(used) };
}

/** A line the docs of a view get, so the two declarations of one shape can be told apart. */
const viewNote = (s: Shape, name: string): string | undefined =>
  s.outputTsName === undefined ? undefined : name === s.outputTsName ? `The output view of \`${s.tsName}\`: as the service returns it.` : `As you send it; \`${s.outputTsName}\` is how the service returns it.`;

function collectionAlias(s: Shape & { kind: "list" | "map" }, name: string, ctx: TypeContext): TypeAliasDeclarationStructure {
  const docs = shapeDoc(s, viewNote(s, name));
  return { kind: StructureKind.TypeAlias, name, isExported: true, type: collectionType(s, ctx), ...(docs ? { docs: [docs] } : {}) };
}

function property(m: Member, ctx: TypeContext, optional: boolean): OptionalKind<PropertySignatureStructure> {
  const docs = memberDoc(m, ctx.index.shape(m.target));
  const type = memberType(m, ctx);
  return {
    name: propertyName(m.name),
    // `| undefined` too, so a maybe-value can be passed under exactOptionalPropertyTypes.
    type: optional ? `${type} | undefined` : type,
    hasQuestionToken: optional,
    ...(docs ? { docs: [docs] } : {}),
  };
}

function structureInterface(s: StructureShape, name: string, ctx: TypeContext): InterfaceDeclarationStructure {
  const docs = shapeDoc(s, viewNote(s, name));
  return {
    kind: StructureKind.Interface,
    name,
    isExported: true,
    properties: s.members.map((m) => property(m, ctx, !m.required)),
    ...(docs ? { docs: [docs] } : {}),
  };
}

/**
 * A union: one variant per member, the others `?: never`, plus `$unknown` for members added to the
 * service after this client was generated.
 */
function unionDeclarations(s: StructureShape, name: string, ctx: TypeContext): StatementStructures[] {
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
  const docs = shapeDoc(s, viewNote(s, name));
  const alias: TypeAliasDeclarationStructure = {
    kind: StructureKind.TypeAlias,
    name,
    isExported: true,
    type: variants.map((v) => `${name}.${v.name}`).join(" | "),
    ...(docs ? { docs: [docs] } : {}),
  };
  const namespace: ModuleDeclarationStructure = {
    kind: StructureKind.Module,
    name,
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
