// botocore `documentation` HTML → TSDoc-ready Markdown-ish text.
//   "<p>Use the <code>capabilities</code> field.</p> <ul><li><p>a</p></li></ul>"
//     → "Use the `capabilities` field.\n\n- a"
// Parsed with htmlparser2 in HTML mode: models are tag soup (unclosed <p>, <li>), and HTML mode
// closes those the way a browser would and decodes every named entity.
import { DomUtils, ElementType, parseDocument } from "htmlparser2";
import { codeBlock, codeSpan, escapeLineStart, escapeText, linkTarget, neutralizeCommentEnd } from "./docs-escape.js";

type DomNode = ReturnType<typeof parseDocument>["children"][number];
type DomElement = Extract<DomNode, { attribs: Record<string, string> }>;

function isElement(node: DomNode): node is DomElement {
  return node.type === ElementType.Tag || node.type === ElementType.Script || node.type === ElementType.Style;
}

/** A rendered block; `list` matters because a list may follow a paragraph without a blank line. */
interface Block {
  kind: "paragraph" | "list" | "code";
  text: string;
}

/** Marks a `<br>` until whitespace is collapsed; input NULs are dropped so it cannot clash. */
const LINE_BREAK = "\u0000";

/** Tags that start a new block. */
const BLOCK_TAGS = new Set(
  (
    "p div section article blockquote fullname title h1 h2 h3 h4 h5 h6 note important warning " +
    "ul ol li dl dt dd pre programlisting table tr"
  ).split(" "),
);

/** Tags rendered inline with a meaning of their own (the rest of the inline tags are transparent). */
const INLINE_TAGS = new Set(["code", "tt", "kbd", "samp", "a", "b", "strong", "i", "em", "br", "script", "style"]);

const CALLOUT_LABEL: Record<string, string> = { note: "Note:", important: "Important:", warning: "Warning:" };

export function htmlToMarkdownText(html: string): string {
  if (html.trim() === "") return "";
  const doc = parseDocument(html.replace(/\u0000/g, ""), { recognizeSelfClosing: true });
  return neutralizeCommentEnd(joinBlocks(renderBlocks(doc.children), false));
}

function renderBlocks(nodes: readonly DomNode[]): Block[] {
  const blocks: Block[] = [];
  let inline: DomNode[] = [];
  const flush = (): void => {
    if (inline.length === 0) return;
    const text = paragraphText(renderInline(inline));
    if (text !== "") blocks.push({ kind: "paragraph", text });
    inline = [];
  };
  for (const node of expandTransparent(nodes)) {
    if (isElement(node) && BLOCK_TAGS.has(node.name)) {
      flush();
      blocks.push(...renderBlock(node));
    } else {
      inline.push(node);
    }
  }
  flush();
  return blocks;
}

function renderBlock(el: DomElement): Block[] {
  switch (el.name) {
    case "ul":
    case "ol":
      return listBlock(el);
    case "li":
      return itemBlock("- ", renderBlocks(el.children));
    case "dl":
    case "dt":
    case "dd":
      return definitionList(el.name === "dl" ? el.children : [el]);
    case "pre":
    case "programlisting": {
      const text = codeBlock(DomUtils.textContent(el));
      return text === "" ? [] : [{ kind: "code", text }];
    }
    case "title":
      // HTML mode reads <title> as text (entities decoded, tags kept as text): parse that again.
      return renderBlocks(parseDocument(DomUtils.textContent(el), { recognizeSelfClosing: true }).children);
    case "note":
    case "important":
    case "warning":
      return callout(CALLOUT_LABEL[el.name] ?? "", renderBlocks(el.children));
    default:
      return renderBlocks(el.children);
  }
}

function listBlock(el: DomElement): Block[] {
  const ordered = el.name === "ol";
  let n = ordered ? Number.parseInt(el.attribs["start"] ?? "1", 10) : 1;
  if (!Number.isFinite(n)) n = 1;
  const items: string[] = [];
  for (const child of expandTransparent(el.children)) {
    // Stray text or tags between <li>s are items of their own rather than lost.
    const blocks = isElement(child) && child.name === "li" ? renderBlocks(child.children) : renderBlocks([child]);
    const item = itemBlock(ordered ? `${n}. ` : "- ", blocks);
    if (item.length === 0) continue;
    items.push(item[0]!.text);
    n++;
  }
  return items.length === 0 ? [] : [{ kind: "list", text: items.join("\n") }];
}

/** <dl> has no Markdown form: each term becomes a list item "**term**: definition". */
function definitionList(nodes: readonly DomNode[]): Block[] {
  const entries: { term: string; blocks: Block[] }[] = [];
  for (const node of expandTransparent(nodes)) {
    if (isElement(node) && node.name === "dt") {
      entries.push({ term: paragraphText(renderInline(node.children)), blocks: [] });
    } else if (isElement(node) && node.name === "dd") {
      const blocks = renderBlocks(node.children);
      const last = entries[entries.length - 1];
      if (last) last.blocks.push(...blocks);
      else entries.push({ term: "", blocks });
    } else if (node.type !== ElementType.Text || node.data.trim() !== "") {
      entries.push({ term: "", blocks: renderBlocks([node]) });
    }
  }
  const items = entries.flatMap(({ term, blocks }) => {
    if (term === "") return itemBlock("- ", blocks);
    const label = /[:.?!]$/.test(term) ? `**${term}**` : `**${term}**:`;
    return itemBlock("- ", labelled(label, blocks));
  });
  return items.length === 0 ? [] : [{ kind: "list", text: items.map((item) => item.text).join("\n") }];
}

