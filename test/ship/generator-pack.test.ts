// The generator as a build step in another repo: `npm pack` of ivschat-codegen (its `prepare`
// script builds dist/ first), the tarball installed into a fresh project without the network (its
// dependencies come from npm's cache, filled by `npm ci` of this repo), then `npx ivschat-codegen`
// and `import { generate } from "ivschat-codegen"` there; what they write compiles.
//
// The pack runs on a copy of this repo's sources with no dist/ at all: that proves `prepare` builds
// it, and leaves this repo's dist/ alone while other test files run the CLI from it.

import { cpSync, existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generate } from "../../src/generate.js";
import { typecheck } from "../helpers.js";
import {
  MODEL,
  NODE_TYPE_ROOTS,
  REPO_ROOT,
  cleanEnv,
  freshProject,
  listTree,
  npmCiFromRepoLock,
  tarballLockEntry,
  npmPack,
  removeTempDirs,
  run,
  runOk,
  tempDir,
  treeSize,
  tsc,
} from "./ship-helpers.js";

const BIN = join(REPO_ROOT, "node_modules/.bin");
/** npm and tsc runs: minutes when two test files share two busy cores. */
const HEAVY = 300_000;
/** What a clone has that the pack and its `prepare` build read. */
const SOURCES = ["package.json", "README.md", "bin", "src", "templates", "suites", "tsconfig.json", "tsconfig.build.json"];

let checkout: string;
let tarball: string;
let project: string;

beforeAll(() => {
  checkout = tempDir("ship-generator");
  for (const entry of SOURCES) cpSync(join(REPO_ROOT, entry), join(checkout, entry), { recursive: true });
  // The devDependencies a clone gets from `npm ci` (typescript, @types/node for the build).
  symlinkSync(join(REPO_ROOT, "node_modules"), join(checkout, "node_modules"), "dir");
  tarball = npmPack(checkout); // runs `prepare` → `npm run build` → dist/
  project = freshProject("ship-generator");
  // What `npm install --save-dev <tarball>` writes; installed from this repo's lock (offline).
  const manifest = JSON.parse(readFileSync(join(checkout, "package.json"), "utf8"));
  const pkgPath = join(project, "package.json");
  writeFileSync(pkgPath, JSON.stringify({ ...JSON.parse(readFileSync(pkgPath, "utf8")), devDependencies: { [manifest.name]: `file:${relative(project, tarball)}` } }, null, 2));
  npmCiFromRepoLock(project, { [`node_modules/${manifest.name}`]: tarballLockEntry(tarball, project, manifest) });
  cpSync(MODEL, join(project, "ivschat.json"));
}, HEAVY);

afterAll(removeTempDirs);

describe("npm pack of the generator", () => {
  it("builds dist/ before packing (prepare) and packs bin, dist, templates, the protocol suites, README.md, package.json only", () => {
    expect(existsSync(join(checkout, "dist/cli.js"))).toBe(true);
    const files = runOk("tar", ["-tzf", tarball]).stdout.trim().split("\n").sort();
    const tops = [...new Set(files.map((f) => f.split("/")[1]!))].sort();
    expect(tops).toEqual(["README.md", "bin", "dist", "package.json", "suites", "templates"]);
    // The protocol suites `ivschat-codegen conformance` runs, with their license; not the models.
    expect(files).toContain("package/suites/protocol-tests/LICENSE.txt");
    expect(files).toContain("package/suites/protocol-tests/input/rest-json.json");
    expect(files.some((f) => f.startsWith("package/suites/botocore-models/"))).toBe(false);
    for (const f of ["bin/ivschat-codegen.js", "dist/cli.js", "dist/index.js", "dist/index.d.ts", "dist/generate.d.ts", "templates/runtime/index.ts"]) {
      expect(files).toContain(`package/${f}`);
    }
    // Every runtime template ships: the generator copies them into each package it writes.
    const templates = listTree(join(REPO_ROOT, "templates")).map((f) => `package/templates/${f}`);
    expect(files.filter((f) => f.startsWith("package/templates/"))).toEqual(templates.sort());
  });

  it("installs offline into a fresh project, with only its declared dependencies", () => {
    const installed = join(project, "node_modules/ivschat-codegen");
    const manifest = JSON.parse(readFileSync(join(installed, "package.json"), "utf8"));
    const lock = JSON.parse(readFileSync(join(project, "package-lock.json"), "utf8"));
    for (const dep of Object.keys(manifest.dependencies)) {
      expect(lock.packages[`node_modules/${dep}`]?.version, dep).toBe(manifest.dependencies[dep]);
    }
    expect(Object.keys(lock.packages)).not.toContain("node_modules/vitest");
    // 320,760 B when last measured (most of it the protocol suites it ships; the JSON and CBOR
    // runtimes added ~20 kB): a regression shows.
    expect(readFileSync(tarball).length).toBeLessThan(340_000);
    console.log(
      `[sizes] ivschat-codegen: tarball ${readFileSync(tarball).length} B, installed ${treeSize(installed)} B ` +
        `(${Object.keys(lock.packages).length - 1} packages in node_modules, ${treeSize(join(project, "node_modules"))} B)`,
    );
  });

  it("passes publint", () => {
    const result = run(join(BIN, "publint"), ["run", tarball], { cwd: project });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toContain("All good!");
  });
});

