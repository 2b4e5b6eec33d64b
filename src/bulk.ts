import { readdir, stat } from "node:fs/promises";
import { basename, dirname, join, relative, resolve, sep } from "node:path";

/** True when the CLI argument names many models: a folder, or a pattern with `*`, `?` or `[`. */
export async function isBulkArgument(arg: string): Promise<boolean> {
  if (/[*?[]/.test(arg)) return true;
  return (await stat(arg).catch(() => undefined))?.isDirectory() === true;
}

/**
 * Model files a bulk argument names, sorted: every `service-2.json` under a folder (botocore's
 * `<service>/<version>/service-2.json` tree), or every file matching a glob (`*` within a path
 * segment, `**` across segments, `?` one character).
 */
export async function findModels(arg: string): Promise<string[]> {
  if (!/[*?[]/.test(arg)) {
    return (await walk(resolve(arg))).filter((f) => f.endsWith(`${sep}service-2.json`)).sort();
  }
  const root = resolve(staticPrefix(arg));
  const pattern = globToRegExp(resolve(arg).split(sep).join("/"));
  return (await walk(root)).filter((f) => pattern.test(f.split(sep).join("/"))).sort();
}

/** The folder part of a glob before its first wildcard segment. */
function staticPrefix(glob: string): string {
  const segments = glob.split(/[\\/]/);
  const firstWild = segments.findIndex((s) => /[*?[]/.test(s));
  return segments.slice(0, firstWild).join("/") || ".";
}

function globToRegExp(glob: string): RegExp {
  let re = "";
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === "*" && glob[i + 1] === "*") {
      re += glob[i + 2] === "/" ? "(?:.*/)?" : ".*";
      i += glob[i + 2] === "/" ? 2 : 1;
    } else if (c === "*") re += "[^/]*";
    else if (c === "?") re += "[^/]";
    else if (c === "[") {
      const end = glob.indexOf("]", i);
      re += end > i ? glob.slice(i, end + 1) : "\\[";
      i = end > i ? end : i;
    } else re += c.replace(/[.+^${}()|\\]/g, "\\$&");
  }
  return new RegExp(`^${re}$`);
}

async function walk(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

/** Short name of a model for progress lines: its path relative to the working directory. */
export const modelLabel = (path: string): string => relative(process.cwd(), path) || path;

/**
 * The output folder (and package name stem) of each model in a bulk run, unique across the run:
 * the botocore service folder for `<service>/<version>/service-2.json` (`<service>-<version>` for
 * all but the newest version of a service), else the file name without `.json`. Models that
 * would still share a folder are returned as `clashes`, so nothing is written over another.
 */
export function packageFolders(models: readonly string[]): { folders: Map<string, string>; clashes: string[][] } {
  const stems = new Map<string, string>();
  const versionsOf = new Map<string, string[]>();
  for (const model of models) {
    if (basename(model) === "service-2.json") {
      const version = basename(dirname(model));
      const service = basename(dirname(dirname(model)));
      const key = dirname(dirname(model));
      versionsOf.set(key, [...(versionsOf.get(key) ?? []), version]);
      stems.set(model, service);
    } else {
      stems.set(model, basename(model).replace(/\.json$/, ""));
    }
  }
  const folders = new Map<string, string>();
  for (const model of models) {
    let folder = stems.get(model)!;
    if (basename(model) === "service-2.json") {
      const versions = [...versionsOf.get(dirname(dirname(model)))!].sort();
      const version = basename(dirname(model));
      if (version !== versions[versions.length - 1]) folder = `${folder}-${version}`;
    }
    folders.set(model, folder.toLowerCase());
  }
  const byFolder = new Map<string, string[]>();
  for (const [model, folder] of folders) byFolder.set(folder, [...(byFolder.get(folder) ?? []), model]);
  const clashes = [...byFolder.values()].filter((list) => list.length > 1);
  return { folders, clashes };
}
