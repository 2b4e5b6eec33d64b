#!/usr/bin/env node
// npm run fuzz -- [--cases N] [--seed S] [--timeout-ms T] [--json]
//
// Model fuzzer: seeded mutations of real models (suites/botocore-models and the golden models),
// each run through the whole generator (load → validate → IR → emit → print) in a worker thread
// with a time and memory limit. Outcomes are counted:
//   generated    a package came out, and every .ts file of it parses
//   model-error  the model was refused with diagnostics (each must have a pointer into the model)
//   internal     anything else: a crash, a syntax error in the output, a diagnostic without pointer
//   timeout      over --timeout-ms; memory: over the worker's heap limit
// For every internal error the smallest model that still fails the same way is printed. Exits 1
// when any case is internal, timeout or memory. The generator comes from dist/ (npm run build).

import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Worker, isMainThread, parentPort, workerData } from "node:worker_threads";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const HEAP_LIMIT_MB = 1024;

if (!isMainThread) {
  // ---- worker: one case at a time ----
  const { generate } = await import(pathToFileURL(join(ROOT, "dist/generate.js")).href);
  const { ModelError } = await import(pathToFileURL(join(ROOT, "dist/diagnostics.js")).href);
  const ts = (await import("typescript")).default;
  const dir = workerData.dir;
  let n = 0;
  parentPort.on("message", async ({ id, text, paginators }) => {
    const path = join(dir, `m${n++}.json`);
    writeFileSync(path, text);
    const options = { model: path };
    if (paginators !== undefined) {
      writeFileSync(path.replace(/\.json$/, ".paginators-1.json"), paginators);
      options.paginators = path.replace(/\.json$/, ".paginators-1.json");
    }
    let outcome;
    try {
      const result = await generate(options);
      const broken = result.files
        .filter((f) => f.path.endsWith(".ts") && !f.path.startsWith("src/runtime/"))
        .flatMap((f) => {
          const file = ts.createSourceFile(f.path, f.contents, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
          return (file.parseDiagnostics ?? []).map((d) => `${f.path}: ${ts.flattenDiagnosticMessageText(d.messageText, " ")}`);
        });
      outcome = broken.length === 0 ? { kind: "generated" } : { kind: "internal", message: `syntax error in output: ${broken[0]}` };
    } catch (e) {
      if (e instanceof ModelError) {
        const bad = e.diagnostics.find((d) => typeof d.pointer !== "string" || !d.code || !d.message);
        outcome = bad ? { kind: "internal", message: `diagnostic without pointer/code/message: ${JSON.stringify(bad)}` } : { kind: "model-error" };
      } else {
        outcome = { kind: "internal", message: String(e?.stack ?? e).split("\n").slice(0, 4).join("\n") };
      }
    }
    parentPort.postMessage({ id, ...outcome });
  });
}

// ---- main thread ----

function parseArgs(argv) {
  const args = { cases: 500, seed: 1, timeoutMs: 20_000, json: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--cases") args.cases = Number(argv[++i]);
    else if (a === "--seed") args.seed = Number(argv[++i]);
    else if (a === "--timeout-ms") args.timeoutMs = Number(argv[++i]);
    else if (a === "--json") args.json = true;
    else {
      process.stderr.write(`fuzz: unknown argument ${a}\nusage: npm run fuzz -- [--cases N] [--seed S] [--timeout-ms T] [--json]\n`);
      process.exit(2);
    }
  }
  if (!(args.cases > 0) || !Number.isFinite(args.seed)) {
    process.stderr.write("fuzz: --cases must be positive and --seed a number\n");
    process.exit(2);
  }
  return args;
}

/** mulberry32: a small seeded PRNG, so a seed names one exact run. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Base models: small real ones (fast to generate), each with its paginators when it has them. */
function baseModels() {
  const out = [];
  const models = join(ROOT, "suites/botocore-models");
  for (const service of ["ivschat", "sts", "sso", "sso-oidc", "iot-data", "ebs", "secretsmanager", "kms", "sns"]) {
    const versions = readdirSync(join(models, service)).sort();
    const dir = join(models, service, versions[versions.length - 1]);
    let paginators;
    try {
      paginators = readFileSync(join(dir, "paginators-1.json"), "utf8");
    } catch {
      paginators = undefined;
    }
    out.push({ name: service, model: JSON.parse(readFileSync(join(dir, "service-2.json"), "utf8")), paginators });
  }
  const golden = join(ROOT, "test/golden");
  for (const name of readdirSync(golden, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort()) {
    out.push({ name: `golden/${name}`, model: JSON.parse(readFileSync(join(golden, name, "model.json"), "utf8")) });
  }
  return out;
}

const HOSTILE_STRINGS = ["", "*/", "__proto__", "constructor", "toString", "1abc", "a-b", "{x}", "${x}", "`", '"', "\\", "\u2028", "\u0000", "é", "🙂", "x".repeat(300), "/", "?", "#", "Object", "rt", "send"];
const PROTOCOLS = ["rest-json", "json", "query", "ec2", "rest-xml", "smithy-rpc-v2-cbor"];

function randomValue(r, depth = 0) {
  const k = Math.floor(r() * 9);
  switch (k) {
    case 0:
      return HOSTILE_STRINGS[Math.floor(r() * HOSTILE_STRINGS.length)];
    case 1:
      return [0, -1, 1.5, 1e308, -1e308, 2 ** 53 + 1, NaN, 100, 599][Math.floor(r() * 9)] ?? 0;
    case 2:
      return r() < 0.5;
    case 3:
      return null;
    case 4:
      return depth > 2 ? {} : { [HOSTILE_STRINGS[Math.floor(r() * HOSTILE_STRINGS.length)]]: randomValue(r, depth + 1) };
    case 5:
      return depth > 2 ? [] : [randomValue(r, depth + 1)];
    case 6:
      return PROTOCOLS[Math.floor(r() * PROTOCOLS.length)];
    case 7:
      return ["structure", "list", "map", "string", "integer", "blob", "timestamp", "boolean", "union", "document"][Math.floor(r() * 10)];
    default:
      return "x";
  }
}

/** Every [parent, key] in the tree, for picking a node to mutate. */
function slots(node, out = [], depth = 0) {
  if (node === null || typeof node !== "object" || depth > 12) return out;
  for (const key of Object.keys(node)) {
    out.push([node, key]);
    slots(node[key], out, depth + 1);
  }
  return out;
}

const pick = (r, list) => list[Math.floor(r() * list.length)];

/** One mutation of `model` (in place); returns its description. */
function mutate(model, r) {
  const shapeNames = model.shapes && typeof model.shapes === "object" ? Object.keys(model.shapes) : [];
  const all = slots(model);
  if (all.length === 0) return "nothing to mutate";
  switch (Math.floor(r() * 9)) {
    case 0: {
      const [parent, key] = pick(r, all);
      if (Array.isArray(parent)) parent.splice(Number(key), 1);
      else delete parent[key];
      return `delete ${key}`;
    }
    case 1: {
      const [parent, key] = pick(r, all);
      parent[key] = randomValue(r);
      return `replace ${key}`;
    }
    case 2: {
      // Point a shape reference somewhere else, itself included (cycles, type confusion).
      const refs = all.filter(([p, k]) => k === "shape" && typeof p[k] === "string");
      if (refs.length === 0 || shapeNames.length === 0) return "no refs";
      const [parent] = pick(r, refs);
      parent.shape = pick(r, shapeNames);
      return `retarget ref → ${parent.shape}`;
    }
    case 3: {
      // A list or map that holds itself.
      const name = pick(r, shapeNames);
      if (!name) return "no shapes";
      model.shapes[name] = r() < 0.5 ? { type: "list", member: { shape: name } } : { type: "map", key: { shape: pick(r, shapeNames) }, value: { shape: name } };
      return `self-collection ${name}`;
    }
    case 4: {
      const name = pick(r, shapeNames);
      if (!name) return "no shapes";
      const renamed = pick(r, HOSTILE_STRINGS) + name;
      model.shapes[renamed] = model.shapes[name];
      delete model.shapes[name];
      for (const [p, k] of all) if (k === "shape" && p[k] === name) p[k] = renamed;
      return `rename shape ${name}`;
    }
    case 5: {
      const [parent] = pick(r, all);
      if (parent && typeof parent === "object" && !Array.isArray(parent)) parent[pick(r, ["sparse", "box", "newTrait", "location", "locationName", "payload", "required", "union", "document", "streaming", "eventstream", "hostLabel", "jsonvalue", "timestampFormat", "enum", "error", "exception"])] = randomValue(r);
      return "add property";
    }
    case 6: {
      // Duplicate a subtree into another place.
      const [fromParent, fromKey] = pick(r, all);
      const [toParent, toKey] = pick(r, all);
      try {
        toParent[toKey] = structuredClone(fromParent[fromKey]);
      } catch {
        return "clone failed";
      }
      return `copy ${fromKey} → ${toKey}`;
    }
    case 7: {
      const ops = Object.values(model.operations ?? {}).filter((o) => o && typeof o === "object");
      const op = pick(r, ops);
      if (!op || typeof op !== "object") return "no ops";
      op.http = { method: pick(r, ["GET", "POST", "PUT", "DELETE"]), requestUri: pick(r, ["/", "/{x}", "/a/{b+}?c", "/{Bucket}/{Key+}", "//", "/?x"]) };
      return "retarget http";
    }
    default: {
      if (model.metadata && typeof model.metadata === "object") model.metadata.protocol = pick(r, PROTOCOLS);
      return `protocol ${model.metadata?.protocol}`;
    }
  }
}

/** A worker pool of one, restarted after a timeout or out-of-memory. */
class Runner {
  #worker;
  #pending = new Map();
  #id = 0;
  constructor(timeoutMs, dir) {
    this.timeoutMs = timeoutMs;
    this.dir = dir;
    this.#start();
  }
  #start() {
    this.#worker = new Worker(fileURLToPath(import.meta.url), {
      workerData: { dir: this.dir },
      resourceLimits: { maxOldGenerationSizeMb: HEAP_LIMIT_MB },
    });
    this.#worker.on("message", ({ id, ...outcome }) => this.#settle(id, outcome));
    this.#worker.on("error", (e) => {
      const kind = e?.code === "ERR_WORKER_OUT_OF_MEMORY" ? "memory" : "internal";
      for (const id of [...this.#pending.keys()]) this.#settle(id, { kind, message: String(e) });
      this.#start();
    });
  }
  #settle(id, outcome) {
    const entry = this.#pending.get(id);
    if (!entry) return;
    clearTimeout(entry.timer);
    this.#pending.delete(id);
    entry.resolve(outcome);
  }
  run(text, paginators) {
    const id = ++this.#id;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.#pending.delete(id);
        const old = this.#worker;
        this.#start();
        void old.terminate();
        resolve({ kind: "timeout", message: `over ${this.timeoutMs} ms` });
      }, this.timeoutMs);
      this.#pending.set(id, { resolve, timer });
      this.#worker.postMessage({ id, text, paginators });
    });
  }
  close() {
    return this.#worker.terminate();
  }
}