describe("the installed generator", () => {
  it("npx ivschat-codegen conformance runs the suites it ships", () => {
    const suite = join(project, "node_modules/ivschat-codegen/suites/protocol-tests/input/rest-json.json");
    const run1 = run("npx", ["--no", "ivschat-codegen", "conformance", suite], { cwd: project, env: cleanEnv({ npm_config_offline: "true" }) });
    expect(run1.stdout).toMatch(/input\/rest-json\.json: 113 passed, 0 failed\n$/);
    expect(run1.code, run1.stderr).toBe(0);
  });

  it("npx ivschat-codegen <model> --out out writes a package that compiles, as the repo's generator does", async () => {
    const cli = run("npx", ["--no", "ivschat-codegen", "ivschat.json", "--out", "out"], { cwd: project, env: cleanEnv({ npm_config_offline: "true" }) });
    expect(cli.code, cli.stdout + cli.stderr).toBe(0);
    expect(cli.stdout).toContain("wrote");
    const out = join(project, "out");
    // Byte for byte what this checkout's generator makes: the templates were found inside the install.
    const expected = await generate({ model: MODEL });
    expect(listTree(out)).toEqual(expected.files.map((f) => f.path));
    for (const file of expected.files) expect(readFileSync(join(out, file.path), "utf8"), file.path).toBe(file.contents);
    expect(typecheck(out)).toBe("");
    // --check is the CI guard for committed output: clean now, stale after an edit.
    const check = run("npx", ["--no", "ivschat-codegen", "ivschat.json", "--out", "out", "--check"], { cwd: project });
    expect(check.code, check.stdout + check.stderr).toBe(0);
    writeFileSync(join(out, "src/index.ts"), "// edited\n", { flag: "a" });
    const stale = run("npx", ["--no", "ivschat-codegen", "ivschat.json", "--out", "out", "--check"], { cwd: project });
    expect(stale.code).toBe(1);
    expect(stale.stdout + stale.stderr).toContain("src/index.ts");
  }, HEAVY);

  it('import { generate } from "ivschat-codegen" works from an .mjs file', () => {
    writeFileSync(join(project, "bad.json"), JSON.stringify({ version: "2.0", metadata: {}, operations: {}, shapes: {} }));
    writeFileSync(
      join(project, "build-client.mjs"),
      `import { generate, writeGenerated, checkGenerated, ModelError } from "ivschat-codegen";
const result = await generate({ model: "ivschat.json", out: "clients/ivschat", packageName: "@acme/ivschat" });
const before = await checkGenerated(result);
await writeGenerated(result);
const after = await checkGenerated(result);
let invalid;
try { await generate({ model: "bad.json" }); } catch (e) { invalid = e instanceof ModelError ? e.diagnostics.length : String(e); }
console.log(JSON.stringify({
  outDir: result.outDir,
  name: JSON.parse(result.files.find((f) => f.path === "package.json").contents).name,
  files: result.files.length,
  missingBefore: before.filter((p) => p.problem === "missing").length,
  after: after.length,
  invalid,
}));
`,
    );
    const { stdout } = runOk(process.execPath, ["build-client.mjs"], { cwd: project });
    const out = JSON.parse(stdout.trim());
    expect(out).toMatchObject({ outDir: join(project, "clients/ivschat"), name: "@acme/ivschat", after: 0 });
    expect(out.missingBefore).toBe(out.files);
    expect(out.invalid).toBeGreaterThan(0);
    expect(typecheck(join(project, "clients/ivschat"))).toBe("");
  }, HEAVY);

  it("its programmatic API is typed for TypeScript build scripts (NodeNext, strict)", () => {
    const dir = join(project, "scripts");
    mkdirSync(dir);
    writeFileSync(
      join(dir, "gen.ts"),
      `import { generate, writeGenerated, checkGenerated, ModelError, type GenerateOptions, type GenerateResult, type Diagnostic } from "ivschat-codegen";

const options: GenerateOptions = { model: "ivschat.json", out: "clients/ivschat", packageName: "@acme/ivschat" };
export async function build(): Promise<number> {
  try {
    const result: GenerateResult = await generate(options);
    const problems: { path: string; problem: "stale" | "missing" | "extra" }[] = await checkGenerated(result);
    if (problems.length > 0) await writeGenerated(result);
    return result.files.filter((f) => f.path.endsWith(".ts")).length;
  } catch (e) {
    if (e instanceof ModelError) {
      const first: Diagnostic | undefined = e.diagnostics[0];
      return first?.pointer.length ?? -1;
    }
    throw e;
  }
}
// @ts-expect-error model is required
export const noModel: GenerateOptions = { out: "x" };
`,
    );
    writeFileSync(
      join(dir, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          target: "ES2022",
          module: "NodeNext",
          moduleResolution: "NodeNext",
          strict: true,
          exactOptionalPropertyTypes: true,
          noEmit: true,
          skipLibCheck: true,
          types: ["node"],
          typeRoots: [NODE_TYPE_ROOTS],
        },
        include: ["gen.ts"],
      }),
    );
    expect(tsc(["-p", "tsconfig.json"], dir)).toBe("");
  });
});
