// What-if for the browser bundle target (not part of `npm run bench`): the min+gzip size of
// "client + createRoom" with the generated per-operation function (`createRoom(new
// IvschatBaseClient(…), input)`), and how far leaving whole runtime features out would take it,
// emulated at bundle time by replacing a runtime file with a stub that keeps its exports:
//   - input validation (runtime/validate.ts);
//   - retries and their quota (runtime/retry.ts: one attempt, no backoff);
//   - redaction for the logger (runtime/redact.ts);
//   - the node:crypto path of the signer (runtime/hash.ts keeps WebCrypto only).
// What remains is the generic schema-driven rest-json runtime and SigV4.
// Run after `npm run bench` (or `node bench/prepare.mjs`): node bench/experiments/bundle-what-if.mjs
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { GEN, ROOT, WORK } from "../lib/common.mjs";

const dir = join(WORK, "bundle-what-if");
mkdirSync(dir, { recursive: true });
const src = (f) => JSON.stringify(join(GEN, "src", f));
writeFileSync(
  join(dir, "per-op.mjs"),
  `import { IvschatBaseClient, createRoom } from ${src("index.ts")};\n` +
    `export const run = (input) => createRoom(new IvschatBaseClient({ region: "us-west-2" }), input);\n`,
);

const STUBS = {
  validate: ["runtime/validate.ts", "export const validateInput = () => [];"],
  retry: [
    "runtime/retry.ts",
    "export const CLOCK_SKEW_CODES = new Set(); export const isRetryable = () => false; export const isThrottling = () => false;" +
      "export class RetryQuota { acquire() { return undefined; } release() {} } export const backoffDelay = () => 0;" +
      "export const sleep = () => Promise.resolve();",
  ],
  redact: ["runtime/redact.ts", "export const REDACTED = ''; export const redact = () => undefined;"],
  nodeCrypto: ["runtime/hash.ts", null], // built from the file: the Node branch removed
};

function hashWebOnly(path) {
  const text = readFileSync(path, "utf8");
  const eager = /const builtinCrypto: NodeCrypto \| undefined = loadNodeCrypto\(\);/;
  if (!eager.test(text)) throw new Error(`${path}: no node:crypto loading to remove`);
  return text.replace(eager, "const builtinCrypto: NodeCrypto | undefined = undefined;");
}

const stub = (names) => ({
  name: "stub",
  setup(b) {
    b.onLoad({ filter: /\.ts$/ }, (args) => {
      for (const n of names) {
        const [file, contents] = STUBS[n];
        if (!args.path.endsWith(`/src/${file}`)) continue;
        return contents === null ? { contents: hashWebOnly(args.path), loader: "ts" } : { contents, loader: "js" };
      }
      return undefined;
    });
  },
});

async function size(stubs) {
  const r = await build({
    entryPoints: [join(dir, "per-op.mjs")],
    absWorkingDir: ROOT,
    bundle: true,
    minify: true,
    format: "esm",
    target: "es2022",
    platform: "browser",
    write: false,
    logLevel: "silent",
    plugins: [stub(stubs)],
  });
  const c = r.outputFiles[0].contents;
  return { min: c.length, gzip: gzipSync(c, { level: 9 }).length };
}

const rows = [
  ["per-operation createRoom, as generated", []],
  ["… without validation", ["validate"]],
  ["… without validation and retries", ["validate", "retry"]],
  ["… without validation, retries and log redaction", ["validate", "retry", "redact"]],
  ["… and WebCrypto only (no node:crypto branch)", ["validate", "retry", "redact", "nodeCrypto"]],
];
console.log("| browser bundle, client + createRoom | min | min+gzip |");
console.log("|---|---|---|");
for (const [label, stubs] of rows) {
  const s = await size(stubs);
  console.log(`| ${label} | ${s.min.toLocaleString("en-US")} B | ${s.gzip.toLocaleString("en-US")} B |`);
}
