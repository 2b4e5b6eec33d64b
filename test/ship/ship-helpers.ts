// Helpers for the "ship it" tests: run npm, node and tsc as a user would, in temporary folders,
// without the network. npm's packages come from its cache, which `npm ci` of this repo fills.

import { spawnSync, type SpawnSyncOptions } from "node:child_process";
import { createHash } from "node:crypto";
import { readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { REPO_ROOT, tempDir as makeTempDir } from "../helpers.js";

export { REPO_ROOT };

const created: string[] = [];

/** A fresh temporary folder, removed by `removeTempDirs()` (kept when SHIP_KEEP_TMP=1, to look into). */
export function tempDir(prefix: string): string {
  const dir = makeTempDir(prefix);
  created.push(dir);
  return dir;
}

/** Removes the folders `tempDir` made in this test file (installed node_modules take tens of MB). */
export function removeTempDirs(): void {
  if (process.env["SHIP_KEEP_TMP"] === "1") return;
  // rmSync does not follow symbolic links: a node_modules link into this repo is unlinked, not emptied.
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export const MODEL = join(REPO_ROOT, "models/ivschat.json");
export const TSC = join(REPO_ROOT, "node_modules/typescript/bin/tsc");
export const NODE_TYPE_ROOTS = join(REPO_ROOT, "node_modules/@types");

/**
 * The environment of a child npm/node: ours without what `npm test` put there for its own run
 * (npm_package_*, npm_lifecycle_*, npm_config_local_prefix, ...), which would make a nested npm
 * think it works in this repo, and without AWS_* settings that would leak into client defaults.
 * npm's cache and config file locations are kept: the offline installs read that cache.
 */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const keep = new Set(["npm_config_cache", "npm_config_userconfig", "npm_config_globalconfig", "npm_config_cafile"]);
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^npm_/i.test(key) && !keep.has(key.toLowerCase())) continue;
    if (/^(INIT_CWD|AWS_.*|NODE_OPTIONS)$/.test(key)) continue;
    env[key] = value;
  }
  return { ...env, NO_UPDATE_NOTIFIER: "1", npm_config_update_notifier: "false", ...extra };
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a command to completion; never throws (check `code`). */
export function run(command: string, args: string[], options: SpawnSyncOptions & { env?: NodeJS.ProcessEnv } = {}): RunResult {
  const result = spawnSync(command, args, {
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
    timeout: 300_000,
    ...options,
    env: options.env ?? cleanEnv(),
  });
  if (result.error) throw result.error;
  return { code: result.status ?? -1, stdout: String(result.stdout), stderr: String(result.stderr) };
}

/** Like `run`, but throws with the whole output unless the command exits 0. */
export function runOk(command: string, args: string[], options: SpawnSyncOptions & { env?: NodeJS.ProcessEnv } = {}): RunResult {
  const result = run(command, args, options);
  if (result.code !== 0) {
    throw new Error(`${command} ${args.join(" ")} (in ${String(options.cwd ?? ".")}) exited ${result.code}\n${result.stdout}\n${result.stderr}`);
  }
  return result;
}

/** `npm <args>` in `cwd`, never reaching the network for packages. */
export function npm(args: string[], cwd: string, env?: NodeJS.ProcessEnv): RunResult {
  return runOk("npm", args, { cwd, env: env ?? cleanEnv() });
}

/** `npm install --offline --no-audit --no-fund <args>` in `cwd`: only for packages without dependencies. */
export function npmInstallOffline(args: string[], cwd: string): RunResult {
  return npm(["install", "--offline", "--no-audit", "--no-fund", ...args], cwd);
}

type LockEntry = Record<string, unknown> & { dependencies?: Record<string, string>; optionalDependencies?: Record<string, string> };

/**
 * Installs the project in `cwd` offline from a package-lock.json written for it out of this
 * repository's lock: `npm ci` of this repo cached exactly those tarballs (by integrity), while
 * resolving versions afresh would need registry metadata the cache does not hold. `dependencies`
 * are the project's own (name → spec, as its package.json has them; each must be in this repo's
 * lock at that version, or be given in `local` as a lock entry, e.g. a packed tarball).
 */
