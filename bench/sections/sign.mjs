// 2. SigV4 signatures per second for the CreateRoom request, one worker process per signer and
//    repetition (bench/sign-worker.mjs), the order rotating between repetitions.
import { join } from "node:path";
import { BENCH, SETTINGS } from "../lib/common.mjs";
import { forkForResult } from "../lib/proc.mjs";
import { summarize } from "../lib/stats.mjs";
import { SIGNERS } from "../sign-worker.mjs";

export async function benchSign(log) {
  const names = Object.keys(SIGNERS);
  const raw = {};
  for (let rep = 0; rep < SETTINGS.reps; rep++) {
    const k = rep % names.length;
    for (const name of [...names.slice(k), ...names.slice(0, k)]) {
      const r = await forkForResult(join(BENCH, "sign-worker.mjs"), [name, JSON.stringify(SETTINGS.sign)], {
        execArgv: ["--expose-gc"],
        timeoutMs: 60_000,
      });
      (raw[name] ??= []).push(r);
      log(`  sign rep ${rep + 1}/${SETTINGS.reps} ${name}: ${r.perSec.toFixed(0)} signatures/s`);
    }
  }
  const out = {};
  for (const [name, results] of Object.entries(raw)) {
    out[name] = { rate: summarize(results.map((r) => r.perSec)), cpu: summarize(results.map((r) => r.cpuUsPerSig)) };
  }
  return out;
}
