// 4. Cold start and import time.
//    Cold start: from just before spawning `node bench/cold-start.mjs <variant>` to the moment the
//    local server (another process) receives its signed CreateRoom; both ends read
//    process.hrtime (CLOCK_MONOTONIC, one clock for the whole machine).
//    Import time: wall time of `node -e "import(<package>)"` minus that of a `node -e ""` run
//    just before it.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { build } from "esbuild";
import { pathToFileURL } from "node:url";
import { BENCH, GEN, GEN_DIST, ROOT, SETTINGS, WORK } from "../lib/common.mjs";
import { run, startServer } from "../lib/proc.mjs";
import { summarize } from "../lib/stats.mjs";

export const COLD_VARIANTS = {
  "gen-fetch": "generated client, global fetch",
  "gen-node": "generated client (./node entry), nodeHttpFetch()",
  v3: "@aws-sdk/client-ivschat (v3)",
  aws4fetch: "aws4fetch + global fetch",
  fetch: "unsigned global fetch",
  http: "unsigned node:http",
};

export const IMPORTS = {
  "gen-index": { label: "generated package, main entry (index.js)", specifier: pathToFileURL(join(GEN_DIST, "index.js")).href },
  "gen-node": { label: "generated package, ./node entry (node.js)", specifier: pathToFileURL(join(GEN_DIST, "node.js")).href },
  v3: { label: "@aws-sdk/client-ivschat (v3)", specifier: "@aws-sdk/client-ivschat" },
  aws4fetch: { label: "aws4fetch", specifier: "aws4fetch" },
  empty: { label: "an empty ESM file (the cost of any import from `node -e`)", specifier: pathToFileURL(join(WORK, "imports/empty.mjs")).href, info: true },
  "gen-bundled": {
    label: "generated package, main entry as one file without the shared chunk (reference)",
    specifier: pathToFileURL(join(WORK, "imports/gen-index.bundle.mjs")).href,
    info: true,
  },
};

/** The informational import cases: an empty module, and the generated package as one file. */
async function prepareImports() {
  mkdirSync(join(WORK, "imports"), { recursive: true });
  writeFileSync(join(WORK, "imports/empty.mjs"), "export {};\n");
  await build({
    entryPoints: [join(GEN, "src/index.ts")],
    outfile: join(WORK, "imports/gen-index.bundle.mjs"),
    bundle: true,
    format: "esm",
    platform: "neutral",
    target: "es2022",
    logLevel: "silent",
  });
}

export async function benchCold(log) {
  await prepareImports();
  const server = await startServer(join(BENCH, "server.mjs"));
  const endpoint = `http://127.0.0.1:${server.port}`;
  const genDist = pathToFileURL(GEN_DIST).href;
  const cold = {};
  const imports = {};
  try {
    for (let rep = 0; rep < SETTINGS.coldReps; rep++) {
      for (const variant of Object.keys(COLD_VARIANTS)) {
        await server.request({ type: "arm" });
        const r = await run(process.execPath, [join(BENCH, "cold-start.mjs"), variant, endpoint, genDist], {
          cwd: ROOT,
          timeoutMs: 30_000,
        });
        if (r.code !== 0) throw new Error(`cold start ${variant} failed (${r.code}):\n${r.stderr}`);
        const { t } = await server.request({ type: "hit" });
        if (t === null) throw new Error(`cold start ${variant}: the server saw no request`);
        (cold[variant] ??= []).push(Number(BigInt(t) - r.t0) / 1e6);
      }
      for (const [name, { specifier }] of Object.entries(IMPORTS)) {
        // Paired with a bare `node -e ""` run just before, so load changes on a shared machine cancel out.
        const bare = await run(process.execPath, ["-e", ""], { cwd: ROOT, timeoutMs: 30_000 });
        const r = await run(process.execPath, ["-e", `import(${JSON.stringify(specifier)})`], { cwd: ROOT, timeoutMs: 30_000 });
        if (r.code !== 0) throw new Error(`import ${specifier} failed:\n${r.stderr}`);
        (imports[name] ??= []).push({ total: r.ms, bare: bare.ms });
      }
      log(
        `  cold rep ${rep + 1}/${SETTINGS.coldReps}: ` +
          Object.keys(COLD_VARIANTS)
            .map((v) => `${v} ${cold[v].at(-1).toFixed(0)} ms`)
            .join(", ") +
          `; import ${Object.keys(IMPORTS)
            .map((n) => `${n} +${(imports[n].at(-1).total - imports[n].at(-1).bare).toFixed(0)} ms`)
            .join(", ")}`,
      );
    }
  } finally {
    server.stop();
  }
  const out = { cold: {}, imports: {} };
  for (const [v, ms] of Object.entries(cold)) out.cold[v] = summarize(ms);
  for (const [n, list] of Object.entries(imports)) {
    out.imports[n] = {
      added: summarize(list.map((x) => x.total - x.bare)),
      total: summarize(list.map((x) => x.total)),
      bare: summarize(list.map((x) => x.bare)),
    };
  }
  return out;
}
