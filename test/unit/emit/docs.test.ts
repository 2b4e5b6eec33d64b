import { Project, VariableDeclarationKind, type JSDocStructure, type OptionalKind } from "ts-morph";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { docComment, htmlToMarkdownText, jsDoc, type DocInput } from "../../../src/emit/docs.js";

/** Prints `docs` on `export const marker = 1;` the way emitters do: ts-morph, in memory. */
function printWithDocs(docs: OptionalKind<JSDocStructure>[]): string {
  const project = new Project({ useInMemoryFileSystem: true });
  const file = project.createSourceFile("doc.ts", "");
  file.addVariableStatement({
    isExported: true,
    declarationKind: VariableDeclarationKind.Const,
    declarations: [{ name: "marker", initializer: "1" }],
    docs,
  });
  return file.getFullText();
}

/** What TypeScript makes of printed text: comments before the first statement, statements, tags. */
function parsePrinted(text: string) {
  const file = ts.createSourceFile("doc.ts", text, ts.ScriptTarget.Latest, true);
  const [statement] = file.statements;
  return {
    comments: (ts.getLeadingCommentRanges(text, 0) ?? []).map((r) => text.slice(r.pos, r.end)),
    statements: file.statements.map((s) => s.getText(file)),
    tags: statement ? ts.getJSDocTags(statement).map((t) => t.tagName.text) : [],
  };
}

describe("htmlToMarkdownText", () => {
  const cases: { name: string; given: string; want: string }[] = [
    // paragraphs and whitespace
    { name: "paragraphs", given: "<p>One.</p> <p>Two.</p>", want: "One.\n\nTwo." },
    { name: "whitespace collapsed", given: "<p>  a \n\t b   c </p>", want: "a b c" },
    { name: "unclosed tags", given: "<p>one<p>two<ul><li>x<li>y</ul>", want: "one\n\ntwo\n\n- x\n- y" },
    { name: "br", given: "<p>a<br>b<br/> c</p>", want: "a\nb\nc" },
    {
      name: "div and fullname",
      given: "<fullname>Amazon IVS Chat</fullname><div>Body</div>",
      want: "Amazon IVS Chat\n\nBody",
    },
    { name: "unknown tags are transparent", given: "<p>a <span>b</span> <x-y>c</x-y></p>", want: "a b c" },
    { name: "title", given: "<title>Title <b>bold</b></title><p>x</p>", want: "Title **bold**\n\nx" },
    // code
    { name: "code", given: "<p>Use <code>capabilities</code>.</p>", want: "Use `capabilities`." },
    { name: "backtick in code", given: "<p><code>a`b</code></p>", want: "``a`b``" },
    { name: "code starting with backtick", given: "<p><code>`x</code></p>", want: "`` `x ``" },
    { name: "nested code", given: "<p><code>a <code>b</code> c</code></p>", want: "`a b c`" },
    { name: "spaces around code", given: "<p>x<code> y </code>z</p>", want: "x `y` z" },
    { name: "pre", given: '<pre>{\n  "a": 1\n}\n</pre>', want: '```\n{\n  "a": 1\n}\n```' },
    {
      name: "programlisting with fence inside",
      given: "<programlisting>```\nx</programlisting>",
      want: "````\n```\nx\n````",
    },
    // links
    {
      name: "absolute link",
      given: '<p>See <a href="https://docs.aws.amazon.com/ivs/">the guide</a>.</p>',
      want: "See {@link https://docs.aws.amazon.com/ivs/ | the guide}.",
    },
    { name: "relative link", given: '<p>See <a href="/AmazonS3/latest/x.html"><i>S3</i></a>.</p>', want: "See _S3_." },
    { name: "empty href", given: '<p><a href="">Adding groups</a></p>', want: "Adding groups" },
    {
      name: "text equals url",
      given: '<p><a href="http://a.example">http://a.example</a></p>',
      want: "{@link http://a.example}",
    },
    {
      name: "href trimmed",
      given: '<p><a href=" https://a.example/x">x</a></p>',
      want: "{@link https://a.example/x | x}",
    },
    {
      name: "url characters that would end the link or comment",
      given: '<p><a href="https://a.example/{a}|b c*/d">x</a></p>',
      want: "{@link https://a.example/%7Ba%7D%7Cb%20c%2A/d | x}",
    },
    {
      name: "braces in link text",
      given: '<p><a href="https://a.example">a {b}</a></p>',
      want: "a \\{b\\} ({@link https://a.example})",
    },
    // lists
    {
      name: "list of paragraphs",
      given: "<ul> <li> <p>one</p> </li> <li> <p>two</p> </li> </ul>",
      want: "- one\n- two",
    },
    {
      name: "nested lists",
      given: "<p>Keys:</p><ul><li><p>a</p><ul><li><p>a1</p><ol><li>deep</li></ol></li></ul></li><li><p>b</p></li></ul>",
      want: "Keys:\n\n- a\n  - a1\n    1. deep\n- b",
    },
    { name: "ordered list", given: "<ol><li>x</li><li>y<p>more</p></li></ol>", want: "1. x\n2. y\n\n   more" },
    { name: "empty items dropped", given: "<ul><li></li><li>x</li></ul>", want: "- x" },
    {
      name: "definition list",
      given: "<dl><dt>default</dt><dd><p>Standard.</p></dd><dt>vpc-1:</dt><dd>Boost.</dd></dl>",
      want: "- **default**: Standard.\n- **vpc-1:** Boost.",
    },
    // emphasis, callouts, entities
    {
      name: "bold and italics",
      given: "<p><b>B</b>, <strong>S</strong>, <i>I</i>, <em>E</em></p>",
      want: "**B**, **S**, _I_, _E_",
    },
    { name: "spaces inside emphasis", given: "<p>a<b> b </b>c</p>", want: "a **b** c" },
    {
      name: "note",
      given: "<p>x</p><note><p>Careful.</p><p>Really.</p></note>",
      want: "x\n\nNote: Careful.\n\nReally.",
    },
    { name: "important before a list", given: "<important><ul><li>x</li></ul></important>", want: "Important:\n\n- x" },
    { name: "note already labelled", given: "<note><p>Note - x</p></note>", want: "Note - x" },
    { name: "entities", given: "<p>a &amp; b &quot;c&quot; &eacute; &#x41;&nbsp;B</p>", want: 'a & b "c" é A B' },
    { name: "line separator entity", given: "<p>a&#x2028;b</p>", want: "a b" },
    // empty docs
    { name: "empty string", given: "", want: "" },
    { name: "self-closed p", given: "<p/>", want: "" },
    { name: "empty p", given: "<p></p>", want: "" },
    { name: "whitespace", given: "  \n ", want: "" },
    { name: "empty markup", given: "<zonbook></zonbook><xhtml></xhtml>", want: "" },
  ];
  it.each(cases)("$name", ({ given, want }) => {
    expect(htmlToMarkdownText(given)).toBe(want);
  });
});

