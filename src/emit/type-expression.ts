import type { Member, Operation, Shape } from "../ir/types.js";
import { stringLiteral } from "./escape.js";
import type { ShapeIndex } from "./shape-index.js";

/** Which side of the wire a type is written for: inputs accept more (a blob may be a string). */
export type Side = "input" | "output";

/** Where declarations live, so a module can write a reference to another module's declaration. */
export type DeclarationModule = "types" | "errors";

/** The module that declares a structure, union or enum: error structures are classes in errors.ts. */
export const declarationModule = (s: Shape): DeclarationModule =>
  s.kind === "structure" && s.error !== undefined ? "errors" : "types";

/** The inline form of a list or map type (what a recursive one's alias says). */
export function collectionType(s: Shape & { kind: "list" | "map" }, ctx: TypeContext): string {
  if (s.kind === "list") {
    const element = memberType(s.member, ctx);
    return /^[\w.$]+$/.test(element) ? `${element}[]` : `(${element})[]`;
  }
  // An index signature, not Record<>: a type alias may refer to itself through the former only.
  return s.recursive ? `{ [key: string]: ${memberType(s.value, ctx)} }` : `Record<string, ${memberType(s.value, ctx)}>`;
}

/** Writes references from inside module `from`: local names bare, others through `types.`/`errors.`. */
export interface TypeContext {
  index: ShapeIndex;
  side: Side;
  from: DeclarationModule | "client";
  /** Modules referenced so far, so the caller knows which namespace imports to write. */
  used: Set<DeclarationModule | "rt">;
}

/**
 * The TypeScript type of a member. Scalars, lists and maps are written inline; structures, unions
 * and enums by their declaration name.
 */
export function memberType(member: Member, ctx: TypeContext): string {
  if (member.jsonvalue) return runtimeType("DocumentType", ctx);
  if (member.enum) {
    // A member that narrows its string to some values (apigatewayv2): closed going in, open coming back.
    const values = member.enum.map(stringLiteral).join(" | ");
    return ctx.side === "output" ? `${values} | (string & {})` : values;
  }
  return shapeType(ctx.index.shape(member.target), ctx);
}

export function shapeType(s: Shape, ctx: TypeContext): string {
  switch (s.kind) {
    case "structure":
      return s.document ? runtimeType("DocumentType", ctx) : declared(s, ctx);
    case "list":
    case "map":
      return s.recursive ? declared(s, ctx) : collectionType(s, ctx);
    case "string":
      // Outputs stay open to enum values the service adds after this client was generated (the
      // runtime passes them through); `string & {}` keeps the known values in autocomplete.
      if (!s.enum) return "string";
      return ctx.side === "output" ? `${declared(s, ctx)} | (string & {})` : declared(s, ctx);
    case "boolean":
      return "boolean";
    case "blob":
      return ctx.side === "input" ? runtimeType("BlobInput", ctx) : "Uint8Array";
    case "timestamp":
      return "Date";
    default:
      return "number";
  }
}

/** A declared shape by name: its output view on the output side when it has one. */
function declared(s: Shape, ctx: TypeContext): string {
  const name = ctx.side === "output" && s.outputTsName !== undefined ? s.outputTsName : s.tsName;
  const module = declarationModule(s);
  if (module === ctx.from) return name;
  ctx.used.add(module);
  return `${module}.${name}`;
}

export function runtimeType(name: string, ctx: TypeContext): string {
  ctx.used.add("rt");
  return `rt.${name}`;
}

/** An operation's input and output types (outputs without `$metadata`, which `send` adds). */
export function operationTypes(op: Operation, ctx: TypeContext): { input: string; output: string } {
  return {
    input: op.input ? shapeType(ctx.index.shape(op.input), { ...ctx, side: "input" }) : runtimeType("EmptyInput", ctx),
    output: op.output ? shapeType(ctx.index.shape(op.output), { ...ctx, side: "output" }) : runtimeType("EmptyOutput", ctx),
  };
}
