// 3. Bundle size, minified and gzipped (-9), with esbuild for the browser and for Node:
//    "client + createRoom" and "client + all 17 operations", generated client and v3.
//    Builds are deterministic, so each is built once; the metafile says which files the bytes
//    come from.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { GEN, ROOT, WORK } from "../lib/common.mjs";

const REGION = "us-west-2";

function operations() {
  const model = JSON.parse(readFileSync(join(ROOT, "models/ivschat.json"), "utf8"));
  return Object.keys(model.operations).sort();
}
const method = (op) => op[0].toLowerCase() + op.slice(1);

function entries() {
  const ops = operations();
  const gen = (file) => JSON.stringify(join(GEN, "src", file));
  const genAll = (file) =>
    `import { IvschatClient } from ${gen(file)};\n` +
    `export function all(input) {\n  const client = new IvschatClient({ region: "${REGION}" });\n` +
    `  return [\n${ops.map((op) => `    client.${method(op)}(input),`).join("\n")}\n  ];\n}\n`;
  const genOne = (file) =>
    `import { IvschatClient } from ${gen(file)};\n` +
    `export function createRoom(input) {\n  return new IvschatClient({ region: "${REGION}" }).createRoom(input);\n}\n`;
  // The per-operation functions (src/operations.ts) with the method-less IvschatBaseClient: the
  // tree-shakable way to call one operation, where the generated package has it.
  const modularOne = (file) =>
    `import { IvschatBaseClient, createRoom } from ${gen(file)};\n` +
    `export function run(input) {\n  return createRoom(new IvschatBaseClient({ region: "${REGION}" }), input);\n}\n`;
  const modularAll = (file) =>
    `import { IvschatBaseClient, ${ops.map(method).join(", ")} } from ${gen(file)};\n` +
    `export function all(input) {\n  const client = new IvschatBaseClient({ region: "${REGION}" });\n` +
    `  return [\n${ops.map((op) => `    ${method(op)}(client, input),`).join("\n")}\n  ];\n}\n`;
  const v3One =
    `import { IvschatClient, CreateRoomCommand } from "@aws-sdk/client-ivschat";\n` +
    `export function createRoom(input) {\n  return new IvschatClient({ region: "${REGION}" }).send(new CreateRoomCommand(input));\n}\n`;
  const v3All =
    `import { IvschatClient, ${ops.map((op) => `${op}Command`).join(", ")} } from "@aws-sdk/client-ivschat";\n` +
    `export function all(input) {\n  const client = new IvschatClient({ region: "${REGION}" });\n` +
    `  return [\n${ops.map((op) => `    client.send(new ${op}Command(input)),`).join("\n")}\n  ];\n}\n`;
  return { ops, genOne, genAll, modularOne, modularAll, v3One, v3All };
}

/** The bundles: [client, scope, platform, entry source]. Node builds of the generated client use its Node entry. */
function cases() {
  const { ops, genOne, genAll, modularOne, modularAll, v3One, v3All } = entries();
  const modular = hasModularApi();
  const list = [];
  for (const [platform, file] of [["browser", "index.ts"], ["node", "node.ts"]]) {
    list.push(["gen", "createRoom", platform, genOne(file)], ["gen", "all", platform, genAll(file)]);
    if (modular) list.push(["modular", "createRoom", platform, modularOne(file)], ["modular", "all", platform, modularAll(file)]);
    list.push(["v3", "createRoom", platform, v3One], ["v3", "all", platform, v3All]);
  }
  return { ops, list, modular };
}

/** Whether the generated package has per-operation functions and IvschatBaseClient. */
export function hasModularApi() {
  const file = join(GEN, "src/operations.ts");
  return existsSync(file) && /export function createRoom\(/.test(readFileSync(file, "utf8")) &&
    /\bIvschatBaseClient\b/.test(readFileSync(join(GEN, "src/index.ts"), "utf8"));
}

function group(input) {
  const nm = input.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
  if (nm) return nm[1];
  if (input.startsWith(GEN_REL)) return `src/${input.slice(GEN_REL.length)}`;
  return input;
}
const GEN_REL = `${relative(ROOT, join(GEN, "src"))}/`;

export async function benchBundles(log) {
  const dir = join(WORK, "bundles");
  mkdirSync(dir, { recursive: true });
  const { ops, list, modular } = cases();
  const out = {};
  for (const [client, scope, platform, source] of list) {
    const name = `${client}-${scope}-${platform}`;
    const entry = join(dir, `${name}.mjs`);
    writeFileSync(entry, source);
    const result = await build({
      entryPoints: [entry],
      absWorkingDir: ROOT,
      bundle: true,
      minify: true,
      format: "esm",
      target: "es2022",
      platform,
      // ESM builds of v3 (dist-es) for Node too: the tree-shakable ones, v3's best case.
      mainFields: platform === "node" ? ["module", "main"] : ["browser", "module", "main"],
      write: false,
      metafile: true,
      logLevel: "silent",
    });
    const file = result.outputFiles[0];
    writeFileSync(join(dir, `${name}.min.js`), file.contents);
    const inputs = Object.values(result.metafile.outputs)[0].inputs;
    const groups = new Map();
    for (const [input, { bytesInOutput }] of Object.entries(inputs)) {
      groups.set(group(input), (groups.get(group(input)) ?? 0) + bytesInOutput);
    }
    out[name] = {
      client,
      scope,
      platform,
      minified: file.contents.length,
      gzip: gzipSync(file.contents, { level: 9 }).length,
      files: Object.keys(inputs).length,
      groups: [...groups.entries()].sort((a, b) => b[1] - a[1]),
    };
    log(`  bundle ${name}: ${out[name].minified} B min, ${out[name].gzip} B min+gzip`);
  }
  return { ops, modular, bundles: out };
}
