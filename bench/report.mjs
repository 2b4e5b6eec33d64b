// bench/RESULTS.md from the numbers of one run: the targets of issue 5 (met or missed), one table
// per benchmark, and for missed targets where the time or the bytes go.
import { CALL_VARIANTS, DDB_VARIANTS } from "./lib/clients.mjs";
import { num, range, ratio } from "./lib/stats.mjs";
import { CONCURRENCY } from "./sections/calls.mjs";
import { COLD_VARIANTS, IMPORTS } from "./sections/cold.mjs";
import { SINGLE, bulkCount, modelFacts } from "./sections/generator.mjs";
import { SIGNERS } from "./sign-worker.mjs";

const MB = 1024;

/** Each target of issue 5 with the number that decides it; `met` is undefined when not measured. */
export function evaluateTargets(r) {
  const t = [];
  const add = (area, name, goal, measured, met, extra = {}) => t.push({ area, name, goal, measured, met, ...extra });
  if (r.calls) {
    for (const c of CONCURRENCY) {
      const gen = r.calls[`gen-fetch@${c}`]?.cpu.median;
      const floor = r.calls[`fetch@${c}`]?.cpu.median;
      add("calls", `CPU per call, generated client with global fetch, concurrency ${c}`, "≤ 1.15× unsigned fetch",
        `${num(gen)} µs = ${ratio(gen, floor)} unsigned fetch (${num(floor)} µs)`, gen <= 1.15 * floor);
    }
    for (const c of CONCURRENCY) {
      const gen = r.calls[`gen-node@${c}`]?.cpu.median;
      const v3 = r.calls[`v3@${c}`]?.cpu.median;
      add("calls", `CPU per call in Node, generated client with nodeHttpFetch(), concurrency ${c}`, "≤ 0.4× v3",
        `${num(gen)} µs = ${ratio(gen, v3)} v3 (${num(v3)} µs)`, gen <= 0.4 * v3);
    }
  }
  if (r.sign) {
    const gen = r.sign.gen.rate.median;
    const aws4 = r.sign.aws4.rate.median;
    add("sign", "SigV4 signatures per second in Node", "≥ aws4", `${num(gen)}/s = ${ratio(gen, aws4)} aws4 (${num(aws4)}/s)`, gen >= aws4);
  }
  if (r.bundle) {
    const b = r.bundle.bundles;
    const best = smallestCreateRoom(r);
    const v3 = b["v3-createRoom-browser"].gzip;
    const how = best.client === "modular" ? "`createRoom(new IvschatBaseClient(…), input)`" : "`new IvschatClient(…).createRoom(input)`";
    add("bundle", "browser bundle, client + createRoom, min+gzip", "≤ 5,000 B", `${num(best.gzip)} B with ${how} (v3: ${num(v3)} B)`, best.gzip <= 5000);
    const modular = b["modular-createRoom-browser"]?.gzip;
    if (modular !== undefined) {
      add("bundle", "browser bundle, `IvschatBaseClient` + `createRoom` function, min+gzip (issue 10: the protocol seam does not grow it)",
        `≤ ${num(ISSUE_10_BASELINE)} B`, `${num(modular)} B (${modular >= ISSUE_10_BASELINE ? "+" : ""}${num(modular - ISSUE_10_BASELINE)} B)`, modular <= ISSUE_10_BASELINE);
    }
  }
  if (r.cold) {
    const gen = r.cold.imports["gen-index"].added.median;
    const v3 = r.cold.imports.v3.added.median;
    add("cold", "import time added to a bare `node -e`", "≤ 1/8 of v3's", `${num(gen)} ms = ${ratio(gen, v3)} v3 (${num(v3)} ms)`, gen <= v3 / 8);
  }
  if (r.generator) {
    const g = r.generator;
    if (g.ivschat) add("generator", "generator wall time, ivschat", "≤ 1 s", `${num(g.ivschat.seconds.median)} s`, g.ivschat.seconds.median <= 1, { model: "ivschat" });
    if (g.ec2) add("generator", "generator wall time, ec2", "≤ 15 s", `${num(g.ec2.seconds.median)} s`, g.ec2.seconds.median <= 15, { model: "ec2" });
    const peak = Math.max(...Object.values(g).map((x) => x.rssMb.max));
    const which = Object.entries(g).find(([, x]) => x.rssMb.max === peak)?.[0];
    add("generator", "generator peak RSS, every run", "≤ 1 GB", `${num(peak)} MB (${which})`, peak <= MB);
  }
  if (r.faults) {
    const f = r.faults;
    add("faults", `load with faults: ${num(f.count)} calls at concurrency ${f.concurrency}, all settle with a result or a typed error`,
      "all settle, 0 untyped, 0 unhandled", `${num(f.settled)} settled, ${f.untyped} untyped, ${f.unhandled} unhandled rejections`,
      f.settled === f.count && f.untyped === 0 && f.unhandled === 0);
    const heaps = f.heap.map((h) => h.heapMb);
    const growth = heaps[heaps.length - 1] - heaps[0];
    add("faults", "heap after warm-up, load with faults", "flat (≤ 5 MB growth)",
      `${num(heaps[0])} → ${num(heaps[heaps.length - 1])} MB (${growth >= 0 ? "+" : ""}${num(growth)} MB over ${num(f.count - f.heap[0].settled)} calls)`, growth <= 5);
    add("faults", "retry quota against a service failing every request", "as the standard mode says",
      `${num(f.quota.requests)} requests for ${num(f.quota.calls)} calls (expected ${num(f.expectedQuota.requests)})`, f.quota.requests === f.expectedQuota.requests);
  }
  if (r.dynamodb) {
    const d = r.dynamodb;
    const gen = d.bundles.modular.gzip;
    const v3 = d.bundles.v3.gzip;
    add("dynamodb", "DynamoDB browser bundle, `DynamoDBBaseClient` + `getItem`, min+gzip", "≤ 1/4 of v3's",
      `${num(gen)} B = ${ratio(gen, v3)} v3 (${num(v3)} B)`, gen <= v3 / 4);
    for (const c of CONCURRENCY) {
      const genCpu = d.calls[`dynamodb/gen-node@${c}`]?.cpu.median;
      const v3Cpu = d.calls[`dynamodb/v3@${c}`]?.cpu.median;
      add("dynamodb", `CPU per getItem in Node, generated client with nodeHttpFetch(), concurrency ${c}`, "≤ 0.4× v3",
        `${num(genCpu)} µs = ${ratio(genCpu, v3Cpu)} v3 (${num(v3Cpu)} µs)`, genCpu <= 0.4 * v3Cpu);
    }
  }
  return t;
}

