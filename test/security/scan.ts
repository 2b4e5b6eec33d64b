// Where a marker from a hostile model ended up in generated TypeScript, as the compiler sees it:
// inside comments and string literals it is text; as an identifier it became code.
import ts from "typescript";

/**
 * Identifiers in `source` whose name is exactly `marker` (a payload such as
 * `*\/ globalThis.PWNED_3 = 1; /*` makes `PWNED_3` one only if it escaped its comment or string;
 * names the generator derives from it are sanitized and longer). Also reports syntax errors, which
 * an escape failure usually causes.
 */
export function codeTokensMentioning(source: string, marker: string): string[] {
  const file = ts.createSourceFile("scan.ts", source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const found: string[] = [];
  const diagnostics = (file as unknown as { parseDiagnostics?: ts.Diagnostic[] }).parseDiagnostics ?? [];
  for (const d of diagnostics) found.push(`syntax error: ${ts.flattenDiagnosticMessageText(d.messageText, " ")}`);
  const visit = (node: ts.Node): void => {
    if ((ts.isIdentifier(node) || ts.isPrivateIdentifier(node)) && node.text === marker) {
      const { line } = file.getLineAndCharacterOfPosition(node.getStart(file));
      found.push(`identifier ${marker} at line ${line + 1}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}
