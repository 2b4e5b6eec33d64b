// suites/ is an unchanged copy of what suites/manifest.json names in ../shared. Runs only where
// ../shared is beside the project (vitest.config.ts); a clone alone has just the copy.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { SUITES_DIR, manifestFiles } from "../scripts/suites-manifest.mjs";
import { SHARED } from "./helpers.js";

describe("suites/", () => {
  const inShared: string[] = manifestFiles(SHARED);
  const inCopy: string[] = manifestFiles(SUITES_DIR);

  it("holds every file the manifest names in ../shared, and no other (run scripts/refresh-suites.mjs)", () => {
    expect(inShared.length).toBeGreaterThan(400);
    expect(inCopy).toEqual(inShared);
  });

  it("holds them byte for byte", () => {
    const differ = inShared.filter((path) => {
      const copy = readFileSync(join(SUITES_DIR, path));
      return !copy.equals(readFileSync(join(SHARED, path)));
    });
    expect(differ).toEqual([]);
  });
});
