// Auth schemes: which one signs a call, and the bearer token's cache. The generator decides what
// each operation accepts (in the model's order, ir/auth.ts) and whether the client has a choice
// to make: a service with one scheme (sigv4, or none) uses `onlyScheme`; one whose model allows
// several, or a bearer token, is handed `chooseAuth` in its schema, so only its bundle carries the
// choosing, the preference and the token cache. SigV4 itself is sigv4.ts.

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

/** What ClientCore asks a service's chooser at each call. */
export interface AuthChoice {
  scheme(allowed: readonly AuthSchemeId[], operation: string): AuthSchemeId;
  /** The bearer token (only asked when `scheme` chose "bearer"). */
  token(): Promise<TokenIdentity>;
}

/** Builds a service's chooser from the client's configuration and environment. */
export type AuthChooser = (
  config: { token?: string | TokenIdentity | TokenProvider; authSchemePreference?: readonly string[] },
  bearerTokenEnv: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
) => AuthChoice;

const unusable = (allowed: readonly AuthSchemeId[], operation: string, why: (scheme: AuthSchemeId) => string) =>
  new ConfigurationError(`${operation}: no auth scheme this client can use (${allowed.map((a) => `${a}: ${why(a)}`).join("; ")})`);

const notImplemented = (scheme: AuthSchemeId): string =>
  scheme === "sigv4a" ? "SigV4a is not implemented by this runtime yet" : scheme === "sigv2" ? "SigV2 (SimpleDB's signature) is not implemented by this runtime" : "not usable";

/** A service with nothing to choose: its one scheme, when this runtime implements it. */
export function onlyScheme(allowed: readonly AuthSchemeId[], operation: string): AuthSchemeId {
  const scheme = allowed.find((a) => a === "sigv4" || a === "none");
  if (scheme === undefined) throw unusable(allowed, operation, notImplemented);
  return scheme;
}

/** AWS_AUTH_SCHEME_PREFERENCE names schemes as the SDKs do ("sigv4", "httpBearerAuth", "noAuth"). */
const PREFERENCE_NAMES: Record<string, string> = { httpBearerAuth: "bearer", noAuth: "none", "aws.auth#sigv4": "sigv4", "smithy.api#httpBearerAuth": "bearer" };

/**
 * The chooser of services that allow several schemes or a bearer token. Per call: the
 * operation's schemes in the model's order, those named in the preference (`authSchemePreference`,
 * else AWS_AUTH_SCHEME_PREFERENCE) moved to the front, the first the client can use. Bearer needs
 * a token (`token`, else the service's AWS_BEARER_TOKEN_<NAME>); with one configured, bearer is
 * preferred unless the preference says otherwise (as AWS SDK v3 does for AWS_BEARER_TOKEN_BEDROCK).
 */
export const chooseAuth: AuthChooser = (config, bearerTokenEnv, env) => {
  const source = config.token ?? (bearerTokenEnv ? env[bearerTokenEnv] || undefined : undefined);
  const token = source === undefined ? undefined : cachedToken(source);
  const named = config.authSchemePreference ?? env["AWS_AUTH_SCHEME_PREFERENCE"]?.split(",").map((s) => s.trim()).filter(Boolean);
  const preference = named?.map((p) => PREFERENCE_NAMES[p] ?? p) ?? (token ? ["bearer"] : []);
  return {
    scheme(allowed, operation) {
      const ordered = [...preference.filter((p): p is AuthSchemeId => allowed.includes(p as AuthSchemeId)), ...allowed.filter((a) => !preference.includes(a))];
      const usable = ordered.find((scheme) => scheme === "sigv4" || scheme === "none" || (scheme === "bearer" && token !== undefined));
      if (usable === undefined) throw unusable(allowed, operation, (a) => (a === "bearer" ? "no bearer token is configured (`token`)" : notImplemented(a)));
      return usable;
    },
    token: () => token!(),
  };
};

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
