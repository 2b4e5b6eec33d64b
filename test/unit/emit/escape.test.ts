import { describe, expect, it } from "vitest";
import { codeFence, codeSpan, markdownText } from "../../../src/emit/escape.js";

// Markdown contexts of the generated README (the TypeScript contexts are covered by the hostile-model test).
describe("markdown escapes", () => {
  const spans: [string, string][] = [
    ["json", "`json`"],
    ["a`b", "``a`b``"],
    ["``x", "``` ``x ```"],
    ["x`", "`` x` ``"],
    ["two\nlines", "`two lines`"],
  ];
  for (const [given, want] of spans) it(`codeSpan(${JSON.stringify(given)}) = ${want}`, () => expect(codeSpan(given)).toBe(want));

  it("markdownText escapes what Markdown or HTML would read mid-line", () => {
    expect(markdownText("a *b* <script> [x](y) |c| `d`\n_e_")).toBe("a \\*b\\* \\<script\\> \\[x\\](y) \\|c\\| \\`d\\` \\_e\\_");
  });

  it("codeFence is longer than any backtick run inside", () => {
    expect(codeFence("ts", "a ```` b")).toBe("`````ts\na ```` b\n`````");
  });
});