/** The IVS Chat modular bundle when issue 10 was filed (min+gzip). */
const ISSUE_10_BASELINE = 13_961;

/** The smaller of the generated "client + createRoom" browser bundles (class method or per-operation function). */
export function smallestCreateRoom(r) {
  const b = r.bundle.bundles;
  return [b["gen-createRoom-browser"], b["modular-createRoom-browser"]].filter(Boolean).sort((x, y) => x.gzip - y.gzip)[0];
}

const status = (met) => (met === undefined ? "not measured" : met ? "**met**" : "**missed**");

export function renderResults(r, targets, findings) {
  const m = r.machine;
  const L = [];
  L.push("# Benchmarks: the generated IVS Chat client against @aws-sdk/client-ivschat");
  L.push("");
  L.push(`Written by \`npm run bench\` (bench/run.mjs)${r.quick ? " with BENCH_QUICK=1: **not a real run**" : ""}. Every number below comes from this one run on this machine.`);
  L.push("");
  L.push("| machine | |");
  L.push("|---|---|");
  L.push(`| CPU | ${m.cpu} |`);
  L.push(`| cores | ${m.cores} (shared with other work: load average ${m.loadStart.map((x) => x.toFixed(1)).join(" / ")} at the start, ${m.loadEnd.map((x) => x.toFixed(1)).join(" / ")} at the end) |`);
  L.push(`| memory | ${m.memoryGb.toFixed(1)} GiB |`);
  L.push(`| OS | ${m.os} |`);
  L.push(`| Node | ${m.node} |`);
  L.push(`| date | ${m.date} (run took ${Math.round(r.seconds / 60)} min) |`);
  L.push(`| code measured | ${m.code ?? "unknown"} |`);
  L.push(`| contenders | ${Object.entries(m.versions).map(([k, v]) => `${k} ${v}`).join(", ")} |`);
  L.push("");
  L.push(`Numbers are **median (min–max)** of ${r.settings.reps} runs unless a section says otherwise; each run is a fresh process. ` +
    "Ratios divide medians: for CPU, time and bytes lower is better; for calls/s and signatures/s higher is better.");
  L.push("");

  L.push("## Targets (issue 5)");
  L.push("");
  L.push("| target | goal | measured | status |");
  L.push("|---|---|---|---|");
  for (const t of targets) L.push(`| ${t.name} | ${t.goal} | ${t.measured} | ${status(t.met)} |`);
  L.push("");

  if (r.calls) renderCalls(L, r);
  if (r.sign) renderSign(L, r);
  if (r.bundle) renderBundles(L, r, targets);
  if (r.cold) renderCold(L, r);
  if (r.generator) renderGenerator(L, r);
  if (r.faults) renderFaults(L, r);
  if (r.dynamodb) renderDynamoDb(L, r);
  renderProfiles(L, r);
  if (findings.trim()) {
    L.push("");
    L.push(findings.trim());
  }
  L.push("");
  return L.join("\n");
}

