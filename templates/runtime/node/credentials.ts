// Credentials and region from the environment and the AWS shared files, for Node.
// Messages name profiles, files and variables, never their values.

import type { CredentialProvider, Credentials } from "../config.js";
import { CredentialsError, environment, fromEnv } from "../credentials.js";
import {
  type Environment,
  loadConfigFile,
  loadProfile,
  profileName,
  type ResolvedProfile,
  type SharedFilesOptions,
} from "./shared-files.js";

/** The selected profile has no usable static keys, or neither file has the profile. */
export class ProfileCredentialsError extends CredentialsError {
  override name = "ProfileCredentialsError";
  /** Profile name that was looked up. */
  readonly profile: string;
  /** Both files' paths, credentials file first, whether or not they exist. */
  readonly files: string[];
  constructor(message: string, init: { profile: string; files: string[]; cause?: unknown }) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    Object.setPrototypeOf(this, new.target.prototype);
    this.profile = init.profile;
    this.files = init.files;
  }
}

/** Every source of a credential chain failed; `errors` holds each source's error, in order. */
export class CredentialsChainError extends CredentialsError {
  override name = "CredentialsChainError";
  readonly errors: unknown[];
  constructor(message: string, errors: unknown[]) {
    super(message);
    Object.setPrototypeOf(this, new.target.prototype);
    this.errors = errors;
  }
}

// Profile keys that ask for a way of getting credentials this provider does not implement.
const UNSUPPORTED_SOURCES = [
  "role_arn",
  "credential_process",
  "sso_session",
  "sso_start_url",
  "web_identity_token_file",
];

/**
 * Static keys of a profile: `aws_access_key_id`, `aws_secret_access_key` and
 * `aws_session_token` (or the older `aws_security_token`), from `~/.aws/credentials` and
 * `~/.aws/config`, the credentials file winning for a key in both. The files are read on each
 * call; wrap the provider in `cachedCredentials` (clients do) to read them once.
 */
export function fromSharedFiles(options?: SharedFilesOptions): CredentialProvider {
  return async () => credentialsOf(await loadProfile(options));
}

function credentialsOf(profile: ResolvedProfile): Credentials {
  const { credentials: credentialsFile, config: configFile } = profile.files;
  const files = [credentialsFile.path, configFile.path];
  const where = `${describe(credentialsFile)} or ${describe(configFile)}`;
  const fail = (what: string): never => {
    throw new ProfileCredentialsError(`profile "${profile.name}" ${what} in ${where}`, {
      profile: profile.name,
      files,
    });
  };
  if (!profile.found) fail("not found");

  const p = profile.properties;
  const accessKeyId = p.aws_access_key_id;
  const secretAccessKey = p.aws_secret_access_key;
  if (!accessKeyId || !secretAccessKey) {
    const missing = [
      accessKeyId ? undefined : "aws_access_key_id",
      secretAccessKey ? undefined : "aws_secret_access_key",
    ];
    const others = UNSUPPORTED_SOURCES.filter((key) => p[key] !== undefined);
    const note = others.length ? ` (it sets ${others.join(", ")}, which this provider does not support)` : "";
    fail(`has no ${missing.filter(Boolean).join(" or ")}${note}`);
  }
  const credentials: Credentials = { accessKeyId: accessKeyId!, secretAccessKey: secretAccessKey! };
  const sessionToken = p.aws_session_token ?? p.aws_security_token;
  if (sessionToken) credentials.sessionToken = sessionToken;
  return credentials;
}

function describe(file: { path: string; found: boolean }): string {
  return file.found ? file.path : `${file.path} (missing)`;
}

/**
 * Environment variables first (`AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`,
 * `AWS_SESSION_TOKEN`), then the shared files' profile. An explicit `options.profile` skips the
 * environment, as in the AWS SDKs: asking for a profile means that profile. When every source
 * fails, throws one `CredentialsChainError` saying what each source lacked.
 */
export function defaultCredentialProvider(options?: SharedFilesOptions): CredentialProvider {
  const fromEnvironment = options?.env ? environmentCredentials(options.env) : fromEnv;
  const fromFiles = fromSharedFiles(options);
  return async () => {
    const errors: unknown[] = [];
    const reasons: string[] = [];
    if (!options?.profile) {
      try {
        return await fromEnvironment();
      } catch (error) {
        errors.push(error);
        reasons.push(`environment: ${missingVariables(options?.env ?? environment())}`);
      }
    }
    try {
      return await fromFiles();
    } catch (error) {
      errors.push(error);
      reasons.push(`shared files: ${error instanceof Error ? error.message : String(error)}`);
    }
    throw new CredentialsChainError(
      `no credentials found; pass \`credentials\` to the client, or set one of these up. ${reasons.join("; ")}`,
      errors,
    );
  };
}

/** `fromEnv` over a given environment instead of `process.env`. */
function environmentCredentials(env: Environment): CredentialProvider {
  return async () => {
    const accessKeyId = env.AWS_ACCESS_KEY_ID;
    const secretAccessKey = env.AWS_SECRET_ACCESS_KEY;
    if (!accessKeyId || !secretAccessKey) throw new CredentialsError(`no credentials: ${missingVariables(env)}`);
    const credentials: Credentials = { accessKeyId, secretAccessKey };
    if (env.AWS_SESSION_TOKEN) credentials.sessionToken = env.AWS_SESSION_TOKEN;
    return credentials;
  };
}

function missingVariables(env: Environment): string {
  const missing = ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"].filter((name) => !env[name]);
  return `${missing.join(" and ")} ${missing.length === 1 ? "is" : "are"} not set`;
}

/**
 * `AWS_REGION`, then `AWS_DEFAULT_REGION`, then the profile's `region` in the config file;
 * undefined when none is set. Reads the config file only when the variables are unset.
 */
export async function defaultRegion(options?: SharedFilesOptions): Promise<string | undefined> {
  const env = options?.env ?? environment();
  if (env.AWS_REGION) return env.AWS_REGION;
  if (env.AWS_DEFAULT_REGION) return env.AWS_DEFAULT_REGION;
  const config = await loadConfigFile(options);
  return config.profiles.get(profileName(options))?.region || undefined;
}
