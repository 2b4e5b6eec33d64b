// Error classes thrown by generated clients. Every class sets its prototype explicitly so
// `instanceof` holds even when a bundler compiles classes down to functions.
// Messages never contain member values: only operation, status, codes and request ids.

import type { ErrorInit, ResponseMetadata } from "./schema.js";
import type { ValidationProblem } from "./validate.js";

export type ErrorFault = "client" | "server";

/** ErrorInit plus what the parser decides for unmodeled codes (generated subclasses fix their own). */
export interface ServiceExceptionInit extends ErrorInit {
  /** The code as the service sent it, when it is not `name` (a query-compatible service's own code). */
  code?: string;
  $fault?: ErrorFault;
  $retryable?: { throttling: boolean };
}

/**
 * Properties of the error object itself: a modeled member of one of these names never overwrites
 * it, and the generator declares no class field for it (it reads this list from here).
 */
export const RESERVED_ERROR_FIELDS = [
  "name",
  "message",
  "stack",
  "cause",
  "$fault",
  "$code",
  "$metadata",
  "$retryable",
  "$redirect",
  "statusCode",
  "constructor",
  "__proto__",
] as const;
const RESERVED_FIELDS: ReadonlySet<string> = new Set(RESERVED_ERROR_FIELDS);

/**
 * A service answered with an error. Generated error classes extend the service's own base
 * (itself a subclass of this one); unmodeled codes are instances of that base with `name` = code.
 * Modeled members are assigned by this constructor, so subclasses must declare them with
 * `declare readonly Member?: T;` (a plain field declaration would reset them to undefined).
 */
export class ServiceException extends Error {
  override name: string;
  /**
   * The error code the service answered with: `name`, except where a query-compatible service
   * (SQS) sends its older query code too ("AWS.SimpleQueueService.NonExistentQueue"), as botocore
   * reports it.
   */
  readonly $code: string;
  readonly $fault: ErrorFault;
  readonly $metadata: ResponseMetadata;
  declare $retryable?: { throttling: boolean };
  /** HTTP status of the response (same as $metadata.httpStatusCode). */
  declare statusCode?: number;
  /**
   * Set when the service answered with a redirect (3xx), which the client never follows: where it
   * pointed (`location`), and S3's `x-amz-bucket-region` (`region`).
   */
  declare $redirect?: { location?: string; region?: string };

  constructor(init: ServiceExceptionInit) {
    const status = init.$metadata.httpStatusCode;
    const name = init.name ?? "UnknownError";
    super(init.message || fallbackMessage(name, status, init.$metadata.requestId));
    Object.setPrototypeOf(this, new.target.prototype);
    this.name = name;
    this.$code = init.code ?? name;
    this.$fault = init.$fault ?? (status !== undefined && status >= 500 ? "server" : "client");
    this.$metadata = init.$metadata;
    if (init.$retryable) this.$retryable = init.$retryable;
    if (status !== undefined) this.statusCode = status;
    for (const [key, value] of Object.entries(init.fields)) {
      if (value === undefined) continue;
      if (key === "message") {
        if (typeof value === "string" && value) this.message = value;
        continue;
      }
      if (RESERVED_FIELDS.has(key)) continue;
      (this as Record<string, unknown>)[key] = value;
    }
  }
}

function fallbackMessage(name: string, status: number | undefined, requestId: string | undefined): string {
  const where = status === undefined ? "" : ` (HTTP ${status}`;
  const id = requestId ? `${where ? "," : " ("}request id ${requestId}` : "";
  return `${name}${where}${id}${where || id ? ")" : ""}`;
}

/**
 * An error response we could not read as the protocol says (a proxy's HTML page, truncated JSON,
 * no error code at all). Carries the status and the first characters of the body.
 */
export class UnknownServiceError extends ServiceException {
  /** Up to 200 characters of the response body, control characters replaced by spaces. */
  readonly bodySnippet: string;
  declare readonly contentType?: string;

