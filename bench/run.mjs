// `npm run bench`: every benchmark of issue 5 in one run on this machine, then bench/RESULTS.md
// (and the raw numbers in bench/results.json).
//
//   BENCH_QUICK=1             tiny counts and 2 repetitions, for working on the benchmarks
//   BENCH_ONLY=calls,sign,... run some sections: calls, sign, bundle, cold, generator, faults, dynamodb
//   BENCH_PROFILE=0           skip the profiles of missed targets
//   BENCH_OUT=<file>          write the results somewhere else than bench/RESULTS.md
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { cpus, totalmem, release, type, loadavg } from "node:os";
import { join } from "node:path";
import { BENCH, QUICK, ROOT, SETTINGS, WORK } from "./lib/common.mjs";
import { killAll } from "./lib/proc.mjs";
import { prepare } from "./prepare.mjs";
import { benchCalls, profileCalls } from "./sections/calls.mjs";
import { benchSign } from "./sections/sign.mjs";
import { benchBundles } from "./sections/bundle.mjs";
import { benchCold } from "./sections/cold.mjs";
import { benchGenerator, profileGenerator } from "./sections/generator.mjs";
import { benchFaults } from "./sections/faults.mjs";
import { benchDynamoDb } from "./sections/dynamodb.mjs";
import { evaluateTargets, renderResults } from "./report.mjs";

const ALL = ["calls", "sign", "bundle", "cold", "generator", "faults", "dynamodb"];
const only = process.env.BENCH_ONLY ? process.env.BENCH_ONLY.split(",").map((s) => s.trim()) : ALL;
for (const s of only) if (!ALL.includes(s)) throw new Error(`BENCH_ONLY: unknown section ${s} (known: ${ALL.join(", ")})`);
const outFile = process.env.BENCH_OUT ?? join(BENCH, QUICK ? "RESULTS.quick.md" : "RESULTS.md");

const started = Date.now();
const log = (line) => console.log(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}`);

function machine() {
  const cpuinfo = existsSync("/proc/cpuinfo") ? readFileSync("/proc/cpuinfo", "utf8") : "";
  const model = cpuinfo.match(/^model name\s*:\s*(.+)$/m)?.[1] ?? cpus()[0]?.model ?? "unknown";
  const version = (pkg) => JSON.parse(readFileSync(join(ROOT, "node_modules", pkg, "package.json"), "utf8")).version;
  const git = (...args) => {
    try {
      return execFileSync("git", args, { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
    } catch {
      return "";
    }
  };
  const commit = git("rev-parse", "--short", "HEAD");
  const dirty = git("status", "--porcelain", "--", "src", "templates", "bin", "models", "package.json", "package-lock.json") !== "";
  return {
    code: commit ? `${commit}${dirty ? " with uncommitted changes to src/, templates/ or package files" : ""}` : "unknown",
    cpu: model,
    cores: cpus().length,
    memoryGb: totalmem() / 2 ** 30,
    os: `${type()} ${release()}`,
    node: process.version,
    date: new Date().toISOString(),
    loadStart: loadavg(),
    versions: {
      "@aws-sdk/client-ivschat": version("@aws-sdk/client-ivschat"),
      "@aws-sdk/client-dynamodb": version("@aws-sdk/client-dynamodb"),
      "@smithy/signature-v4": version("@smithy/signature-v4"),
      aws4: version("aws4"),
      aws4fetch: version("aws4fetch"),
      esbuild: version("esbuild"),
    },
  };
}

try {
  mkdirSync(WORK, { recursive: true });
  const results = { machine: machine(), quick: QUICK, settings: SETTINGS, sections: only };
  log(`bench${QUICK ? " (BENCH_QUICK)" : ""}: ${only.join(", ")}; ${results.machine.cpu}, ${results.machine.cores} cores, Node ${process.version}`);
  await prepare(log);
  if (only.includes("calls")) {
    log("1. calls");
    results.calls = await benchCalls(log);
  }
  if (only.includes("sign")) {
    log("2. signing");
    results.sign = await benchSign(log);
  }
  if (only.includes("bundle")) {
    log("3. bundles");
    results.bundle = await benchBundles(log);
  }
  if (only.includes("cold")) {
    log("4. cold start and import");
    results.cold = await benchCold(log);
  }
  if (only.includes("generator")) {
    log("5. generator");
    results.generator = await benchGenerator(log);
  }
  if (only.includes("faults")) {
    log("6. load with faults");
    results.faults = await benchFaults(log);
  }
  if (only.includes("dynamodb")) {
    log("7. DynamoDB");
    results.dynamodb = await benchDynamoDb(log);
  }

  // Profiles where a target is missed.
  const targets = evaluateTargets(results);
  results.profiles = {};
  if (process.env.BENCH_PROFILE !== "0") {
    const missed = new Set(targets.filter((t) => t.met === false).map((t) => t.area));
    if (missed.has("calls")) {
      log("profiling calls");
      results.profiles.calls = await profileCalls(["gen-fetch", "gen-node", "v3", "fetch", "http"], log);
    }
    const slowGenerator = targets.filter((t) => t.area === "generator" && t.met === false).map((t) => t.model);
    if (slowGenerator.length > 0) {
      log("profiling the generator");
      results.profiles.generator = await profileGenerator([...new Set(slowGenerator)], log);
    }
  }
  results.machine.loadEnd = loadavg();
  results.seconds = (Date.now() - started) / 1000;

  const findingsFile = join(BENCH, "FINDINGS.md");
  const findings = existsSync(findingsFile) ? readFileSync(findingsFile, "utf8") : "";
  writeFileSync(outFile, renderResults(results, evaluateTargets(results), findings));
  const json = { ...results };
  if (json.profiles?.calls) for (const p of Object.values(json.profiles.calls)) p.summary = trimSummary(p.summary);
  if (json.profiles?.generator) for (const p of Object.values(json.profiles.generator)) p.summary = trimSummary(p.summary);
  writeFileSync(outFile.replace(/\.md$/, ".json").replace(/RESULTS/, "results"), `${JSON.stringify(json, null, 1)}\n`);
  log(`wrote ${outFile} in ${results.seconds.toFixed(0)} s`);
} finally {
  killAll();
}

/** What RESULTS.md shows of a profile (and a little more), so results.json stays small. */
export function trimSummary(s) {
  const own = /\((src|templates\/runtime|generated\/ivschat)\//;
  return {
    total: s.total,
    byFile: s.byFile.slice(0, 60),
    byFunction: s.byFunction.slice(0, 60),
    inclusiveByFile: s.inclusiveByFile.slice(0, 60),
    inclusiveByFunction: [
      ...s.inclusiveByFunction.slice(0, 60),
      ...s.inclusiveByFunction.slice(60).filter(([f]) => own.test(f)).slice(0, 40),
    ],
  };
}
