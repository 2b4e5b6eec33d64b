// One signed HTTP exchange, body included, for ClientCore: bounded by the per-attempt timeout,
// the caller's signal and a response size limit; redirects are never followed (AWS APIs do not
// redirect signed requests, and following one would send credentials to another origin).
// Three ways to send: the transport's `sendRaw` (no Request or Response at all), a configured
// `fetch` (given a Request, as its contract says), or the global fetch (`fetch(url, init)`).

import type { FetchLike, RawHttpRequest, RawHttpResponse } from "./config.js";
import { NetworkError, ResponseTooLargeError, TimeoutError } from "./errors.js";
import type { HeaderSource } from "./protocols/http-response-bindings.js";

export interface ExchangeRequest {
  method: string;
  url: string;
  /** Lower-case names; `host` is kept for sendRaw and dropped for fetch (which sets it). */
  headers: Record<string, string>;
  body?: string | Uint8Array;
  signal?: AbortSignal;
  /** Per attempt, body included; 0: none. */
  timeoutMs: number;
  /** The most body bytes read into memory. */
  maxResponseBytes: number;
  /** For messages: "GetRoom". */
  operation: string;
}

/** What one attempt got back: headers as `Headers` or a lower-case record, the body in full. */
export interface ExchangeResponse {
  status: number;
  headers: HeaderSource;
  body: Uint8Array;
}

export class Transport {
  /** The configured transport; undefined: the global fetch, called as `fetch(url, init)`. */
  readonly #fetch: FetchLike | undefined;
  readonly #sendRaw: ((request: RawHttpRequest) => Promise<RawHttpResponse>) | undefined;
  /** Requests given to a configured fetch whose body is still being read (see #viaFetch). */
  readonly #inFlight = new Set<Request>();

  constructor(fetchLike: FetchLike | undefined) {
    this.#fetch = fetchLike;
    this.#sendRaw = typeof fetchLike?.sendRaw === "function" ? fetchLike.sendRaw.bind(fetchLike) : undefined;
  }

  /**
   * Rejects with the caller's abort reason, a TimeoutError, a ResponseTooLargeError or a
   * NetworkError (which a redirect the runtime cannot see, a browser's opaque one, is too).
   */
  async send(request: ExchangeRequest): Promise<ExchangeResponse> {
    const response = this.#sendRaw ? await this.#viaSendRaw(this.#sendRaw, request) : await this.#viaFetch(request);
    if (response.body.length > request.maxResponseBytes) throw tooLarge(request, response.status);
    return response;
  }

  async #viaSendRaw(sendRaw: (request: RawHttpRequest) => Promise<RawHttpResponse>, request: ExchangeRequest): Promise<ExchangeResponse> {
    // The transport keeps the time limit and the size limit itself; the signed `host` goes along
    // as the Host header.
    const raw: RawHttpRequest = { method: request.method, url: request.url, headers: request.headers, maxResponseBytes: request.maxResponseBytes };
    if (request.body !== undefined) raw.body = request.body;
    if (request.signal) raw.signal = request.signal;
    if (request.timeoutMs > 0) raw.timeoutMs = request.timeoutMs;
    try {
      return await sendRaw(raw);
    } catch (e) {
      if ((e as { name?: unknown } | null)?.name === "ResponseTooLargeError") throw tooLarge(request, (e as { status?: number }).status);
      throw failure(request, e, (e as { name?: unknown } | null)?.name === "TimeoutError");
    }
  }

  async #viaFetch(request: ExchangeRequest): Promise<ExchangeResponse> {
    const { signal, timeoutMs } = request;
    const headers = { ...request.headers };
    delete headers.host; // fetch sets Host itself (browsers refuse it); the value is the same
    // One controller per attempt, aborted by its timer or by the caller's signal; cheaper than
    // AbortSignal.timeout() + AbortSignal.any(), and the timer is cleared as soon as the body is in.
    let attemptSignal = signal;
    let timeout: AbortSignal | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let onAbort: (() => void) | undefined;
    // Also aborts a body that grows past the size limit, so the connection is let go at once.
    let controller: AbortController | undefined;
    if (timeoutMs > 0) {
      controller = new AbortController();
      const own = controller;
      attemptSignal = timeout = own.signal;
      timer = setTimeout(() => own.abort(new DOMException(`no response within ${timeoutMs} ms`, "TimeoutError")), timeoutMs);
      if (signal) {
        onAbort = () => own.abort(signal.reason);
        signal.addEventListener("abort", onAbort, { once: true });
      }
    }
    let held: Request | undefined;
    let status: number | undefined;
    try {
      // "manual": a 3xx comes back as the response (an error for the client), never followed.
      const init: RequestInit = { method: request.method, headers, redirect: "manual" };
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
      status = response.status;
      if (response.type === "opaqueredirect") {
        // A browser hides where a manual redirect goes: status 0, no headers.
        throw new NetworkError(`${request.operation}: the server answered with a redirect, which the client does not follow`);
      }
      // Read here, so a body that stalls is a TimeoutError and one cut short a NetworkError (both
      // retried), not a bare DOMException or TypeError from fetch.
      const body = await readBody(response, request.maxResponseBytes);
      if (body === undefined) {
        controller?.abort();
        throw tooLarge(request, status);
      }
      return { status, headers: response.headers, body };
    } catch (e) {
      if (e instanceof ResponseTooLargeError || e instanceof NetworkError) throw e;
      throw failure(request, e, timeout?.aborted === true);
    } finally {
      if (timer !== undefined) clearTimeout(timer);
      if (onAbort) signal!.removeEventListener("abort", onAbort);
      if (held) this.#inFlight.delete(held);
    }
  }
}

/** The whole body, or undefined (the rest cancelled) once it passes `limit` bytes. */
async function readBody(response: Response, limit: number): Promise<Uint8Array | undefined> {
  const declared = Number(response.headers.get("content-length") ?? NaN);
  if (declared > limit) {
    await response.body?.cancel().catch(() => {});
    return undefined;
  }
  if (!response.body) return new Uint8Array(0);
  if (declared <= limit && Number.isFinite(declared)) return new Uint8Array(await response.arrayBuffer());
  // No length given: count while reading.
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    length += value.length;
    if (length > limit) {
      await reader.cancel().catch(() => {});
      return undefined;
    }
    chunks.push(value);
  }
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

function tooLarge(request: ExchangeRequest, status: number | undefined): ResponseTooLargeError {
  return new ResponseTooLargeError(
    `${request.operation}: the response body is larger than maxResponseBytes (${request.maxResponseBytes} bytes)`,
    { limit: request.maxResponseBytes, ...(status === undefined ? {} : { status }) },
  );
}

/** What a failed exchange throws: the caller's abort reason, a TimeoutError or a NetworkError. */
function failure(request: ExchangeRequest, e: unknown, timedOut: boolean): unknown {
  if (request.signal?.aborted) return request.signal.reason;
  const { timeoutMs } = request;
  if (timedOut) return new TimeoutError(`${request.operation}: no response within ${timeoutMs} ms`, { cause: e, timeoutMs });
  return new NetworkError(`${request.operation}: ${request.method} ${new URL(request.url).host} failed: ${errorText(e)}`, { cause: e });
}

function errorText(e: unknown): string {
  if (!(e instanceof Error)) return String(e);
  const cause = (e as { cause?: unknown }).cause;
  return cause instanceof Error ? `${e.message} (${cause.message})` : e.message;
}
