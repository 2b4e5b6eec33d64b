// The engine behind every generated client: the request lifecycle, validate → serialize (the
// service's protocol) → endpoint → sign (the operation's auth scheme) → send (transport.ts) →
// retry → parse (the protocol again), with clock-skew correction and abort. It knows no protocol:
// the service schema carries one (protocol.ts). Generated functions call `send` with an operation's
// wire schema.

import { onlyScheme, type AuthChoice } from "./auth.js";
import type { CallOptions, ClientConfig, Credentials, CredentialProvider, Logger, RegionProvider, ServiceSchema } from "./config.js";
import { cachedCredentials, environment, fromEnv } from "./credentials.js";
import { defaultEndpoint } from "./endpoint.js";
import { ConfigurationError, NetworkError, ServiceException, TimeoutError, ValidationError, type ServiceExceptionInit } from "./errors.js";
import type { SerializedRequest } from "./protocol.js";
import { headerMap } from "./protocols/http-response-bindings.js";
import { redact } from "./redact.js";
import { responseMetadata } from "./response-metadata.js";
import { CLOCK_SKEW_CODES, RetryQuota, backoffDelay, isRetryable, isThrottling, sleep, type AttemptFailure } from "./retry.js";
import type { MetadataBearer, OperationSchema } from "./schema.js";
import { signRequest } from "./sigv4.js";
import { Transport, type ExchangeResponse } from "./transport.js";
import { validateInput } from "./validate.js";

export { ConfigurationError, UnsupportedProtocolError } from "./errors.js";

const DEFAULT_MAX_ATTEMPTS = 3;
const DEFAULT_TIMEOUT_MS = 30_000;
/** Far above any buffered AWS response (DynamoDB's largest are 16 MB); streams are the caller's. */
const DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024 * 1024;
/** A signing clock this far from the server's explains a clock-skew error (AWS allows 5 to 15 minutes). */
const CLOCK_SKEW_TOLERANCE_MS = 5 * 60_000;

type BaseException = new (init: ServiceExceptionInit) => ServiceException;

export class ClientCore {
  readonly #service: ServiceSchema;
  readonly #baseException: BaseException;
  readonly #credentials: CredentialProvider;
  /** Undefined for a service with one auth scheme: nothing to choose (auth.ts). */
  readonly #auth: AuthChoice | undefined;
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
    this.#auth = service.chooseAuth?.(config, service.bearerTokenEnv, env);
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
    return defaultEndpoint(this.#service.endpointPrefix, region, this.#endpoint);
  }

  async send<I, O>(op: OperationSchema<I, O>, input: I | undefined, options: CallOptions = {}): Promise<O & MetadataBearer> {
    const signal = options.signal;
    signal?.throwIfAborted();
    const members = (input ?? {}) as Record<string, unknown>;
    if (this.#validate && op.input) {
      const problems = validateInput(op.input, members, this.#validate);
      if (problems.length > 0) {
        throw new ValidationError(
          `${op.name} input is invalid:\n${problems.map((p) => `  ${p.path}: ${p.message}`).join("\n")}`,
          { problems },
        );
      }
    }
    const allowed = op.auth ?? this.#service.auth;
    const scheme = this.#auth ? this.#auth.scheme(allowed, op.name) : onlyScheme(allowed, op.name);
    const region = await this.region();
    const protocol = this.#service.protocol;
    // Serialized once, so an idempotency token filled in here is the same on every attempt.
    let request: SerializedRequest;
    try {
      request = protocol.serialize(op, members, { endpoint: this.endpointFor(region), service: this.#service });
    } catch (e) {
      // With validation off, a value of the wrong type reaches an encoder: still a ValidationError.
      if (e instanceof TypeError) throw new ValidationError(`${op.name} input cannot be sent: ${e.message}`);
      throw e;
    }
    this.#logger?.debug?.(`${op.name} request`, { input: redact(op.input, input) });

    let retryCost: number | undefined; // what the pending retry took from the quota
    for (let attempt = 1; ; attempt++) {
      let failure: AttemptFailure;
      let error: Error;
      try {
        const headers = await this.#authorize(scheme, op, request, region);
        signal?.throwIfAborted(); // aborted while signing: an abort listener added now would never run
        const response = await this.#transport.send({
          method: request.method,
          url: request.url,
          headers,
          ...(request.body === undefined ? {} : { body: request.body }),
          ...(signal ? { signal } : {}),
          timeoutMs: this.#timeoutMs,
          maxResponseBytes: this.#maxResponseBytes,
          operation: op.name,
        });
        const $metadata = responseMetadata(response.status, response.headers, attempt);
        if (response.status >= 200 && response.status < 300) {
          this.#quota.release(retryCost);
          this.#logger?.debug?.(`${op.name} attempt ${attempt}: HTTP ${response.status}`);
          const output = protocol.parse(op, response, $metadata);
          output.$metadata = $metadata;
          return output as O & MetadataBearer;
        }
        const exception = protocol.parseError(op, response, {
          errors: this.#service.errors ?? {},
          baseException: this.#baseException,
          $metadata,
          ...(this.#service.awsQueryCompatible ? { queryCompatible: true } : {}),
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

  /** The headers to send for one attempt: signed (SigV4), with a bearer token, or as they are. */
  async #authorize(scheme: string, op: OperationSchema, request: SerializedRequest, region: string): Promise<Record<string, string>> {
    if (scheme === "none") {
      // No identity at all: no credentials are looked up (SSO's GetRoleCredentials runs before any exist).
      return { ...request.headers, host: new URL(request.url).host };
    }
    if (scheme === "bearer") {
      const { token } = await this.#auth!.token();
      return { ...request.headers, host: new URL(request.url).host, authorization: `Bearer ${token}` };
    }
    const credentials: Credentials = await this.#credentials();
    return signRequest(request, {
      credentials,
      region,
      service: this.#service.signingName,
      date: new Date(Date.now() + this.#clockOffsetMs),
      // UNSIGNED-PAYLOAD goes on the wire too, in x-amz-content-sha256, as botocore and v3 send it.
      ...(op.unsignedPayload ? { unsignedPayload: true, applyChecksumHeader: true } : {}),
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