describe("comment safety", () => {
  const cases: { name: string; given: string; want: string }[] = [
    { name: "*/ in text", given: "<p>a */ b</p>", want: "a *\\/ b" },
    { name: "*/ in code", given: "<p><code>rooms/*/messages</code></p>", want: "`rooms/*\\/messages`" },
    { name: "*/ across markup", given: "<p><b>read</b>/<b>write</b></p>", want: "**read**\\/**write**" },
    { name: "*/ in pre", given: "<pre>a*/</pre>", want: "```\na*\\/\n```" },
    { name: "@ at start", given: "<p>@tag x</p>", want: "\\@tag x" },
    { name: "@ after space", given: "<p>chars: + - @</p>", want: "chars: + - \\@" },
    { name: "@ in a word is kept", given: "<p>user@example.com</p>", want: "user@example.com" },
    { name: "@ in code after space", given: "<p><code>jq @json</code></p>", want: "`jq \\@json`" },
    { name: "@ at code start is kept", given: "<p><code>@aws-sdk</code></p>", want: "`@aws-sdk`" },
    { name: "@ in pre", given: "<pre>@Override\nx @y</pre>", want: "```\n\\@Override\nx \\@y\n```" },
    { name: "inline tag in text", given: "<p>{@link Evil} }</p>", want: "\\{\\@link Evil\\} \\}" },
    { name: "inline tag in code", given: "<p><code>{@link Evil}</code></p>", want: "`{\\@link Evil}`" },
    { name: "html-looking text", given: "<p>tag:&lt;key&gt;</p>", want: "tag:\\<key>" },
    { name: "quote and heading starts", given: "<p>&gt; x</p><p># y</p>", want: "\\> x\n\n\\# y" },
    { name: "backslash before punctuation", given: "<p>C:\\) and \\d</p>", want: "C:\\\\) and \\d" },
  ];
  it.each(cases)("$name", ({ given, want }) => {
    expect(htmlToMarkdownText(given)).toBe(want);
  });

  const breakers: { name: string; input: DocInput }[] = [
    { name: "text", input: { documentation: "<p>Ends a comment: */ alert(1) /* and @tag</p>" } },
    { name: "code", input: { documentation: "<p><code>*/</code><code>/**/</code></p>" } },
    { name: "bold next to slash", input: { documentation: "<p><b>a</b>/<i>b*</i>/</p>" } },
    { name: "link", input: { documentation: '<p><a href="https://x.example/*/">*/</a></p>' } },
    { name: "pattern", input: { constraints: { kind: "length", pattern: "^.*/$`*/`" } } },
    { name: "deprecation", input: { deprecated: { message: "*/ @foo {@link x}", since: "*/" } } },
    { name: "default note", input: { defaultNote: "*/ @foo" } },
    { name: "lone star at the end", input: { documentation: "<p>a*</p>" } },
    { name: "lone slash at the start", input: { documentation: "<p>/a</p>" } },
  ];
  it.each(breakers)("printed comment holds: $name", ({ input }) => {
    const doc = jsDoc(input);
    expect(doc).toBeDefined();
    const printed = parsePrinted(printWithDocs([doc!]));
    expect(printed.comments).toHaveLength(1);
    expect(printed.statements).toEqual(["export const marker = 1;"]);
    expect(printed.tags.filter((t) => t !== "deprecated")).toEqual([]);
  });
});