function renderCalls(L, r) {
  const s = r.settings.calls;
  L.push("## 1. Client CPU per `createRoom` and calls per second");
  L.push("");
  L.push(`Local keep-alive HTTP/1.1 server in another process (bench/server.mjs, 127.0.0.1, fixed CreateRoom JSON). ` +
    `Each run: a fresh client process, ${num(s.warmup)} warm-up calls (≤ ${s.warmupMs / 1000} s), then up to ${num(s.count)} calls ` +
    `(≤ ${s.maxMs / 1000} s); CPU = \`process.cpuUsage()\` (user + system, all threads) of the client process / calls. ` +
    "The server checks that signed contenders sent SigV4 `Authorization` headers. Credentials and region are passed; other options are defaults.");
  for (const c of CONCURRENCY) {
    L.push("");
    L.push(`**${c === 1 ? "Sequential (one call at a time)" : `Concurrency ${c}`}**`);
    L.push("");
    L.push("| client | CPU µs/call | × v3 | × aws4fetch | × unsigned fetch | calls/s | × v3 | × unsigned fetch |");
    L.push("|---|---|---|---|---|---|---|---|");
    const get = (v) => r.calls[`${v}@${c}`];
    for (const [v, { label, info }] of Object.entries(CALL_VARIANTS)) {
      const x = get(v);
      if (!x) continue;
      L.push(`| ${label}${info ? " *(for reference)*" : ""} | ${range(x.cpu)} | ${ratio(x.cpu.median, get("v3")?.cpu.median)} | ` +
        `${ratio(x.cpu.median, get("aws4fetch")?.cpu.median)} | ${ratio(x.cpu.median, get("fetch")?.cpu.median)} | ` +
        `${range(x.rate)} | ${ratio(x.rate.median, get("v3")?.rate.median)} | ${ratio(x.rate.median, get("fetch")?.rate.median)} |`);
    }
  }
  L.push("");
}

