#!/usr/bin/env node
// Refreshes suites/ from ../shared: copies, unchanged, every file suites/manifest.json names, and
// removes copies whose original is gone. Run it when ../shared changes; test/suites.test.ts fails
// until the two agree.
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync } from "node:fs";
import { dirname, join, relative, sep } from "node:path";
import { SUITES_DIR, manifestFiles } from "./suites-manifest.mjs";

const shared = process.argv[2] ?? new URL("../../shared/", import.meta.url).pathname;
if (!existsSync(shared)) {
  console.error(`refresh-suites: ${shared} does not exist`);
  process.exit(2);
}
const wanted = manifestFiles(shared);
for (const path of wanted) {
  mkdirSync(dirname(join(SUITES_DIR, path)), { recursive: true });
  copyFileSync(join(shared, path), join(SUITES_DIR, path));
}
const keep = new Set([...wanted, "manifest.json", "README.md"]);
let removed = 0;
for (const entry of readdirSync(SUITES_DIR, { recursive: true, withFileTypes: true })) {
  if (!entry.isFile()) continue;
  const path = relative(SUITES_DIR, join(entry.parentPath, entry.name)).split(sep).join("/");
  if (!keep.has(path)) (rmSync(join(SUITES_DIR, path)), removed++);
}
console.log(`suites/: ${wanted.length} files copied from ${shared}${removed ? `, ${removed} removed` : ""}`);
