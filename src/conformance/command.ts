// `ivschat-codegen conformance [file-or-folder ...]`: runs botocore-format protocol test files
// against clients generated on the spot, from the suites bundled with the generator (suites/) by
// default. Prints one line per failing case and a count per file; the exit code says whether every
// case passed.

import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { ConformanceRunner } from "./protocol-runner.js";
import { transpilingToolchain } from "./toolchain.js";

/** The protocol suites shipped with the generator. */
export const BUNDLED_PROTOCOL_TESTS = fileURLToPath(new URL("../../suites/protocol-tests/", import.meta.url));

/** A path the user named that is not there. */
export class NoSuchPathError extends Error {
  override name = "NoSuchPathError";
}

/**
 * The suite files a list of files and folders names: a file as given; in a folder (searched
 * recursively) the .json files that hold an array of suites (botocore-skips.json and other files
 * beside the suites are not suites). Relative paths are read from where the user started npm.
 */
export function protocolTestFiles(paths: readonly string[]): string[] {
  const files: string[] = [];
  const base = process.env["INIT_CWD"] ?? process.cwd();
  for (const path of paths) {
    const full = resolve(base, path);
    if (!existsSync(full)) throw new NoSuchPathError(`${path}: no such file or folder`);
    if (!statSync(full).isDirectory()) {
      files.push(full);
      continue;
    }
    for (const entry of readdirSync(full, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile() || !entry.name.endsWith(".json")) continue;
      const file = join(entry.parentPath, entry.name);
      try {
        if (Array.isArray(JSON.parse(readFileSync(file, "utf8")))) files.push(file);
      } catch {
        // not JSON: not a suite
      }
    }
  }
  return [...new Set(files)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

export interface ConformanceIo {
  out(text: string): void;
  err(text: string): void;
}

/** Runs the files; resolves the number of failed cases. */
export async function runConformance(paths: readonly string[], io: ConformanceIo): Promise<number> {
  const files = protocolTestFiles(paths.length > 0 ? paths : [BUNDLED_PROTOCOL_TESTS]);
  const work = mkdtempSync(join(tmpdir(), "ivschat-codegen-conformance-"));
  let failed = 0;
  try {
    const runner = new ConformanceRunner(transpilingToolchain, work);
    const oneLine = (text: string): string => text.replace(/\s*\n\s*/g, " ");
    const base = process.env["INIT_CWD"] ?? process.cwd();
    for (const file of files) {
      const label = relative(base, file) || file;
      let result;
      try {
        [result] = await runner.runFiles([file]);
      } catch (e) {
        io.err(`${label}: ${e instanceof Error ? e.message : String(e)}\n`);
        failed++;
        continue;
      }
      for (const f of result!.failures) io.out(`${result!.file} ${f.suite} ${f.case}: ${oneLine(f.reason)}\n`);
      io.out(`${label}: ${result!.passed} passed, ${result!.failed} failed\n`);
      failed += result!.failed;
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return failed;
}