/** One list item: the marker on the first line, the rest indented to match. */
function itemBlock(marker: string, blocks: Block[]): Block[] {
  const body = joinBlocks(blocks, true);
  if (body === "") return [];
  const indent = " ".repeat(marker.length);
  const lines = body.split("\n").map((line, i) => (i === 0 ? marker + line : line === "" ? "" : indent + line));
  return [{ kind: "list", text: lines.join("\n") }];
}

/** <note> and friends are boxes in the AWS docs; here a "Note:" label, unless one is there already. */
function callout(label: string, blocks: Block[]): Block[] {
  const word = label.slice(0, -1);
  const start = blocks[0]?.text ?? "";
  const labelledAlready =
    start.slice(0, word.length).toLowerCase() === word.toLowerCase() && !/\w/.test(start.charAt(word.length));
  return labelledAlready ? blocks : labelled(label, blocks);
}

/** Puts `label` in front of the first paragraph, or on its own line before a list or code. */
function labelled(label: string, blocks: Block[]): Block[] {
  if (blocks.length === 0 || label === "") return blocks;
  const [first, ...rest] = blocks;
  if (first!.kind === "paragraph") return [{ kind: "paragraph", text: `${label} ${first!.text}` }, ...rest];
  return [{ kind: "paragraph", text: label }, ...blocks];
}

/** Blank line between blocks; inside a list item a nested list follows its paragraph directly. */
function joinBlocks(blocks: Block[], tight: boolean): string {
  let out = "";
  blocks.forEach((block, i) => {
    if (i > 0) out += tight && block.kind === "list" ? "\n" : "\n\n";
    out += block.text;
  });
  return out;
}

function renderInline(nodes: readonly DomNode[]): string {
  let out = "";
  for (const node of nodes) {
    if (node.type === ElementType.Text) out += escapeText(node.data);
    else if (node.type === ElementType.CDATA) out += escapeText(DomUtils.textContent(node));
    else if (isElement(node)) out += renderInlineElement(node);
  }
  return out;
}

function renderInlineElement(el: DomElement): string {
  switch (el.name) {
    case "code":
    case "tt":
    case "kbd":
    case "samp":
      // Nested markup (even nested <code>) becomes part of one code span.
      return codeSpan(DomUtils.textContent(el));
    case "a":
      return link(el);
    case "b":
    case "strong":
      return emphasis("**", renderInline(el.children));
    case "i":
    case "em":
      return emphasis("_", renderInline(el.children));
    case "br":
      return LINE_BREAK;
    case "script":
    case "style":
      return "";
    case "pre":
    case "programlisting":
      return codeSpan(DomUtils.textContent(el));
    default:
      // Blocks met inside inline markup (<a><p>…</p></a>) are kept apart by a space.
      return BLOCK_TAGS.has(el.name) ? ` ${renderInline(el.children)} ` : renderInline(el.children);
  }
}

function emphasis(mark: string, inner: string): string {
  const core = inner.trim();
  if (core === "") return inner;
  const lead = inner.length > inner.trimStart().length ? " " : "";
  const trail = inner.length > inner.trimEnd().length ? " " : "";
  return `${lead}${mark}${core}${mark}${trail}`;
}

/** `{@link url | text}` for absolute http(s) links; any other link keeps only its text. */
function link(el: DomElement): string {
  const href = (el.attribs["href"] ?? "").trim();
  if (!/^https?:\/\/./i.test(href)) return renderInline(el.children);
  const raw = DomUtils.textContent(el);
  const text = raw.replace(/\s+/g, " ").trim();
  const lead = /^\s/.test(raw) ? " " : "";
  const trail = /\s$/.test(raw) ? " " : "";
  const target = linkTarget(href);
  if (text === "" || text === href) return `${lead}{@link ${target}}${trail}`;
  // TypeScript ends the link at the first `}` even when escaped: keep such text outside it.
  if (/[{}]/.test(text)) return `${lead}${escapeText(text)} ({@link ${target}})${trail}`;
  return `${lead}{@link ${target} | ${escapeText(text)}}${trail}`;
}

/** Collapses whitespace (HTML rendering rules), then turns `<br>` marks into line breaks. */
function paragraphText(inline: string): string {
  return inline
    .replace(/\s+/g, " ")
    .split(LINE_BREAK)
    .map((line) => escapeLineStart(line.trim()))
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

/** Unknown tags (<span>, <zonbook>, …) are transparent: their children take their place. */
function* expandTransparent(nodes: readonly DomNode[]): Generator<DomNode> {
  for (const node of nodes) {
    if (isElement(node) && !BLOCK_TAGS.has(node.name) && !INLINE_TAGS.has(node.name)) {
      yield* expandTransparent(node.children);
    } else {
      yield node;
    }
  }
}