function renderSign(L, r) {
  const s = r.settings.sign;
  L.push("## 2. SigV4 signatures per second");
  L.push("");
  L.push(`The CreateRoom request (POST, JSON body, content-type and content-length), signed one at a time with the current time ` +
    `(awaited when the signer is async), up to ${num(s.count)} signatures or ${s.maxMs / 1000} s after ${num(s.warmup)} warm-up signatures; a fresh process per run.`);
  L.push("");
  L.push("| signer | signatures/s | × aws4 | × v3 | × aws4fetch | CPU µs/signature |");
  L.push("|---|---|---|---|---|---|");
  for (const [name, { label, info }] of Object.entries(SIGNERS)) {
    const x = r.sign[name];
    if (!x) continue;
    L.push(`| ${label}${info ? " *(for reference)*" : ""} | ${range(x.rate)} | ${ratio(x.rate.median, r.sign.aws4?.rate.median)} | ` +
      `${ratio(x.rate.median, r.sign.v3?.rate.median)} | ${ratio(x.rate.median, r.sign.aws4fetch?.rate.median)} | ${range(x.cpu)} |`);
  }
  L.push("");
}

function renderBundles(L, r) {
  const b = r.bundle.bundles;
  L.push("## 3. Bundle size (esbuild, minified, gzip -9)");
  L.push("");
  L.push("esbuild " + r.machine.versions.esbuild + ", `--bundle --minify --format=esm --target=es2022`, v3 from its ESM build (dist-es, browser field for the browser). " +
    "Each entry creates a client with `{ region }` and calls createRoom, or each of the " + r.bundle.ops.length + " operations once. " +
    "Generated package: main entry for the browser, `./node` entry (default credential chain, `nodeHttpFetch`) for Node. Builds are deterministic: one build each.");
  L.push("");
  L.push("| bundle | platform | min | min+gzip | ÷ v3 (min+gzip) |");
  L.push("|---|---|---|---|---|");
  const who = {
    gen: "generated, `new IvschatClient(…).createRoom(input)`",
    modular: "generated, per-operation function `createRoom(new IvschatBaseClient(…), input)`",
    v3: "v3, `client.send(new CreateRoomCommand(input))`",
  };
  const whoAll = {
    gen: "generated, `IvschatClient`, every method called",
    modular: "generated, every per-operation function with `IvschatBaseClient`",
    v3: "v3, every command sent",
  };
  for (const platform of ["browser", "node"]) {
    for (const scope of ["createRoom", "all"]) {
      const v = b[`v3-${scope}-${platform}`];
      for (const client of ["gen", "modular", "v3"]) {
        const x = b[`${client}-${scope}-${platform}`];
        if (!x) continue;
        const label = scope === "all" ? `client + all ${r.bundle.ops.length} operations: ${whoAll[client]}` : `client + createRoom: ${who[client]}`;
        L.push(`| ${label} | ${platform} | ${num(x.minified)} B | ${num(x.gzip)} B | ${ratio(x.gzip, v.gzip)} |`);
      }
    }
  }
  L.push("");
}

function renderCold(L, r) {
  L.push("## 4. Cold start and import time");
  L.push("");
  L.push("Cold start: from just before spawning `node bench/cold-start.mjs <client>` to the moment the local server (another process) " +
    "receives the signed CreateRoom (both read `process.hrtime`, the machine's monotonic clock). Each client is imported, created with region and credentials, and sends one call. " +
    `${r.settings.coldReps} runs of each, here and for import time.`);
  L.push("");
  L.push("| client | process start → first request received, ms | × v3 | × unsigned fetch |");
  L.push("|---|---|---|---|");
  const c = r.cold.cold;
  for (const [v, label] of Object.entries(COLD_VARIANTS)) {
    if (!c[v]) continue;
    L.push(`| ${label} | ${range(c[v])} | ${ratio(c[v].median, c.v3?.median)} | ${ratio(c[v].median, c.fetch?.median)} |`);
  }
  L.push("");
  L.push("Import time: wall time of `node -e \"import('<package>')\"` minus that of a `node -e \"\"` run just before it " +
    `(bare \`node -e ""\`: ${range(r.cold.imports["gen-index"].bare)} ms).`);
  L.push("");
  L.push("| package | import time added, ms | × v3 | total, ms |");
  L.push("|---|---|---|---|");
  for (const [n, { label, info }] of Object.entries(IMPORTS)) {
    const x = r.cold.imports[n];
    if (!x) continue;
    L.push(`| ${label}${info ? " *(for reference)*" : ""} | ${range(x.added)} | ${ratio(x.added.median, r.cold.imports.v3.added.median)} | ${range(x.total)} |`);
  }
  L.push("");
}

