// Escapes that keep doc text inside its `/** … */` comment and out of TSDoc's and TypeScript's tag
// syntax, while rendering (as Markdown, in editors and TypeDoc) to what the model said.
//
// Why each one:
// - `*/` ends the comment whatever surrounds it (even inside backticks), so the finished text
//   gets `*\/`. Markdown shows `*/` in prose; in a pattern, `\/` matches the same `/`.
// - TypeScript starts a block tag at `@` at the start of a line or after whitespace, even inside
//   backticks or a fenced code block; TSDoc does the same in prose. `\@` stops both, and Markdown
//   shows `@` in prose (but the backslash in code, where nothing better exists).
// - TypeScript reads `{@` as an inline tag even inside backticks, and ends one at the first `}`.
//   TSDoc wants `{` and `}` escaped in prose. In code we can only break the `{@` pair.
// - `<` in prose would start HTML for Markdown and TSDoc (`<key>` would vanish). A `>` is only
//   Markdown at the start of a line (a quote), which `escapeLineStart` handles.

/** Plain text from the model (already entity-decoded) → TSDoc prose. */
export function escapeText(text: string): string {
  return text.replace(/[\\{}<@]/g, (ch, offset: number) => {
    if (ch === "\\") return isAsciiPunctuation(text.charCodeAt(offset + 1)) ? "\\\\" : ch;
    if (ch === "@") return startsTag(text, offset) ? "\\@" : ch;
    return "\\" + ch;
  });
}

/** A paragraph line starting with `>` or `#` would become a quote or a heading in Markdown. */
export function escapeLineStart(line: string): string {
  return /^[>#]/.test(line) ? "\\" + line : line;
}

/** `inner` (padding included) between backtick fences longer than any backtick run inside. */
function fenced(inner: string): string {
  const fence = "`".repeat(longestRun(inner, "`") + 1);
  return fence + escapeCode(inner) + fence;
}

/**
 * Text of an inline code span. Markdown shows it verbatim, so escape only what TypeScript would
 * still read as a tag there (it ignores backticks for `@` after a space): the `\` will show.
 */
function escapeCode(text: string): string {
  return text.replace(/@/g, (ch, offset: number) => (offset > 0 && startsTag(text, offset) ? "\\@" : ch));
}

/** Lines of a fenced code block: verbatim for Markdown, but TypeScript still finds tags there. */
function escapeCodeBlock(text: string): string {
  return text.replace(/@/g, (ch, offset: number) => (startsTag(text, offset) ? "\\@" : ch));
}

/** `raw` as one Markdown code span; a fence longer than any backtick run inside keeps them literal. */
export function codeSpan(raw: string): string {
  const content = raw.replace(/\s+/g, " ").trim();
  if (content === "") return raw === "" ? "" : " ";
  const lead = /^\s/.test(raw) ? " " : "";
  const trail = /\s$/.test(raw) ? " " : "";
  // CommonMark drops one space just inside the fence, so a leading/trailing backtick is kept.
  const pad = content.startsWith("`") || content.endsWith("`") ? " " : "";
  return `${lead}${fenced(pad + content + pad)}${trail}`;
}

/**
 * A regex pattern as a code span, verbatim: spaces are kept (one pad space protects edge ones from
 * CommonMark's trimming) and line terminators become the regex escapes that match them.
 */
export function patternSpan(pattern: string): string {
  const content = pattern.replace(/[\n\r\t\u2028\u2029]/g, (ch) => REGEX_ESCAPES[ch] ?? ch);
  const pad = /^[`\s]|[`\s]$/.test(content) ? " " : "";
  return fenced(pad + content + pad);
}

const REGEX_ESCAPES: Record<string, string> = {
  "\n": "\\n",
  "\r": "\\r",
  "\t": "\\t",
  "\u2028": "\\u2028",
  "\u2029": "\\u2029",
};

/** A fenced code block; the fence is longer than any backtick run inside. */
export function codeBlock(raw: string): string {
  const lines = raw
    .replace(/\r\n?|[\u2028\u2029]/g, "\n")
    .split("\n")
    .map((line) => line.trimEnd());
  while (lines.length > 0 && lines[0] === "") lines.shift();
  while (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
  if (lines.length === 0) return "";
  const body = escapeCodeBlock(lines.join("\n"));
  const fence = "`".repeat(Math.max(3, longestRun(body, "`") + 1));
  return `${fence}\n${body}\n${fence}`;
}

/**
 * An absolute URL made safe for `{@link url}`: TypeScript ends the target at whitespace, `|` or
 * `}`, and `*` could pair with a following `/` to end the comment. Percent-encoding keeps it valid.
 */
export function linkTarget(href: string): string {
  return href.replace(/[\s{}|<>"`\\^*]/g, (ch) => "%" + ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0"));
}

/** Last pass over finished text: nothing may close the comment early. */
export function neutralizeCommentEnd(text: string): string {
  return text.replace(/\*\//g, "*\\/");
}

function startsTag(text: string, offset: number): boolean {
  if (offset === 0) return true;
  const before = text.charAt(offset - 1);
  return before === "{" || /\s/.test(before);
}

function isAsciiPunctuation(code: number): boolean {
  return (
    (code >= 0x21 && code <= 0x2f) ||
    (code >= 0x3a && code <= 0x40) ||
    (code >= 0x5b && code <= 0x60) ||
    (code >= 0x7b && code <= 0x7e)
  );
}

function longestRun(text: string, ch: string): number {
  let longest = 0;
  let run = 0;
  for (const c of text) {
    run = c === ch ? run + 1 : 0;
    if (run > longest) longest = run;
  }
  return longest;
}