  constructor(init: ServiceExceptionInit & { bodySnippet: string; contentType?: string }) {
    super({ ...init, name: init.name ?? "UnknownServiceError" });
    Object.setPrototypeOf(this, new.target.prototype);
    this.bodySnippet = init.bodySnippet;
    if (init.contentType !== undefined) this.contentType = init.contentType;
  }
}

/** A successful response whose body or headers do not match the model (bad JSON, bad timestamp...). */
export class ResponseParseError extends Error {
  override name = "ResponseParseError";
  readonly $metadata: ResponseMetadata;
  declare readonly statusCode?: number;
  /** The start of the body when it is plainly not the expected format (an HTML page), else "". */
  readonly bodySnippet: string;

  constructor(message: string, init: { $metadata: ResponseMetadata; bodySnippet?: string; cause?: unknown }) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    Object.setPrototypeOf(this, new.target.prototype);
    this.$metadata = init.$metadata;
    if (init.$metadata.httpStatusCode !== undefined) this.statusCode = init.$metadata.httpStatusCode;
    this.bodySnippet = init.bodySnippet ?? "";
  }
}

/**
 * A response body longer than the client's `maxResponseBytes`: it was not read into memory (the
 * rest was cancelled). Not retried.
 */
export class ResponseTooLargeError extends Error {
  override name = "ResponseTooLargeError";
  /** The limit, in bytes. */
  readonly limit: number;
  declare readonly statusCode?: number;
  constructor(message: string, init: { limit: number; status?: number }) {
    super(message);
    Object.setPrototypeOf(this, new.target.prototype);
    this.limit = init.limit;
    if (init.status !== undefined) this.statusCode = init.status;
  }
}

/** The request never got an HTTP response (DNS, TLS, connection reset...). */
export class NetworkError extends Error {
  override name = "NetworkError";
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    Object.setPrototypeOf(this, new.target.prototype);
  }
}

/** The request or one attempt took longer than allowed. */
export class TimeoutError extends Error {
  override name = "TimeoutError";
  declare readonly timeoutMs?: number;
  constructor(message: string, options?: { cause?: unknown; timeoutMs?: number }) {
    super(message, options);
    Object.setPrototypeOf(this, new.target.prototype);
    if (options?.timeoutMs !== undefined) this.timeoutMs = options.timeoutMs;
  }
}

/** The input cannot be sent (broken constraints, missing uri label...). Names members, never values. */
export class ValidationError extends Error {
  override name = "ValidationError";
  /** Member path, e.g. "CreateChatToken.roomIdentifier", when one member is at fault. */
  declare readonly member?: string;
  /** Every broken constraint, when the input was checked against the model. */
  readonly problems: readonly ValidationProblem[];
  constructor(message: string, options?: { member?: string; problems?: readonly ValidationProblem[] }) {
    super(message);
    Object.setPrototypeOf(this, new.target.prototype);
    if (options?.member !== undefined) this.member = options.member;
    this.problems = options?.problems ?? [];
  }
}

/** The first characters of a body, safe to show: control characters become spaces. */
export function bodySnippet(body: string, max = 200): string {
  // eslint-disable-next-line no-control-regex
  const flat = body.replace(/[\u0000-\u001f\u007f]+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

/** The model's protocol is one this runtime cannot put on the wire yet. */
export class UnsupportedProtocolError extends Error {
  override name = "UnsupportedProtocolError";
  constructor(readonly protocol: string) {
    super(`this client was generated from a "${protocol}" model; the runtime does not speak that protocol yet`);
    Object.setPrototypeOf(this, new.target.prototype);
  }
}

/** Something the client needs is not configured (region, credentials, a token), or cannot be used. */
export class ConfigurationError extends Error {
  override name = "ConfigurationError";
  constructor(message: string) {
    super(message);
    Object.setPrototypeOf(this, new.target.prototype);
  }
}
