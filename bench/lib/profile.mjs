// Reads V8 CPU profiles (.cpuprofile: `node --cpu-prof`, or the inspector's Profiler) and says
// where the time went: self time per file and per function, mapped through source maps to the
// TypeScript line when the JS has a `.js.map` beside it.
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { relative } from "node:path";

const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const B64_INDEX = new Map([...B64].map((c, i) => [c, i]));

/** Decodes a source map's `mappings` into, per generated line, [column, source, line] triples. */
function decodeMappings(mappings) {
  const lines = [];
  let source = 0;
  let srcLine = 0;
  let srcCol = 0;
  for (const lineText of mappings.split(";")) {
    const segments = [];
    let col = 0;
    for (const seg of lineText.split(",")) {
      if (seg === "") continue;
      const values = [];
      let value = 0;
      let shift = 0;
      for (const c of seg) {
        const digit = B64_INDEX.get(c);
        value += (digit & 31) << shift;
        if (digit & 32) shift += 5;
        else {
          values.push(value & 1 ? -(value >>> 1) : value >>> 1);
          value = 0;
          shift = 0;
        }
      }
      col += values[0];
      if (values.length >= 4) {
        source += values[1];
        srcLine += values[2];
        srcCol += values[3];
        segments.push([col, source, srcLine]);
      }
    }
    lines.push(segments);
  }
  return lines;
}

const maps = new Map();

function sourceMapFor(file) {
  if (maps.has(file)) return maps.get(file);
  let map = null;
  const mapFile = `${file}.map`;
  if (existsSync(mapFile)) {
    const raw = JSON.parse(readFileSync(mapFile, "utf8"));
    const base = new URL(raw.sourceRoot || ".", `file://${file}`);
    map = { sources: raw.sources.map((s) => fileURLToPath(new URL(s, base))), lines: decodeMappings(raw.mappings) };
  }
  maps.set(file, map);
  return map;
}

/** file + 0-based line/column of JS → { file, line } (1-based) of the original source when mapped. */
export function originalPosition(file, line, column) {
  const map = sourceMapFor(file);
  const segments = map?.lines[line];
  if (!segments || segments.length === 0) return { file, line: line + 1 };
  let best = segments[0];
  for (const s of segments) if (s[0] <= column) best = s;
  return { file: map.sources[best[1]], line: best[2] + 1 };
}

/** Self time per profile node, in microseconds. */
function selfTimes(profile) {
  const self = new Map();
  const { samples, timeDeltas } = profile;
  for (let i = 0; i < samples.length; i++) {
    const dt = timeDeltas[i + 1] ?? 0; // the time until the next sample belongs to this one
    self.set(samples[i], (self.get(samples[i]) ?? 0) + dt);
  }
  return self;
}

/**
 * Summarizes a profile: total sampled µs, and self time grouped by file and by function
 * (`name (file:line)`), sorted by time. `label` turns an absolute source path into a display
 * path, or `locate(path, line)` turns both into the { file, line } to show; `group` picks the
 * file-level group (default: the file, or the package for node_modules).
 */
export function summarizeProfile(path, { label = (p) => p, locate, group = defaultGroup } = {}) {
  const profile = JSON.parse(readFileSync(path, "utf8"));
  const self = selfTimes(profile);
  const info = new Map(); // node id → { group, fn, parent }
  for (const node of profile.nodes) {
    const { url, functionName, lineNumber, columnNumber } = node.callFrame;
    let where = url;
    let line = lineNumber + 1;
    if (url.startsWith("file://")) {
      const pos = originalPosition(fileURLToPath(url), lineNumber, columnNumber);
      const located = locate ? locate(pos.file, pos.line) : { file: label(pos.file), line: pos.line };
      where = located.file;
      line = located.line;
    }
    const fn = where ? `${functionName || "(anonymous)"} (${where}:${line})` : functionName;
    info.set(node.id, { group: group(where, functionName), fn, parent: undefined });
  }
  for (const node of profile.nodes) for (const child of node.children ?? []) info.get(child).parent = node.id;

  const byFile = new Map();
  const byFunction = new Map();
  const inclusiveFile = new Map();
  const inclusiveFunction = new Map();
  let total = 0;
  for (const [id, us] of self) {
    if (us === 0) continue;
    const { group: g, fn } = info.get(id);
    total += us;
    byFile.set(g, (byFile.get(g) ?? 0) + us);
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + us);
    // Inclusive: every file and function on the stack, each counted once per sample.
    const files = new Set();
    const fns = new Set();
    for (let n = id; n !== undefined; n = info.get(n).parent) {
      files.add(info.get(n).group);
      fns.add(info.get(n).fn);
    }
    for (const f of files) inclusiveFile.set(f, (inclusiveFile.get(f) ?? 0) + us);
    for (const f of fns) inclusiveFunction.set(f, (inclusiveFunction.get(f) ?? 0) + us);
  }
  const sorted = (m) => [...m.entries()].sort((a, b) => b[1] - a[1]);
  return {
    total,
    byFile: sorted(byFile),
    byFunction: sorted(byFunction),
    inclusiveByFile: sorted(inclusiveFile),
    inclusiveByFunction: sorted(inclusiveFunction),
  };
}

function defaultGroup(where, functionName) {
  if (!where) return functionName; // (garbage collector), (program), (idle)
  const nm = where.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
  if (nm) return `node_modules/${nm[1]}`;
  if (where.startsWith("node:internal/deps/undici")) return "node:internal/deps/undici (fetch)";
  if (where.startsWith("node:")) return where;
  return where;
}

export const relativeTo = (root) => (p) => (p.startsWith("/") ? relative(root, p) : p);

/**
 * Display places for this repo: the generated package's runtime files are copies of
 * templates/runtime/ plus a 2-line header, so they are shown as the template file and line.
 */
export function repoLocator(root, genSrc) {
  const rel = relativeTo(root);
  const runtime = `${genSrc}/runtime/`;
  return (file, line) => {
    if (file.startsWith(runtime)) return { file: `templates/runtime/${file.slice(runtime.length)}`, line: line - 2 };
    if (file.startsWith(`${genSrc}/`)) return { file: `generated/ivschat/src/${file.slice(genSrc.length + 1)}`, line };
    return { file: rel(file), line };
  };
}
