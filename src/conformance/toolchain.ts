// The conformance runner's toolchain outside a test runner: this generator's own stages, and
// generated TypeScript transpiled to JavaScript (by the compiler ts-morph carries) beside itself
// in the temporary folder, then imported.

import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { tsCompiler as ts } from "../emit/ts-morph.js";
import { emitPackage } from "../generate.js";
import { buildIr } from "../ir/build.js";
import { validateModel } from "../model/validate.js";
import type { Toolchain } from "./protocol-runner.js";

/** By source text: every package carries the same runtime files. */
const transpiled = new Map<string, string>();

export const transpilingToolchain: Toolchain = {
  validateModel,
  buildIr: (model) => buildIr(model),
  emitPackage,
  async importModules(dir, files, entries) {
    for (const file of files) {
      const full = join(dir, file);
      const source = readFileSync(full, "utf8");
      let js = transpiled.get(source);
      if (js === undefined) {
        js = ts.transpileModule(source, { compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext }, fileName: full }).outputText;
        transpiled.set(source, js);
      }
      writeFileSync(full.replace(/\.ts$/, ".js"), js);
    }
    return Promise.all(entries.map((entry) => import(pathToFileURL(join(dir, entry.replace(/\.ts$/, ".js"))).href) as Promise<Record<string, unknown>>));
  },
};
