import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { generate, type GenerateOptions } from "../../src/generate.js";
import { typecheck, writeToTemp } from "../helpers.js";

// One small model per feature; every generated file but the runtime copy is compared byte for byte
// with expected/ (accept changes with `vitest -u`, then read the diff), and the package type-checks.
const GOLDEN = import.meta.dirname;
const cases = readdirSync(GOLDEN, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name)
  .sort();

describe.each(cases)("golden %s", (name) => {
  const dir = join(GOLDEN, name);
  const optionsFile = join(dir, "options.json");
  const options: Omit<GenerateOptions, "model"> = existsSync(optionsFile) ? JSON.parse(readFileSync(optionsFile, "utf8")) : {};
  const generated = generate({ ...options, model: join(dir, "model.json") });

  it("matches expected/ file for file", async () => {
    const result = await generated;
    const files = result.files.filter((f) => !f.path.startsWith("src/runtime/"));
    for (const file of files) await expect(file.contents).toMatchFileSnapshot(join(dir, "expected", file.path));
    const expectedFiles = listFiles(join(dir, "expected")).filter((p) => !p.startsWith("src/runtime/"));
    expect(expectedFiles).toEqual(files.map((f) => f.path));
  });

  it("type-checks under tsc --strict", async () => {
    const out = await writeToTemp(await generated, `golden-${name}`);
    expect(typecheck(out)).toBe("");
  });
});

function listFiles(root: string, prefix = ""): string[] {
  if (!existsSync(root)) return [];
  return readdirSync(join(root, prefix), { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? listFiles(root, `${prefix}${e.name}/`) : [`${prefix}${e.name}`]))
    .sort();
}
