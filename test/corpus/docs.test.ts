// Every documentation string of the shared models renders to TSDoc that stays one comment.
import { readFileSync } from "node:fs";
import { Project } from "ts-morph";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { htmlToMarkdownText } from "../../src/emit/docs.js";
import { corpusModels } from "../helpers.js";

describe("every documentation string in ../shared/botocore-models", () => {
  const models = corpusModels();
  const docs = models.flatMap(({ path }) => documentationStrings(JSON.parse(readFileSync(path, "utf8"))));
  let rendered: string[] = [];

  it("renders with no comment end and no HTML left", () => {
    expect(models.length).toBeGreaterThanOrEqual(100);
    rendered = docs.map(htmlToMarkdownText);
    const bad = rendered.filter((text) => text.includes("*/") || /(?<!\\)<\/?[a-z]/i.test(withoutCode(text)));
    expect(bad.slice(0, 5)).toEqual([]);
  });

  it("every rendered doc prints as one comment with no tags", () => {
    if (rendered.length === 0) rendered = docs.map(htmlToMarkdownText);
    const unique = [...new Set(rendered)].filter((text) => text !== "");
    const project = new Project({ useInMemoryFileSystem: true });
    const file = project.createSourceFile("all.ts", "");
    file.addVariableStatements(
      unique.map((description, i) => ({
        declarations: [{ name: `d${i}`, initializer: "0" }],
        docs: [{ description }],
      })),
    );
    const text = file.getFullText();
    const parsed = ts.createSourceFile("all.ts", text, ts.ScriptTarget.Latest, true);
    expect(parsed.statements).toHaveLength(unique.length);
    const bad = parsed.statements.flatMap((statement, i) => {
      const comments = ts.getLeadingCommentRanges(text, statement.pos) ?? [];
      const name = ts.isVariableStatement(statement)
        ? statement.declarationList.declarations[0]?.name.getText(parsed)
        : "";
      const tags = ts.getJSDocTags(statement);
      return comments.length === 1 && name === `d${i}` && tags.length === 0 ? [] : [unique[i]];
    });
    expect(bad.slice(0, 5)).toEqual([]);
  });
});

function documentationStrings(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) for (const item of node) documentationStrings(item, out);
  else if (node !== null && typeof node === "object") {
    for (const [key, value] of Object.entries(node)) {
      if (key === "documentation" && typeof value === "string") out.push(value);
      else documentationStrings(value, out);
    }
  }
  return out;
}

/** Drops code spans and fenced blocks, where `<` is verbatim. */
function withoutCode(text: string): string {
  return text.replace(/^(`{3,})[^\n]*\n[\s\S]*?^\1$/gm, "").replace(/(`+)[\s\S]*?\1/g, "");
}
