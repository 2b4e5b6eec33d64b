// The INI dialect of the AWS shared config and credentials files, as the AWS CLI and SDKs read it:
// https://docs.aws.amazon.com/sdkref/latest/guide/file-format.html

/** Properties of one section, keys exactly as written. Has no prototype: any key is safe. */
export type IniSection = Record<string, string>;

/** Sections by their name as written between the brackets (trimmed), e.g. "profile dev". */
export type IniSections = Map<string, IniSection>;

/** The property a following, more indented line belongs to. */
interface OpenProperty {
  section: IniSection;
  key: string;
  indent: number;
  /** `key =` with nothing after it: the indented lines below are its sub-properties. */
  parent: boolean;
}

/**
 * Parses the text of a shared config or credentials file.
 *
 * - `#` and `;` start a comment at the start of a line, and after whitespace within a property
 *   line (`region = us-west-2 # Oregon`); `key=a#b` keeps `a#b`.
 * - A line more indented than the property above it continues that property's value (joined
 *   with "\n"), or, when that property has no value (`s3 =`), is one of its sub-properties.
 *   Sub-properties are skipped; the parent key is not recorded.
 * - A section seen twice is merged; a key seen twice keeps the last value.
 * - Lines before the first section, lines without `=` and properties under a malformed section
 *   header are ignored rather than attributed to the section above.
 */
export function parseIni(text: string): IniSections {
  const sections: IniSections = new Map();
  let section: IniSection | undefined;
  let open: OpenProperty | undefined;

  for (const line of text.replace(/^\uFEFF/, "").split(/\r\n|\r|\n/)) {
    const content = line.trimStart();
    if (content === "" || content[0] === "#" || content[0] === ";") continue;
    const indent = line.length - content.length;

    if (open && indent > open.indent) {
      if (!open.parent) open.section[open.key] += `\n${content.trimEnd()}`;
      continue;
    }
    open = undefined;

    if (content[0] === "[") {
      const name = sectionName(content);
      section = undefined;
      if (name === undefined) continue;
      section = sections.get(name);
      if (!section) {
        section = Object.create(null) as IniSection;
        sections.set(name, section);
      }
      continue;
    }

    if (!section) continue;
    const property = stripInlineComment(content);
    const equals = property.indexOf("=");
    if (equals <= 0) continue;
    const key = property.slice(0, equals).trim();
    const value = property.slice(equals + 1).trim();
    if (key === "") continue;
    open = { section, key, indent, parent: value === "" };
    if (value !== "") section[key] = value;
  }
  return sections;
}

/** `[ profile dev ]  ; comment` → "profile dev"; undefined when the line is not a header. */
function sectionName(content: string): string | undefined {
  const match = /^\[([^\]]*)\]\s*(?:[#;].*)?$/.exec(content.trimEnd());
  const name = match?.[1]?.trim();
  return name ? name : undefined;
}

// Shared files spec: a comment inside a property line must follow whitespace.
function stripInlineComment(content: string): string {
  const match = /\s[#;]/.exec(content);
  return match ? content.slice(0, match.index) : content;
}
