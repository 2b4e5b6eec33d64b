// The engine behind every generated client: validate → serialize → sign → send → parse, with
// retries, timeouts, clock-skew correction and abort. Generated methods call `send` with an
// operation's wire schema.

import type {
  CallOptions,
  ClientConfig,
  Credentials,
  CredentialProvider,
  FetchLike,
  Logger,
  RawHttpRequest,
  RawHttpResponse,
  RegionProvider,
  ServiceSchema,
} from "./config.js";
import { cachedCredentials, environment, fromEnv } from "./credentials.js";
import { NetworkError, ServiceException, TimeoutError, ValidationError, type ServiceExceptionInit } from "./errors.js";
import { headerMap, type HeaderSource } from "./protocols/http-response-bindings.js";
import { parseRestJsonError, parseRestJsonResponse, serializeRestJsonRequest, type SerializedRequest } from "./protocols/rest-json.js";
import { redact } from "./redact.js";
import { CLOCK_SKEW_CODES, RetryQuota, backoffDelay, isRetryable, isThrottling, sleep, type AttemptFailure } from "./retry.js";
import type { OperationSchema } from "./schema.js";
import { signRequest } from "./sigv4.js";
import { validateInput } from "./validate.js";

const DEFAULT_MAX_ATTEMPTS = 3;
const DEFAULT_TIMEOUT_MS = 30_000;
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

/** What one attempt got back, whichever way it was sent: headers as `Headers` or a lower-case record. */
interface AttemptResponse {
  status: number;
  headers: HeaderSource;
  body: Uint8Array;
}

export class ClientCore {
  readonly #service: ServiceSchema;
  readonly #baseException: BaseException;
  readonly #credentials: CredentialProvider;
  readonly #regionSource: string | RegionProvider | undefined;
  #region: Promise<string> | undefined;
  readonly #endpoint: URL | undefined;
  /** The configured transport; undefined: the global fetch, called as `fetch(url, init)`. */
  readonly #fetch: FetchLike | undefined;
  /** The configured transport's `sendRaw`, which the client prefers to building a Request. */
  readonly #sendRaw: ((request: RawHttpRequest) => Promise<RawHttpResponse>) | undefined;
  readonly #maxAttempts: number;
  readonly #timeoutMs: number;
  readonly #logger: Logger | undefined;
  readonly #validate: { patterns: boolean } | undefined;
  readonly #quota = new RetryQuota();
  /** Requests given to a configured fetch whose body is still being read (see #attempt). */
  readonly #inFlight = new Set<Request>();
  /** Server time minus local time, learned from clock-skew errors. */
  #clockOffsetMs = 0;

