// An in-memory IVS Chat over node:http, speaking its rest-json wire format: JSON bodies,
// ISO 8601 timestamps, x-amzn-RequestId on every answer, errors named by x-amzn-ErrorType with
// {"message", ...modeled fields}. Every request's SigV4 signature is checked (sigv4-verify.ts).
// Tests queue scripted answers (errors, hangs) per operation ahead of the real behaviour.

import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { verifySigV4, type SigningSecrets } from "./sigv4-verify.js";

export const ACCOUNT = "123456789012";

/** What a test can make the next request of an operation get instead of the real answer. */
export type Scripted =
  | { status: number; headers?: Record<string, string>; body?: string }
  /** Never answer. */
  | { hang: "headers" }
  /** Send the status line and headers, then never finish the body. */
  | { hang: "body" }
  /** Close the connection without answering. */
  | { reset: true };

export interface RecordedRequest {
  op: string;
  method: string;
  /** Path as on the wire (percent-encoded). */
  path: string;
  query: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  /** Server time when the request arrived. */
  at: number;
}

type Json = Record<string, unknown>;
type Tags = Record<string, string>;

interface Room {
  arn: string;
  id: string;
  name: string;
  createTime: string;
  updateTime: string;
  maximumMessageRatePerSecond: number;
  maximumMessageLength: number;
  messageReviewHandler?: Json;
  tags: Tags;
  loggingConfigurationIdentifiers: string[];
}

interface LoggingConfiguration {
  arn: string;
  id: string;
  name: string;
  createTime: string;
  updateTime: string;
  destinationConfiguration: Json;
  state: string;
  tags: Tags;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: Json = {},
  ) {
    super(message);
  }
}

const notFound = (arn: string): HttpError =>
  new HttpError(404, "ResourceNotFoundException", `Resource ${arn} not found`, {
    resourceId: arn.slice(arn.lastIndexOf("/") + 1),
    resourceType: "ROOM",
  });

const required = (body: Json, ...names: string[]): void => {
  const missing = names.filter((n) => body[n] === undefined || body[n] === null);
  if (missing.length > 0) {
    throw new HttpError(400, "ValidationException", `${missing.length} validation error(s) detected`, {
      reason: "FIELD_VALIDATION_FAILED",
      fieldList: missing.map((name) => ({ name, message: "Member must not be null" })),
    });
  }
};

export class FakeIvschat {
  /** Requests since the last reset(). */
  readonly requests: RecordedRequest[] = [];
  /** Operations answered 2xx by the real behaviour (not a script) over the server's whole life. */
  readonly succeeded = new Set<string>();
  /** Requests whose signature did not verify (answered 403 InvalidSignatureException). */
  readonly signatureFailures: string[] = [];
  /** Requests rejected because x-amz-date was more than 5 minutes from the server clock. */
  readonly expiredSignatures: string[] = [];
  /** Server clock minus real time. */
  clockSkewMs = 0;
  readonly rooms = new Map<string, Room>();
  readonly loggingConfigurations = new Map<string, LoggingConfiguration>();
  readonly events: Json[] = [];
  readonly #scripts = new Map<string, Scripted[]>();
  /** Answers left hanging on purpose, cut by reset(). */
  readonly #hanging = new Set<ServerResponse>();
  #server: Server | undefined;
  #ids = 0;

  constructor(private readonly secrets: SigningSecrets) {}

  get endpoint(): string {
    const { port } = this.#server!.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  requestsOf(op: string): RecordedRequest[] {
    return this.requests.filter((r) => r.op === op);
  }

  /** The next requests of `op` get these answers, in order, before the real behaviour resumes. */
  script(op: string, ...answers: Scripted[]): void {
    this.#scripts.set(op, [...(this.#scripts.get(op) ?? []), ...answers]);
  }

