/// <reference types="node" />
// The generated tsconfig loads no ambient types ("types": []) so the browser-safe core is not
// written against Node; the Node-only entry asks for them itself.
// A FetchLike on node:http/node:https. Node's global fetch (undici) spends most of a small call's
// CPU on web streams and WebIDL checks; this goes straight to http.request, buffers the response
// and builds one Response at the end.

import * as http from "node:http";
import * as https from "node:https";
import type { FetchLike } from "../config.js";

export interface NodeHttpFetchOptions {
  /** Keep connections open between calls. Default true. */
  keepAlive?: boolean;
  /** Most open sockets per host and port. Default: no limit. */
  maxSockets?: number;
}

// Fetch spec: these statuses never carry a body, and Response refuses one.
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);
// Fetch spec: a request without a body says `Content-Length: 0` for these methods only.
const ZERO_LENGTH_METHODS = new Set(["POST", "PUT"]);

/**
 * Sends a WHATWG `Request` with node:http or node:https and resolves a `Response` whose body is
 * fully read. Each call of `nodeHttpFetch` makes its own pair of agents: create it once and pass
 * it to every client that should share connections.
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

  return async (request) => {
    const signal: AbortSignal | undefined = request.signal;
    signal?.throwIfAborted();
    const url = new URL(request.url);
    const secure = url.protocol === "https:";
    if (!secure && url.protocol !== "http:")
      throw new TypeError("fetch failed", { cause: new Error(`unsupported protocol ${url.protocol}`) });

    const headers = Object.create(null) as Record<string, string>;
    request.headers.forEach((value, name) => {
      headers[name] = value;
    });
    let body: Buffer | undefined;
    if (request.body !== null) {
      body = Buffer.from(await request.arrayBuffer());
      signal?.throwIfAborted();
    }
    // Set, not trusted from the caller: a wrong length hangs or truncates the request.
    if (body !== undefined) headers["content-length"] = String(body.length);
    else if (ZERO_LENGTH_METHODS.has(request.method)) headers["content-length"] = "0";
    else delete headers["content-length"];

    return send(
      secure ? https : http,
      {
        agent: secure ? httpsAgent : httpAgent,
        protocol: url.protocol,
        hostname: url.hostname.startsWith("[") ? url.hostname.slice(1, -1) : url.hostname,
        port: url.port,
        path: url.pathname + url.search,
        method: request.method,
        // A `host` entry here keeps node:http from adding its own Host header.
        headers,
      },
      body,
      signal,
    );
  };
}

function send(
  transport: typeof http | typeof https,
  options: http.RequestOptions,
  body: Buffer | undefined,
  signal: AbortSignal | undefined,
): Promise<Response> {
  return new Promise<Response>((resolve, reject) => {
    let settled = false;
    const finish = (error: unknown, response?: Response): void => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener("abort", onAbort);
      if (response) resolve(response);
      else reject(error);
    };
    const fail = (cause: unknown): void => finish(new TypeError("fetch failed", { cause }));

    const req = transport.request(options, (res) => {
      const chunks: Buffer[] = [];
      let length = 0;
      res.on("data", (chunk: Buffer) => {
        chunks.push(chunk);
        length += chunk.length;
      });
      res.on("error", fail);
      res.on("end", () => {
        const status = res.statusCode ?? 0;
        // Socket chunks live on plain ArrayBuffers, never SharedArrayBuffers.
        const bytes = (chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, length)) as Uint8Array<ArrayBuffer>;
        try {
          finish(
            undefined,
            new Response(NULL_BODY_STATUSES.has(status) ? null : bytes, {
              status,
              statusText: res.statusMessage ?? "",
              headers: headerPairs(res.rawHeaders),
            }),
          );
        } catch (error) {
          fail(error);
        }
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
    req.end(body);
  });
}

/** node's rawHeaders [name, value, name, value…] → pairs; repeated names stay separate entries. */
function headerPairs(raw: string[]): [string, string][] {
  const pairs: [string, string][] = [];
  for (let i = 0; i + 1 < raw.length; i += 2) pairs.push([raw[i]!, raw[i + 1]!]);
  return pairs;
}
