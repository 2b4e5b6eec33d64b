// A small IVS Chat stand-in for the browser test: CreateRoom and GetRoom in the service's rest-json
// wire format, served over node:http on 127.0.0.1 with CORS as a browser needs it (preflight
// answered, the SigV4 headers allowed, x-amzn-requestid and x-amzn-errortype exposed). Every
// request but a preflight must carry a SigV4 signature that @smithy/signature-v4 agrees with
// (../e2e/sigv4-verify.ts); one that does not is answered 403 and recorded.

import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { verifySigV4, type SigningSecrets } from "../e2e/sigv4-verify.js";

/** Headers the generated client may send; a browser refuses a request whose preflight omits one. */
export const ALLOWED_HEADERS = [
  "authorization",
  "x-amz-date",
  "x-amz-security-token",
  "x-amz-content-sha256",
  "content-type",
  "x-amz-user-agent",
] as const;
export const EXPOSED_HEADERS = ["x-amzn-requestid", "x-amzn-errortype"] as const;

export interface Seen {
  method: string;
  path: string;
  origin: string | undefined;
  /** For a preflight: the method and headers the browser asked about. */
  preflight?: { method: string; headers: string[] };
  /** For a signed request: the headers it signed. */
  signedHeaders?: string[];
}

interface Room {
  arn: string;
  id: string;
  name: string;
  createTime: string;
  updateTime: string;
  maximumMessageLength: number;
  maximumMessageRatePerSecond: number;
  tags: Record<string, string>;
  loggingConfigurationIdentifiers: string[];
}

export class CorsIvschat {
  readonly seen: Seen[] = [];
  /** Requests whose signature did not verify, with the reason. */
  readonly signatureFailures: string[] = [];
  readonly rooms = new Map<string, Room>();
  #server: Server | undefined;
  #ids = 0;

  /** `allowOrigin`: the page's origin, the only one CORS lets read answers. */
  constructor(
    private readonly secrets: SigningSecrets,
    private readonly allowOrigin: string,
  ) {}

  get endpoint(): string {
    return `http://127.0.0.1:${(this.#server!.address() as AddressInfo).port}`;
  }

  async start(): Promise<void> {
    const server = createServer((req, res) => {
      this.#handle(req, res).catch((e: unknown) => send(res, 500, { message: `stand-in bug: ${String(e)}` }));
    });
    this.#server = server;
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  }

  async stop(): Promise<void> {
    const server = this.#server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const rawUrl = req.url ?? "/";
    const q = rawUrl.indexOf("?");
    const path = q < 0 ? rawUrl : rawUrl.slice(0, q);
    const query = q < 0 ? "" : rawUrl.slice(q + 1);
    const method = req.method ?? "";
    const record: Seen = { method, path, origin: req.headers.origin };
    this.seen.push(record);

    res.setHeader("Access-Control-Allow-Origin", this.allowOrigin);
    res.setHeader("Vary", "Origin");
    if (method === "OPTIONS") {
      const asked = req.headers["access-control-request-headers"] ?? "";
      record.preflight = {
        method: String(req.headers["access-control-request-method"] ?? ""),
        headers: asked.split(",").map((h) => h.trim().toLowerCase()).filter((h) => h !== ""),
      };
      res.setHeader("Access-Control-Allow-Methods", "GET, POST, PUT, PATCH, DELETE");
      res.setHeader("Access-Control-Allow-Headers", ALLOWED_HEADERS.join(", "));
      res.setHeader("Access-Control-Max-Age", "600");
      res.statusCode = 204;
      res.end();
      return;
    }
    res.setHeader("Access-Control-Expose-Headers", EXPOSED_HEADERS.join(", "));
    res.setHeader("x-amzn-RequestId", randomUUID());

    const verdict = await verifySigV4({ method, path, query, rawHeaders: req.rawHeaders, body }, this.secrets);
    if (!verdict.ok) {
      this.signatureFailures.push(`${method} ${path}: ${verdict.reason}`);
      const message = "The request signature we calculated does not match the signature you provided.";
      return sendError(res, 403, "InvalidSignatureException", { message });
    }
    record.signedHeaders = verdict.signedHeaders;

    const input = body.length === 0 ? {} : (JSON.parse(body.toString("utf8")) as Record<string, unknown>);
    if (method === "POST" && path === "/CreateRoom") {
      const id = `br0wser${String(++this.#ids).padStart(5, "0")}`;
      const now = new Date().toISOString();
      const room: Room = {
        arn: `arn:aws:ivschat:${this.secrets.region}:123456789012:room/${id}`,
        id,
        name: typeof input["name"] === "string" ? input["name"] : "",
        createTime: now,
        updateTime: now,
        maximumMessageLength: typeof input["maximumMessageLength"] === "number" ? input["maximumMessageLength"] : 500,
        maximumMessageRatePerSecond: typeof input["maximumMessageRatePerSecond"] === "number" ? input["maximumMessageRatePerSecond"] : 10,
        tags: (input["tags"] as Record<string, string> | undefined) ?? {},
        loggingConfigurationIdentifiers: [],
      };
      this.rooms.set(room.arn, room);
      return send(res, 200, room);
    }
    if (method === "POST" && path === "/GetRoom") {
      const identifier = String(input["identifier"] ?? "");
      const room = this.rooms.get(identifier);
      if (room) return send(res, 200, room);
      return sendError(res, 404, "ResourceNotFoundException", {
        message: `Resource ${identifier} not found`,
        resourceId: identifier.slice(identifier.lastIndexOf("/") + 1),
        resourceType: "ROOM",
      });
    }
    return sendError(res, 404, "UnknownOperationException", { message: `${method} ${path} is not an operation here` });
  }
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.statusCode = status;
  res.setHeader("Content-Type", "application/json");
  res.end(JSON.stringify(body));
}

function sendError(res: ServerResponse, status: number, code: string, body: Record<string, unknown>): void {
  // As the service does: the code in x-amzn-ErrorType, with the Coral namespace after a colon.
  res.setHeader("x-amzn-ErrorType", `${code}:http://internal.amazon.com/coral/com.amazonaws.ivschat/`);
  send(res, status, body);
}
