import type { ImportDeclarationStructure, StatementStructures } from "ts-morph";
import { StructureKind } from "./ts-morph.js";

/** One generated source module: its statements and the namespace imports they need. */
export interface EmittedModule {
  statements: StatementStructures[];
  imports: ImportDeclarationStructure[];
}

const MODULE_PATHS = {
  rt: "./runtime/index.js",
  types: "./types.js",
  errors: "./errors.js",
  schemas: "./schemas.js",
  operations: "./operations.js",
} as const;
export type ModuleAlias = keyof typeof MODULE_PATHS;

/**
 * `import type * as types from "./types.js"` for each module used. Namespaced imports keep model
 * names from clashing with ours; `valueModules` are the ones referenced at run time.
 */
export function namespaceImports(used: Iterable<ModuleAlias>, valueModules: Iterable<ModuleAlias> = []): ImportDeclarationStructure[] {
  const values = new Set(valueModules);
  const all = [...new Set([...used, ...values])].sort();
  return all.map((alias) => ({
    kind: StructureKind.ImportDeclaration,
    namespaceImport: alias,
    moduleSpecifier: MODULE_PATHS[alias],
    isTypeOnly: !values.has(alias),
  }));
}
