// What-if for the import-time target (not part of `npm run bench`): the time `import()` of the
// generated package adds to a bare `node -e ""`, as built by tsc today (one module per file),
// bundled into one ESM file, and bundled with node:crypto loaded at the first signature instead
// of at import (templates/runtime/hash.ts: `const builtinCrypto = loadNodeCrypto()`).
// Run after `npm run bench` (or `node bench/prepare.mjs`): node bench/experiments/import-what-if.mjs
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";
import { GEN, GEN_DIST, ROOT, WORK } from "../lib/common.mjs";
import { run } from "../lib/proc.mjs";
import { summarize, num, ratio } from "../lib/stats.mjs";

const dir = join(WORK, "import-what-if");
mkdirSync(dir, { recursive: true });
const bundle = (outfile, plugins = []) =>
  build({
    entryPoints: [join(GEN, "src/index.ts")],
    outfile: join(dir, outfile),
    bundle: true,
    format: "esm",
    platform: "neutral",
    target: "es2022",
    logLevel: "silent",
    plugins,
  });
const EAGER = "const builtinCrypto: NodeCrypto | undefined = loadNodeCrypto();";
const lazyCrypto = {
  name: "lazy-crypto",
  setup(b) {
    b.onLoad({ filter: /runtime\/hash\.ts$/ }, (args) => {
      const text = readFileSync(args.path, "utf8");
      if (!text.includes(EAGER)) throw new Error(`${args.path}: no eager node:crypto load to patch`);
      return {
        loader: "ts",
        contents: text
          .replace(EAGER, "let builtinCrypto: NodeCrypto | undefined | null = null;")
          .replace(
            "return nodeCryptoEnabled ? builtinCrypto : undefined;",
            "if (!nodeCryptoEnabled) return undefined;\n  if (builtinCrypto === null) builtinCrypto = loadNodeCrypto();\n  return builtinCrypto;",
          ),
      };
    });
  },
};
await bundle("bundled.mjs");
await bundle("bundled-lazy-crypto.mjs", [lazyCrypto]);

const CASES = {
  "tsc build, main entry (as shipped)": pathToFileURL(join(GEN_DIST, "index.js")).href,
  "one-file bundle": pathToFileURL(join(dir, "bundled.mjs")).href,
  "one-file bundle, node:crypto loaded lazily": pathToFileURL(join(dir, "bundled-lazy-crypto.mjs")).href,
  "@aws-sdk/client-ivschat (v3)": "@aws-sdk/client-ivschat",
};
const REPS = Number(process.env.BENCH_REPS ?? 11);
const added = {};
for (let rep = 0; rep < REPS; rep++) {
  for (const [label, spec] of Object.entries(CASES)) {
    const bare = await run(process.execPath, ["-e", ""], { cwd: ROOT }); // paired: right before
    const r = await run(process.execPath, ["-e", `import(${JSON.stringify(spec)})`], { cwd: ROOT });
    if (r.code !== 0) throw new Error(`${label}: ${r.stderr}`);
    (added[label] ??= []).push(r.ms - bare.ms);
  }
}
const v3 = summarize(added["@aws-sdk/client-ivschat (v3)"]).median;
console.log(`| import | ms added to bare \`node -e\`, median (min–max) of ${REPS} | × v3 |`);
console.log("|---|---|---|");
for (const [label, list] of Object.entries(added)) {
  const s = summarize(list);
  console.log(`| ${label} | ${num(s.median)} (${num(s.min)}–${num(s.max)}) | ${ratio(s.median, v3)} |`);
}