function renderGenerator(L, r) {
  const s = r.settings;
  L.push("## 5. Generator");
  L.push("");
  L.push(`\`node bin/ivschat-codegen.js <model> --out <tmp>\` (dist/ built by tsc), one process per run, wall time from spawn to exit, ` +
    `peak RSS from \`/usr/bin/time -f %M\`. ${s.generatorReps} runs per model, ${s.generatorBulkReps} bulk runs.`);
  L.push("");
  L.push("| model | operations | shapes | wall time, s | peak RSS, MB |");
  L.push("|---|---|---|---|---|");
  for (const name of [...SINGLE, "bulk"]) {
    const x = r.generator[name];
    if (!x) continue;
    const facts = name === "bulk" ? { operations: "", shapes: "" } : modelFacts(name);
    const label = name === "bulk" ? `all ${bulkCount()} shared models, one bulk run (\`../shared/botocore-models\`)` : name;
    L.push(`| ${label} | ${facts.operations === "" ? "" : num(facts.operations)} | ${facts.shapes === "" ? "" : num(facts.shapes)} | ${range(x.seconds)} | ${range(x.rssMb)} |`);
  }
  L.push("");
}

function renderFaults(L, r) {
  const f = r.faults;
  L.push("## 6. Load with faults");
  L.push("");
  L.push(`The generated client (\`./node\` entry, \`nodeHttpFetch({ maxSockets: 64 })\`, \`requestTimeoutMs: 2000\`, default 3 attempts) sends ` +
    `${num(f.count)} createRoom calls, ${f.concurrency} at a time, to bench/fault-server.mjs (another process), which resets 8% of requests, ` +
    "answers 8% with 503, throttles 8% (429 ThrottlingException) and delays 5% by 50–150 ms, by a seeded draw. One run.");
  L.push("");
  L.push("| figure | value |");
  L.push("|---|---|");
  L.push(`| calls settled | ${num(f.settled)} of ${num(f.count)} in ${num(f.seconds)} s (${num(f.count / f.seconds)} calls/s, ${num(f.cpuUsPerCall)} µs CPU per call) |`);
  L.push(`| outcomes | ${Object.entries(f.outcomes).map(([k, v]) => `${k} ${num(v)}`).join(", ")} |`);
  L.push(`| errors that are not the runtime's typed errors | ${f.untyped} |`);
  L.push(`| unhandled rejections | ${f.unhandled} |`);
  L.push(`| requests the server saw | ${num(f.load.requests)} for ${num(f.load.calls)} calls; attempts per call: ${Object.entries(f.load.histogram).map(([k, v]) => `${k}: ${num(v)}`).join(", ")} |`);
  L.push(`| heap used after GC, from the end of the warm-up | ${f.heap.map((h) => `${num(h.heapMb)} MB @ ${num(h.settled)}`).join(", ")} |`);
  L.push(`| RSS at the same points | ${f.heap.map((h) => `${num(h.rssMb)} MB`).join(", ")} |`);
  L.push(`| retry quota: ${num(f.quota.calls)} calls, one at a time, fresh client, every request answered 503 | ${num(f.quota.requests)} requests; standard mode (quota 500, 5 per retry, 3 attempts): ${num(f.expectedQuota.requests)} (${num(f.expectedQuota.retries)} retries, then none) |`);
  L.push("");
}

