// What-if for the per-call targets (not part of `npm run bench`): patches a copy of the generated
// package's compiled runtime the way bench/FINDINGS.md proposes, and measures it against the
// unpatched build, interleaved, one call at a time:
//   1. the per-attempt timeout is one setTimeout + AbortController instead of
//      AbortSignal.timeout() + AbortSignal.any() (templates/runtime/client.ts, #attempt);
//   2. with the default transport, `fetch(url, init)` is called directly instead of
//      `fetch(new Request(url, init))`;
//   3. nodeHttpFetch() also carries a raw send (plain headers and bytes in, status, header record
//      and bytes out) that the client uses instead of building a WHATWG Request and Response.
// Run after `npm run bench` (or `node bench/prepare.mjs`): node bench/experiments/fast-transport.mjs
import { cpSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { BENCH, GEN, WORK } from "../lib/common.mjs";
import { forkForResult, killAll, startServer } from "../lib/proc.mjs";
import { summarize, num, ratio } from "../lib/stats.mjs";

const COPY = join(WORK, "ivschat-fast-transport");
const RAW = 'Symbol.for("ivschat.rawTransport")';

function replace(file, from, to) {
  const text = readFileSync(file, "utf8");
  if (!text.includes(from)) throw new Error(`${file}: the code to patch is not there any more:\n${from}`);
  writeFileSync(file, text.replace(from, to));
}

function patch() {
  rmSync(COPY, { recursive: true, force: true });
  cpSync(GEN, COPY, { recursive: true });
  const client = join(COPY, "dist/runtime/client.js");
  replace(client, "    #fetch;\n", "    #fetch;\n    #raw;\n");
  replace(
    client,
    "this.#fetch = config.fetch ?? ((request) => fetch(request));",
    `this.#fetch = config.fetch;\n        this.#raw = config.fetch?.[${RAW}];`,
  );
  replace(
    client,
    `        const timeout = this.#timeoutMs > 0 ? AbortSignal.timeout(this.#timeoutMs) : undefined;
        const signals = [signal, timeout].filter((s) => s !== undefined);
        const combined = signals.length > 1 ? AbortSignal.any(signals) : signals[0];`,
    `        if (this.#raw) {
            try {
                const r = await this.#raw({ method: request.method, url: request.url, headers, body: request.body, signal, timeoutMs: this.#timeoutMs });
                const h = r.headers;
                Object.defineProperty(h, "get", { value: (n) => h[n.toLowerCase()] ?? null, enumerable: false });
                return { response: { status: r.status, headers: h }, body: r.body };
            } catch (e) {
                if (signal?.aborted) throw signal.reason;
                if (e?.timeout) throw new TimeoutError(\`\${op.name}: no response within \${this.#timeoutMs} ms\`, { cause: e, timeoutMs: this.#timeoutMs });
                throw new NetworkError(\`\${op.name}: \${request.method} failed: \${errorText(e)}\`, { cause: e });
            }
        }
        const controller = this.#timeoutMs > 0 ? new AbortController() : undefined;
        const timer = controller ? setTimeout(() => controller.abort(new DOMException("timed out", "TimeoutError")), this.#timeoutMs) : undefined;
        const onAbort = controller && signal ? () => controller.abort(signal.reason) : undefined;
        if (onAbort) signal.addEventListener("abort", onAbort, { once: true });
        const timeout = controller?.signal;
        const combined = controller ? controller.signal : signal;`,
  );
  replace(
    client,
    "const response = await this.#fetch(new Request(request.url, init));",
    "const response = await (this.#fetch ? this.#fetch(new Request(request.url, init)) : fetch(request.url, init));",
  );
  replace(
    client,
    "            throw new NetworkError(`${op.name}: ${request.method} ${new URL(request.url).host} failed: ${errorText(e)}`, { cause: e });\n        }\n",
    "            throw new NetworkError(`${op.name}: ${request.method} ${new URL(request.url).host} failed: ${errorText(e)}`, { cause: e });\n        }\n" +
      "        finally {\n            if (timer !== undefined) clearTimeout(timer);\n            if (onAbort) signal.removeEventListener(\"abort\", onAbort);\n        }\n",
  );

  const transport = join(COPY, "dist/runtime/node/http-transport.js");
  replace(transport, "    return async (request) => {", "    const fetchLike = async (request) => {");
  const text = readFileSync(transport, "utf8");
  const start = text.indexOf("const fetchLike = async (request) => {");
  const end = text.indexOf("\n    };\n}\n", start);
  if (start < 0 || end < 0) throw new Error(`${transport}: the code to patch is not there any more`);
  writeFileSync(
    transport,
    text.slice(0, end) +
      `
    };
    fetchLike[${RAW}] = (req) => rawSend(req, httpAgent, httpsAgent);
    return fetchLike;
}
function rawSend({ method, url: href, headers, body, signal, timeoutMs }, httpAgent, httpsAgent) {
    const url = new URL(href);
    const secure = url.protocol === "https:";
    const h = { ...headers, host: url.host };
    if (body !== undefined) { body = typeof body === "string" ? Buffer.from(body) : body; h["content-length"] = String(body.length); }
    else if (method === "POST" || method === "PUT") h["content-length"] = "0";
    return new Promise((resolve, reject) => {
        let timer;
        const req = (secure ? https : http).request({ agent: secure ? httpsAgent : httpAgent, hostname: url.hostname, port: url.port, path: url.pathname + url.search, method, headers: h }, (res) => {
            const chunks = [];
            res.on("data", (c) => chunks.push(c));
            res.on("error", reject);
            res.on("end", () => {
                if (timer) clearTimeout(timer);
                resolve({ status: res.statusCode, headers: { ...res.headers }, body: chunks.length === 1 ? chunks[0] : Buffer.concat(chunks) });
            });
        });
        req.on("error", (e) => { if (timer) clearTimeout(timer); reject(e); });
        if (timeoutMs > 0) timer = setTimeout(() => { const e = new Error("timeout"); e.timeout = true; req.destroy(e); }, timeoutMs);
        signal?.addEventListener("abort", () => req.destroy(signal.reason), { once: true });
        req.end(body);
    });
}
` +
      text.slice(end + "\n    };\n}\n".length),
  );
}

const REPS = Number(process.env.BENCH_REPS ?? 5);
const SETTINGS = { warmup: 1000, warmupMs: 1500, count: 3000, maxMs: 2500 };
const RUNS = [
  ["gen-fetch", false],
  ["gen-fetch", true],
  ["gen-node", false],
  ["gen-node", true],
  ["fetch", false],
  ["v3", false],
  ["http", false],
];

patch();
const server = await startServer(join(BENCH, "server.mjs"));
const endpoint = `http://127.0.0.1:${server.port}`;
const cpu = {};
try {
  for (let rep = 0; rep < REPS; rep++) {
    for (const [variant, patched] of RUNS) {
      const env = patched ? { ...process.env, BENCH_GEN_DIST: join(COPY, "dist") } : process.env;
      const r = await forkForResult(join(BENCH, "calls-worker.mjs"), [variant, "1", endpoint, JSON.stringify(SETTINGS)], {
        env,
        execArgv: ["--expose-gc"],
        timeoutMs: 60_000,
      });
      const counts = await server.request({ type: "counts" });
      if (counts.other !== 0) throw new Error(`${variant}: unexpected requests ${JSON.stringify(counts)}`);
      (cpu[`${variant}${patched ? " (patched)" : ""}`] ??= []).push(r.cpuUsPerCall);
    }
  }
} finally {
  server.stop();
  killAll();
}
const med = (k) => summarize(cpu[k]).median;
console.log(`| client (sequential) | CPU µs/call, median (min–max) of ${REPS} | × v3 | × unsigned fetch |`);
console.log("|---|---|---|---|");
for (const k of Object.keys(cpu)) {
  const s = summarize(cpu[k]);
  console.log(`| ${k} | ${num(s.median)} (${num(s.min)}–${num(s.max)}) | ${ratio(s.median, med("v3"))} | ${ratio(s.median, med("fetch"))} |`);
}