/** Greedy shrinking: drop operations, shapes, then properties, while the same failure remains. */
async function shrink(runner, model, paginators, failure) {
  const same = (o) => o.kind === failure.kind && firstLine(o.message) === firstLine(failure.message);
  let current = structuredClone(model);
  let changed = true;
  while (changed) {
    changed = false;
    for (const candidate of smaller(current)) {
      const outcome = await runner.run(JSON.stringify(candidate), paginators);
      if (same(outcome)) {
        current = candidate;
        changed = true;
        break;
      }
    }
  }
  return current;
}

const firstLine = (text = "") => text.split("\n")[0].replace(/m\d+\.json/g, "m.json");

/** Candidates one step smaller than `model`: one operation, shape or property fewer. */
function* smaller(model) {
  for (const section of ["operations", "shapes"]) {
    for (const key of Object.keys(model[section] ?? {})) {
      const next = structuredClone(model);
      delete next[section][key];
      yield next;
    }
  }
  const all = slots(model);
  for (let i = all.length - 1; i >= 0; i--) {
    const next = structuredClone(model);
    const [parent, key] = slots(next)[i];
    if (Array.isArray(parent)) parent.splice(Number(key), 1);
    else delete parent[key];
    yield next;
  }
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const r = prng(args.seed);
  const bases = baseModels();
  const dir = mkdtempSync(join(tmpdir(), "ivschat-codegen-fuzz-"));
  const runner = new Runner(args.timeoutMs, dir);
  const counts = { generated: 0, "model-error": 0, internal: 0, timeout: 0, memory: 0 };
  const failures = [];
  const started = Date.now();
  for (let i = 0; i < args.cases; i++) {
    const base = pick(r, bases);
    const model = structuredClone(base.model);
    const steps = [];
    const n = 1 + Math.floor(r() * 4);
    for (let j = 0; j < n; j++) {
      try {
        steps.push(mutate(model, r));
      } catch {
        steps.push("mutation did not apply"); // an earlier one changed the model's own shape
      }
    }
    const text = JSON.stringify(model);
    const outcome = await runner.run(text, base.paginators);
    counts[outcome.kind]++;
    if (outcome.kind === "internal" || outcome.kind === "timeout" || outcome.kind === "memory") {
      failures.push({ case: i, base: base.name, steps, outcome, model, paginators: base.paginators });
    }
    if (!args.json && process.stderr.isTTY) process.stderr.write(`\r[${i + 1}/${args.cases}] ${JSON.stringify(counts)}`);
  }
  if (!args.json && process.stderr.isTTY) process.stderr.write("\n");
  const reproducers = [];
  for (const f of failures.slice(0, 5)) {
    const smallest = f.outcome.kind === "internal" ? await shrink(runner, f.model, f.paginators, f.outcome) : f.model;
    reproducers.push({ case: f.case, base: f.base, steps: f.steps, kind: f.outcome.kind, message: f.outcome.message, model: smallest });
  }
  await runner.close();
  const seconds = (Date.now() - started) / 1000;
  if (args.json) {
    process.stdout.write(JSON.stringify({ seed: args.seed, cases: args.cases, seconds, counts, reproducers }) + "\n");
  } else {
    process.stdout.write(`fuzz: seed ${args.seed}, ${args.cases} cases in ${seconds.toFixed(1)} s: ${Object.entries(counts).map(([k, v]) => `${k} ${v}`).join(", ")}\n`);
    for (const rep of reproducers) {
      process.stdout.write(`\ncase ${rep.case} (${rep.base}; ${rep.steps.join("; ")}): ${rep.kind}\n${rep.message}\nsmallest model:\n${JSON.stringify(rep.model)}\n`);
    }
  }
  rmSync(dir, { recursive: true, force: true });
  process.exitCode = counts.internal + counts.timeout + counts.memory > 0 ? 1 : 0;
}

if (isMainThread) await main();