function renderDynamoDb(L, r) {
  const d = r.dynamodb;
  const s = r.settings.calls;
  L.push("## 7. DynamoDB (AWS JSON 1.0): the generated client against @aws-sdk/client-dynamodb");
  L.push("");
  L.push("Bundles as in section 3 (esbuild, browser, minified, gzip -9), each creating a client with `{ region }` and calling getItem. " +
    "Calls as in section 1, against bench/dynamodb-server.mjs (another process; a fixed item with every AttributeValue kind, a binary one included), " +
    `${num(s.warmup)} warm-up calls then up to ${num(s.count)} (≤ ${s.maxMs / 1000} s), ${r.settings.reps} runs each; the server checks every request is a signed GetItem.`);
  L.push("");
  L.push("| bundle | min | min+gzip | ÷ v3 (min+gzip) |");
  L.push("|---|---|---|---|");
  const who = {
    modular: "generated, `getItem(new DynamoDBBaseClient(…), input)`",
    gen: "generated, `new DynamoDBClient(…).getItem(input)`",
    v3: "v3, `client.send(new GetItemCommand(input))`",
  };
  for (const [k, label] of Object.entries(who)) {
    const x = d.bundles[k];
    L.push(`| ${label} | ${num(x.minified)} B | ${num(x.gzip)} B | ${ratio(x.gzip, d.bundles.v3.gzip)} |`);
  }
  for (const c of CONCURRENCY) {
    L.push("");
    L.push(`**getItem, ${c === 1 ? "sequential" : `concurrency ${c}`}**`);
    L.push("");
    L.push("| client | CPU µs/call | × v3 | calls/s | × v3 |");
    L.push("|---|---|---|---|---|");
    const v3 = d.calls[`dynamodb/v3@${c}`];
    for (const [v, { label }] of Object.entries(DDB_VARIANTS)) {
      const x = d.calls[`${v}@${c}`];
      if (!x) continue;
      L.push(`| ${label} | ${range(x.cpu)} | ${ratio(x.cpu.median, v3?.cpu.median)} | ${range(x.rate)} | ${ratio(x.rate.median, v3?.rate.median)} |`);
    }
  }
  L.push("");
}

/** Sampled time minus idle: the CPU the profile saw. */
const busy = (summary) => summary.total - (summary.byFile.find(([f]) => f === "(idle)")?.[1] ?? 0);

