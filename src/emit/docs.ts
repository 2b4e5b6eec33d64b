// Doc comments for generated declarations.
//   { documentation: "<p>Identifier of the room.</p>", constraints: { kind: "length", min: 1, max: 128 },
//     sensitive: true }
//   → /**
//      * Identifier of the room.
//      *
//      * Length: 1–128.
//      *
//      * @sensitive This value is redacted from logs and error messages.
//      */
// Everything goes into the JSDoc `description`: ts-morph adds the ` * ` margins but prints its own
// `tags` with no blank line before them, and it escapes nothing, so this module owns all escaping.
import type { JSDocStructure, OptionalKind } from "ts-morph";
import { codeBlock, escapeText, linkTarget, neutralizeCommentEnd, patternSpan } from "./docs-escape.js";
import { htmlToMarkdownText } from "./docs-html.js";

export { htmlToMarkdownText } from "./docs-html.js";

export interface DocInput {
  /** Model HTML. */
  documentation?: string;
  deprecated?: { message?: string; since?: string };
  sensitive?: boolean;
  /** min/max of strings and blobs (`length`), numbers (`value`), lists (`items`), maps (`entries`). */
  constraints?: Constraints;
  /** Plain text (backticks make code), e.g. "Defaults to `60` minutes." */
  defaultNote?: string;
  /** `@throws` tags: each an error class name and plain text about when. */
  throws?: { name: string; when: string }[];
  /** `@example` blocks: a title (plain text) and TypeScript code. */
  examples?: { title: string; code: string }[];
  /** `@see` the API reference at this URL (the model's documentationUrl). */
  see?: string;
}

export interface Constraints {
  min?: number;
  max?: number;
  pattern?: string;
  kind: "length" | "value" | "items" | "entries";
}

const CONSTRAINT_LABEL: Record<Constraints["kind"], string> = {
  length: "Length",
  value: "Value",
  items: "Items",
  entries: "Entries",
};

/** The whole comment text (no `/**` or margins); undefined when there is nothing to say. */
export function docComment(input: DocInput): string | undefined {
  const sections: string[] = [];
  const description = input.documentation === undefined ? "" : htmlToMarkdownText(input.documentation);
  if (description !== "") sections.push(description);

  const facts = [...constraintLines(input.constraints)];
  const note = plainText(input.defaultNote);
  if (note !== "") facts.push(note);
  if (facts.length > 0) sections.push(facts.join("\n"));

  const tags: string[] = [];
  for (const t of input.throws ?? []) tags.push(`@throws {@link ${t.name}} ${plainText(t.when)}`);
  if (input.see !== undefined && /^https?:\/\//.test(input.see)) tags.push(`@see {@link ${linkTarget(input.see)} | API reference}`);
  for (const e of input.examples ?? []) tags.push(`@example ${plainText(e.title)}\n${codeBlock(e.code).replace(/^```/, "```ts")}`);
  if (input.sensitive) tags.push("@sensitive This value is redacted from logs and error messages.");
  if (input.deprecated) tags.push(deprecatedTag(input.deprecated));
  if (tags.length > 0) sections.push(tags.join("\n"));

  return sections.length === 0 ? undefined : neutralizeCommentEnd(sections.join("\n\n"));
}

/** `docComment` wrapped for ts-morph: `docs: [jsDoc(…)]` (drop it from the array when undefined). */
export function jsDoc(input: DocInput): OptionalKind<JSDocStructure> | undefined {
  const description = docComment(input);
  return description === undefined ? undefined : { description };
}

/** "Length: 1–128." / "Value: at least 0." / "Items: at most 50." / "Pattern: `^[a-z]+$`." */
function constraintLines(constraints: Constraints | undefined): string[] {
  if (constraints === undefined) return [];
  const lines: string[] = [];
  const range = rangeText(constraints);
  if (range !== undefined) lines.push(`${CONSTRAINT_LABEL[constraints.kind]}: ${range}.`);
  // `*/` inside the pattern becomes `*\/` later, which matches the same text as a regex.
  if (constraints.pattern !== undefined && constraints.pattern !== "")
    lines.push(`Pattern: ${patternSpan(constraints.pattern)}.`);
  return lines;
}

function rangeText({ min, max, kind }: Constraints): string | undefined {
  // A count or length of at least 0 says nothing.
  const lower = min === undefined || (min <= 0 && kind !== "value") ? undefined : min;
  if (lower !== undefined && max !== undefined) return lower === max ? `exactly ${max}` : `${lower}–${max}`;
  if (lower !== undefined) return `at least ${lower}`;
  if (max !== undefined) return `at most ${max}`;
  return undefined;
}

function deprecatedTag({ message, since }: { message?: string; since?: string }): string {
  const parts = [plainText(message), since ? `Deprecated since ${escapeText(since.trim())}.` : ""];
  return ["@deprecated", ...parts.filter((part) => part !== "")].join(" ");
}

/** One line of plain text (not HTML): collapsed and escaped; backticks keep meaning code. */
function plainText(text: string | undefined): string {
  return text === undefined ? "" : escapeText(text.replace(/\s+/g, " ").trim());
}
