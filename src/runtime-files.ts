// The runtime files a generated package gets: the templates its own code reaches, no more
// (STYLE.md §10). Its runtime index is the template's, less the optional exports (those after the
// marker in templates/runtime/index.ts) that no generated module refers to; then every template
// that index and the Node entry import, directly or not, is copied as is, with the header.
//   an IVS Chat package: rt.restJson referenced → protocols/rest-json.ts and its imports; no
//   aws-json.ts, no cbor.ts, no gzip code (no operation compresses)

import { readFile, readdir } from "node:fs/promises";
import { dirname, join, normalize, relative, sep } from "node:path";
import { byCodeUnits } from "./code-units.js";
import { GENERATED_HEADER } from "./emit/print.js";

export interface RuntimeFile {
  path: string;
  contents: string;
}

const OPTIONAL_MARKER = "// ---- optional:";

/** `src/runtime/**` of a package whose generated modules (their printed text) are `modules`. */
export async function runtimeFilesFor(templatesDir: string, modules: readonly string[]): Promise<RuntimeFile[]> {
  const sources = await templateSources(templatesDir);
  const referenced = new Set<string>();
  for (const text of modules) for (const match of text.matchAll(/\brt\.([A-Za-z_$][\w$]*)/g)) referenced.add(match[1]!);
  const index = packageIndex(sources.get("index.ts")!, referenced);
  const wanted = importClosure(new Map([...sources, ["index.ts", index]]), ["index.ts", "node/index.ts"]);
  return [...wanted]
    .sort(byCodeUnits)
    .map((path) => ({ path: `src/runtime/${path}`, contents: GENERATED_HEADER + "\n" + (path === "index.ts" ? index : sources.get(path)!) }));
}

/** The template index with the optional exports nobody refers to left out. */
function packageIndex(template: string, referenced: ReadonlySet<string>): string {
  const at = template.indexOf(OPTIONAL_MARKER);
  if (at < 0) throw new Error("internal error: templates/runtime/index.ts has no optional-exports marker");
  const kept = template
    .slice(at)
    .split("\n")
    .filter((line) => {
      const names = /^export \{([^}]*)\} from /.exec(line)?.[1];
      if (names === undefined) return false; // the marker's comment lines stay in the template only
      return names.split(",").some((n) => referenced.has(n.trim().replace(/^type\s+/, "")));
    });
  return template.slice(0, at).trimEnd() + "\n" + (kept.length > 0 ? `\n${kept.join("\n")}\n` : "");
}

/** Every template `roots` import, themselves included, as paths relative to the templates. */
function importClosure(sources: ReadonlyMap<string, string>, roots: readonly string[]): Set<string> {
  const seen = new Set<string>();
  const stack = [...roots];
  while (stack.length > 0) {
    const path = stack.pop()!;
    if (seen.has(path)) continue;
    const text = sources.get(path);
    if (text === undefined) throw new Error(`internal error: the runtime imports ${path}, which templates/runtime does not have`);
    seen.add(path);
    for (const match of text.matchAll(/(?:from\s+|import\(\s*)"(\.{1,2}\/[^"]+)\.js"/g)) {
      const target = normalize(join(dirname(path), `${match[1]}.ts`)).split(sep).join("/");
      stack.push(target);
    }
  }
  return seen;
}

const cache = new Map<string, Promise<Map<string, string>>>();

/** Every .ts file of the templates, by path relative to them ("protocols/rest-json.ts"). */
function templateSources(dir: string): Promise<Map<string, string>> {
  let sources = cache.get(dir);
  if (!sources) {
    sources = (async () => {
      const entries = await readdir(dir, { recursive: true, withFileTypes: true });
      const out = new Map<string, string>();
      for (const entry of entries) {
        if (!entry.isFile() || !entry.name.endsWith(".ts")) continue;
        const full = join(entry.parentPath, entry.name);
        out.set(relative(dir, full).split(sep).join("/"), await readFile(full, "utf8"));
      }
      return out;
    })();
    cache.set(dir, sources);
  }
  return sources;
}
