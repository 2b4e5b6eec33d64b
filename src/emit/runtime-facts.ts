// Facts the generator needs from the runtime it copies into packages, read from the templates'
// own source so each fact lives once (STYLE.md §10): the error fields modeled members cannot
// overwrite, and the client options with their docs (the generated README's table). Read once
// per process with the TypeScript parser.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { ts as TS } from "ts-morph";
import { tsCompiler as ts } from "./ts-morph.js";

export interface ClientOptionFact {
  name: string;
  /** The option's TSDoc, as written in templates/runtime/config.ts. */
  doc: string;
}

export interface RuntimeFacts {
  /** `RESERVED_ERROR_FIELDS` of templates/runtime/errors.ts. */
  reservedErrorFields: ReadonlySet<string>;
  /** The members of `ClientConfig` in templates/runtime/config.ts, in order. */
  clientOptions: readonly ClientOptionFact[];
}

const cache = new Map<string, RuntimeFacts>();

export function readRuntimeFacts(templatesDir: string): RuntimeFacts {
  let facts = cache.get(templatesDir);
  if (!facts) {
    facts = {
      reservedErrorFields: new Set(stringArrayConst(join(templatesDir, "errors.ts"), "RESERVED_ERROR_FIELDS")),
      clientOptions: interfaceMembers(join(templatesDir, "config.ts"), "ClientConfig"),
    };
    cache.set(templatesDir, facts);
  }
  return facts;
}

function parse(path: string): TS.SourceFile {
  return ts.createSourceFile(path, readFileSync(path, "utf8"), ts.ScriptTarget.Latest, true);
}

/** The strings of `export const NAME = [ "a", "b" ] as const` (or without `as const`). */
function stringArrayConst(path: string, name: string): string[] {
  const file = parse(path);
  for (const statement of file.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    for (const decl of statement.declarationList.declarations) {
      if (!ts.isIdentifier(decl.name) || decl.name.text !== name || !decl.initializer) continue;
      let init: TS.Expression = decl.initializer;
      if (ts.isAsExpression(init)) init = init.expression;
      if (ts.isArrayLiteralExpression(init) && init.elements.every(ts.isStringLiteral)) {
        return init.elements.map((e) => (e as TS.StringLiteral).text);
      }
    }
  }
  throw new Error(`internal error: ${path} has no string array const ${name}`);
}

/** Property names and TSDoc of `interface NAME` (its own members, in order). */
function interfaceMembers(path: string, name: string): ClientOptionFact[] {
  const file = parse(path);
  const decl = file.statements.find((s): s is TS.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === name);
  if (!decl) throw new Error(`internal error: ${path} has no interface ${name}`);
  return decl.members.flatMap((member) => {
    if (!ts.isPropertySignature(member) || !ts.isIdentifier(member.name)) return [];
    const docs = ts.getJSDocCommentsAndTags(member).filter(ts.isJSDoc);
    const doc = docs.map((d) => ts.getTextOfJSDocComment(d.comment) ?? "").join("\n").trim();
    return [{ name: member.name.text, doc }];
  });
}
