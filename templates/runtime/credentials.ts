import type { CredentialProvider, Credentials } from "./config.js";

/** Ask the provider again this long before the credentials expire. */
const REFRESH_WINDOW_MS = 5 * 60 * 1000;

/** No credentials could be found or used. Subclasses say where the client looked. */
export class CredentialsError extends Error {
  override name = "CredentialsError";
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    Object.setPrototypeOf(this, new.target.prototype);
  }
}

/** Reads `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN` where an environment exists. */
export const fromEnv: CredentialProvider = async () => {
  const env = environment();
  const accessKeyId = env.AWS_ACCESS_KEY_ID;
  const secretAccessKey = env.AWS_SECRET_ACCESS_KEY;
  if (!accessKeyId || !secretAccessKey) {
    throw new CredentialsError("no credentials: pass `credentials`, or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY");
  }
  const credentials: Credentials = { accessKeyId, secretAccessKey };
  if (env.AWS_SESSION_TOKEN) credentials.sessionToken = env.AWS_SESSION_TOKEN;
  return credentials;
};

/** Environment variables where the platform has them (Node, Deno, Bun); empty in browsers. */
export function environment(): Record<string, string | undefined> {
  const g = globalThis as { process?: { env?: Record<string, string | undefined> } };
  return g.process?.env ?? {};
}

/**
 * Wraps fixed credentials or a provider into one that caches the answer until shortly before it
 * expires, and shares one pending request among concurrent callers.
 */
export function cachedCredentials(
  source: Credentials | CredentialProvider,
  now: () => number = Date.now,
): CredentialProvider {
  if (typeof source !== "function") {
    const fixed =
      source && source.accessKeyId && source.secretAccessKey
        ? Promise.resolve(source)
        : Promise.reject(new CredentialsError("`credentials` needs both accessKeyId and secretAccessKey"));
    fixed.catch(() => {}); // reported at the first call, not as an unhandled rejection
    return () => fixed;
  }
  let current: Credentials | undefined;
  let pending: Promise<Credentials> | undefined;
  return () => {
    if (current && (!current.expiration || current.expiration.getTime() - now() > REFRESH_WINDOW_MS)) {
      return Promise.resolve(current);
    }
    pending ??= source().then(
      (c) => {
        if (!c || !c.accessKeyId || !c.secretAccessKey) {
          throw new CredentialsError("the credential provider returned no accessKeyId/secretAccessKey");
        }
        current = c;
        pending = undefined;
        return c;
      },
      (e: unknown) => {
        pending = undefined;
        throw e;
      },
    );
    return pending;
  };
}
