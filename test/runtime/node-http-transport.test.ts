import { once } from "node:events";
import * as http from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { nodeHttpFetch } from "../../templates/runtime/node/http-transport.js";

interface Seen {
  method: string;
  url: string;
  rawHeaders: string[];
  body: Buffer;
}

type Handler = (req: http.IncomingMessage, res: http.ServerResponse, seen: Seen) => void;

// One server for the file; each test sets `handler` and reads `seen` / `connections`.
let server: http.Server;
let base: string;
let handler: Handler;
let seen: Seen[] = [];
let connections = 0;
const sockets = new Set<Socket>();

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const entry = { method: req.method!, url: req.url!, rawHeaders: req.rawHeaders, body: Buffer.concat(chunks) };
      seen.push(entry);
      handler(req, res, entry);
    });
  });
  server.on("connection", (socket: Socket) => {
    connections++;
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterEach(() => {
  seen = [];
  connections = 0;
  for (const socket of sockets) socket.destroy();
});

afterAll(async () => {
  server.close();
});

const headerValues = (entry: Seen, name: string): string[] => {
  const values: string[] = [];
  for (let i = 0; i < entry.rawHeaders.length; i += 2) {
    if (entry.rawHeaders[i]!.toLowerCase() === name) values.push(entry.rawHeaders[i + 1]!);
  }
  return values;
};

describe("nodeHttpFetch", () => {
  it("round-trips status, headers (repeated ones included) and body", async () => {
    handler = (_req, res) => {
      res.statusCode = 418;
      res.statusMessage = "I'm a teapot";
      res.setHeader("content-type", "application/json");
      res.setHeader("x-multi", ["a", "b"]);
      res.setHeader("set-cookie", ["one=1", "two=2"]);
      res.end(JSON.stringify({ hello: "wörld" }));
    };
    const fetch = nodeHttpFetch();
    const response = await fetch(
      new Request(`${base}/path/x%20y?a=1&b=2`, { headers: { "x-amz-target": "Svc.Op", "x-a": "1" } }),
    );

    expect(response.status).toBe(418);
    expect(response.statusText).toBe("I'm a teapot");
    expect(response.ok).toBe(false);
    expect(response.headers.get("content-type")).toBe("application/json");
    expect(response.headers.get("x-multi")).toBe("a, b");
    expect(response.headers.getSetCookie()).toEqual(["one=1", "two=2"]);
    expect(await response.json()).toEqual({ hello: "wörld" });

    const [request] = seen;
    expect(request!.method).toBe("GET");
    expect(request!.url).toBe("/path/x%20y?a=1&b=2");
    expect(headerValues(request!, "x-amz-target")).toEqual(["Svc.Op"]);
    expect(headerValues(request!, "content-length")).toEqual([]);
  });

  it("sends a POST body with its Content-Length; 0 for an empty POST, none for an empty DELETE", async () => {
    handler = (_req, res, entry) => res.end(`got ${entry.body.length} bytes`);
    const fetch = nodeHttpFetch();
    const body = JSON.stringify({ text: "héllo ".repeat(1000) });
    const response = await fetch(
      new Request(`${base}/post`, { method: "POST", body, headers: { "content-type": "application/json" } }),
    );
    expect(await response.text()).toBe(`got ${Buffer.byteLength(body)} bytes`);
    expect(seen[0]!.body.toString()).toBe(body);
    expect(headerValues(seen[0]!, "content-length")).toEqual([String(Buffer.byteLength(body))]);
    expect(headerValues(seen[0]!, "transfer-encoding")).toEqual([]);

    await fetch(new Request(`${base}/empty`, { method: "POST" }));
    expect(headerValues(seen[1]!, "content-length")).toEqual(["0"]);
    await fetch(new Request(`${base}/delete`, { method: "DELETE", headers: { "content-length": "12" } }));
    expect(headerValues(seen[2]!, "content-length")).toEqual([]);
  });

  it("sends binary bodies unchanged", async () => {
    handler = (_req, res) => res.end(Buffer.from([0xff, 0x00, 0xfe]));
    const bytes = new Uint8Array(256).map((_, i) => i);
    const response = await nodeHttpFetch()(new Request(`${base}/bin`, { method: "PUT", body: bytes }));
    expect([...seen[0]!.body]).toEqual([...bytes]);
    expect([...new Uint8Array(await response.arrayBuffer())]).toEqual([0xff, 0x00, 0xfe]);
  });

  it("sends a Host header once, the Request's own when it has one", async () => {
    handler = (_req, res) => res.end();
    const fetch = nodeHttpFetch();
    await fetch(new Request(`${base}/`, { headers: { host: "signed.example.com" } }));
    await fetch(new Request(`${base}/`));
    expect(headerValues(seen[0]!, "host")).toEqual(["signed.example.com"]);
    expect(headerValues(seen[1]!, "host")).toEqual([new URL(base).host]);
  });

  it("gives null-body statuses an empty body and reads HEAD responses", async () => {
    const fetch = nodeHttpFetch();
    handler = (_req, res) => {
      res.statusCode = 204;
      res.end();
    };
    const noContent = await fetch(new Request(`${base}/204`, { method: "DELETE" }));
    expect(noContent.status).toBe(204);
    expect(await noContent.text()).toBe("");
    handler = (_req, res) => {
      res.setHeader("content-length", "5");
      res.end();
    };
    const head = await fetch(new Request(`${base}/`, { method: "HEAD" }));
    expect(head.headers.get("content-length")).toBe("5");
    expect(await head.text()).toBe("");
  });

  it("reuses one connection for sequential calls", async () => {
    handler = (_req, res) => res.end("ok");
    const fetch = nodeHttpFetch();
    for (let i = 0; i < 5; i++) {
      const response = await fetch(new Request(`${base}/${i}`, { method: "POST", body: "x" }));
      expect(await response.text()).toBe("ok");
    }
    expect(seen).toHaveLength(5);
    expect(connections).toBe(1);
  });

  it("opens a connection per call with keepAlive: false", async () => {
    handler = (_req, res) => res.end("ok");
    const fetch = nodeHttpFetch({ keepAlive: false });
    for (let i = 0; i < 3; i++) await fetch(new Request(`${base}/${i}`));
    expect(connections).toBe(3);
  });

  it("rejects with the signal's reason when aborted before the response, and closes the socket", async () => {
    let arrived!: () => void;
    const requestArrived = new Promise<void>((resolve) => (arrived = resolve));
    handler = () => arrived(); // never answers
    const controller = new AbortController();
    const reason = new Error("stop");
    const pending = nodeHttpFetch()(
      new Request(`${base}/hang`, { method: "POST", body: "x", signal: controller.signal }),
    );
    await requestArrived;
    expect(sockets.size).toBe(1);
    const [socket] = sockets;
    controller.abort(reason);
    await expect(pending).rejects.toBe(reason);
    await once(socket!, "close");
  });

  it("rejects with the signal's reason when aborted while the body streams", async () => {
    let headersSent!: () => void;
    const started = new Promise<void>((resolve) => (headersSent = resolve));
    handler = (_req, res) => {
      res.writeHead(200, { "content-length": "100" });
      res.write("partial");
      headersSent();
    };
    const controller = new AbortController();
    const pending = nodeHttpFetch()(new Request(`${base}/slow`, { signal: controller.signal }));
    await started;
    await new Promise((resolve) => setTimeout(resolve, 20));
    controller.abort();
    const error = await pending.catch((e: unknown) => e);
    expect(error).toBe(controller.signal.reason);
    expect((error as DOMException).name).toBe("AbortError");
  });

  it("rejects at once, without connecting, when the signal is already aborted", async () => {
    handler = (_req, res) => res.end();
    const reason = new Error("already");
    await expect(nodeHttpFetch()(new Request(`${base}/`, { signal: AbortSignal.abort(reason) }))).rejects.toBe(reason);
    expect(connections).toBe(0);
  });

  it("rejects with TypeError('fetch failed') when the server drops the connection, as fetch does", async () => {
    handler = (req) => req.socket.destroy();
    const error = await nodeHttpFetch()(new Request(`${base}/drop`, { method: "POST", body: "x" })).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TypeError);
    expect((error as TypeError).message).toBe("fetch failed");
    expect(((error as TypeError).cause as NodeJS.ErrnoException).code).toBe("ECONNRESET");
  });

  it("rejects with TypeError('fetch failed') when the connection drops mid-body", async () => {
    handler = (_req, res) => {
      res.writeHead(200, { "content-length": "100" });
      res.write("partial", () => res.socket?.destroy());
    };
    const error = await nodeHttpFetch()(new Request(`${base}/cut`)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect((error as TypeError).message).toBe("fetch failed");
  });

  it("rejects with TypeError('fetch failed') when nothing listens", async () => {
    const closed = http.createServer();
    closed.listen(0, "127.0.0.1");
    await once(closed, "listening");
    const { port } = closed.address() as AddressInfo;
    closed.close();
    const error = await nodeHttpFetch()(new Request(`http://127.0.0.1:${port}/`)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect(((error as TypeError).cause as NodeJS.ErrnoException).code).toBe("ECONNREFUSED");
  });
});

describe("nodeHttpFetch().sendRaw", () => {
  it("round-trips status, headers (lower-case names, repeated ones joined) and body bytes", async () => {
    handler = (_req, res) => {
      res.statusCode = 418;
      res.setHeader("Content-Type", "application/json");
      res.setHeader("X-Multi", ["a", "b"]);
      res.setHeader("set-cookie", ["one=1", "two=2"]);
      res.setHeader("X-Amzn-RequestId", "req-1");
      res.end(JSON.stringify({ hello: "wörld" }));
    };
    const headers = { "x-amz-target": "Svc.Op", "content-type": "application/json" };
    const response = await nodeHttpFetch().sendRaw!({ method: "GET", url: `${base}/path/x%20y?a=1&b=2`, headers });

    expect(response.status).toBe(418);
    expect(response.headers["content-type"]).toBe("application/json");
    expect(response.headers["x-multi"]).toBe("a, b");
    expect(response.headers["set-cookie"]).toBe("one=1, two=2");
    expect(response.headers["x-amzn-requestid"]).toBe("req-1");
    expect(Object.keys(response.headers).every((name) => name === name.toLowerCase())).toBe(true);
    expect(response.body).toBeInstanceOf(Uint8Array);
    expect(JSON.parse(new TextDecoder().decode(response.body))).toEqual({ hello: "wörld" });

    const [request] = seen;
    expect(request!.method).toBe("GET");
    expect(request!.url).toBe("/path/x%20y?a=1&b=2");
    expect(headerValues(request!, "x-amz-target")).toEqual(["Svc.Op"]);
    expect(headerValues(request!, "host")).toEqual([new URL(base).host]);
    expect(headerValues(request!, "content-length")).toEqual([]);
    expect(headers).toEqual({ "x-amz-target": "Svc.Op", "content-type": "application/json" }); // not changed
  });

  it("sends string and byte bodies with their own Content-Length, whatever the caller's headers say", async () => {
    handler = (_req, res, entry) => res.end(`got ${entry.body.length} bytes`);
    const send = nodeHttpFetch().sendRaw!;
    const text = JSON.stringify({ text: "héllo ".repeat(1000) });
    const answer = await send({ method: "POST", url: `${base}/post`, headers: { "content-length": "3" }, body: text });
    expect(new TextDecoder().decode(answer.body)).toBe(`got ${Buffer.byteLength(text)} bytes`);
    expect(seen[0]!.body.toString()).toBe(text);
    expect(headerValues(seen[0]!, "content-length")).toEqual([String(Buffer.byteLength(text))]);

    const bytes = new Uint8Array(256).map((_, i) => i);
    await send({ method: "PUT", url: `${base}/bin`, headers: {}, body: bytes });
    expect([...seen[1]!.body]).toEqual([...bytes]);
    expect(headerValues(seen[1]!, "content-length")).toEqual(["256"]);

    await send({ method: "POST", url: `${base}/empty`, headers: {} });
    expect(headerValues(seen[2]!, "content-length")).toEqual(["0"]);
    await send({ method: "DELETE", url: `${base}/delete`, headers: { "content-length": "12" } });
    expect(headerValues(seen[3]!, "content-length")).toEqual([]);
  });

  it("gives null-body statuses an empty body", async () => {
    handler = (_req, res) => {
      res.statusCode = 204;
      res.end();
    };
    const response = await nodeHttpFetch().sendRaw!({ method: "DELETE", url: `${base}/204`, headers: {} });
    expect(response.status).toBe(204);
    expect(response.body.length).toBe(0);
  });

  it("shares the agent with the function: one connection for sequential calls of both", async () => {
    handler = (_req, res) => res.end("ok");
    const fetch = nodeHttpFetch();
    for (let i = 0; i < 3; i++) {
      await fetch.sendRaw!({ method: "POST", url: `${base}/${i}`, headers: {}, body: "x" });
      await (await fetch(new Request(`${base}/${i}`))).text();
    }
    expect(seen).toHaveLength(6);
    expect(connections).toBe(1);
  });

  it("rejects with the signal's reason when aborted before the response or while the body streams", async () => {
    let arrived!: () => void;
    const requestArrived = new Promise<void>((resolve) => (arrived = resolve));
    handler = () => arrived(); // never answers
    const send = nodeHttpFetch().sendRaw!;
    const controller = new AbortController();
    const reason = new Error("stop");
    const pending = send({ method: "POST", url: `${base}/hang`, headers: {}, body: "x", signal: controller.signal });
    await requestArrived;
    const [socket] = sockets;
    controller.abort(reason);
    await expect(pending).rejects.toBe(reason);
    await once(socket!, "close");

    let headersSent!: () => void;
    const started = new Promise<void>((resolve) => (headersSent = resolve));
    handler = (_req, res) => {
      res.writeHead(200, { "content-length": "100" });
      res.write("partial");
      headersSent();
    };
    const streaming = new AbortController();
    const slow = send({ method: "GET", url: `${base}/slow`, headers: {}, signal: streaming.signal });
    await started;
    await new Promise((resolve) => setTimeout(resolve, 20));
    streaming.abort();
    await expect(slow).rejects.toBe(streaming.signal.reason);
  });

  it("sends the caller's host header as Host", async () => {
    handler = (_req, res) => res.end();
    await nodeHttpFetch().sendRaw!({ method: "GET", url: `${base}/`, headers: { host: "signed.example.com" } });
    expect(headerValues(seen[0]!, "host")).toEqual(["signed.example.com"]);
  });

  it("rejects with a DOMException named TimeoutError after timeoutMs, headers or body late, and closes the socket", async () => {
    const send = nodeHttpFetch().sendRaw!;
    handler = () => {}; // never answers
    let started = performance.now();
    const early = await send({ method: "GET", url: `${base}/hang`, headers: {}, timeoutMs: 100 }).catch((e: unknown) => e);
    expect(early).toBeInstanceOf(DOMException);
    expect((early as DOMException).name).toBe("TimeoutError");
    expect(performance.now() - started).toBeGreaterThanOrEqual(90);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(sockets.size).toBe(0);

    handler = (_req, res) => {
      res.writeHead(200, { "content-length": "100" });
      res.write("partial");
    };
    started = performance.now();
    const late = await send({ method: "GET", url: `${base}/slow`, headers: {}, timeoutMs: 100 }).catch((e: unknown) => e);
    expect((late as DOMException).name).toBe("TimeoutError");
    expect(performance.now() - started).toBeLessThan(1_000);

    handler = (_req, res) => res.end("quick");
    const ok = await send({ method: "GET", url: `${base}/ok`, headers: {}, timeoutMs: 1_000 });
    expect(new TextDecoder().decode(ok.body)).toBe("quick");
  });

  it("rejects at once, without connecting, when the signal is already aborted", async () => {
    handler = (_req, res) => res.end();
    const reason = new Error("already");
    const send = nodeHttpFetch().sendRaw!;
    await expect(send({ method: "GET", url: `${base}/`, headers: {}, signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
    expect(connections).toBe(0);
  });

  it("rejects with TypeError('fetch failed') on a dropped connection, a cut body and an unsupported protocol", async () => {
    const send = nodeHttpFetch().sendRaw!;
    handler = (req) => req.socket.destroy();
    const dropped = await send({ method: "POST", url: `${base}/drop`, headers: {}, body: "x" }).catch((e: unknown) => e);
    expect(dropped).toBeInstanceOf(TypeError);
    expect((dropped as TypeError).message).toBe("fetch failed");
    expect(((dropped as TypeError).cause as NodeJS.ErrnoException).code).toBe("ECONNRESET");

    handler = (_req, res) => {
      res.writeHead(200, { "content-length": "100" });
      res.write("partial", () => res.socket?.destroy());
    };
    const cut = await send({ method: "GET", url: `${base}/cut`, headers: {} }).catch((e: unknown) => e);
    expect(cut).toBeInstanceOf(TypeError);
    expect((cut as TypeError).message).toBe("fetch failed");

    const ftp = await send({ method: "GET", url: "ftp://127.0.0.1/", headers: {} }).catch((e: unknown) => e);
    expect(ftp).toBeInstanceOf(TypeError);
    expect((ftp as TypeError).message).toBe("fetch failed");
  });
});
