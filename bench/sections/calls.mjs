// 1. Client CPU per createRoom and calls per second, against bench/server.mjs in another process,
//    one call at a time and 16 at a time. Every measurement is a fresh worker process; the order
//    of the contenders rotates from one repetition to the next.
import { join, relative } from "node:path";
import { BENCH, SETTINGS, WORK } from "../lib/common.mjs";
import { CALL_VARIANTS } from "../lib/clients.mjs";
import { forkForResult, startServer } from "../lib/proc.mjs";
import { summarize } from "../lib/stats.mjs";
import { repoLocator, summarizeProfile } from "../lib/profile.mjs";
import { GEN, ROOT } from "../lib/common.mjs";

export const CONCURRENCY = [1, 16];
const SIGNED = new Set(["gen-fetch", "gen-node", "gen-node-lean", "v3", "aws4fetch"]);

function rotate(list, by) {
  const k = by % list.length;
  return [...list.slice(k), ...list.slice(0, k)];
}

export async function benchCalls(log) {
  const server = await startServer(join(BENCH, "server.mjs"));
  const endpoint = `http://127.0.0.1:${server.port}`;
  const variants = Object.keys(CALL_VARIANTS);
  const raw = {};
  try {
    for (let rep = 0; rep < SETTINGS.reps; rep++) {
      for (const concurrency of CONCURRENCY) {
        for (const variant of rotate(variants, rep)) {
          const result = await runWorker(server, endpoint, variant, concurrency);
          const key = `${variant}@${concurrency}`;
          (raw[key] ??= []).push(result);
          log(
            `  calls rep ${rep + 1}/${SETTINGS.reps} c=${concurrency} ${variant}: ${result.cpuUsPerCall.toFixed(0)} µs/call, ` +
              `${result.callsPerSec.toFixed(0)} calls/s (${result.calls} calls)`,
          );
        }
      }
    }
  } finally {
    server.stop();
  }
  const out = {};
  for (const [key, results] of Object.entries(raw)) {
    out[key] = {
      cpu: summarize(results.map((r) => r.cpuUsPerCall)),
      rate: summarize(results.map((r) => r.callsPerSec)),
      calls: summarize(results.map((r) => r.calls)),
    };
  }
  return out;
}

async function runWorker(server, endpoint, variant, concurrency, env) {
  const result = await forkForResult(
    join(BENCH, "calls-worker.mjs"),
    [variant, String(concurrency), endpoint, JSON.stringify(SETTINGS.calls)],
    { execArgv: ["--expose-gc"], timeoutMs: 120_000, ...(env ? { env: { ...process.env, ...env } } : {}) },
  );
  // The server saw what this contender should send: signed or not, and nothing else.
  const counts = await server.request({ type: "counts" });
  const expectSigned = SIGNED.has(variant);
  if (counts.other !== 0 || (expectSigned ? counts.unsigned : counts.signed) !== 0 || counts.signed + counts.unsigned < result.calls) {
    throw new Error(`${variant}: the server saw ${JSON.stringify(counts)} for ${result.calls} measured calls`);
  }
  return result;
}

/** One CPU-profiled run per contender (sequential calls, after warm-up): where the time goes. */
export async function profileCalls(variants, log) {
  const server = await startServer(join(BENCH, "server.mjs"));
  const endpoint = `http://127.0.0.1:${server.port}`;
  const out = {};
  try {
    for (const variant of variants) {
      const file = join(WORK, `calls-${variant}.cpuprofile`);
      const result = await runWorker(server, endpoint, variant, 1, { BENCH_PROFILE: file });
      const summary = summarizeProfile(file, { locate: repoLocator(ROOT, join(GEN, "src")) });
      // Recorded relative to the repository: results.json is committed, machine paths are not.
      out[variant] = { calls: result.calls, cpuUsPerCall: result.cpuUsPerCall, summary, file: relative(ROOT, file) };
      log(`  profiled ${variant}: ${result.cpuUsPerCall.toFixed(0)} µs/call`);
    }
  } finally {
    server.stop();
  }
  return out;
}
