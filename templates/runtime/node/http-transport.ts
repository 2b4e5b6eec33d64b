/// <reference types="node" />
// The generated tsconfig loads no ambient types ("types": []) so the browser-safe core is not
// written against Node; the Node-only entry asks for them itself.
// A FetchLike on node:http/node:https. Node's global fetch (undici) spends most of a small call's
// CPU on web streams and WebIDL checks; this goes straight to http.request and buffers the
// response. The client uses its `sendRaw` (plain headers and bytes, no Request or Response);
// called as a function it takes a Request and resolves one Response, as fetch does.

import * as http from "node:http";
import * as https from "node:https";
import type { FetchLike, RawHttpRequest, RawHttpResponse } from "../config.js";

export interface NodeHttpFetchOptions {
  /** Keep connections open between calls. Default true. */
  keepAlive?: boolean;
  /** Most open sockets per host and port. Default: no limit. */
  maxSockets?: number;
}

// Fetch spec: these statuses never carry a body, and Response refuses one.
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

/** What one exchange got back, before it becomes a Response or a RawHttpResponse. */
interface Received {
  status: number;
  statusText: string;
  /** node's rawHeaders: [name, value, name, value…], names as sent. */
  rawHeaders: string[];
  body: Buffer;
}

/**
 * Sends a WHATWG `Request` with node:http or node:https and resolves a `Response` whose body is
 * fully read. Each call of `nodeHttpFetch` makes its own pair of agents: create it once and pass
 * it to every client that should share connections. Its `sendRaw` does the same exchange with
 * plain objects and keeps the time limit itself; the generated clients use that.
 *
 * As with the global fetch: aborting `request.signal` rejects with the signal's reason (and
 * destroys the socket); a failure before the whole response arrives (refused, reset, TLS) rejects
 * with `TypeError("fetch failed")` whose `cause` is Node's error. Unlike fetch: redirects are
 * returned, not followed; bodies are not decompressed; `Response.url` is empty.
 */
export function nodeHttpFetch(options?: NodeHttpFetchOptions): FetchLike {
  const agentOptions: http.AgentOptions = { keepAlive: options?.keepAlive ?? true, scheduling: "lifo" };
  if (options?.maxSockets !== undefined) agentOptions.maxSockets = options.maxSockets;
  const httpAgent = new http.Agent(agentOptions);
  const httpsAgent = new https.Agent(agentOptions);

  /** Starts one exchange; rejects as fetch does (signal's reason, or TypeError("fetch failed")). */
  const exchange = (
    method: string,
    href: string,
    headers: Record<string, string>,
    body: string | Uint8Array | undefined,
    signal: AbortSignal | undefined,
    timeoutMs = 0,
    maxResponseBytes = Infinity,
  ): Promise<Received> => {
    signal?.throwIfAborted();
    const url = new URL(href);
    const secure = url.protocol === "https:";
    if (!secure && url.protocol !== "http:")
      throw new TypeError("fetch failed", { cause: new Error(`unsupported protocol ${url.protocol}`) });
    // Set, not trusted from the caller: a wrong length hangs or truncates the request. The fetch
    // spec sends `Content-Length: 0` without a body for POST and PUT only.
    if (body !== undefined) headers["content-length"] = String(typeof body === "string" ? Buffer.byteLength(body) : body.length);
    else if (method === "POST" || method === "PUT") headers["content-length"] = "0";
    else delete headers["content-length"];
    return send(
      secure ? https : http,
      {
        agent: secure ? httpsAgent : httpAgent,
        protocol: url.protocol,
        hostname: url.hostname.startsWith("[") ? url.hostname.slice(1, -1) : url.hostname,
        port: url.port,
        path: url.pathname + url.search,
        method,
        // A `host` entry here keeps node:http from adding its own Host header.
        headers,
      },
      body,
      signal,
      timeoutMs,
      maxResponseBytes,
    );
  };

  const fetchLike: FetchLike = async (request) => {
    const signal: AbortSignal | undefined = request.signal;
    signal?.throwIfAborted();
    const headers = Object.create(null) as Record<string, string>;
    request.headers.forEach((value, name) => {
      headers[name] = value;
    });
    let body: Uint8Array | undefined;
    if (request.body !== null) {
      body = new Uint8Array(await request.arrayBuffer());
      signal?.throwIfAborted();
    }
    const received = await exchange(request.method, request.url, headers, body, signal);
    const { status } = received;
    try {
      // Socket chunks live on plain ArrayBuffers, never SharedArrayBuffers.
      return new Response(NULL_BODY_STATUSES.has(status) ? null : (received.body as Uint8Array<ArrayBuffer>), {
        status,
        statusText: received.statusText,
        headers: headerPairs(received.rawHeaders),
      });
    } catch (cause) {
      throw new TypeError("fetch failed", { cause });
    }
  };

  fetchLike.sendRaw = async (request: RawHttpRequest): Promise<RawHttpResponse> => {
    // A copy: the caller's headers stay as they were (content-length is set here).
    const headers = Object.create(null) as Record<string, string>;
    for (const name in request.headers) headers[name] = request.headers[name]!;
    const received = await exchange(
      request.method,
      request.url,
      headers,
      request.body,
      request.signal,
      request.timeoutMs,
      request.maxResponseBytes,
    );
    return {
      status: received.status,
      headers: headerRecord(received.rawHeaders),
      body: NULL_BODY_STATUSES.has(received.status) ? new Uint8Array(0) : received.body,
    };
  };
  return fetchLike;
}

