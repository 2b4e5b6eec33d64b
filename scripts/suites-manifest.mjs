// The files suites/manifest.json names, under a root laid out like ../shared. Shared by
// scripts/refresh-suites.mjs and test/suites.test.ts, so both read the manifest the same way.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";

export const SUITES_DIR = new URL("../suites/", import.meta.url).pathname;

function toRegExp(glob) {
  let re = "";
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === "*" && glob[i + 1] === "*") {
      re += ".*";
      i++;
    } else if (c === "*") re += "[^/]*";
    else re += c.replace(/[.+?^${}()|[\]\\]/g, "\\$&");
  }
  return new RegExp(`^${re}$`);
}

/** Paths ("/"-separated, relative to `root`) of the files under `root` that the manifest names, sorted. */
export function manifestFiles(root) {
  const { include } = JSON.parse(readFileSync(join(SUITES_DIR, "manifest.json"), "utf8"));
  const patterns = include.map(toRegExp);
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(root, join(e.parentPath, e.name)).split(sep).join("/"))
    .filter((path) => patterns.some((p) => p.test(path)))
    .sort();
}