function renderProfiles(L, r) {
  const p = r.profiles ?? {};
  const missedBundle = r.bundle && smallestCreateRoom(r).gzip > 5000;
  if (!p.calls && !p.generator && !missedBundle) return;
  L.push("## Where the time and the bytes go (missed targets)");
  L.push("");
  if (p.calls) {
    L.push("### Per call: CPU profiles");
    L.push("");
    L.push("One extra sequential run per client, profiled with V8's sampling profiler (the `node --cpu-prof` profiler, " +
      "started through `node:inspector` after the warm-up, 100 µs interval). Self time per call, by file " +
      "(generated runtime files shown as their templates/runtime/ source, lines mapped through the source maps), idle time left out.");
    L.push("");
    const variants = Object.keys(p.calls);
    const perCall = (v, us) => us / p.calls[v].calls;
    const cpuOf = (v) => busy(p.calls[v].summary);
    const files = new Map();
    for (const v of variants) {
      for (const [f, us] of p.calls[v].summary.byFile) {
        if (f === "(idle)") continue;
        files.set(f, Math.max(files.get(f) ?? 0, perCall(v, us)));
      }
    }
    const top = [...files.entries()].sort((a, b) => b[1] - a[1]).slice(0, 25).map(([f]) => f);
    L.push(`| file (self time, µs per call) | ${variants.map((v) => v).join(" | ")} |`);
    L.push(`|---|${variants.map(() => "---").join("|")}|`);
    L.push(`| **sampled CPU, total** | ${variants.map((v) => `**${num(perCall(v, cpuOf(v)))}**`).join(" | ")} |`);
    for (const f of top) {
      L.push(`| ${f} | ${variants.map((v) => {
        const us = p.calls[v].summary.byFile.find(([x]) => x === f)?.[1];
        return us ? num(perCall(v, us)) : "";
      }).join(" | ")} |`);
    }
    L.push("");
    for (const v of ["gen-fetch", "gen-node"]) {
      if (!p.calls[v]) continue;
      L.push(`Top functions, ${CALL_VARIANTS[v].label} (self µs per call):`);
      L.push("");
      L.push("| µs/call | function (file:line) |");
      L.push("|---|---|");
      for (const [fn, us] of p.calls[v].summary.byFunction.filter(([f]) => f !== "(idle)").slice(0, 25)) {
        L.push(`| ${num(perCall(v, us))} | \`${fn.replace(/\|/g, "\\|")}\` |`);
      }
      L.push("");
      L.push(`The generated package's own functions with their callees (inclusive µs per call), ${CALL_VARIANTS[v].label}:`);
      L.push("");
      L.push("| µs/call | function (file:line) |");
      L.push("|---|---|");
      const own = p.calls[v].summary.inclusiveByFunction.filter(([f]) => /\((templates\/runtime|generated\/ivschat)\//.test(f));
      for (const [fn, us] of own.slice(0, 20)) L.push(`| ${num(perCall(v, us))} | \`${fn.replace(/\|/g, "\\|")}\` |`);
      L.push("");
    }
  }
  if (missedBundle) {
    const b = smallestCreateRoom(r);
    L.push(`### Browser bundle, client + createRoom (${b.client === "modular" ? "per-operation function" : "class method"}): bytes by source file (esbuild metafile, minified bytes before gzip)`);
    L.push("");
    L.push("| source | minified bytes | share |");
    L.push("|---|---|---|");
    for (const [g, bytes] of b.groups.slice(0, 25)) L.push(`| ${g} | ${num(bytes)} | ${((100 * bytes) / b.minified).toFixed(1)}% |`);
    L.push("");
  }
  if (p.generator) {
    for (const [service, x] of Object.entries(p.generator)) {
      const total = busy(x.summary);
      L.push(`### Generator on ${service}: \`node --cpu-prof\` (${num(x.seconds)} s wall in the profiled run)`);
      L.push("");
      L.push("| self time by file or package | s | share |");
      L.push("|---|---|---|");
      for (const [f, us] of x.summary.byFile.filter(([f]) => f !== "(idle)").slice(0, 20)) {
        L.push(`| ${f} | ${num(us / 1e6)} | ${((100 * us) / total).toFixed(1)}% |`);
      }
      L.push("");
      L.push("| self time by function | s |");
      L.push("|---|---|");
      for (const [fn, us] of x.summary.byFunction.filter(([f]) => f !== "(idle)").slice(0, 20)) {
        L.push(`| \`${fn.replace(/\|/g, "\\|")}\` | ${num(us / 1e6)} |`);
      }
      L.push("");
      L.push("| the generator's stages: time with callees (inclusive), src/ functions and packages | s | share |");
      L.push("|---|---|---|");
      const stages = x.summary.inclusiveByFunction.filter(([f]) => /\(src\//.test(f)).slice(0, 20);
      const packages = x.summary.inclusiveByFile.filter(([f]) => f.startsWith("node_modules/")).slice(0, 6);
      for (const [fn, us] of [...stages, ...packages]) {
        L.push(`| \`${fn.replace(/\|/g, "\\|")}\` | ${num(us / 1e6)} | ${((100 * us) / total).toFixed(1)}% |`);
      }
      L.push("");
    }
  }
}
