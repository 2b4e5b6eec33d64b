// One load-with-faults run (bench/sections/faults.mjs): the generated IVS Chat client (its bundled
// ./node entry, nodeHttpFetch transport) drives `count` createRoom calls at `concurrency` against
// bench/fault-server.mjs. Every call must settle with a result or a typed error; unhandled
// rejections are counted; the heap is sampled (after a forced GC) as the run goes, from the end of
// the warm-up on. Then `quotaCalls` calls one at a time against a server that fails every request,
// with a fresh client, to see the retry quota run dry. Sends { type: "result", ... } over IPC.
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { CREDENTIALS, GEN_DIST, INPUT, REGION } from "./lib/common.mjs";

const [endpoint, settingsJson] = process.argv.slice(2);
const { count, concurrency, warmup, samples, quotaCalls } = JSON.parse(settingsJson);
const pkg = await import(pathToFileURL(join(GEN_DIST, "node.js")).href);
const TYPED = [pkg.ServiceException, pkg.NetworkError, pkg.TimeoutError, pkg.ResponseParseError, pkg.ResponseTooLargeError];

let unhandled = 0;
process.on("unhandledRejection", () => unhandled++);

const control = (message) =>
  new Promise((resolve) => {
    const id = Math.random();
    const onMessage = (m) => {
      if (m?.id === id) {
        process.off("message", onMessage);
        resolve(m);
      }
    };
    process.on("message", onMessage);
    process.send({ type: "control", id, message });
  });

const client = (extra = {}) =>
  new pkg.IvschatClient({ region: REGION, endpoint, credentials: CREDENTIALS, requestTimeoutMs: 2000, fetch: pkg.nodeHttpFetch({ maxSockets: 64 }), ...extra });

// ---- load with faults ----
const c = client();
const outcomes = { ok: 0 };
let untyped = 0;
let settled = 0;
let started = 0;
const heap = [];
const sampleEvery = Math.floor((count - warmup) / samples);
const t0 = process.hrtime.bigint();
const cpu0 = process.cpuUsage();
async function lane() {
  while (started < count) {
    const i = started++;
    try {
      await c.createRoom({ ...INPUT, name: `call-${i}` });
      outcomes.ok++;
    } catch (e) {
      const typed = TYPED.some((T) => e instanceof T);
      if (!typed) untyped++;
      outcomes[e?.name ?? "?"] = (outcomes[e?.name ?? "?"] ?? 0) + 1;
    }
    settled++;
    if (settled >= warmup && (settled - warmup) % sampleEvery === 0 && heap.length < samples + 1) {
      globalThis.gc?.();
      heap.push({ settled, heapMb: process.memoryUsage().heapUsed / 2 ** 20, rssMb: process.memoryUsage().rss / 2 ** 20 });
    }
  }
}
await Promise.all(Array.from({ length: concurrency }, lane));
const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
const cpu = process.cpuUsage(cpu0);
const load = await control({ type: "stats" });

// ---- the retry quota: a service that fails every request ----
await control({ type: "mode", mode: "fail" });
const q = client();
let quotaFailures = 0;
for (let i = 0; i < quotaCalls; i++) {
  try {
    await q.createRoom({ ...INPUT, name: `quota-${i}` });
  } catch {
    quotaFailures++;
  }
}
const quota = await control({ type: "stats" });
await control({ type: "mode", mode: "random" });

process.send({
  type: "result",
  count,
  concurrency,
  settled,
  outcomes,
  untyped,
  unhandled,
  seconds,
  cpuUsPerCall: (cpu.user + cpu.system) / count,
  heap,
  load,
  quota: { calls: quotaCalls, failures: quotaFailures, ...quota },
});