describe("docComment", () => {
  const cases: { name: string; given: DocInput; want: string | undefined }[] = [
    { name: "nothing", given: {}, want: undefined },
    { name: "empty docs only", given: { documentation: "<p/>", sensitive: false }, want: undefined },
    { name: "description", given: { documentation: "<p>Hi.</p>" }, want: "Hi." },
    { name: "length range", given: { constraints: { kind: "length", min: 1, max: 128 } }, want: "Length: 1–128." },
    { name: "exact length", given: { constraints: { kind: "length", min: 3, max: 3 } }, want: "Length: exactly 3." },
    { name: "length min 0 says nothing", given: { constraints: { kind: "length", min: 0 } }, want: undefined },
    { name: "value range", given: { constraints: { kind: "value", min: 0, max: 100 } }, want: "Value: 0–100." },
    { name: "value minimum", given: { constraints: { kind: "value", min: 0 } }, want: "Value: at least 0." },
    { name: "items maximum", given: { constraints: { kind: "items", max: 50 } }, want: "Items: at most 50." },
    { name: "entries minimum", given: { constraints: { kind: "entries", min: 1 } }, want: "Entries: at least 1." },
    { name: "pattern", given: { constraints: { kind: "length", pattern: "^[a-z]+$" } }, want: "Pattern: `^[a-z]+$`." },
    {
      name: "pattern with */",
      given: { constraints: { kind: "length", pattern: "^.*/$" } },
      want: "Pattern: `^.*\\/$`.",
    },
    {
      name: "pattern with backtick",
      given: { constraints: { kind: "length", pattern: "[`]" } },
      want: "Pattern: ``[`]``.",
    },
    {
      name: "pattern spaces kept",
      given: { constraints: { kind: "length", pattern: " a  b" } },
      want: "Pattern: `  a  b `.",
    },
    { name: "pattern newline", given: { constraints: { kind: "length", pattern: "a\nb" } }, want: "Pattern: `a\\nb`." },
    {
      name: "sensitive",
      given: { sensitive: true },
      want: "@sensitive This value is redacted from logs and error messages.",
    },
    { name: "deprecated bare", given: { deprecated: {} }, want: "@deprecated" },
    {
      name: "deprecated with message and since",
      given: { deprecated: { message: "Use  SingleMetricAnomalyDetector.", since: "2024-01-08" } },
      want: "@deprecated Use SingleMetricAnomalyDetector. Deprecated since 2024-01-08.",
    },
    { name: "default note", given: { defaultNote: "Defaults to `60`." }, want: "Defaults to `60`." },
    {
      name: "everything, in order",
      given: {
        documentation: "<p>Identifier of the room.</p>",
        constraints: {
          kind: "length",
          min: 1,
          max: 128,
          pattern: "arn:aws:ivschat:[a-z0-9-]+:[0-9]+:room/[a-zA-Z0-9-]+",
        },
        defaultNote: "Defaults to none.",
        sensitive: true,
        deprecated: { message: "Use id." },
      },
      want: [
        "Identifier of the room.",
        "",
        "Length: 1–128.",
        "Pattern: `arn:aws:ivschat:[a-z0-9-]+:[0-9]+:room/[a-zA-Z0-9-]+`.",
        "Defaults to none.",
        "",
        "@sensitive This value is redacted from logs and error messages.",
        "@deprecated Use id.",
      ].join("\n"),
    },
  ];
  it.each(cases)("$name", ({ given, want }) => {
    expect(docComment(given)).toBe(want);
    expect(jsDoc(given)).toEqual(want === undefined ? undefined : { description: want });
  });

  it("prints as a hand-written comment", () => {
    const doc = jsDoc({
      documentation: "<p>Application-provided ID. This can be any UTF-8 encoded text.</p>",
      constraints: { kind: "length", min: 1, max: 128 },
      sensitive: true,
    });
    expect(printWithDocs([doc!])).toBe(
      [
        "/**",
        " * Application-provided ID. This can be any UTF-8 encoded text.",
        " *",
        " * Length: 1–128.",
        " *",
        " * @sensitive This value is redacted from logs and error messages.",
        " */",
        "export const marker = 1;",
        "",
      ].join("\n"),
    );
    expect(parsePrinted(printWithDocs([doc!])).tags).toEqual(["sensitive"]);
  });

  it("prints a lone deprecation on one line", () => {
    expect(printWithDocs([jsDoc({ documentation: "<p/>", deprecated: { message: "Use Explain." } })!])).toBe(
      "/** @deprecated Use Explain. */\nexport const marker = 1;\n",
    );
  });
});
