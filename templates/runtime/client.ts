// The engine behind every generated client: validate → serialize → sign → send → parse, with
// retries, timeouts, clock-skew correction and abort. Generated methods call `send` with an
// operation's wire schema.

import type { CallOptions, ClientConfig, Credentials, CredentialProvider, Logger, RegionProvider, ServiceSchema } from "./config.js";
import { cachedCredentials, environment, fromEnv } from "./credentials.js";
import { NetworkError, ServiceException, TimeoutError, ValidationError, type ServiceExceptionInit } from "./errors.js";
import { headerMap } from "./protocols/http-response-bindings.js";
import { parseRestJsonError, parseRestJsonResponse, serializeRestJsonRequest, type SerializedRequest } from "./protocols/rest-json.js";
import { redact } from "./redact.js";
import { CLOCK_SKEW_CODES, RetryQuota, backoffDelay, isRetryable, isThrottling, sleep, type AttemptFailure } from "./retry.js";
import type { OperationSchema } from "./schema.js";
import { signRequest } from "./sigv4.js";
import { Transport, type ExchangeResponse } from "./transport.js";
import { validateInput } from "./validate.js";

const DEFAULT_MAX_ATTEMPTS = 3;
const DEFAULT_TIMEOUT_MS = 30_000;
/** Far above any buffered AWS response (DynamoDB's largest are 16 MB); streams are the caller's. */
const DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024 * 1024;
/** A signing clock this far from the server's explains a clock-skew error (AWS allows 5 to 15 minutes). */
const CLOCK_SKEW_TOLERANCE_MS = 5 * 60_000;

/** The model's protocol is one this runtime cannot put on the wire yet. */
export class UnsupportedProtocolError extends Error {
  override name = "UnsupportedProtocolError";
  constructor(readonly protocol: string) {
    super(`this client was generated from a "${protocol}" model; the runtime does not speak that protocol yet`);
    Object.setPrototypeOf(this, new.target.prototype);
  }
}

/** Something the client needs is not configured (region, credentials). */
export class ConfigurationError extends Error {
  override name = "ConfigurationError";
  constructor(message: string) {
    super(message);
    Object.setPrototypeOf(this, new.target.prototype);
  }
}

type BaseException = new (init: ServiceExceptionInit) => ServiceException;

export class ClientCore {
  readonly #service: ServiceSchema;
  readonly #baseException: BaseException;
  readonly #credentials: CredentialProvider;
  readonly #regionSource: string | RegionProvider | undefined;
  #region: Promise<string> | undefined;
  readonly #endpoint: URL | undefined;
  readonly #transport: Transport;
  readonly #maxAttempts: number;
  readonly #timeoutMs: number;
  readonly #maxResponseBytes: number;
  readonly #logger: Logger | undefined;
  readonly #validate: { patterns: boolean } | undefined;
  readonly #quota = new RetryQuota();
  /** Server time minus local time, learned from clock-skew errors. */
  #clockOffsetMs = 0;

  constructor(service: ServiceSchema, config: ClientConfig, baseException: BaseException) {
    this.#service = service;
    this.#baseException = baseException;
    this.#credentials = cachedCredentials(config.credentials ?? fromEnv);
    const env = environment();
    this.#regionSource = config.region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
    this.#endpoint = config.endpoint === undefined ? undefined : new URL(config.endpoint);
    this.#transport = new Transport(config.fetch);
    this.#maxAttempts = Math.max(1, config.maxAttempts ?? DEFAULT_MAX_ATTEMPTS);
    this.#timeoutMs = config.requestTimeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.#maxResponseBytes = config.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
    this.#logger = config.logger;
    const validation = config.validateInput ?? true;
    this.#validate = validation === false ? undefined : { patterns: validation !== true && validation.patterns === true };
  }