function send(
  transport: typeof http | typeof https,
  options: http.RequestOptions,
  body: string | Uint8Array | undefined,
  signal: AbortSignal | undefined,
  timeoutMs: number,
  maxResponseBytes: number,
): Promise<Received> {
  return new Promise<Received>((resolve, reject) => {
    let settled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const finish = (error: unknown, received?: Received): void => {
      if (settled) return;
      settled = true;
      if (timer !== undefined) clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
      if (received) resolve(received);
      else reject(error);
    };
    const fail = (cause: unknown): void => finish(new TypeError("fetch failed", { cause }));

    const req = transport.request(options, (res) => {
      const chunks: Buffer[] = [];
      let length = 0;
      const tooLarge = (): void => {
        const error = Object.assign(new Error(`response body larger than ${maxResponseBytes} bytes`), {
          name: "ResponseTooLargeError",
          status: res.statusCode,
        });
        finish(error);
        req.destroy(); // the rest is never read: the socket goes
      };
      if (Number(res.headers["content-length"] ?? 0) > maxResponseBytes) return tooLarge();
      res.on("data", (chunk: Buffer) => {
        length += chunk.length;
        if (length > maxResponseBytes) return tooLarge();
        chunks.push(chunk);
      });
      res.on("error", fail);
      res.on("end", () => {
        finish(undefined, {
          status: res.statusCode ?? 0,
          statusText: res.statusMessage ?? "",
          rawHeaders: res.rawHeaders,
          body: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, length),
        });
      });
      // Closed before the end: the connection dropped mid-body.
      res.on("close", () => {
        if (!res.complete) fail(new Error("connection closed before the response body ended"));
      });
    });
    req.on("error", fail);

    function onAbort(): void {
      finish(signal!.reason);
      req.destroy();
    }
    signal?.addEventListener("abort", onAbort, { once: true });
    if (timeoutMs > 0) {
      timer = setTimeout(() => {
        finish(new DOMException(`no response within ${timeoutMs} ms`, "TimeoutError"));
        req.destroy();
      }, timeoutMs);
    }
    req.end(body);
  });
}

/** node's rawHeaders [name, value, name, value…] → pairs; repeated names stay separate entries. */
function headerPairs(raw: string[]): [string, string][] {
  const pairs: [string, string][] = [];
  for (let i = 0; i + 1 < raw.length; i += 2) pairs.push([raw[i]!, raw[i + 1]!]);
  return pairs;
}

/** node's rawHeaders → lower-case names to values, repeated names joined with ", " as Headers.get does. */
function headerRecord(raw: string[]): Record<string, string> {
  const out = Object.create(null) as Record<string, string>;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i]!.toLowerCase();
    const value = raw[i + 1]!;
    const seen = out[name];
    out[name] = seen === undefined ? value : `${seen}, ${value}`;
  }
  return out;
}
