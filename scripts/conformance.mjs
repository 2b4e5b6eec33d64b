#!/usr/bin/env node
// npm run conformance -- <file-or-dir>...
//
// Runs botocore-format protocol test files (e.g. ../shared/protocol-tests/input/rest-json.json, or
// the whole folder) through clients the generator makes from each suite. Prints one line per
// failing case ("<file> <suite> <case>: <reason>") and one summary per file ("<file>: N passed,
// M failed"); exits 1 when any case fails, 2 on bad usage or a missing build.
//
// The generator comes from dist/: `npm run conformance` builds it first; run directly (node
// scripts/conformance.mjs ...), the script warns when dist/ is older than src/. The runner
// (test/conformance/protocols/runner.ts, the one vitest uses) and every generated package are
// transpiled with the project's `typescript` into a temporary folder, imported from there, and
// the folder is removed at the end. Relative paths are read from where npm was started.

import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import ts from "typescript";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const RUNNER_SOURCES = ["runner.ts", "compare.ts"].map((f) => join(ROOT, "test/conformance/protocols", f));

function usage(message) {
  if (message) process.stderr.write(`conformance: ${message}\n`);
  process.stderr.write("usage: npm run conformance -- <protocol-test file or folder>...\n");
  process.exit(2);
}

/** Files under `dir` with one of `extensions`, recursively. */
function walk(dir, extensions) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && extensions.some((ext) => e.name.endsWith(ext)))
    .map((e) => join(e.parentPath, e.name));
}

/** src/x.ts → dist/x.js; src/x.json → dist/x.json. */
function builtPath(src) {
  const rel = relative(join(ROOT, "src"), src);
  return join(ROOT, "dist", rel.endsWith(".ts") ? rel.replace(/\.ts$/, ".js") : rel);
}

/** dist/ must hold every src/ module; older than src/, the results describe the last build: say so. */
function checkBuild() {
  const stale = walk(join(ROOT, "src"), [".ts", ".json"]).filter((src) => {
    const built = builtPath(src);
    return !existsSync(built) || statSync(built).mtimeMs < statSync(src).mtimeMs;
  });
  const missing = stale.find((src) => !existsSync(builtPath(src)));
  if (missing) {
    process.stderr.write(`conformance: dist/ has no build of ${relative(ROOT, missing)}: run \`npm run build\` first\n`);
    process.exit(2);
  }
  if (stale.length > 0) {
    process.stderr.write(`conformance: warning: dist/ is older than ${relative(ROOT, stale[0])}; results are those of the last \`npm run build\`\n`);
  }
}

/** Protocol test files named on the command line; a folder stands for its *.json suite files. */
function testFiles(args) {
  const files = [];
  for (const arg of args) {
    // npm runs scripts in the package folder; INIT_CWD is where the user typed the command.
    const path = resolve(process.env.INIT_CWD ?? process.cwd(), arg);
    if (!existsSync(path)) usage(`${arg}: no such file or folder`);
    if (!statSync(path).isDirectory()) {
      files.push(path);
      continue;
    }
    // botocore-skips.json and other non-suite files sit beside the suites: keep only arrays.
    const suites = walk(path, [".json"]).filter((f) => Array.isArray(JSON.parse(readFileSync(f, "utf8"))));
    files.push(...suites.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  }
  return files;
}

const COMPILER_OPTIONS = { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 };

/** By source text: every package carries the same runtime files. */
const transpiled = new Map();

/** Transpiles `file` (TypeScript) to `out` (JavaScript); imports keep their ".js" specifiers. */
function transpile(file, out) {
  const source = readFileSync(file, "utf8");
  let js = transpiled.get(source);
  if (js === undefined) {
    js = ts.transpileModule(source, { compilerOptions: COMPILER_OPTIONS, fileName: file }).outputText;
    transpiled.set(source, js);
  }
  writeFileSync(out, js);
}

const args = process.argv.slice(2);
if (args.length === 0 || args.includes("--help") || args.includes("-h")) usage();
checkBuild();
const files = testFiles(args);

const work = mkdtempSync(join(tmpdir(), "ivschat-codegen-conformance-"));
let failed = 0;
try {
  mkdirSync(join(work, "runner"));
  writeFileSync(join(work, "runner/package.json"), '{ "type": "module" }\n');
  for (const src of RUNNER_SOURCES) transpile(src, join(work, "runner", src.split(/[\\/]/).pop().replace(/\.ts$/, ".js")));
  const { ConformanceRunner } = await import(pathToFileURL(join(work, "runner/runner.js")).href);
  const dist = (path) => import(pathToFileURL(join(ROOT, "dist", path)).href);
  const [{ emitPackage }, { buildIr }, { validateModel }] = await Promise.all(
    ["generate.js", "ir/build.js", "model/validate.js"].map(dist),
  );
  const toolchain = {
    validateModel,
    buildIr: (model) => buildIr(model),
    emitPackage,
    async importModules(dir, sources, entries) {
      for (const source of sources) transpile(join(dir, source), join(dir, source.replace(/\.ts$/, ".js")));
      return Promise.all(entries.map((entry) => import(pathToFileURL(join(dir, entry.replace(/\.ts$/, ".js"))).href)));
    },
  };
  const runner = new ConformanceRunner(toolchain, join(work, "packages"));
  const oneLine = (text) => text.replace(/\s*\n\s*/g, " ");

  for (const file of files) {
    let result;
    try {
      [result] = await runner.runFiles([file]);
    } catch (error) {
      failed++;
      process.stdout.write(`${file}: cannot run: ${oneLine(error instanceof Error ? error.message : String(error))}\n`);
      continue;
    }
    for (const f of result.failures) process.stdout.write(`${result.file} ${f.suite} ${f.case}: ${oneLine(f.reason)}\n`);
    process.stdout.write(`${result.file}: ${result.passed} passed, ${result.failed} failed\n`);
    failed += result.failed;
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
process.exitCode = failed > 0 ? 1 : 0;
