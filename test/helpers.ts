import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { writeGenerated, type GenerateResult } from "../src/generate.js";

export const REPO_ROOT = resolve(import.meta.dirname, "..");
/** ../shared beside the project: read in place, never copied or edited. */
export const SHARED = resolve(REPO_ROOT, "../shared");
export const BOTOCORE_MODELS = join(SHARED, "botocore-models");

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