export function npmCiFromRepoLock(cwd: string, local: Record<string, LockEntry> = {}): RunResult {
  const repoLock = JSON.parse(readFileSync(join(REPO_ROOT, "package-lock.json"), "utf8")) as { packages: Record<string, LockEntry> };
  const manifest = JSON.parse(readFileSync(join(cwd, "package.json"), "utf8")) as Record<string, unknown> & {
    dependencies?: Record<string, string>;
    devDependencies?: Record<string, string>;
  };
  const packages: Record<string, LockEntry> = {};
  const entryAt = (path: string): LockEntry | undefined => local[path] ?? repoLock.packages[path];
  // Node's lookup: <from>/node_modules/<name>, then each parent's node_modules, up to the top.
  const resolveFrom = (from: string, name: string): string => {
    for (let dir = from; ; dir = dir.slice(0, Math.max(0, dir.lastIndexOf("/node_modules/")))) {
      const path = `${dir ? `${dir}/` : ""}node_modules/${name}`;
      if (entryAt(path)) return path;
      if (dir === "") throw new Error(`${name} (needed by ${from || "the project"}) is not in this repository's package-lock.json`);
    }
  };
  const visit = (from: string, deps: Record<string, string>, optional: boolean): void => {
    for (const name of Object.keys(deps)) {
      let path: string;
      try {
        path = resolveFrom(from, name);
      } catch (e) {
        if (optional) continue; // another platform's optional binary
        throw e;
      }
      if (packages[path]) continue;
      const entry = entryAt(path)!;
      packages[path] = entry;
      visit(path, entry.dependencies ?? {}, false);
      visit(path, entry.optionalDependencies ?? {}, true);
    }
  };
  visit("", { ...manifest.dependencies, ...manifest.devDependencies }, false);
  const root: Record<string, unknown> = { name: manifest["name"], version: manifest["version"] };
  if (manifest.dependencies) root["dependencies"] = manifest.dependencies;
  if (manifest.devDependencies) root["devDependencies"] = manifest.devDependencies;
  const lock = { name: manifest["name"], version: manifest["version"], lockfileVersion: 3, requires: true, packages: { "": root, ...packages } };
  writeFileSync(join(cwd, "package-lock.json"), JSON.stringify(lock, null, 2) + "\n");
  return npm(["ci", "--offline", "--no-audit", "--no-fund"], cwd);
}

/** The lock entry npm writes for a dependency on a local tarball, with the tarball's integrity. */
export function tarballLockEntry(tarball: string, cwd: string, manifest: Record<string, unknown>): LockEntry {
  const integrity = "sha512-" + createHash("sha512").update(readFileSync(tarball)).digest("base64");
  const entry: LockEntry = { version: manifest["version"], resolved: `file:${relative(cwd, tarball)}`, integrity };
  for (const key of ["dependencies", "bin", "engines", "license"]) if (manifest[key] !== undefined) entry[key] = manifest[key];
  return entry;
}

/**
 * `npm pack` of the package in `dir` (its lifecycle scripts run unless `ignoreScripts`), the
 * tarball written to a fresh folder; returns the tarball's path.
 */
export function npmPack(dir: string, options: { ignoreScripts?: boolean } = {}): string {
  const destination = tempDir("tarball");
  npm(["pack", "--pack-destination", destination, ...(options.ignoreScripts ? ["--ignore-scripts"] : [])], dir);
  const tarballs = readdirSync(destination).filter((f) => f.endsWith(".tgz"));
  if (tarballs.length !== 1) throw new Error(`npm pack in ${dir} made ${tarballs.length} tarballs: ${tarballs.join(", ")}`);
  return join(destination, tarballs[0]!);
}

/** A fresh, empty npm project (ESM) in a temporary folder, as `npm init -y` would make it. */
export function freshProject(prefix: string): string {
  const dir = tempDir(prefix);
  writeFileSync(
    join(dir, "package.json"),
    JSON.stringify({ name: `${prefix}-consumer`, version: "1.0.0", private: true, type: "module" }, null, 2) + "\n",
  );
  return dir;
}

/** `tsc -p <project>` with this repo's pinned TypeScript; returns the output ("" when clean). */
export function tsc(args: string[], cwd: string): string {
  const result = run(process.execPath, [TSC, ...args], { cwd });
  return (result.stdout + result.stderr).trim();
}

/** Total size in bytes of the files under `dir` (what `du -sb` says, minus directory entries). */
export function treeSize(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += statSync(join(entry.parentPath, entry.name)).size;
  }
  return total;
}

/** Every file under `dir`, "/"-separated and relative, sorted. */
export function listTree(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1).split("\\").join("/"))
    .sort();
}
