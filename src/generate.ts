import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { byCodeUnits } from "./code-units.js";
import { ModelError, hasErrors, type Diagnostic } from "./diagnostics.js";
import { buildIr } from "./ir/build.js";
import type { ServiceIr } from "./ir/types.js";
import { emitClient } from "./emit/client.js";
import { emitContext } from "./emit/context.js";
import { readRuntimeFacts } from "./emit/runtime-facts.js";
import { emitErrors } from "./emit/errors.js";
import { emitIndex, defaultPackageName, packageJson, packageTsconfig } from "./emit/package.js";
import { GENERATED_HEADER, ModulePrinter, printJson } from "./emit/print.js";
import { emitNodeEntry } from "./emit/node-entry.js";
import { emitOperations } from "./emit/operations.js";
import { emitReadme } from "./emit/readme.js";
import { emitSchemas } from "./emit/schemas.js";
import { emitTypes } from "./emit/types.js";
import { findSiblings, loadModel, loadSiblings, type ModelSiblingPaths } from "./model/load.js";
import { validatePaginators } from "./model/validate-paginators.js";
import type { ModelService } from "./model/types.js";
import { validateModel } from "./model/validate.js";
import { isRuntimeProtocol } from "./protocols/support.js";
import { runtimeFilesFor } from "./runtime-files.js";


export interface GenerateOptions {
  /** Path of the botocore service model (service-2.json or a copy of it). */
  model: string;
  /** Output folder; default `generated/<serviceId in kebab-case>` under the current directory. */
  out?: string;
  /** npm name of the generated package; default "<service>-client". */
  packageName?: string;
  /** Sibling files; found beside the model when not given (see `findSiblings`). */
  paginators?: string;
  waiters?: string;
  endpointRules?: string;
  examples?: string;
  /** One of the model's `protocols` to generate for instead of the first the runtime speaks. */
  protocol?: string;
}

export interface GeneratedFile {
  /** Path inside the output folder, with "/" separators. */
  path: string;
  contents: string;
}

export interface GenerateResult {
  ir: ServiceIr;
  /** Absolute output folder. */
  outDir: string;
  /** Sorted by path. */
  files: GeneratedFile[];
  /** Warnings (errors throw `ModelError`). */
  diagnostics: Diagnostic[];
  /** Set when the runtime cannot send requests for this model's protocol yet. */
  unsupportedProtocol?: string;
}

const TEMPLATES_DIR = fileURLToPath(new URL("../templates/runtime/", import.meta.url));

/**
 * Reads and validates a model and returns every file of the generated package, in memory.
 * Throws `ModelError` with all diagnostics when the model is invalid.
 */
export async function generate(options: GenerateOptions): Promise<GenerateResult> {
  const { model: raw } = await loadModel(options.model);
  const diagnostics = validateModel(raw);
  if (hasErrors(diagnostics)) throw new ModelError(options.model, diagnostics);
  const model = raw as ModelService;
  const explicit: ModelSiblingPaths = {};
  if (options.paginators !== undefined) explicit.paginators = options.paginators;
  if (options.waiters !== undefined) explicit.waiters = options.waiters;
  if (options.endpointRules !== undefined) explicit.endpointRuleSet = options.endpointRules;
  if (options.examples !== undefined) explicit.examples = options.examples;
  const siblings = await loadSiblings(options.model, explicit);
  if (siblings.paginators !== undefined) {
    const problems = validatePaginators(siblings.paginators, model);
    const file = explicit.paginators ?? findSiblings(options.model).paginators ?? "paginators-1.json";
    if (hasErrors(problems)) throw new ModelError(file, problems);
  }
  const ir = buildIr(model, siblings, options.protocol !== undefined ? { protocol: options.protocol } : {});
  const files = await emitPackage(ir, options.packageName ?? defaultPackageName(ir));
  const result: GenerateResult = {
    ir,
    outDir: resolve(options.out ?? join("generated", ir.service.kebabName)),
    files,
    diagnostics,
  };
  if (!isRuntimeProtocol(ir.service.protocol)) result.unsupportedProtocol = ir.service.protocol;
  return result;
}

/** Every file of the package for `ir`, sorted by path. Pure apart from reading the runtime templates. */
export async function emitPackage(ir: ServiceIr, packageName: string): Promise<GeneratedFile[]> {
  const printer = new ModulePrinter();
  const cx = emitContext(ir, readRuntimeFacts(TEMPLATES_DIR));
  const modules = {
    "src/index.ts": emitIndex(cx),
    "src/node.ts": emitNodeEntry(cx),
    "src/client.ts": emitClient(cx),
    "src/errors.ts": emitErrors(cx),
    "src/operations.ts": emitOperations(cx),
    "src/schemas.ts": emitSchemas(cx),
    "src/types.ts": emitTypes(cx),
  };
  const files: GeneratedFile[] = [
    { path: "package.json", contents: printJson(packageJson(ir, packageName)) },
    { path: "tsconfig.json", contents: printJson(packageTsconfig()) },
    { path: "README.md", contents: emitReadme(cx, packageName) },
  ];
  const printed: string[] = [];
  for (const [path, module] of Object.entries(modules)) {
    const contents = await printer.print(path, module);
    printed.push(contents);
    files.push({ path, contents });
  }
  files.push(...(await runtimeFilesFor(TEMPLATES_DIR, printed)));
  return files.sort((a, b) => byCodeUnits(a.path, b.path));
}

/** Writes the files, and removes generated files under `outDir` that this run no longer makes. */
export async function writeGenerated(result: GenerateResult): Promise<void> {
  const wanted = new Set(result.files.map((f) => f.path));
  for (const stale of await staleGeneratedFiles(result.outDir, wanted)) await rm(join(result.outDir, stale));
  for (const file of result.files) {
    const target = join(result.outDir, file.path);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, file.contents);
  }
}

/** Paths (relative to `outDir`) that differ from, are missing from, or are extra to what `result` holds. */
export async function checkGenerated(result: GenerateResult): Promise<{ path: string; problem: "stale" | "missing" | "extra" }[]> {
  const problems: { path: string; problem: "stale" | "missing" | "extra" }[] = [];
  for (const file of result.files) {
    const current = await readFile(join(result.outDir, file.path), "utf8").catch(() => undefined);
    if (current === undefined) problems.push({ path: file.path, problem: "missing" });
    else if (current !== file.contents) problems.push({ path: file.path, problem: "stale" });
  }
  const wanted = new Set(result.files.map((f) => f.path));
  for (const extra of await staleGeneratedFiles(result.outDir, wanted)) problems.push({ path: extra, problem: "extra" });
  return problems;
}

/** Files under outDir/src that carry our header but are not in `wanted` (only ours are ever removed). */
async function staleGeneratedFiles(outDir: string, wanted: ReadonlySet<string>): Promise<string[]> {
  const src = join(outDir, "src");
  const entries = await readdir(src, { recursive: true, withFileTypes: true }).catch(() => []);
  const stale: string[] = [];
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const rel = relative(outDir, join(entry.parentPath, entry.name)).split(sep).join("/");
    if (wanted.has(rel)) continue;
    const head = await readFile(join(outDir, rel), "utf8").then((t) => t.slice(0, GENERATED_HEADER.length));
    if (head === GENERATED_HEADER) stale.push(rel);
  }
  return stale.sort();
}