  /** Forgets requests and scripts not consumed, cuts connections left hanging, sets the clock right. */
  reset(): void {
    this.requests.length = 0;
    this.#scripts.clear();
    this.clockSkewMs = 0;
    for (const res of this.#hanging) res.socket?.destroy();
    this.#hanging.clear();
  }

  async start(): Promise<void> {
    const server = createServer((req, res) => {
      this.#handle(req, res).catch((e: unknown) => {
        res.statusCode = 500;
        res.end(JSON.stringify({ message: `fake server bug: ${String(e)}` }));
      });
    });
    this.#server = server;
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  }

  async stop(): Promise<void> {
    const server = this.#server;
    if (!server) return;
    this.reset();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  #now(): Date {
    return new Date(Date.now() + this.clockSkewMs);
  }

  #newId(): string {
    // 12 characters of [a-zA-Z0-9], as IVS Chat ids are.
    return `e2E${String(++this.#ids).padStart(9, "0")}`;
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const rawUrl = req.url ?? "/";
    const q = rawUrl.indexOf("?");
    const path = q < 0 ? rawUrl : rawUrl.slice(0, q);
    const query = q < 0 ? "" : rawUrl.slice(q + 1);
    const op = operationOf(req.method ?? "", path);
    const record: RecordedRequest = {
      op,
      method: req.method ?? "",
      path,
      query,
      headers: { ...req.headers },
      body: body.toString("utf8"),
      at: this.#now().getTime(),
    };
    this.requests.push(record);
    const requestId = randomUUID();
    res.setHeader("x-amzn-RequestId", requestId);
    res.setHeader("Date", this.#now().toUTCString());

    const verdict = await verifySigV4({ method: record.method, path, query, rawHeaders: req.rawHeaders, body }, this.secrets);
    if (!verdict.ok) {
      this.signatureFailures.push(`${op}: ${verdict.reason}`);
      const message = "The request signature we calculated does not match the signature you provided.";
      return sendError(res, new HttpError(403, "InvalidSignatureException", message), CORAL_SUFFIX);
    }
    // AWS refuses a signature more than 5 minutes away from its clock, and says what its clock reads.
    const skew = verdict.amzDate.getTime() - this.#now().getTime();
    if (Math.abs(skew) > 5 * 60_000) {
      this.expiredSignatures.push(`${op}: ${req.headers["x-amz-date"]}`);
      const when = skew < 0 ? "earlier" : "later";
      return sendError(
        res,
        new HttpError(403, "InvalidSignatureException", `Signature expired: ${req.headers["x-amz-date"]} is now ${when} than the allowed window`),
        CORAL_SUFFIX,
      );
    }

    const scripted = this.#scripts.get(op)?.shift();
    if (scripted) {
      if ("reset" in scripted) {
        res.socket?.destroy();
        return;
      }
      if ("hang" in scripted) {
        if (scripted.hang === "body") {
          res.writeHead(200, { "content-type": "application/json", "content-length": "1000" });
          res.write('{"id":');
        }
        this.#hanging.add(res);
        return; // the socket stays open until the client gives up or reset() cuts it
      }
      res.writeHead(scripted.status, scripted.headers ?? {});
      res.end(scripted.body ?? "");
      return;
    }

    let input: Json = {};
    if (body.length > 0) {
      if (!String(req.headers["content-type"]).startsWith("application/json")) {
        return sendError(res, new HttpError(415, "UnsupportedMediaTypeException", "Unsupported Media Type"));
      }
      input = JSON.parse(body.toString("utf8")) as Json;
    }
    try {
      const [status, output] = this.#operate(op, input, path, query);
      this.succeeded.add(op);
      if (output === undefined) {
        res.writeHead(status);
        res.end();
      } else {
        const text = JSON.stringify(output);
        res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
        res.end(text);
      }
    } catch (e) {
      if (!(e instanceof HttpError)) throw e;
      sendError(res, e);
    }
  }

  #operate(op: string, input: Json, path: string, query: string): [number, Json | undefined] {
    const now = this.#now().toISOString();
    switch (op) {
      case "CreateChatToken": {
        required(input, "roomIdentifier", "userId");
        this.#room(input.roomIdentifier);
        const minutes = (input.sessionDurationInMinutes as number | undefined) ?? 60;
        const t = this.#now().getTime();
        return [
          200,
          {
            token: `AQICAHg${randomUUID().replace(/-/g, "")}`,
            tokenExpirationTime: new Date(t + 60 * 60_000).toISOString(),
            sessionExpirationTime: new Date(t + minutes * 60_000).toISOString(),
          },
        ];
      }
      case "CreateLoggingConfiguration": {
        required(input, "destinationConfiguration");
        const id = this.#newId();
        const lc: LoggingConfiguration = {
          arn: `arn:aws:ivschat:${this.secrets.region}:${ACCOUNT}:logging-configuration/${id}`,
          id,
          name: (input.name as string | undefined) ?? "",
          createTime: now,
          updateTime: now,
          destinationConfiguration: input.destinationConfiguration as Json,
          state: "ACTIVE",
          tags: (input.tags as Tags | undefined) ?? {},
        };
        this.loggingConfigurations.set(lc.arn, lc);
        return [200, { ...lc }];
      }
      case "CreateRoom": {
        for (const arn of (input.loggingConfigurationIdentifiers as string[] | undefined) ?? []) this.#loggingConfiguration(arn);
        const id = this.#newId();
        const room: Room = {
          arn: `arn:aws:ivschat:${this.secrets.region}:${ACCOUNT}:room/${id}`,
          id,
          name: (input.name as string | undefined) ?? "",
          createTime: now,
          updateTime: now,
          maximumMessageRatePerSecond: (input.maximumMessageRatePerSecond as number | undefined) ?? 10,
          maximumMessageLength: (input.maximumMessageLength as number | undefined) ?? 500,
          ...(input.messageReviewHandler ? { messageReviewHandler: input.messageReviewHandler as Json } : {}),
          tags: (input.tags as Tags | undefined) ?? {},
          loggingConfigurationIdentifiers: (input.loggingConfigurationIdentifiers as string[] | undefined) ?? [],
        };
        this.rooms.set(room.arn, room);
        return [200, { ...room }];
      }
      case "DeleteLoggingConfiguration": {
        required(input, "identifier");
        const lc = this.#loggingConfiguration(input.identifier);
        const user = [...this.rooms.values()].find((r) => r.loggingConfigurationIdentifiers.includes(lc.arn));
        if (user) {
          throw new HttpError(409, "ConflictException", `Logging configuration ${lc.id} is in use by room ${user.id}`, {
            resourceId: user.id,
            resourceType: "ROOM",
          });
        }
        this.loggingConfigurations.delete(lc.arn);
        return [204, undefined];
      }
      case "DeleteMessage": {
        required(input, "roomIdentifier", "id");
        this.#room(input.roomIdentifier);
        const id = this.#newId();
        this.events.push({ op, id, ...input });
        return [200, { id }];
      }
      case "DeleteRoom": {
        required(input, "identifier");
        this.rooms.delete(this.#room(input.identifier).arn);
        return [204, undefined];
      }
      case "DisconnectUser": {
        required(input, "roomIdentifier", "userId");
        this.#room(input.roomIdentifier);
        this.events.push({ op, ...input });
        return [200, {}];
      }
      case "GetLoggingConfiguration":
        required(input, "identifier");
        return [200, { ...this.#loggingConfiguration(input.identifier) }];
      case "GetRoom":
        required(input, "identifier");
        return [200, { ...this.#room(input.identifier) }];
      case "ListLoggingConfigurations": {
        const all = [...this.loggingConfigurations.values()].sort((a, b) => (a.updateTime < b.updateTime ? 1 : -1));
        const [page, nextToken] = paginate(all, input);
        return [200, { loggingConfigurations: page, ...(nextToken ? { nextToken } : {}) }];
      }
      case "ListRooms": {
        let all = [...this.rooms.values()].sort((a, b) => (a.updateTime < b.updateTime ? 1 : a.updateTime > b.updateTime ? -1 : 0));
        if (input.name !== undefined) all = all.filter((r) => r.name === input.name);
        if (input.loggingConfigurationIdentifier !== undefined) {
          all = all.filter((r) => r.loggingConfigurationIdentifiers.includes(input.loggingConfigurationIdentifier as string));
        }
        const [page, nextToken] = paginate(all, input);
        const summaries = page.map(({ arn, id, name, messageReviewHandler, createTime, updateTime, tags, loggingConfigurationIdentifiers }) => ({
          arn,
          id,
          name,
          ...(messageReviewHandler ? { messageReviewHandler } : {}),
          createTime,
          updateTime,
          tags,
          loggingConfigurationIdentifiers,
        }));
        return [200, { rooms: summaries, ...(nextToken ? { nextToken } : {}) }];
      }
      case "ListTagsForResource":
        return [200, { tags: { ...this.#tagged(path).tags } }];
      case "SendEvent": {
        required(input, "roomIdentifier", "eventName");
        this.#room(input.roomIdentifier);
        const id = this.#newId();
        this.events.push({ op, id, ...input });
        return [200, { id }];
      }
      case "TagResource": {
        required(input, "tags");
        Object.assign(this.#tagged(path).tags, input.tags as Tags);
        return [200, {}];
      }
      case "UntagResource": {
        const keys = query
          .split("&")
          .filter((p) => p.startsWith("tagKeys="))
          .map((p) => decodeURIComponent(p.slice("tagKeys=".length)));
        if (keys.length === 0) required({}, "tagKeys");
        const resource = this.#tagged(path);
        for (const k of keys) delete resource.tags[k];
        return [200, {}];
      }
      case "UpdateLoggingConfiguration": {
        required(input, "identifier");
        const lc = this.#loggingConfiguration(input.identifier);
        if (input.name !== undefined) lc.name = input.name as string;
        if (input.destinationConfiguration !== undefined) lc.destinationConfiguration = input.destinationConfiguration as Json;
        lc.updateTime = now;
        return [200, { ...lc }];
      }
      case "UpdateRoom": {
        required(input, "identifier");
        const room = this.#room(input.identifier);
        for (const key of ["name", "maximumMessageRatePerSecond", "maximumMessageLength", "messageReviewHandler", "loggingConfigurationIdentifiers"] as const) {
          if (input[key] !== undefined) (room as unknown as Json)[key] = input[key];
        }
        room.updateTime = now;
        return [200, { ...room }];
      }
      default:
        throw new HttpError(404, "UnknownOperationException", `No operation at ${path}`);
    }
  }

  #room(identifier: unknown): Room {
    const room = this.rooms.get(String(identifier));
    if (!room) throw notFound(String(identifier));
    return room;
  }

  #loggingConfiguration(identifier: unknown): LoggingConfiguration {
    const lc = this.loggingConfigurations.get(String(identifier));
    if (!lc) throw notFound(String(identifier));
    return lc;
  }

  /** The resource of /tags/{resourceArn}: the ARN travels as one percent-encoded path segment. */
  #tagged(path: string): { tags: Tags } {
    const segment = path.slice("/tags/".length);
    if (segment.includes("/")) throw new HttpError(400, "ValidationException", "resourceArn must be URL-encoded", { reason: "OTHER" });
    const arn = decodeURIComponent(segment);
    const found = this.rooms.get(arn) ?? this.loggingConfigurations.get(arn);
    if (!found) throw notFound(arn);
    return found;
  }
}

function operationOf(method: string, path: string): string {
  if (path.startsWith("/tags/")) {
    return method === "GET" ? "ListTagsForResource" : method === "POST" ? "TagResource" : method === "DELETE" ? "UntagResource" : "?";
  }
  return method === "POST" && /^\/[A-Za-z]+$/.test(path) ? path.slice(1) : "?";
}

function paginate<T>(all: T[], input: Json): [T[], string | undefined] {
  const start = input.nextToken === undefined ? 0 : Number(Buffer.from(String(input.nextToken), "base64").toString("utf8"));
  const size = (input.maxResults as number | undefined) ?? 50;
  const page = all.slice(start, start + size);
  const next = start + size < all.length ? Buffer.from(String(start + size)).toString("base64") : undefined;
  return [page, next];
}

/** What AWS front ends append to some error codes in x-amzn-ErrorType. */
const CORAL_SUFFIX = ":http://internal.amazon.com/coral/com.amazon.coral.service/";

function sendError(res: ServerResponse, error: HttpError, codeSuffix = ""): void {
  const text = JSON.stringify({ message: error.message, ...error.fields });
  res.writeHead(error.status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(text),
    "x-amzn-ErrorType": error.code + codeSuffix,
  });
  res.end(text);
}
