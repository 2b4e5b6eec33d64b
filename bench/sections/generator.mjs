// 5. The generator: wall time and peak RSS of `node bin/ivschat-codegen.js <model> --out <tmp>`
//    (one process per run, measured by /usr/bin/time, or by the wall clock and an exit hook
//    reading process.resourceUsage().maxRSS where /usr/bin/time is missing), for four models and
//    for all shared models in one bulk run.
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { BENCH, ROOT, SETTINGS, WORK } from "../lib/common.mjs";
import { run } from "../lib/proc.mjs";
import { summarize } from "../lib/stats.mjs";

export const MODELS_DIR = join(ROOT, "..", "shared", "botocore-models");
export const SINGLE = ["ivschat", "lambda", "ec2", "sagemaker"];
const TIME = "/usr/bin/time";

export function modelPath(service) {
  const dir = join(MODELS_DIR, service);
  const version = readdirSync(dir).sort().at(-1);
  return join(dir, version, "service-2.json");
}

export function modelFacts(service) {
  const model = JSON.parse(readFileSync(modelPath(service), "utf8"));
  return { operations: Object.keys(model.operations).length, shapes: Object.keys(model.shapes).length };
}

export function bulkCount() {
  return readdirSync(MODELS_DIR, { withFileTypes: true }).filter((d) => d.isDirectory()).length;
}

/** One generator run: { seconds, maxRssKb }. `extraNodeArgs` go before the script (e.g. --cpu-prof). */
export async function generatorRun(modelArg, outDir, extraNodeArgs = []) {
  rmSync(outDir, { recursive: true, force: true });
  const cli = [...extraNodeArgs, join(ROOT, "bin/ivschat-codegen.js"), modelArg, "--out", outDir];
  if (existsSync(TIME)) {
    const r = await run(TIME, ["-f", "BENCH_TIME %e %M", process.execPath, ...cli], { cwd: ROOT, timeoutMs: 600_000 });
    if (r.code !== 0) throw new Error(`generator failed on ${modelArg} (${r.code}):\n${r.stdout}${r.stderr}`);
    const m = r.stderr.match(/BENCH_TIME ([\d.]+) (\d+)/);
    if (!m) throw new Error(`no /usr/bin/time output for ${modelArg}:\n${r.stderr}`);
    // %e has 10 ms resolution; our own wall clock is finer and includes the same process start.
    return { seconds: r.ms / 1000, maxRssKb: Number(m[2]) };
  }
  const rssFile = join(WORK, "generator-rss.txt");
  rmSync(rssFile, { force: true });
  const r = await run(process.execPath, ["--import", join(BENCH, "lib/rss-probe.mjs"), ...cli], {
    cwd: ROOT,
    timeoutMs: 600_000,
    env: { ...process.env, BENCH_RSS_FILE: rssFile },
  });
  if (r.code !== 0) throw new Error(`generator failed on ${modelArg} (${r.code}):\n${r.stdout}${r.stderr}`);
  return { seconds: r.ms / 1000, maxRssKb: Number(readFileSync(rssFile, "utf8")) };
}

export async function benchGenerator(log) {
  const out = {};
  const raw = {};
  const jobs = [
    ...SINGLE.map((s) => ({ name: s, arg: modelPath(s), reps: SETTINGS.generatorReps })),
    { name: "bulk", arg: MODELS_DIR, reps: SETTINGS.generatorBulkReps },
  ];
  const maxReps = Math.max(...jobs.map((j) => j.reps));
  for (let rep = 0; rep < maxReps; rep++) {
    for (const job of jobs) {
      if (rep >= job.reps) continue;
      const r = await generatorRun(job.arg, join(WORK, "generator-out", job.name));
      (raw[job.name] ??= []).push(r);
      log(`  generator rep ${rep + 1}/${job.reps} ${job.name}: ${r.seconds.toFixed(2)} s, ${(r.maxRssKb / 1024).toFixed(0)} MB`);
    }
  }
  for (const [name, list] of Object.entries(raw)) {
    out[name] = { seconds: summarize(list.map((r) => r.seconds)), rssMb: summarize(list.map((r) => r.maxRssKb / 1024)) };
  }
  rmSync(join(WORK, "generator-out"), { recursive: true, force: true });
  return out;
}

/** One `node --cpu-prof` run of the generator per model: where its time goes, by file and function. */
export async function profileGenerator(services, log) {
  const { summarizeProfile, relativeTo } = await import("../lib/profile.mjs");
  const out = {};
  for (const service of services) {
    const dir = join(WORK, `generator-prof-${service}`);
    rmSync(dir, { recursive: true, force: true });
    const arg = service === "bulk" ? MODELS_DIR : modelPath(service);
    const r = await generatorRun(arg, join(WORK, "generator-out", service), ["--cpu-prof", "--cpu-prof-dir", dir]);
    const file = readdirSync(dir).find((f) => f.endsWith(".cpuprofile"));
    out[service] = { seconds: r.seconds, summary: summarizeProfile(join(dir, file), { label: relativeTo(ROOT) }), file: join(dir, file) };
    log(`  profiled the generator on ${service}: ${r.seconds.toFixed(1)} s`);
  }
  rmSync(join(WORK, "generator-out"), { recursive: true, force: true });
  return out;
}
