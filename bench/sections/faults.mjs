// 6. Load with faults: 100,000 calls at concurrency 256 against a server injecting resets, 503s,
//    throttling and slow answers at random (bench/fault-server.mjs); then the retry quota against a
//    server that fails everything. One run: the figures are counts, not timings.
import { fork } from "node:child_process";
import { join } from "node:path";
import { BENCH, QUICK } from "../lib/common.mjs";
import { startServer } from "../lib/proc.mjs";

export const FAULT_SETTINGS = QUICK
  ? { count: 5000, concurrency: 64, warmup: 1000, samples: 4, quotaCalls: 200 }
  : { count: 100_000, concurrency: 256, warmup: 20_000, samples: 8, quotaCalls: 2000 };

/** What the standard retry mode allows against a service that fails every request, from a full quota. */
export function expectedQuotaRetries({ calls, maxAttempts = 3, quota = 500, cost = 5 }) {
  const retries = Math.min(Math.floor(quota / cost), calls * (maxAttempts - 1));
  return { retries, requests: calls + retries };
}

export async function benchFaults(log) {
  const server = await startServer(join(BENCH, "fault-server.mjs"));
  try {
    const result = await new Promise((resolve, reject) => {
      const child = fork(join(BENCH, "faults-worker.mjs"), [`http://127.0.0.1:${server.port}`, JSON.stringify(FAULT_SETTINGS)], {
        execArgv: ["--expose-gc"],
        stdio: ["ignore", "inherit", "inherit", "ipc"],
      });
      const timer = setTimeout(() => (child.kill("SIGKILL"), reject(new Error("fault load: no result within 20 min"))), 20 * 60_000);
      let out;
      child.on("message", async (m) => {
        if (m?.type === "control") child.send({ ...(await server.request(m.message)), id: m.id });
        else if (m?.type === "result") out = m;
      });
      child.on("exit", (code) => {
        clearTimeout(timer);
        if (out) resolve(out);
        else reject(new Error(`fault load worker exited ${code} without a result`));
      });
    });
    result.expectedQuota = expectedQuotaRetries({ calls: FAULT_SETTINGS.quotaCalls });
    const heaps = result.heap.map((h) => h.heapMb);
    log(
      `  ${result.settled}/${result.count} calls settled in ${result.seconds.toFixed(1)} s (${JSON.stringify(result.outcomes)}), ` +
        `untyped ${result.untyped}, unhandled ${result.unhandled}, heap ${Math.min(...heaps).toFixed(1)}–${Math.max(...heaps).toFixed(1)} MB; ` +
        `quota: ${result.quota.requests} requests for ${result.quota.calls} failing calls (standard mode: ${result.expectedQuota.requests})`,
    );
    return result;
  } finally {
    server.stop();
  }
}
