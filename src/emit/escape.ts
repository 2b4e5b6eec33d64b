// The one place model strings are escaped on their way into generated code, by context:
//   - inside a doc comment, as prose:      commentText("a */ b @x")  → "a *\/ b \@x"
//   - as a string literal:                 stringLiteral('say "hi"') → "\"say \\\"hi\\\"\""
//   - as an object-literal key:            propertyKey("content-type") → "\"content-type\"",
//                                          propertyKey("__proto__") → '["__proto__"]'
//   - as a property name in a type:        propertyName("content-type") → "\"content-type\""
//   - as an identifier:                    ir/names.ts decides every one (identifierFrom + NameScope)
//   - as Markdown text in the README:      markdownText("<b>*x*</b>") → "\<b\>\*x\*\</b\>"
//   - as a fenced code block in it:        codeFence("ts", code) (the fence outgrows any backtick run)
// Model HTML documentation is rendered by docs-html.ts, which escapes with docs-escape.ts; the
// printer (print.ts) runs every finished doc comment through `commentEnd` once more, so nothing a
// model says can end a comment early.

import { isIdentifier } from "../ir/names.js";
import { escapeText, neutralizeCommentEnd } from "./docs-escape.js";

/** A model string (plain text, not HTML) as one line of doc-comment prose. */
export function commentText(text: string): string {
  return neutralizeCommentEnd(escapeText(text.replace(/\s+/g, " ").trim()));
}

/** Any finished comment text: nothing in it can close the comment. */
export const commentEnd = neutralizeCommentEnd;

/**
 * A string as a TypeScript string literal. JSON's escaping is a subset of JavaScript's (quotes,
 * backslashes, control characters, lone surrogates); U+2028 and U+2029 are escaped too, so the
 * literal also survives tools that still treat them as line ends.
 */
export function stringLiteral(text: string): string {
  return JSON.stringify(text).replace(/[\u2028\u2029]/g, (ch) => (ch === "\u2028" ? "\\u2028" : "\\u2029"));
}

/** Any JSON-shaped value (strings, numbers, booleans, arrays, plain objects) as a TypeScript expression. */
export function literalValue(value: unknown): string {
  if (typeof value === "string") return stringLiteral(value);
  if (Array.isArray(value)) return `[${value.map(literalValue).join(", ")}]`;
  if (value !== null && typeof value === "object") {
    return `{ ${Object.entries(value).map(([k, v]) => `${propertyKey(k)}: ${literalValue(v)}`).join(", ")} }`;
  }
  return JSON.stringify(value) ?? "undefined";
}

/**
 * A key of an object literal. `__proto__` written plainly (quoted or not) sets the object's
 * prototype instead of defining a property; the computed form defines it.
 */
export function propertyKey(name: string): string {
  if (name === "__proto__") return '["__proto__"]';
  return isIdentifier(name) ? name : stringLiteral(name);
}

/** A property name in an interface or class (no prototype semantics there): bare or quoted. */
export const propertyName = (name: string): string => (isIdentifier(name) ? name : stringLiteral(name));

/**
 * A model string as Markdown prose inside a line: every character Markdown or HTML would read
 * there is escaped (line-start syntax such as `#` or `-` cannot occur mid-line).
 */
export function markdownText(text: string): string {
  return text.replace(/\s+/g, " ").trim().replace(/[\\`*_[\]<>|~&!]/g, (ch) => `\\${ch}`);
}

/**
 * A model string as an inline Markdown code span: delimited by a backtick run longer than any in
 * the text (padded when it starts or ends with one), line breaks folded as CommonMark does.
 */
export function codeSpan(text: string): string {
  const flat = text.replace(/[\r\n]+/g, " ");
  const longest = Math.max(0, ...[...flat.matchAll(/`+/g)].map((m) => m[0].length));
  const ticks = "`".repeat(longest + 1);
  const pad = /^[` ]|[` ]$/.test(flat) && flat.trim() !== "" ? " " : "";
  return `${ticks}${pad}${flat}${pad}${ticks}`;
}

/** A fenced Markdown code block whose fence is longer than any backtick run in `code`. */
export function codeFence(language: string, code: string): string {
  const longest = Math.max(0, ...[...code.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = "`".repeat(Math.max(3, longest + 1));
  return `${fence}${language}\n${code}\n${fence}`;
}
