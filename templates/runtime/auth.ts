// Auth schemes: which one signs a call, and the bearer token's cache. The generator decides what
// each operation accepts (in the model's order, ir/auth.ts); the client picks the first it can
// satisfy, a configured preference first. SigV4 itself is sigv4.ts.

import { ConfigurationError } from "./errors.js";

/** What a model can name; this runtime signs with sigv4, sends bearer tokens, or sends neither. */
export type AuthSchemeId = "sigv4" | "sigv4a" | "bearer" | "none" | "sigv2";

export interface TokenIdentity {
  token: string;
  /** When the token stops working; the client asks its provider again shortly before. */
  expiration?: Date;
}

/** Called whenever the client needs a bearer token it does not hold or that is about to expire. */
export type TokenProvider = () => Promise<TokenIdentity>;

const IMPLEMENTED: ReadonlySet<AuthSchemeId> = new Set(["sigv4", "bearer", "none"]);

const WHY_NOT: Partial<Record<AuthSchemeId, string>> = {
  sigv4a: "SigV4a is not implemented by this runtime yet",
  sigv2: "SigV2 (SimpleDB's signature) is not implemented by this runtime",
  bearer: "no bearer token is configured (`token`)",
};

/**
 * The scheme for one call: the operation's schemes in the model's order, those named in
 * `preference` moved to the front, the first one the client can use. Bearer needs a token; with
 * one configured, bearer is preferred unless `preference` says otherwise (as AWS SDK v3 does for
 * AWS_BEARER_TOKEN_BEDROCK).
 */
export function chooseAuthScheme(
  allowed: readonly AuthSchemeId[],
  options: { hasToken: boolean; preference?: readonly string[] },
  operation: string,
): AuthSchemeId {
  const preference = options.preference ?? (options.hasToken ? ["bearer"] : []);
  const ordered = [...preference.filter((p): p is AuthSchemeId => allowed.includes(p as AuthSchemeId)), ...allowed.filter((a) => !preference.includes(a))];
  for (const scheme of ordered) {
    if (!IMPLEMENTED.has(scheme)) continue;
    if (scheme === "bearer" && !options.hasToken) continue;
    return scheme;
  }
  const reasons = allowed.map((a) => `${a}: ${WHY_NOT[a] ?? "not usable"}`).join("; ");
  throw new ConfigurationError(`${operation}: no auth scheme this client can use (${reasons})`);
}

/** Ask the provider again this long before the token expires. */
const REFRESH_WINDOW_MS = 5 * 60 * 1000;

/** A token or a provider, cached until shortly before expiry, one pending request shared. */
export function cachedToken(source: string | TokenIdentity | TokenProvider, now: () => number = Date.now): TokenProvider {
  if (typeof source === "string") {
    const fixed = Promise.resolve({ token: source });
    return () => fixed;
  }
  if (typeof source !== "function") {
    const fixed = source && typeof source.token === "string" && source.token !== "" ? Promise.resolve(source) : Promise.reject(new ConfigurationError("`token` needs a non-empty token"));
    fixed.catch(() => {}); // reported at the first call
    return () => fixed;
  }
  let current: TokenIdentity | undefined;
  let pending: Promise<TokenIdentity> | undefined;
  return () => {
    if (current && (!current.expiration || current.expiration.getTime() - now() > REFRESH_WINDOW_MS)) return Promise.resolve(current);
    pending ??= source().then(
      (t) => {
        pending = undefined;
        if (!t || typeof t.token !== "string" || t.token === "") throw new ConfigurationError("the token provider returned no token");
        current = t;
        return t;
      },
      (e: unknown) => {
        pending = undefined;
        throw e;
      },
    );
    return pending;
  };
}