  /** The endpoint calls go to: the configured one, else the service's regional endpoint. */
  endpointFor(region: string): URL {
    if (this.#endpoint) return this.#endpoint;
    const suffix = region.startsWith("cn-") ? "amazonaws.com.cn" : "amazonaws.com";
    return new URL(`https://${this.#service.endpointPrefix}.${region}.${suffix}`);
  }

  async send(op: OperationSchema, input: object | undefined, options: CallOptions = {}): Promise<unknown> {
    if (this.#service.protocol !== "rest-json") throw new UnsupportedProtocolError(this.#service.protocol);
    const signal = options.signal;
    signal?.throwIfAborted();
    if (this.#validate && op.input) {
      const problems = validateInput(op.input, input ?? {}, this.#validate);
      if (problems.length > 0) {
        throw new ValidationError(
          `${op.name} input is invalid:\n${problems.map((p) => `  ${p.path}: ${p.message}`).join("\n")}`,
          { problems },
        );
      }
    }
    const region = await this.region();
    // Serialized once, so an idempotency token filled in here is the same on every attempt.
    const request = serializeRestJsonRequest(op, input, { endpoint: this.endpointFor(region) });
    this.#logger?.debug?.(`${op.name} request`, { input: redact(op.input, input) });

    let retryCost: number | undefined; // what the pending retry took from the quota
    for (let attempt = 1; ; attempt++) {
      const credentials = await this.#credentials();
      let failure: AttemptFailure;
      let error: Error;
      try {
        const response = await this.#attempt(op, request, credentials, region, signal);
        if (response.status >= 200 && response.status < 300) {
          this.#quota.release(retryCost);
          this.#logger?.debug?.(`${op.name} attempt ${attempt}: HTTP ${response.status}`);
          return parseRestJsonResponse(op, response, { attempts: attempt });
        }
        const exception = parseRestJsonError(op, response, {
          ...(this.#service.errors ? { errors: this.#service.errors } : {}),
          baseException: this.#baseException,
          attempts: attempt,
        });
        if (response.status >= 300 && response.status < 400) throw notFollowed(exception, response);
        failure = {
          code: exception.name,
          status: response.status,
          retryable: exception.$retryable !== undefined,
          throttling: exception.$retryable?.throttling === true,
          clockSkewCorrected: this.#learnClockSkew(exception.name, headerMap(response.headers).get("date")),
        };
        error = exception;
      } catch (e) {
        if (signal?.aborted) throw signal.reason;
        if (e instanceof TimeoutError) failure = { timeout: true };
        else if (e instanceof NetworkError) failure = { network: true };
        else throw e;
        error = e;
      }
      retryCost = attempt < this.#maxAttempts && isRetryable(failure) ? this.#quota.acquire(failure) : undefined;
      if (retryCost === undefined) {
        this.#logger?.warn?.(`${op.name} failed after ${attempt} attempt${attempt === 1 ? "" : "s"}: ${error.name}`);
        throw error;
      }
      const delay = backoffDelay(attempt, isThrottling(failure));
      this.#logger?.info?.(`${op.name} attempt ${attempt} failed (${error.name}); retrying in ${delay} ms`);
      await sleep(delay, signal);
    }
  }

  /** One signed HTTP exchange, body included (transport.ts bounds it in time and size). */
  async #attempt(
    op: OperationSchema,
    request: SerializedRequest,
    credentials: Credentials,
    region: string,
    signal: AbortSignal | undefined,
  ): Promise<ExchangeResponse> {
    const headers = await signRequest(request, {
      credentials,
      region,
      service: this.#service.signingName,
      date: new Date(Date.now() + this.#clockOffsetMs),
      ...(op.unsignedPayload ? { unsignedPayload: true } : {}),
    });
    signal?.throwIfAborted(); // aborted while signing: an abort listener added now would never run
    return this.#transport.send({
      method: request.method,
      url: request.url,
      headers,
      ...(request.body === undefined ? {} : { body: request.body }),
      ...(signal ? { signal } : {}),
      timeoutMs: this.#timeoutMs,
      maxResponseBytes: this.#maxResponseBytes,
      operation: op.name,
    });
  }

  /**
   * After a clock-skew error, takes the server's Date as the time to sign with, and says whether
   * our clock was off by enough to explain the error (as the SDKs do: 5 minutes). A 1-second
   * Date would otherwise always "correct" the clock, and a wrong key be retried for nothing.
   */
  #learnClockSkew(code: string, dateHeader: string | undefined): boolean {
    if (!CLOCK_SKEW_CODES.has(code) || !dateHeader) return false;
    const serverTime = Date.parse(dateHeader);
    if (Number.isNaN(serverTime)) return false;
    const offset = serverTime - Date.now();
    if (Math.abs(offset - this.#clockOffsetMs) < CLOCK_SKEW_TOLERANCE_MS) return false;
    this.#clockOffsetMs = offset;
    return true;
  }

  /** The configured region, resolved once (a provider is asked at the first call). */
  region(): Promise<string> {
    this.#region ??= (async () => {
      const source = this.#regionSource;
      const region = typeof source === "function" ? await source() : source;
      if (!region) throw new ConfigurationError(`${this.#service.serviceId}: no region: pass \`region\`, or set AWS_REGION`);
      return region;
    })();
    // A failed lookup is not cached: the next call asks again.
    this.#region.catch(() => (this.#region = undefined));
    return this.#region;
  }
}

/**
 * A 3xx answer: AWS APIs do not redirect signed requests, so the client never follows one (that
 * would send the request, and its credentials, elsewhere). The error says where the server
 * pointed, and for S3 the bucket's region (x-amz-bucket-region), which is what to configure.
 */
function notFollowed(exception: ServiceException, response: ExchangeResponse): ServiceException {
  const headers = headerMap(response.headers);
  const location = headers.get("location");
  const region = headers.get("x-amz-bucket-region");
  let origin: string | undefined;
  try {
    if (location) origin = new URL(location).origin;
  } catch {
    origin = undefined;
  }
  const where = [origin ? `to ${origin}` : "", region ? `(the resource is in region ${region})` : ""].filter(Boolean).join(" ");
  exception.message = `${exception.message}: HTTP ${response.status} redirect${where ? ` ${where}` : ""}, not followed`;
  const redirect: { location?: string; region?: string } = {};
  if (location) redirect.location = location;
  if (region) redirect.region = region;
  exception.$redirect = redirect;
  return exception;
}
