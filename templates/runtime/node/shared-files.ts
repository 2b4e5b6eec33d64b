/// <reference types="node" />
// The generated tsconfig loads no ambient types ("types": []) so the browser-safe core is not
// written against Node; the Node-only entry asks for them itself.
// The AWS shared config (~/.aws/config) and credentials (~/.aws/credentials) files, located,
// read and turned into profiles the way the AWS CLI and SDKs do.

import { readFile } from "node:fs/promises";
import { homedir } from "node:os";
import { join } from "node:path";
import { environment } from "../credentials.js";
import { type IniSection, type IniSections, parseIni } from "./ini.js";

export type Environment = Record<string, string | undefined>;

export interface SharedFilesOptions {
  /** Profile name. Default: `AWS_PROFILE`, then "default". */
  profile?: string;
  /** Environment variables to read instead of `process.env` (tests, sandboxes). */
  env?: Environment;
}

/** Properties of one profile, keys exactly as written. */
export type Profile = IniSection;

export interface SharedFile {
  /** Absolute path, after `~` expansion. */
  path: string;
  /** False when the file does not exist; it then counts as empty. */
  found: boolean;
  /** Profiles by name: "dev" for `[profile dev]` in the config file, `[dev]` in the credentials file. */
  profiles: Map<string, Profile>;
}

export interface SharedFiles {
  credentials: SharedFile;
  config: SharedFile;
}

export interface ResolvedProfile {
  name: string;
  /** Both files' properties of the profile; the credentials file wins for a key in both. */
  properties: Profile;
  /** True when either file has a section for the profile, even an empty one. */
  found: boolean;
  files: SharedFiles;
}

/** `options.profile`, then `AWS_PROFILE`, then "default". */
export function profileName(options?: SharedFilesOptions): string {
  const env = options?.env ?? environment();
  return options?.profile || env.AWS_PROFILE || "default";
}

/** HOME, then USERPROFILE, then HOMEDRIVE+HOMEPATH (Windows), then the OS account's home. */
export function homeDirectory(env: Environment = environment()): string {
  if (env.HOME) return env.HOME;
  if (env.USERPROFILE) return env.USERPROFILE;
  if (env.HOMEPATH) return `${env.HOMEDRIVE ?? "C:"}${env.HOMEPATH}`;
  return homedir();
}

/** Where the two files are: `AWS_SHARED_CREDENTIALS_FILE` / `AWS_CONFIG_FILE`, else under `~/.aws/`. */
export function sharedFilePaths(env: Environment = environment()): { credentials: string; config: string } {
  const home = homeDirectory(env);
  return {
    credentials: expandHome(env.AWS_SHARED_CREDENTIALS_FILE || join(home, ".aws", "credentials"), home),
    config: expandHome(env.AWS_CONFIG_FILE || join(home, ".aws", "config"), home),
  };
}

function expandHome(path: string, home: string): string {
  if (path === "~") return home;
  return path.startsWith("~/") || path.startsWith("~\\") ? join(home, path.slice(2)) : path;
}

/** Reads and parses both files. A missing file is empty; an unreadable one is an error. */
export async function loadSharedFiles(options?: SharedFilesOptions): Promise<SharedFiles> {
  const [credentials, config] = await Promise.all([loadCredentialsFile(options), loadConfigFile(options)]);
  return { credentials, config };
}

export async function loadCredentialsFile(options?: SharedFilesOptions): Promise<SharedFile> {
  const path = sharedFilePaths(options?.env ?? environment()).credentials;
  const sections = await readIni(path);
  return { path, found: sections !== undefined, profiles: credentialsProfiles(sections) };
}

export async function loadConfigFile(options?: SharedFilesOptions): Promise<SharedFile> {
  const path = sharedFilePaths(options?.env ?? environment()).config;
  const sections = await readIni(path);
  return { path, found: sections !== undefined, profiles: configProfiles(sections) };
}

/** The selected profile with both files merged, key by key. */
export async function loadProfile(options?: SharedFilesOptions): Promise<ResolvedProfile> {
  const name = profileName(options);
  const files = await loadSharedFiles(options);
  const fromConfig = files.config.profiles.get(name);
  const fromCredentials = files.credentials.profiles.get(name);
  const properties: Profile = Object.assign(Object.create(null) as Profile, fromConfig, fromCredentials);
  return { name, properties, found: fromConfig !== undefined || fromCredentials !== undefined, files };
}

async function readIni(path: string): Promise<IniSections | undefined> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === "ENOENT" || code === "ENOTDIR") return undefined;
    throw error;
  }
  return parseIni(text);
}

/** Credentials file: every section is a profile, named as written (`[dev]` → "dev"). */
export function credentialsProfiles(sections: IniSections | undefined): Map<string, Profile> {
  return new Map(sections ?? []);
}

/**
 * Config file: `[profile dev]` → "dev", `[default]` → "default". Other sections (`[dev]`,
 * `[sso-session x]`, `[services x]`) are not profiles. When both `[default]` and
 * `[profile default]` exist, `[profile default]` is used, as in the SDKs.
 */
export function configProfiles(sections: IniSections | undefined): Map<string, Profile> {
  const profiles = new Map<string, Profile>();
  let prefixedDefault = false;
  for (const [section, properties] of sections ?? []) {
    const name = section === "default" ? "default" : prefixedProfileName(section);
    if (name === undefined) continue;
    if (section === "default") {
      if (!prefixedDefault) profiles.set(name, properties);
      continue;
    }
    if (name === "default") prefixedDefault = true;
    profiles.set(name, properties);
  }
  return profiles;
}

/** "profile dev" → "dev", `profile "my dev"` → "my dev"; undefined for any other section. */
function prefixedProfileName(section: string): string | undefined {
  const match = /^profile\s+(.+)$/.exec(section);
  if (!match?.[1]) return undefined;
  const name = match[1].trim();
  const quoted = /^(["'])(.*)\1$/.exec(name);
  return quoted ? quoted[2] || undefined : name;
}