  constructor(service: ServiceSchema, config: ClientConfig, baseException: BaseException) {
    this.#service = service;
    this.#baseException = baseException;
    this.#credentials = cachedCredentials(config.credentials ?? fromEnv);
    const env = environment();
    this.#regionSource = config.region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
    this.#endpoint = config.endpoint === undefined ? undefined : new URL(config.endpoint);
    const transport = config.fetch;
    this.#fetch = transport;
    this.#sendRaw = typeof transport?.sendRaw === "function" ? transport.sendRaw.bind(transport) : undefined;
    this.#maxAttempts = Math.max(1, config.maxAttempts ?? DEFAULT_MAX_ATTEMPTS);
    this.#timeoutMs = config.requestTimeoutMs ?? DEFAULT_TIMEOUT_MS;
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
        const exception = parseRestJsonError(op, response, { baseException: this.#baseException, attempts: attempt });
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

  /**
   * One signed HTTP exchange, body included, bounded by the per-attempt timeout and the caller's
   * signal. Three ways to send: the transport's `sendRaw` (no Request or Response at all), a
   * configured `fetch` (given a Request, as its contract says), or the global fetch (`fetch(url,
   * init)`, so it does not check and copy a Request a second time).
   */
  async #attempt(
    op: OperationSchema,
    request: SerializedRequest,
    credentials: Credentials,
    region: string,
    signal: AbortSignal | undefined,
  ): Promise<AttemptResponse> {
    const headers = await signRequest(request, {
      credentials,
      region,
      service: this.#service.signingName,
      date: new Date(Date.now() + this.#clockOffsetMs),
      ...(op.unsignedPayload ? { unsignedPayload: true } : {}),
    });
    signal?.throwIfAborted(); // aborted while signing: an abort listener added now would never run
    const timeoutMs = this.#timeoutMs;

    const sendRaw = this.#sendRaw;
    if (sendRaw) {
      // The transport keeps the time limit itself: no controller or timer here. The signed `host`
      // goes along as the Host header.
      const raw: RawHttpRequest = { method: request.method, url: request.url, headers };
      if (request.body !== undefined) raw.body = request.body;
      if (signal) raw.signal = signal;
      if (timeoutMs > 0) raw.timeoutMs = timeoutMs;
      try {
        return await sendRaw(raw);
      } catch (e) {
        throw this.#failure(op, request, signal, e, (e as { name?: unknown } | null)?.name === "TimeoutError");
      }
    }

    delete headers.host; // fetch sets Host itself (browsers refuse it); the value is the same
    // One controller per attempt, aborted by its timer or by the caller's signal; cheaper than
    // AbortSignal.timeout() + AbortSignal.any(), and the timer is cleared as soon as the body is in.
    let attemptSignal = signal;
    let timeout: AbortSignal | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let onAbort: (() => void) | undefined;
    if (timeoutMs > 0) {
      const controller = new AbortController();
      attemptSignal = timeout = controller.signal;
      timer = setTimeout(() => controller.abort(new DOMException(`no response within ${timeoutMs} ms`, "TimeoutError")), timeoutMs);
      if (signal) {
        onAbort = () => controller.abort(signal.reason);
        signal.addEventListener("abort", onAbort, { once: true });
      }
    }
    let held: Request | undefined;
    try {
      const init: RequestInit = { method: request.method, headers };
      if (request.body !== undefined) init.body = request.body as BodyInit;
      if (attemptSignal) init.signal = attemptSignal;
      let response: Response;
      if (this.#fetch) {
        // Held until the body is in: Node's Request follows our signal only while the Request is
        // reachable (nodejs/node#55428). Once it is collected, neither the timeout nor the
        // caller's abort would stop a body that stalls.
        held = new Request(request.url, init);
        if (attemptSignal) this.#inFlight.add(held);
        response = await this.#fetch(held);
      } else {
        response = await fetch(request.url, init);
      }
      // Read here, so a body that stalls is a TimeoutError and one cut short a NetworkError (both
      // retried), not a bare DOMException or TypeError from fetch.
      const body = new Uint8Array(await response.arrayBuffer());
      return { status: response.status, headers: response.headers, body };
    } catch (e) {
      throw this.#failure(op, request, signal, e, timeout?.aborted === true);
    } finally {
      if (timer !== undefined) clearTimeout(timer);
      if (onAbort) signal!.removeEventListener("abort", onAbort);
      if (held) this.#inFlight.delete(held);
    }
  }

  /** What a failed exchange throws: the caller's abort reason, a TimeoutError or a NetworkError. */
  #failure(op: OperationSchema, request: SerializedRequest, signal: AbortSignal | undefined, e: unknown, timedOut: boolean): unknown {
    if (signal?.aborted) return signal.reason;
    const timeoutMs = this.#timeoutMs;
    if (timedOut) return new TimeoutError(`${op.name}: no response within ${timeoutMs} ms`, { cause: e, timeoutMs });
    return new NetworkError(`${op.name}: ${request.method} ${new URL(request.url).host} failed: ${errorText(e)}`, { cause: e });
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

function errorText(e: unknown): string {
  if (!(e instanceof Error)) return String(e);
  const cause = (e as { cause?: unknown }).cause;
  return cause instanceof Error ? `${e.message} (${cause.message})` : e.message;
}
