// The runner's toolchain under vitest: the generator from src/, generated TypeScript imported as
// is (vitest transpiles it). `ivschat-codegen conformance` uses src/conformance/toolchain.ts.

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { emitPackage } from "../../../src/generate.js";
import { buildIr } from "../../../src/ir/build.js";
import { validateModel } from "../../../src/model/validate.js";
import { ConformanceRunner, type Toolchain } from "../../../src/conformance/protocol-runner.js";

export const sourceToolchain: Toolchain = {
  validateModel,
  buildIr: (model) => buildIr(model),
  emitPackage,
  importModules: (dir, _files, entries) =>
    Promise.all(entries.map((entry) => import(pathToFileURL(join(dir, entry)).href) as Promise<Record<string, unknown>>)),
};

/** The project's copy of the botocore protocol suites (suites/protocol-tests). */
export const PROTOCOL_TESTS_DIR = join(import.meta.dirname, "../../../suites/protocol-tests");

/** A runner writing its packages to a fresh temporary folder; `dispose` removes it. */
export function sourceRunner(): { runner: ConformanceRunner; dispose: () => void } {
  const dir = mkdtempSync(join(tmpdir(), "ivschat-codegen-conformance-"));
  return { runner: new ConformanceRunner(sourceToolchain, dir), dispose: () => rmSync(dir, { recursive: true, force: true }) };
}
