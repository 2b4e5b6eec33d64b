// Standard retry mode, as the AWS SDKs define it: capped exponential backoff with full jitter, and a
// retry quota shared by all calls of one client so a failing service is not hammered.

const THROTTLING_CODES = new Set([
  "Throttling",
  "ThrottlingException",
  "ThrottledException",
  "RequestThrottledException",
  "TooManyRequestsException",
  "ProvisionedThroughputExceededException",
  "TransactionInProgressException",
  "RequestLimitExceeded",
  "BandwidthLimitExceeded",
  "LimitExceededException",
  "RequestThrottled",
  "SlowDown",
  "PriorRequestNotComplete",
  "EC2ThrottledException",
]);
const TRANSIENT_CODES = new Set(["RequestTimeout", "RequestTimeoutException", "InternalError", "InternalFailure"]);
const TRANSIENT_STATUS = new Set([500, 502, 503, 504]);
/** Errors that may mean our clock is off; retried when the server's Date shows it is. */
export const CLOCK_SKEW_CODES = new Set([
  "AuthFailure",
  "InvalidSignatureException",
  "RequestExpired",
  "RequestInTheFuture",
  "RequestTimeTooSkewed",
  "SignatureDoesNotMatch",
]);

const BASE_DELAY_MS = 100;
/** Throttling errors back off from a larger base: the service asked us to slow down. */
const THROTTLING_BASE_DELAY_MS = 500;
const MAX_BACKOFF_MS = 20_000;
const INITIAL_QUOTA = 500;
const RETRY_COST = 5;
const TIMEOUT_RETRY_COST = 10;
const SUCCESS_REFUND = 1;

/** What the retry decision looks at in a failed attempt. */
export interface AttemptFailure {
  /** Error code from the service, if it answered. */
  code?: string;
  status?: number;
  /** The model marks the error retryable. */
  retryable?: boolean;
  throttling?: boolean;
  /** No answer: connection failed or reset. */
  network?: boolean;
  /** The attempt ran out of time. */
  timeout?: boolean;
  /** A clock-skew error that moved the client's clock offset (see CLOCK_SKEW_CODES). */
  clockSkewCorrected?: boolean;
}

export function isRetryable(f: AttemptFailure): boolean {
  if (f.network || f.timeout || f.retryable || f.throttling) return true;
  if (f.code !== undefined && (THROTTLING_CODES.has(f.code) || TRANSIENT_CODES.has(f.code))) return true;
  // Only worth a retry when the clock was off: with a right clock, the key or signature is wrong.
  if (f.code !== undefined && CLOCK_SKEW_CODES.has(f.code)) return f.clockSkewCorrected === true;
  return f.status !== undefined && (TRANSIENT_STATUS.has(f.status) || f.status === 429);
}

/**
 * Throttling, as the SDKs' standard mode decides it for the backoff base: the model says so, or the
 * code is a known throttling code, or HTTP 429. (The model's `retryable.throttling` is rarely set:
 * IVS Chat's ThrottlingException has no `retryable` trait at all.)
 */
export function isThrottling(f: AttemptFailure): boolean {
  return f.throttling === true || (f.code !== undefined && THROTTLING_CODES.has(f.code)) || f.status === 429;
}

export class RetryQuota {
  #available = INITIAL_QUOTA;

  /** Takes the cost of a retry; false when the quota is spent and the call must fail now. */
  acquire(f: AttemptFailure): number | undefined {
    const cost = f.timeout ? TIMEOUT_RETRY_COST : RETRY_COST;
    if (this.#available < cost) return undefined;
    this.#available -= cost;
    return cost;
  }

  /** A successful attempt gives back what its retry cost, or a little when it was a first try. */
  release(cost: number | undefined): void {
    this.#available = Math.min(INITIAL_QUOTA, this.#available + (cost ?? SUCCESS_REFUND));
  }

  get available(): number {
    return this.#available;
  }
}

/** Full jitter: a random delay in [0, min(cap, base * 2^(attempt-1))). `attempt` counts from 1. */
export function backoffDelay(attempt: number, throttling = false, random: () => number = Math.random): number {
  const base = throttling ? THROTTLING_BASE_DELAY_MS : BASE_DELAY_MS;
  return Math.floor(random() * Math.min(MAX_BACKOFF_MS, base * 2 ** (attempt - 1)));
}

/** Sleeps `ms`, ending early with the signal's reason when it aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
