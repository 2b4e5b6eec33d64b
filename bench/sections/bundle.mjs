// 3. Bundle size, minified and gzipped (-9), with esbuild for the browser and for Node:
//    "client + createRoom" and "client + all 17 operations", generated client and v3.
//    Builds are deterministic, so each is built once; the metafile says which files the bytes
//    come from.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
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
  const v3One =
    `import { IvschatClient, CreateRoomCommand } from "@aws-sdk/client-ivschat";\n` +
    `export function createRoom(input) {\n  return new IvschatClient({ region: "${REGION}" }).send(new CreateRoomCommand(input));\n}\n`;
  const v3All =
    `import { IvschatClient, ${ops.map((op) => `${op}Command`).join(", ")} } from "@aws-sdk/client-ivschat";\n` +
    `export function all(input) {\n  const client = new IvschatClient({ region: "${REGION}" });\n` +
    `  return [\n${ops.map((op) => `    client.send(new ${op}Command(input)),`).join("\n")}\n  ];\n}\n`;
  return { ops, genOne, genAll, v3One, v3All };
}

/** The bundles: [client, scope, platform, entry source]. Node builds of the generated client use its Node entry. */
function cases() {
  const { ops, genOne, genAll, v3One, v3All } = entries();
  return {
    ops,
    list: [
      ["gen", "createRoom", "browser", genOne("index.ts")],
      ["gen", "all", "browser", genAll("index.ts")],
      ["v3", "createRoom", "browser", v3One],
      ["v3", "all", "browser", v3All],
      ["gen", "createRoom", "node", genOne("node.ts")],
      ["gen", "all", "node", genAll("node.ts")],
      ["v3", "createRoom", "node", v3One],
      ["v3", "all", "node", v3All],
    ],
  };
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
  const { ops, list } = cases();
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
  return { ops, bundles: out };
}
