// What-if for the browser bundle target (not part of `npm run bench`): the min+gzip size of
// "client + createRoom" as generated today, and with the changes bench/FINDINGS.md proposes,
// emulated at bundle time with esbuild:
//   - per-operation entry: `ClientCore` + `schemas.CreateRoomOperation` only (what a generated
//     standalone `createRoom(client, input)` function or a v3-style command would pull in);
//   - request compression and Content-MD5 left out (IVS Chat has neither requestCompression nor
//     httpChecksumRequired, but templates/runtime/protocols/rest-json.ts imports both);
//   - input validation left out (validateInput: false at build time).
// Run after `npm run bench` (or `node bench/prepare.mjs`): node bench/experiments/bundle-what-if.mjs
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { GEN, ROOT, WORK } from "../lib/common.mjs";

const dir = join(WORK, "bundle-what-if");
mkdirSync(dir, { recursive: true });
const src = (f) => JSON.stringify(join(GEN, "src", f));
writeFileSync(
  join(dir, "class.mjs"),
  `import { IvschatClient } from ${src("index.ts")};\nexport const createRoom = (input) => new IvschatClient({ region: "us-west-2" }).createRoom(input);\n`,
);
writeFileSync(
  join(dir, "per-op.mjs"),
  `import * as rt from ${src("runtime/index.ts")};\nimport * as schemas from ${src("schemas.ts")};\n` +
    `import { IvschatServiceException } from ${src("errors.ts")};\n` +
    `export const createRoom = (input) => new rt.ClientCore(schemas.service, { region: "us-west-2" }, IvschatServiceException).send(schemas.CreateRoomOperation, input);\n`,
);

const STUBS = {
  compression: ["runtime/protocols/http-request-compression.ts", "export const compressRequestBody = (b) => b;"],
  md5: ["runtime/protocols/http-content-md5.ts", "export const contentMd5 = () => { throw new Error('unused'); };"],
  validate: ["runtime/validate.ts", "export const validateInput = () => [];"],
};
const stub = (names) => ({
  name: "stub",
  setup(b) {
    b.onLoad({ filter: /\.ts$/ }, (args) => {
      const hit = names.map((n) => STUBS[n]).find(([file]) => args.path.endsWith(`/src/${file}`));
      return hit ? { contents: hit[1], loader: "js" } : undefined;
    });
  },
});

async function size(entry, stubs = []) {
  const r = await build({
    entryPoints: [join(dir, entry)],
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
  ["as generated: IvschatClient + createRoom", "class.mjs", []],
  ["IvschatClient, without compression and Content-MD5", "class.mjs", ["compression", "md5"]],
  ["per-operation: ClientCore + CreateRoomOperation", "per-op.mjs", []],
  ["per-operation, without compression and Content-MD5", "per-op.mjs", ["compression", "md5"]],
  ["per-operation, without compression, Content-MD5 and validation", "per-op.mjs", ["compression", "md5", "validate"]],
];
console.log("| browser bundle, client + createRoom | min | min+gzip |");
console.log("|---|---|---|");
for (const [label, entry, stubs] of rows) {
  const s = await size(entry, stubs);
  console.log(`| ${label} | ${s.min.toLocaleString("en-US")} B | ${s.gzip.toLocaleString("en-US")} B |`);
}
