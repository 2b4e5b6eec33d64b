// A hostile IVS Chat for the fault matrix: CreateChatToken answers as the `roomIdentifier` of the
// request says ("<row>:<behaviour>", the row of the matrix and what to do), every signature is verified with @smithy/signature-v4,
// and every attempt is counted per row. A second server on another port stands for "another
// origin": a redirect points there, and it records whatever reaches it.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { verifySigV4, type SigningSecrets } from "./sigv4-verify.js";

/** The token a successful CreateChatToken returns: sensitive, so it must never show up anywhere. */
export const SECRET_TOKEN = "tok-SECRET-7f3c9a1b2d4e6f80-never-log-me";

/** How the server answers attempt `n` (1-based) of a row. */
type Behaviour = (n: number, res: ServerResponse, server: FaultServer) => void;

const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void => {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
};
const ok = (res: ServerResponse): void =>
  json(res, 200, { token: SECRET_TOKEN, tokenExpirationTime: "2030-01-01T00:00:00Z", sessionExpirationTime: "2030-01-01T01:00:00Z" });
const throttled = (res: ServerResponse): void =>
  json(res, 429, { message: "Rate exceeded" }, { "x-amzn-errortype": "ThrottlingException", "retry-after": "0" });
const unavailable = (res: ServerResponse): void => json(res, 503, { message: "Service unavailable" }, { "x-amzn-errortype": "ServiceUnavailable" });

export const BEHAVIOURS: Record<string, Behaviour> = {
  ok: (_, res) => ok(res),
  reset: (_, res) => void res.socket?.destroy(),
  "hang-headers": () => {},
  "hang-body": (_, res) => {
    res.writeHead(200, { "content-type": "application/json", "content-length": "1000" });
    res.write('{"token":');
  },
  "cut-body": (_, res) => {
    res.writeHead(200, { "content-type": "application/json", "content-length": "1000" });
    res.write('{"token":"tok', () => res.socket?.destroy());
  },
  "truncated-json": (_, res) => {
    res.writeHead(200, { "content-type": "application/json" });
    res.end(`{"token":"${SECRET_TOKEN}","tokenExpirationTime":"2030-`);
  },
  "invalid-json": (_, res) => {
    res.writeHead(200, { "content-type": "application/json" });
    res.end(`token=${SECRET_TOKEN}; this is not JSON`);
  },
  "wrong-type": (_, res) => json(res, 200, { token: { value: SECRET_TOKEN }, tokenExpirationTime: 1893456000 }),
  "html-502": (_, res) => {
    res.writeHead(502, { "content-type": "text/html" });
    res.end("<html><body><h1>502 Bad Gateway</h1></body></html>");
  },
  "wrong-content-type": (_, res) => {
    res.writeHead(200, { "content-type": "text/html" });
    res.end(`<html><body>${SECRET_TOKEN}</body></html>`);
  },
  "oversize-declared": (_, res) => json(res, 200, { token: SECRET_TOKEN, padding: "x".repeat(64 * 1024) }),
  "oversize-chunked": (_, res) => {
    res.writeHead(200, { "content-type": "application/json", "transfer-encoding": "chunked" });
    res.write(`{"token":"${SECRET_TOKEN}","padding":"`);
    const chunk = "x".repeat(8 * 1024);
    let sent = 0;
    const more = (): void => {
      // Keeps sending until the client goes away: only a client that stops reading ends this.
      if (res.destroyed || sent > 4 * 1024 * 1024) return void res.end('"}');
      sent += chunk.length;
      res.write(chunk, more);
    };
    more();
  },
  "503-then-ok": (n, res) => (n === 1 ? unavailable(res) : ok(res)),
  "429-then-ok": (n, res) => (n === 1 ? throttled(res) : ok(res)),
  "429-forever": (_, res) => throttled(res),
  "503-forever": (_, res) => unavailable(res),
  "unknown-code": (_, res) => json(res, 400, { message: "Something new" }, { "x-amzn-errortype": "SomethingNewException" }),
  "slow-ok": (_, res) => void setTimeout(() => ok(res), 100),
  "redirect-302": (_, res, server) => redirect(res, 302, server),
  "redirect-307": (_, res, server) => redirect(res, 307, server),
  "redirect-301": (_, res, server) => redirect(res, 301, server),
};

function redirect(res: ServerResponse, status: number, server: FaultServer): void {
  res.writeHead(status, { location: `${server.otherOrigin}/CreateChatToken`, "x-amz-bucket-region": "eu-west-1" });
  res.end();
}

export class FaultServer {
  /** Attempts per row. */
  readonly attempts = new Map<string, number>();
  /** Every Signature=… the client sent: secrets too, for the scan. */
  readonly signatures = new Set<string>();
  readonly signatureFailures: string[] = [];
  /** Requests that reached "another origin" (a redirect followed): must stay empty. */
  readonly otherOriginRequests: { path: string; headers: IncomingMessage["headers"] }[] = [];
  readonly #open = new Set<ServerResponse>();
  #server: Server | undefined;
  #other: Server | undefined;

  constructor(private readonly secrets: SigningSecrets) {}

  get endpoint(): string {
    return `http://127.0.0.1:${(this.#server!.address() as AddressInfo).port}`;
  }

  get otherOrigin(): string {
    return `http://127.0.0.1:${(this.#other!.address() as AddressInfo).port}`;
  }

  async start(): Promise<void> {
    this.#server = createServer((req, res) => void this.#handle(req, res));
    this.#other = createServer((req, res) => {
      this.otherOriginRequests.push({ path: req.url ?? "", headers: req.headers });
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ token: "from-another-origin" }));
    });
    await Promise.all([this.#server, this.#other].map((s) => new Promise<void>((resolve) => s.listen(0, "127.0.0.1", resolve))));
  }

  async stop(): Promise<void> {
    for (const res of this.#open) res.socket?.destroy();
    for (const s of [this.#server, this.#other]) {
      if (!s) continue;
      s.closeAllConnections();
      await new Promise<void>((resolve) => s.close(() => resolve()));
    }
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const rawUrl = req.url ?? "/";
    const q = rawUrl.indexOf("?");
    const path = q < 0 ? rawUrl : rawUrl.slice(0, q);
    const auth = String(req.headers.authorization ?? "");
    const signature = /Signature=([0-9a-f]+)/.exec(auth)?.[1];
    if (signature) this.signatures.add(signature);
    const verdict = await verifySigV4(
      { method: req.method ?? "", path, query: q < 0 ? "" : rawUrl.slice(q + 1), rawHeaders: req.rawHeaders, body },
      this.secrets,
    );
    if (!verdict.ok) {
      this.signatureFailures.push(verdict.reason);
      return json(res, 403, { message: "bad signature" }, { "x-amzn-errortype": "InvalidSignatureException" });
    }
    let row = "?";
    try {
      row = String((JSON.parse(body.toString("utf8")) as { roomIdentifier?: unknown }).roomIdentifier);
    } catch {
      // not a CreateChatToken body
    }
    const n = (this.attempts.get(row) ?? 0) + 1;
    this.attempts.set(row, n);
    res.setHeader("x-amzn-RequestId", `req-${n}`);
    this.#open.add(res);
    res.on("close", () => this.#open.delete(res));
    const behave = BEHAVIOURS[row.slice(row.lastIndexOf(":") + 1)];
    if (!behave) return json(res, 400, { message: `no row ${row}` }, { "x-amzn-errortype": "ValidationException" });
    behave(n, res, this);
  }
}
