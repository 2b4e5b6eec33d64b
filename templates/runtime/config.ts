import type { AuthChooser, AuthSchemeId, TokenIdentity, TokenProvider } from "./auth.js";
import type { Protocol } from "./protocol.js";
import type { ErrorRegistry } from "./schema.js";

// What users pass to a generated client, and what its methods take.

export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  /** When these credentials stop working; the client asks its provider again shortly before. */
  expiration?: Date;
}

/** Called whenever the client needs credentials it does not hold or that are about to expire. */
export type CredentialProvider = () => Promise<Credentials>;

/** Resolves the region at the first call, e.g. from a shared config file. */
export type RegionProvider = () => Promise<string | undefined>;

/**
 * The subset of `fetch` the client uses; pass any compatible function (node:http transport, test
 * doubles). The client calls it with a `Request` and reads the whole `Response` body.
 */
export interface FetchLike {
  (input: Request): Promise<Response>;
  /**
   * The same exchange without WHATWG `Request` and `Response` objects. When a transport has it
   * (`nodeHttpFetch()` does), the client uses it instead of calling the function; wrappers that
   * only implement the call signature are used through `Request` and `Response` as usual.
   */
  sendRaw?: (request: RawHttpRequest) => Promise<RawHttpResponse>;
}

/**
 * One request for `FetchLike.sendRaw`. Failures reject as fetch does: with the signal's reason
 * when it aborts, a DOMException named "TimeoutError" when `timeoutMs` passes (as with
 * `AbortSignal.timeout()`), else `TypeError("fetch failed")` (refused, reset, cut short).
 */
export interface RawHttpRequest {
  method: string;
  url: string;
  /**
   * Lower-case names; the transport must not change the object. A `host` entry is sent as the
   * Host header (else the URL's host); `content-length` is set by the transport from the body.
   */
  headers: Record<string, string>;
  body?: string | Uint8Array;
  /** Aborts the exchange, also while the body is being read. */
  signal?: AbortSignal;
  /** Time limit of the whole exchange, body included, in milliseconds; absent or 0: none. */
  timeoutMs?: number;
  /**
   * The most response body bytes to read. Past it the transport stops reading, lets the connection
   * go, and rejects with an error named "ResponseTooLargeError" (its `status` the response's).
   * Absent: no limit.
   */
  maxResponseBytes?: number;
}

/** The answer of `FetchLike.sendRaw`, body read in full. */
export interface RawHttpResponse {
  status: number;
  /** Lower-case names; a header sent several times has its values joined with ", " (as `Headers.get` does). */
  headers: Record<string, string>;
  body: Uint8Array;
}

export interface Logger {
  debug?(message: string, details?: Record<string, unknown>): void;
  info?(message: string, details?: Record<string, unknown>): void;
  warn?(message: string, details?: Record<string, unknown>): void;
  error?(message: string, details?: Record<string, unknown>): void;
}

export interface ClientConfig {
  /**
   * AWS region, e.g. "us-west-2", or an async provider of one (asked once, at the first call).
   * Default: `AWS_REGION`, then `AWS_DEFAULT_REGION` where an environment exists.
   */
  region?: string | RegionProvider;
  /**
   * Fixed credentials (`{ accessKeyId, secretAccessKey, sessionToken? }`) or an async provider,
   * asked again shortly before `expiration`. Default: `AWS_ACCESS_KEY_ID` / `AWS_SECRET_ACCESS_KEY`
   * / `AWS_SESSION_TOKEN`.
   */
  credentials?: Credentials | CredentialProvider;
  /** Endpoint URL. Default: `https://{endpointPrefix}.{region}.amazonaws.com`. */
  endpoint?: string | URL;
  /**
   * A bearer token (a string, `{ token, expiration? }`, or an async provider), for services whose
   * model allows `smithy.api#httpBearerAuth` (Bedrock). With a token configured, bearer auth is
   * preferred over SigV4 where an operation allows both. Default: `AWS_BEARER_TOKEN_<SIGNING NAME>`
   * (`AWS_BEARER_TOKEN_BEDROCK`) where the service allows bearer auth.
   */
  token?: string | TokenIdentity | TokenProvider;
  /**
   * Auth schemes to try first, where an operation allows several: `["sigv4"]`, `["bearer"]`.
   * Default: `AWS_AUTH_SCHEME_PREFERENCE` (comma-separated), else the model's order (bearer first
   * when a token is configured).
   */
  authSchemePreference?: readonly string[];
  /**
   * Transport: any `(request: Request) => Promise<Response>` (a `sendRaw` method is used when it has
   * one, as `nodeHttpFetch()` does). Default: the global `fetch`. Redirects are never followed.
   */
  fetch?: FetchLike;
  /** Attempts per call, first included (standard retry mode). Default 3; 1 turns retries off. */
  maxAttempts?: number;
  /** Time limit of one attempt, in milliseconds. Default 30000; 0 turns it off. */
  requestTimeoutMs?: number;
  /**
   * The largest response body read into memory, in bytes; a longer one raises
   * ResponseTooLargeError without being read. Default 64 MiB.
   */
  maxResponseBytes?: number;
  /**
   * `{ debug?, info?, warn?, error? }`: receives one line per attempt and per retry; sensitive
   * values arrive redacted.
   */
  logger?: Logger;
  /**
   * Check inputs against the model's constraints before sending: required members, lengths, value
   * ranges, enums, types. Default true. `{ patterns: true }` also checks the model's patterns; off
   * by default because some models carry patterns the service itself does not apply.
   */
  validateInput?: boolean | { patterns?: boolean };
}

export interface CallOptions {
  /** Aborts the call, including a pending retry backoff. */
  signal?: AbortSignal;
}

/** Input of an operation the model gives no input shape. */
export type EmptyInput = Record<string, never>;
/** Output of an operation the model gives no output shape (it carries `$metadata` only). */
export type EmptyOutput = Record<never, never>;

/** Service-wide facts from the model's metadata that the runtime needs. */
export interface ServiceSchema {
  serviceId: string;
  fullName: string;
  apiVersion: string;
  /** The wire protocol, as the generator chose it: one of the runtime's protocol objects. */
  protocol: Protocol;
  endpointPrefix: string;
  signingName: string;
  /** Auth schemes of operations that name none of their own, in the model's order. */
  auth: readonly AuthSchemeId[];
  /** Where a bearer token comes from when none is configured (AWS_BEARER_TOKEN_BEDROCK for Bedrock). */
  bearerTokenEnv?: string;
  /** Set when the model lets operations choose (several schemes, or bearer): `rt.chooseAuth`. */
  chooseAuth?: AuthChooser;
  jsonVersion?: string;
  targetPrefix?: string;
  xmlNamespace?: { uri: string; prefix?: string };
  globalEndpoint?: string;
  awsQueryCompatible?: boolean;
  /** Every modeled error of the service, by wire code: any of them arrives as its class, whichever operation answered. */
  errors?: ErrorRegistry;
}
