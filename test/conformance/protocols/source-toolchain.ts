// The runner's toolchain under vitest: the generator from src/, generated TypeScript imported as
// is (vitest transpiles it). `ivschat-codegen conformance` uses src/conformance/toolchain.ts.

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { emitPackage } from "../../../src/generate.js";
import { buildIr } from "../../../src/ir/build.js";
import { validateModel } from "../../../src/model/validate.js";
import { ConformanceRunner, type Toolchain } from "../../../src/conformance/protocol-runner.js";
import { build } from "esbuild";
import { pathToFileURL } from "node:url";

// Each suite's package is bundled by esbuild into one module per entry (a shared chunk between
// them) before it is imported: vitest transforms every module it loads, and ~40 per suite over all
// the suites costs a minute.
export const sourceToolchain: Toolchain = {
  validateModel,
  buildIr: (model) => buildIr(model),
  emitPackage,
  async importModules(dir, _files, entries) {
    const outdir = join(dir, "bundle");
    await build({
      entryPoints: entries.map((entry) => join(dir, entry)),
      bundle: true,
      splitting: true,
      format: "esm",
      platform: "neutral",
      outdir,
      outbase: dir,
      write: true,
      logLevel: "silent",
    });
    return Promise.all(entries.map((entry) => import(pathToFileURL(join(outdir, entry.replace(/\.ts$/, ".js"))).href) as Promise<Record<string, unknown>>));
  },
};

/** The project's copy of the botocore protocol suites (suites/protocol-tests). */
export const PROTOCOL_TESTS_DIR = join(import.meta.dirname, "../../../suites/protocol-tests");

/** A runner writing its packages to a fresh temporary folder; `dispose` removes it. */
export function sourceRunner(): { runner: ConformanceRunner; dispose: () => void } {
  const dir = mkdtempSync(join(tmpdir(), "ivschat-codegen-conformance-"));
  return { runner: new ConformanceRunner(sourceToolchain, dir), dispose: () => rmSync(dir, { recursive: true, force: true }) };
}
