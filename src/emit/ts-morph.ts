// ts-morph's values, loaded with require: importing its CommonJS build by name from ESM makes Node
// scan the whole bundled compiler for export names first (~80 ms of every run).
import { createRequire } from "node:module";
import type * as TsMorph from "ts-morph";

const tsMorph = createRequire(import.meta.url)("ts-morph") as typeof TsMorph;

export const { IndentationText, NewLineKind, Project, QuoteKind, StructureKind, VariableDeclarationKind } = tsMorph;
/** The TypeScript compiler API ts-morph bundles (for reading the runtime templates). */
export const tsCompiler = tsMorph.ts;
