// One measurement of one client: warm up, then send its call (CreateRoom, or DynamoDB GetItem for
// the "dynamodb/" variants) `concurrency` at a time and
// report this process's CPU time (user + system, all threads) per call and calls per second.
// Forked by bench/run.mjs: argv = variant, concurrency, endpoint, then the JSON of SETTINGS.calls.
// With BENCH_PROFILE=<file>, the measured part (not start-up or warm-up) is CPU-profiled into it.
import { ALL_CALL_VARIANTS } from "./lib/clients.mjs";
import { writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";

const [variant, concurrencyArg, endpoint, settingsJson] = process.argv.slice(2);
const concurrency = Number(concurrencyArg);
const settings = JSON.parse(settingsJson);

/** Up to `count` calls, stopping early after `maxMs`; resolves how many completed. */
async function drive(call, check, count, maxMs) {
  const deadline = performance.now() + maxMs;
  let started = 0;
  let done = 0;
  const lane = async () => {
    while (started < count && performance.now() < deadline) {
      started++;
      const answer = await call();
      if (!check(answer)) throw new Error(`unexpected answer: ${JSON.stringify(answer).slice(0, 200)}`);
      done++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
  return done;
}

try {
  const { make, check } = ALL_CALL_VARIANTS[variant];
  const call = await make(endpoint);
  await drive(call, check, settings.warmup, settings.warmupMs);
  globalThis.gc?.();
  // "0" is run.mjs's switch for "no profiles", never a file name.
  const profileFile = process.env.BENCH_PROFILE && process.env.BENCH_PROFILE !== "0" ? process.env.BENCH_PROFILE : undefined;
  const profiler = profileFile ? new Session() : undefined;
  if (profiler) {
    profiler.connect();
    await profiler.post("Profiler.enable");
    await profiler.post("Profiler.setSamplingInterval", { interval: 100 });
    await profiler.post("Profiler.start");
  }
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  const done = await drive(call, check, settings.count, settings.maxMs);
  const wallNs = Number(process.hrtime.bigint() - t0);
  const cpu = process.cpuUsage(cpu0);
  if (profiler) {
    const { profile } = await profiler.post("Profiler.stop");
    writeFileSync(profileFile, JSON.stringify(profile));
    profiler.disconnect();
  }
  process.send({
    type: "result",
    calls: done,
    cpuUsPerCall: (cpu.user + cpu.system) / done,
    callsPerSec: done / (wallNs / 1e9),
  }, () => process.exit(0));
} catch (e) {
  process.send({ type: "error", message: e?.stack ?? String(e) }, () => process.exit(1));
}
