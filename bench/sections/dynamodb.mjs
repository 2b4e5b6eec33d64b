// 7. DynamoDB (AWS JSON 1.0): the generated client against @aws-sdk/client-dynamodb. The browser
//    bundle of a client + getItem (min+gzip), and client CPU per getItem against
//    bench/dynamodb-server.mjs, one call at a time and 16 at a time, in fresh worker processes
//    with the contenders' order rotating, as section 1 does for IVS Chat.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { BENCH, DDB, DDB_DIST, DDB_MODEL, ROOT, SETTINGS, WORK } from "../lib/common.mjs";
import { DDB_VARIANTS } from "../lib/clients.mjs";
import { forkForResult, startServer } from "../lib/proc.mjs";
import { summarize } from "../lib/stats.mjs";
import { preparePackage } from "../prepare.mjs";
import { CONCURRENCY } from "./calls.mjs";

const REGION = "us-west-2";

/** The bundles: name → entry source. */
function bundleEntries() {
  const src = JSON.stringify(join(DDB, "src/index.ts"));
  return {
    modular:
      `import { DynamoDBBaseClient, getItem } from ${src};\n` +
      `export function run(input) {\n  return getItem(new DynamoDBBaseClient({ region: "${REGION}" }), input);\n}\n`,
    gen:
      `import { DynamoDBClient } from ${src};\n` +
      `export function run(input) {\n  return new DynamoDBClient({ region: "${REGION}" }).getItem(input);\n}\n`,
    v3:
      `import { DynamoDBClient, GetItemCommand } from "@aws-sdk/client-dynamodb";\n` +
      `export function run(input) {\n  return new DynamoDBClient({ region: "${REGION}" }).send(new GetItemCommand(input));\n}\n`,
  };
}

async function bundles(log) {
  const dir = join(WORK, "bundles");
  mkdirSync(dir, { recursive: true });
  const out = {};
  for (const [name, source] of Object.entries(bundleEntries())) {
    const entry = join(dir, `dynamodb-${name}-getItem-browser.mjs`);
    writeFileSync(entry, source);
    const result = await build({
      entryPoints: [entry],
      absWorkingDir: ROOT,
      bundle: true,
      minify: true,
      format: "esm",
      target: "es2022",
      platform: "browser",
      mainFields: ["browser", "module", "main"],
      write: false,
      logLevel: "silent",
    });
    const file = result.outputFiles[0];
    out[name] = { minified: file.contents.length, gzip: gzipSync(file.contents, { level: 9 }).length };
    log(`  dynamodb bundle ${name} + getItem: ${out[name].minified} B min, ${out[name].gzip} B min+gzip`);
  }
  return out;
}

async function calls(log) {
  const server = await startServer(join(BENCH, "dynamodb-server.mjs"));
  const endpoint = `http://127.0.0.1:${server.port}`;
  const variants = Object.keys(DDB_VARIANTS);
  const raw = {};
  try {
    for (let rep = 0; rep < SETTINGS.reps; rep++) {
      for (const concurrency of CONCURRENCY) {
        const k = rep % variants.length;
        for (const variant of [...variants.slice(k), ...variants.slice(0, k)]) {
          const result = await forkForResult(
            join(BENCH, "calls-worker.mjs"),
            [variant, String(concurrency), endpoint, JSON.stringify(SETTINGS.calls)],
            { execArgv: ["--expose-gc"], timeoutMs: 120_000 },
          );
          const counts = await server.request({ type: "counts" });
          if (counts.other !== 0 || counts.unsigned !== 0 || counts.signed < result.calls) {
            throw new Error(`${variant}: the server saw ${JSON.stringify(counts)} for ${result.calls} measured calls`);
          }
          (raw[`${variant}@${concurrency}`] ??= []).push(result);
          log(`  dynamodb rep ${rep + 1}/${SETTINGS.reps} c=${concurrency} ${variant}: ${result.cpuUsPerCall.toFixed(0)} µs/call, ${result.callsPerSec.toFixed(0)} calls/s`);
        }
      }
    }
  } finally {
    server.stop();
  }
  return Object.fromEntries(
    Object.entries(raw).map(([key, results]) => [
      key,
      { cpu: summarize(results.map((r) => r.cpuUsPerCall)), rate: summarize(results.map((r) => r.callsPerSec)) },
    ]),
  );
}

export async function benchDynamoDb(log) {
  await preparePackage(DDB_MODEL, DDB, DDB_DIST, log);
  return { bundles: await bundles(log), calls: await calls(log) };
}
