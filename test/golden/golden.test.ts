import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { generate, type GenerateOptions, type GenerateResult } from "../../src/generate.js";
import { typecheckMany } from "../helpers.js";

// One small model per feature; every generated file but the runtime copy is compared byte for byte
// with expected/ (accept changes with `vitest -u`, then read the diff), and the package type-checks
// (all goldens in one tsc program).
const GOLDEN = import.meta.dirname;
const cases = readdirSync(GOLDEN, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name)
  .sort();

const generated = new Map<string, Promise<GenerateResult>>(
  cases.map((name) => {
    const dir = join(GOLDEN, name);
    const optionsFile = join(dir, "options.json");
    const options: Omit<GenerateOptions, "model"> = existsSync(optionsFile) ? JSON.parse(readFileSync(optionsFile, "utf8")) : {};
    return [name, generate({ ...options, model: join(dir, "model.json") })];
  }),
);
let typeErrors = new Map<string, string>();
beforeAll(async () => {
  const results = new Map<string, GenerateResult>();
  for (const [name, result] of generated) results.set(name, await result);
  typeErrors = await typecheckMany(results, "golden");
}, 300_000);

describe.each(cases)("golden %s", (name) => {
  const dir = join(GOLDEN, name);

  // A feature's golden pins the files that feature decides (golden.json); one case (without
  // golden.json) pins the whole package, every file but the runtime copy.
  const goldenFile = join(dir, "golden.json");
  const pinned: string[] | undefined = existsSync(goldenFile) ? JSON.parse(readFileSync(goldenFile, "utf8")).files : undefined;

  it("matches expected/ file for file", async () => {
    const result = await generated.get(name)!;
    const all = result.files.filter((f) => !f.path.startsWith("src/runtime/"));
    const files = pinned ? all.filter((f) => pinned.includes(f.path)) : all;
    if (pinned) expect(files.map((f) => f.path)).toEqual([...pinned].sort());
    for (const file of files) await expect(file.contents).toMatchFileSnapshot(join(dir, "expected", file.path));
    expect(listFiles(join(dir, "expected"))).toEqual(files.map((f) => f.path));
  });

  it("type-checks under the generated tsconfig (strict)", () => {
    expect(typeErrors.get(name)).toBe("");
  });
});

function listFiles(root: string, prefix = ""): string[] {
  if (!existsSync(root)) return [];
  return readdirSync(join(root, prefix), { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? listFiles(root, `${prefix}${e.name}/`) : [`${prefix}${e.name}`]))
    .sort();
}
