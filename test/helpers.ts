import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { packageTsconfig } from "../src/emit/package.js";
import { writeGenerated, type GenerateResult } from "../src/generate.js";

export const REPO_ROOT = resolve(import.meta.dirname, "..");
/** ../shared beside the project: read in place, never edited. Only the corpus tests need it. */
export const SHARED = resolve(REPO_ROOT, "../shared");
export const BOTOCORE_MODELS = join(SHARED, "botocore-models");
/** The project's unchanged copy of the suites and models its tests rest on (suites/README.md). */
export const SUITES = join(REPO_ROOT, "suites");
/** A model folder of the copy: suites/botocore-models/<service>/<version>. */
export function suiteModelDir(service: string): string {
  const dir = join(SUITES, "botocore-models", service);
  const versions = readdirSync(dir).sort();
  return join(dir, versions[versions.length - 1]!);
}

export const tempDir = (prefix: string): string => mkdtempSync(join(tmpdir(), `ivschat-codegen-${prefix}-`));

/** Writes a generated package into a fresh temporary folder and returns that folder. */
export async function writeToTemp(result: GenerateResult, prefix = "pkg"): Promise<string> {
  const outDir = tempDir(prefix);
  await writeGenerated({ ...result, outDir });
  return outDir;
}

/** Runs the project's pinned tsc on a generated package's tsconfig; returns its output ("" when clean). */
export function typecheck(packageDir: string, extraArgs: string[] = []): string {
  const tsc = join(REPO_ROOT, "node_modules/typescript/bin/tsc");
  // A temporary package has no node_modules: Node types (for the Node-only entry) come from ours.
  const typeRoots = ["--typeRoots", join(REPO_ROOT, "node_modules/@types")];
  const run = spawnSync(process.execPath, [tsc, "--noEmit", "-p", join(packageDir, "tsconfig.json"), ...typeRoots, ...extraArgs], {
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  return (run.stdout + run.stderr).trim();
}

/** Runs the CLI as users do: node bin/ivschat-codegen.js ... in `cwd`. */
export function runCli(args: string[], cwd = REPO_ROOT): { code: number; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [join(REPO_ROOT, "bin/ivschat-codegen.js"), ...args], { cwd, encoding: "utf8" });
  return { code: run.status ?? -1, stdout: run.stdout, stderr: run.stderr };
}

/**
 * Type-checks many generated packages in one tsc program (a tsc per package costs ~10 s; one
 * program costs well under a second per package). Each package is written without its runtime
 * copy: packages whose runtime files are the same (the same protocol, the same optional parts)
 * share one written copy through a symbolic link, so the program checks each distinct runtime
 * once. Returns tsc's output per package ("" when clean), keyed like `packages`.
 */
export async function typecheckMany(packages: ReadonlyMap<string, GenerateResult>, prefix = "many"): Promise<Map<string, string>> {
  const root = tempDir(prefix);
  const runtimeDirs = new Map<string, string>();
  const runtimeUsers = new Map<string, string[]>(); // runtime folder → keys of the packages that link it
  for (const [key, result] of packages) {
    const runtime = result.files.filter((f) => f.path.startsWith("src/runtime/"));
    const identity = createHash("sha256");
    for (const f of runtime) identity.update(f.path).update("\0").update(f.contents).update("\0");
    const digest = identity.digest("hex");
    let runtimeDir = runtimeDirs.get(digest);
    if (runtimeDir === undefined) {
      runtimeDir = join(root, `_runtime${runtimeDirs.size}`);
      runtimeDirs.set(digest, runtimeDir);
      await writeGenerated({ ...result, files: runtime, outDir: runtimeDir });
    }
    const users = runtimeUsers.get(runtimeDir) ?? [];
    runtimeUsers.set(runtimeDir, [...users, key]);
    const dir = join(root, packageFolder(key));
    await writeGenerated({ ...result, files: result.files.filter((f) => !f.path.startsWith("src/runtime/")), outDir: dir });
    symlinkSync(join(runtimeDir, "src/runtime"), join(dir, "src/runtime"), "dir");
  }
  const { compilerOptions } = packageTsconfig() as { compilerOptions: Record<string, unknown> };
  const { rootDir: _rootDir, outDir: _outDir, declaration: _d, declarationMap: _dm, sourceMap: _sm, ...options } = compilerOptions;
  const config = { compilerOptions: { ...options, noEmit: true, typeRoots: [join(REPO_ROOT, "node_modules/@types")] }, include: ["*/src/**/*.ts"] };
  writeFileSync(join(root, "tsconfig.json"), JSON.stringify(config, null, 2));
  const tsc = join(REPO_ROOT, "node_modules/typescript/bin/tsc");
  const run = spawnSync(process.execPath, ["--max-old-space-size=6144", tsc, "-p", "tsconfig.json", "--pretty", "false"], {
    cwd: root, // tsc names files relative to it: "<package folder>/src/types.ts(3,5): error ..."
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
  });
  const byPackage = new Map<string, string[]>([...packages.keys()].map((k) => [k, []]));
  const folderToKeys = new Map([...packages.keys()].map((k) => [packageFolder(k), [k]]));
  for (const [dir, keys] of runtimeUsers) folderToKeys.set(dir.slice(root.length + 1), keys); // a runtime error is each user's
  const unplaced: string[] = [];
  let current: string[][] = [unplaced];
  for (const line of (run.stdout + run.stderr).split("\n")) {
    if (line.trim() === "") continue;
    if (!/^\s/.test(line)) {
      // A new message; indented lines that follow elaborate on it.
      const keys = folderToKeys.get(line.split(/[\\/]/)[0]!);
      current = keys !== undefined ? keys.map((k) => byPackage.get(k)!) : [unplaced];
    }
    for (const lines of current) lines.push(line);
  }
  // tsc's own errors, or tsc failing outright, belong to every package.
  if (unplaced.length > 0 || (run.status !== 0 && [...byPackage.values()].every((l) => l.length === 0))) {
    const text = unplaced.length > 0 ? unplaced : [`tsc exited ${run.status}`];
    for (const lines of byPackage.values()) lines.push(...text);
  }
  rmSync(root, { recursive: true, force: true });
  return new Map([...byPackage].map(([k, lines]) => [k, lines.join("\n")]));
}

/** A folder name for a package key ("golden/enum" → "golden_enum"). */
const packageFolder = (key: string): string => key.replace(/[^A-Za-z0-9_.-]/g, "_");

/**
 * The models of ../shared/botocore-models (`<service>/<version>/service-2.json`, newest version),
 * sorted by service. vitest.config.ts leaves the corpus tests out when the folder is not there.
 */
export function corpusModels(): { service: string; path: string }[] {
  if (!existsSync(BOTOCORE_MODELS)) return [];
  return readdirSync(BOTOCORE_MODELS, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((service) => {
      const versions = readdirSync(join(BOTOCORE_MODELS, service.name)).sort();
      return { service: service.name, path: join(BOTOCORE_MODELS, service.name, versions[versions.length - 1]!, "service-2.json") };
    })
    .sort((a, b) => (a.service < b.service ? -1 : a.service > b.service ? 1 : 0));
}

/**
 * The code of every `@example` block in a generated module's doc comments, as TypeScript:
 * the comment margins taken off and the two escapes docs-escape.ts puts into code undone.
 */
export function exampleBlocksOf(source: string): string[] {
  const blocks: string[] = [];
  const lines = source.split("\n");
  for (let i = 0; i < lines.length; i++) {
    if (!/^\s*\* @example\b/.test(lines[i]!)) continue;
    const open = /^\s*\* (`{3,})ts$/.exec(lines[i + 1] ?? "");
    if (!open) continue;
    const code: string[] = [];
    for (i += 2; i < lines.length && !new RegExp(`^\\s*\\* ${open[1]}$`).test(lines[i]!); i++) {
      code.push(lines[i]!.replace(/^\s*\* ?/, "").replace(/\\@/g, "@").replace(/\*\\\//g, "*/"));
    }
    blocks.push(code.join("\n"));
  }
  return blocks;
}
