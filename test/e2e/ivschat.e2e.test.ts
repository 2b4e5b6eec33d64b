// End to end over real HTTP: the IVS Chat package generated from models/ivschat.json, run as TS
// source, against an in-memory IVS Chat (fake-ivschat.ts) that checks every request's SigV4
// signature with @smithy/signature-v4 and answers in the service's rest-json wire format.

import { rm } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { generate } from "../../src/generate.js";
import type * as rt from "../../templates/runtime/index.js";
import { writeToTemp } from "../helpers.js";
import { ACCOUNT, FakeIvschat } from "./fake-ivschat.js";

const REGION = "us-west-2";
const CREDENTIALS = {
  accessKeyId: "AKIDE2EEXAMPLE",
  secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
  sessionToken: "IQoJb3JpZ2luX2VjE/e2e+session=token",
};

// The generated package is imported at run time, so it is typed here by hand, loosely.
type ErrorClass = abstract new (...args: never[]) => rt.ServiceException;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Output = Record<string, any>;
type Method = (input?: object, options?: rt.CallOptions) => Promise<Output>;
const OPERATIONS = [
  "createChatToken",
  "createLoggingConfiguration",
  "createRoom",
  "deleteLoggingConfiguration",
  "deleteMessage",
  "deleteRoom",
  "disconnectUser",
  "getLoggingConfiguration",
  "getRoom",
  "listLoggingConfigurations",
  "listRooms",
  "listTagsForResource",
  "sendEvent",
  "tagResource",
  "untagResource",
  "updateLoggingConfiguration",
  "updateRoom",
] as const;
type IvschatClient = Record<(typeof OPERATIONS)[number], Method>;
interface IvschatModule {
  IvschatClient: new (config: rt.ClientConfig) => IvschatClient;
  IvschatServiceException: ErrorClass;
  AccessDeniedException: ErrorClass;
  ConflictException: ErrorClass;
  InternalServerException: ErrorClass;
  ResourceNotFoundException: ErrorClass;
  ThrottlingException: ErrorClass;
  ValidationException: ErrorClass;
  ServiceException: ErrorClass;
  TimeoutError: typeof rt.TimeoutError;
  ValidationError: typeof rt.ValidationError;
  NetworkError: typeof rt.NetworkError;
}
interface RuntimeModule {
  UnknownServiceError: typeof rt.UnknownServiceError;
  ResponseParseError: typeof rt.ResponseParseError;
}

const server = new FakeIvschat({ ...CREDENTIALS, region: REGION, service: "ivschat" });
let pkgDir = "";
let ivs: IvschatModule;
let runtime: RuntimeModule;
let schemas: Record<string, unknown>;
let nodeHttpFetch: (options?: { keepAlive?: boolean }) => rt.FetchLike;
/** The `fetch` option client() passes unless a test passes its own; undefined: none (the global fetch). */
let transport: rt.FetchLike | undefined;

beforeAll(async () => {
  const result = await generate({ model: "models/ivschat.json" });
  pkgDir = await writeToTemp(result, "e2e");
  // Vitest transpiles the generated TypeScript on import; runtime classes come from the package's own copy.
  ivs = (await import(pathToFileURL(join(pkgDir, "src/index.ts")).href)) as IvschatModule;
  runtime = (await import(pathToFileURL(join(pkgDir, "src/runtime/index.ts")).href)) as RuntimeModule;
  schemas = (await import(pathToFileURL(join(pkgDir, "src/schemas.ts")).href)) as Record<string, unknown>;
  ({ nodeHttpFetch } = (await import(pathToFileURL(join(pkgDir, "src/runtime/node/index.ts")).href)) as {
    nodeHttpFetch: typeof nodeHttpFetch;
  });
  await server.start();
});

afterAll(async () => {
  await server.stop();
  if (pkgDir) await rm(pkgDir, { recursive: true, force: true });
});

afterEach(() => {
  // A request the server could not verify fails the test that sent it.
  const failures = server.signatureFailures.splice(0);
  server.reset();
  vi.restoreAllMocks();
  expect(failures).toEqual([]);
});

/** An output's members, without the $metadata every output carries (request ids differ per call). */
function members(value: unknown): unknown {
  if (value === null || typeof value !== "object") return value;
  const { $metadata: _, ...rest } = value as Record<string, unknown>;
  return rest;
}

function client(config: Partial<rt.ClientConfig> = {}): IvschatClient {
  return new ivs.IvschatClient({
    region: REGION,
    endpoint: server.endpoint,
    credentials: CREDENTIALS,
    maxAttempts: 3,
    requestTimeoutMs: 2_000,
    ...(transport ? { fetch: transport } : {}),
    ...config,
  });
}

/**
 * The three ways the client sends: the global fetch called as fetch(url, init) when no `fetch`
 * is configured; a configured fetch, given a Request; a transport's `sendRaw` (nodeHttpFetch),
 * with no Request or Response. Plus nodeHttpFetch wrapped in a plain function, which hides its
 * sendRaw. Failures must look the same through each.
 */
const TRANSPORTS: [string, () => rt.FetchLike | undefined][] = [
  ["the global fetch, no fetch option", () => undefined],
  ["a fetch option (global fetch given a Request)", () => (request: Request) => fetch(request)],
  ["nodeHttpFetch() (its sendRaw)", () => nodeHttpFetch()],
  ["nodeHttpFetch() wrapped in a function (Request and Response)", () => {
    const node = nodeHttpFetch();
    return (request: Request) => node(request);
  }],
];

/** Runs the tests `define` declares once per transport, client() using that transport. */
function describeEachTransport(name: string, define: () => void): void {
  describe.each(TRANSPORTS)(`${name}, through %s`, (_, make) => {
    beforeAll(() => {
      transport = make();
    });
    afterAll(() => {
      transport = undefined;
    });
    define();
  });
}

/** The rejection of `promise`, failing the test when it resolves. */
async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (e) {
    return e as Error;
  }
  throw new Error("expected the call to fail, it succeeded");
}

const ISO_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const jsonBody = (body: string): unknown => JSON.parse(body);

describe("every operation against IVS Chat", () => {
  const c = () => client();
  let s3Config: Output;
  let cwConfig: Output;
  let room: Output;

  it("CreateLoggingConfiguration, GetLoggingConfiguration, UpdateLoggingConfiguration", async () => {
    s3Config = await c().createLoggingConfiguration({
      name: "chat-logs-s3",
      destinationConfiguration: { s3: { bucketName: "my-chat-logs" } },
      tags: { team: "video", "cost-center": "42" },
    });
    expect(s3Config).toMatchObject({
      arn: expect.stringMatching(new RegExp(`^arn:aws:ivschat:${REGION}:${ACCOUNT}:logging-configuration/[a-zA-Z0-9]{12}$`)),
      id: expect.stringMatching(/^[a-zA-Z0-9]{12}$/),
      name: "chat-logs-s3",
      destinationConfiguration: { s3: { bucketName: "my-chat-logs" } },
      state: "ACTIVE",
      tags: { team: "video", "cost-center": "42" },
    });
    expect(s3Config.createTime).toBeInstanceOf(Date);
    expect(s3Config.updateTime).toBeInstanceOf(Date);
    expect(Math.abs(s3Config.createTime.getTime() - Date.now())).toBeLessThan(60_000);
    const wire = server.requestsOf("CreateLoggingConfiguration").at(-1)!;
    expect(wire.method).toBe("POST");
    expect(wire.path).toBe("/CreateLoggingConfiguration");
    expect(wire.headers["content-type"]).toBe("application/json");
    expect(jsonBody(wire.body)).toEqual({
      name: "chat-logs-s3",
      destinationConfiguration: { s3: { bucketName: "my-chat-logs" } },
      tags: { team: "video", "cost-center": "42" },
    });

    cwConfig = await c().createLoggingConfiguration({
      destinationConfiguration: { cloudWatchLogs: { logGroupName: "/aws/ivschat/e2e" } },
    });
    expect(cwConfig.destinationConfiguration).toEqual({ cloudWatchLogs: { logGroupName: "/aws/ivschat/e2e" } });

    const got = await c().getLoggingConfiguration({ identifier: s3Config.arn });
    expect(members(got)).toEqual(members(s3Config));

    const updated = await c().updateLoggingConfiguration({
      identifier: cwConfig.arn,
      name: "chat-logs-firehose",
      destinationConfiguration: { firehose: { deliveryStreamName: "chat-stream" } },
    });
    expect(updated).toMatchObject({
      arn: cwConfig.arn,
      name: "chat-logs-firehose",
      destinationConfiguration: { firehose: { deliveryStreamName: "chat-stream" } },
      state: "ACTIVE",
    });
    expect(updated.updateTime).toBeInstanceOf(Date);
    expect(updated.updateTime.getTime()).toBeGreaterThanOrEqual(cwConfig.updateTime.getTime());
  });

  it("ListLoggingConfigurations, page by page", async () => {
    const first = await c().listLoggingConfigurations({ maxResults: 1 });
    expect(first.loggingConfigurations).toHaveLength(1);
    expect(first.nextToken).toEqual(expect.any(String));
    const second = await c().listLoggingConfigurations({ maxResults: 1, nextToken: first.nextToken });
    expect(second.loggingConfigurations).toHaveLength(1);
    expect(second.nextToken).toBeUndefined();
    const arns = [...first.loggingConfigurations, ...second.loggingConfigurations].map((lc: Output) => lc.arn);
    expect(arns.sort()).toEqual([s3Config.arn, cwConfig.arn].sort());
    for (const lc of [...first.loggingConfigurations, ...second.loggingConfigurations]) {
      expect(lc.createTime).toBeInstanceOf(Date);
    }
    const all = await c().listLoggingConfigurations();
    expect(all.loggingConfigurations).toHaveLength(2);
  });

  it("CreateRoom, GetRoom, UpdateRoom, ListRooms", async () => {
    room = await c().createRoom({
      name: "e2e-room",
      maximumMessageRatePerSecond: 5,
      maximumMessageLength: 200,
      messageReviewHandler: { uri: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:review`, fallbackResult: "DENY" },
      tags: { stage: "test" },
      loggingConfigurationIdentifiers: [s3Config.arn],
    });
    expect(room).toMatchObject({
      arn: expect.stringMatching(new RegExp(`^arn:aws:ivschat:${REGION}:${ACCOUNT}:room/[a-zA-Z0-9]{12}$`)),
      name: "e2e-room",
      maximumMessageRatePerSecond: 5,
      maximumMessageLength: 200,
      messageReviewHandler: { uri: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:review`, fallbackResult: "DENY" },
      tags: { stage: "test" },
      loggingConfigurationIdentifiers: [s3Config.arn],
    });
    expect(room.createTime).toBeInstanceOf(Date);
    // The service writes ISO 8601 with milliseconds; the client keeps them.
    const sent = server.rooms.get(room.arn)!.createTime;
    expect(sent).toMatch(ISO_MS);
    expect(room.createTime.toISOString()).toBe(sent);

    const plain = await c().createRoom();
    expect(plain).toMatchObject({ name: "", maximumMessageRatePerSecond: 10, maximumMessageLength: 500, tags: {} });
    expect(jsonBody(server.requestsOf("CreateRoom").at(-1)!.body)).toEqual({});

    expect(members(await c().getRoom({ identifier: room.arn }))).toEqual(members(room));

    const updated = await c().updateRoom({
      identifier: room.arn,
      maximumMessageLength: 300,
      loggingConfigurationIdentifiers: [s3Config.arn, cwConfig.arn],
    });
    expect(updated).toMatchObject({ arn: room.arn, name: "e2e-room", maximumMessageLength: 300 });
    expect(updated.loggingConfigurationIdentifiers).toEqual([s3Config.arn, cwConfig.arn]);
    room = updated;

    const listed = await c().listRooms({ name: "e2e-room", maxResults: 10 });
    expect(listed.rooms).toHaveLength(1);
    expect(listed.rooms[0]).toMatchObject({ arn: room.arn, id: room.id, tags: { stage: "test" } });
    expect(listed.rooms[0].updateTime).toBeInstanceOf(Date);
    const byConfig = await c().listRooms({ loggingConfigurationIdentifier: cwConfig.arn });
    expect(byConfig.rooms.map((r: Output) => r.arn)).toEqual([room.arn]);
    const everything = await c().listRooms();
    expect(everything.rooms).toHaveLength(2);
    expect(everything.nextToken).toBeUndefined();
  });

  it("CreateChatToken, SendEvent, DeleteMessage, DisconnectUser", async () => {
    const before = Date.now();
    const token = await c().createChatToken({
      roomIdentifier: room.arn,
      userId: "viewer-17",
      capabilities: ["SEND_MESSAGE", "DELETE_MESSAGE"],
      sessionDurationInMinutes: 30,
      attributes: { displayName: "Viewer 17", badge: "gold" },
    });
    expect(token.token).toMatch(/^AQICAHg/);
    expect(token.tokenExpirationTime).toBeInstanceOf(Date);
    expect(token.sessionExpirationTime).toBeInstanceOf(Date);
    const minutes = (token.sessionExpirationTime.getTime() - before) / 60_000;
    expect(minutes).toBeGreaterThan(29.9);
    expect(minutes).toBeLessThan(30.5);
    expect(jsonBody(server.requestsOf("CreateChatToken")[0]!.body)).toEqual({
      roomIdentifier: room.arn,
      userId: "viewer-17",
      capabilities: ["SEND_MESSAGE", "DELETE_MESSAGE"],
      sessionDurationInMinutes: 30,
      attributes: { displayName: "Viewer 17", badge: "gold" },
    });

    const event = await c().sendEvent({ roomIdentifier: room.arn, eventName: "app:POLL", attributes: { question: "Tabs or spaces?", "é ü": "ünïcødé ✓" } });
    expect(event.id).toMatch(/^[a-zA-Z0-9]{12}$/);
    expect(server.events.at(-1)).toMatchObject({ op: "SendEvent", attributes: { question: "Tabs or spaces?", "é ü": "ünïcødé ✓" } });

    const deleted = await c().deleteMessage({ roomIdentifier: room.arn, id: "aBcDeFgHiJkL", reason: "spam" });
    expect(deleted.id).toMatch(/^[a-zA-Z0-9]{12}$/);
    expect(deleted.id).not.toBe(event.id);

    expect(members(await c().disconnectUser({ roomIdentifier: room.arn, userId: "viewer-17", reason: "banned" }))).toEqual(members({}));
    expect(server.events.at(-1)).toMatchObject({ op: "DisconnectUser", userId: "viewer-17", reason: "banned" });
  });

  it("TagResource, ListTagsForResource, UntagResource: the ARN is one percent-encoded path segment", async () => {
    const encodedArn = encodeURIComponent(room.arn);
    const odd = "ünï cødé+=&?#%20~*'()";
    expect(members(await c().tagResource({ resourceArn: room.arn, tags: { "owner/team": "a b", env: "e2e", [odd]: "🎉 \"quoted\" \u2028" } }))).toEqual(members({}));
    const tagWire = server.requestsOf("TagResource")[0]!;
    expect(tagWire.method).toBe("POST");
    expect(tagWire.path).toBe(`/tags/${encodedArn}`);
    expect(tagWire.path).toContain("%3A");
    expect(tagWire.path).toContain("%2F");
    expect(jsonBody(tagWire.body)).toEqual({ tags: { "owner/team": "a b", env: "e2e", [odd]: "🎉 \"quoted\" \u2028" } });

    const listed = await c().listTagsForResource({ resourceArn: room.arn });
    expect(members(listed)).toEqual(members({ tags: { stage: "test", "owner/team": "a b", env: "e2e", [odd]: "🎉 \"quoted\" \u2028" } }));
    const listWire = server.requestsOf("ListTagsForResource")[0]!;
    expect(listWire.method).toBe("GET");
    expect(listWire.body).toBe("");
    expect(listWire.headers["content-type"]).toBeUndefined();

    expect(members(await c().untagResource({ resourceArn: room.arn, tagKeys: ["owner/team", "stage", odd] }))).toEqual(members({}));
    const untagWire = server.requestsOf("UntagResource")[0]!;
    expect(untagWire.method).toBe("DELETE");
    expect(untagWire.path).toBe(`/tags/${encodedArn}`);
    // RFC 3986 encoding: only A-Za-z0-9-_.~ stay as they are, UTF-8 bytes in upper-case hex.
    expect(untagWire.query).toBe("tagKeys=owner%2Fteam&tagKeys=stage&tagKeys=%C3%BCn%C3%AF%20c%C3%B8d%C3%A9%2B%3D%26%3F%23%2520~%2A%27%28%29");
    expect(untagWire.body).toBe("");
    expect(members(await c().listTagsForResource({ resourceArn: room.arn }))).toEqual(members({ tags: { env: "e2e" } }));

    // Logging configurations are taggable too.
    await c().tagResource({ resourceArn: s3Config.arn, tags: { extra: "1" } });
    expect((await c().listTagsForResource({ resourceArn: s3Config.arn })).tags).toEqual({ team: "video", "cost-center": "42", extra: "1" });
  });

  it("DeleteRoom and DeleteLoggingConfiguration answer 204 with no body", async () => {
    expect(members(await c().deleteRoom({ identifier: room.arn }))).toEqual(members({}));
    expect(server.rooms.has(room.arn)).toBe(false);
    for (const r of [...server.rooms.values()]) await c().deleteRoom({ identifier: r.arn });
    expect(members(await c().deleteLoggingConfiguration({ identifier: s3Config.arn }))).toEqual(members({}));
    expect(members(await c().deleteLoggingConfiguration({ identifier: cwConfig.arn }))).toEqual(members({}));
    expect(server.loggingConfigurations.size).toBe(0);
    expect((await c().listRooms()).rooms).toEqual([]);
  });

  it("exercised all 17 operations, each signed and answered 2xx", () => {
    const expected = OPERATIONS.map((o) => o[0]!.toUpperCase() + o.slice(1));
    expect([...server.succeeded].sort()).toEqual([...expected].sort());
  });

  it("signs concurrent calls independently", async () => {
    const created = await c().createRoom({ name: "concurrent" });
    const cl = c();
    const results = await Promise.all(Array.from({ length: 12 }, () => cl.getRoom({ identifier: created.arn })));
    for (const r of results) expect(r.arn).toBe(created.arn);
    await cl.deleteRoom({ identifier: created.arn });
  });

});

describe("service errors", () => {
  const json = { "content-type": "application/json" };

  it("403 AccessDeniedException: the generated class, fault, request id and message; not retried", async () => {
    server.script("CreateRoom", {
      status: 403,
      headers: {
        ...json,
        "x-amzn-ErrorType": "AccessDeniedException:http://internal.amazon.com/coral/com.amazonaws.ivschat/",
        "x-amzn-RequestId": "7f3c0e2e-0000-4000-8000-000000000403",
      },
      body: JSON.stringify({ message: `User: arn:aws:iam::${ACCOUNT}:user/e2e is not authorized to perform: ivschat:CreateRoom` }),
    });
    const e = await rejection(client().createRoom({ name: "denied" }));
    expect(e).toBeInstanceOf(ivs.AccessDeniedException);
    expect(e).toBeInstanceOf(ivs.IvschatServiceException);
    expect(e).toBeInstanceOf(ivs.ServiceException);
    expect(e).toBeInstanceOf(Error);
    const err = e as rt.ServiceException;
    expect(err.name).toBe("AccessDeniedException");
    expect(err.$fault).toBe("client");
    expect(err.message).toBe(`User: arn:aws:iam::${ACCOUNT}:user/e2e is not authorized to perform: ivschat:CreateRoom`);
    expect(err.$metadata).toEqual({ httpStatusCode: 403, requestId: "7f3c0e2e-0000-4000-8000-000000000403", attempts: 1 });
    expect(server.requestsOf("CreateRoom")).toHaveLength(1);
  });

  it("404 ResourceNotFoundException carries resourceId and resourceType", async () => {
    const arn = `arn:aws:ivschat:${REGION}:${ACCOUNT}:room/missingRoom1`;
    const e = await rejection(client().getRoom({ identifier: arn }));
    expect(e).toBeInstanceOf(ivs.ResourceNotFoundException);
    expect(e).toBeInstanceOf(ivs.IvschatServiceException);
    expect(e).toMatchObject({
      name: "ResourceNotFoundException",
      message: `Resource ${arn} not found`,
      resourceId: "missingRoom1",
      resourceType: "ROOM",
      $fault: "client",
      $metadata: { httpStatusCode: 404, requestId: expect.stringMatching(/^[0-9a-f-]{36}$/), attempts: 1 },
    });
    expect(server.requestsOf("GetRoom")).toHaveLength(1);
  });

  it("409 ConflictException: a logging configuration still used by a room", async () => {
    const cl = client();
    const lc = await cl.createLoggingConfiguration({ destinationConfiguration: { s3: { bucketName: "conflict-bucket" } } });
    const room = await cl.createRoom({ loggingConfigurationIdentifiers: [lc.arn] });
    const e = await rejection(cl.deleteLoggingConfiguration({ identifier: lc.arn }));
    expect(e).toBeInstanceOf(ivs.ConflictException);
    expect(e).toMatchObject({ resourceId: room.id, resourceType: "ROOM", $fault: "client", $metadata: { httpStatusCode: 409, attempts: 1 } });
    expect(server.requestsOf("DeleteLoggingConfiguration")).toHaveLength(1);
    await cl.deleteRoom({ identifier: room.arn });
    await cl.deleteLoggingConfiguration({ identifier: lc.arn });
  });

  it("400 ValidationException from the service (client-side checks off) carries reason and fieldList", async () => {
    const e = await rejection(client({ validateInput: false }).getRoom({}));
    expect(e).toBeInstanceOf(ivs.ValidationException);
    expect(e).toMatchObject({
      reason: "FIELD_VALIDATION_FAILED",
      fieldList: [{ name: "identifier", message: "Member must not be null" }],
      $metadata: { httpStatusCode: 400, attempts: 1 },
    });
  });

  it("an error code the model does not know is an IvschatServiceException named after it", async () => {
    server.script("GetRoom", { status: 400, headers: { ...json, "x-amzn-ErrorType": "SomethingNewException" }, body: '{"message":"new"}' });
    const e = await rejection(client().getRoom({ identifier: `arn:aws:ivschat:${REGION}:${ACCOUNT}:room/abcdefghijkl` }));
    expect(e).toBeInstanceOf(ivs.IvschatServiceException);
    expect(e).toMatchObject({ name: "SomethingNewException", message: "new", $fault: "client", $metadata: { httpStatusCode: 400 } });
  });
});

describe("retries", () => {
  const json = { "content-type": "application/json" };
  let room: Output;

  beforeAll(async () => {
    room = await client().createRoom({ name: "retries" });
  });

  it("429 ThrottlingException, then success: the same body is sent again, after a throttling backoff", async () => {
    vi.spyOn(Math, "random").mockReturnValue(0.5);
    const logs: string[] = [];
    server.script("SendEvent", {
      status: 429,
      headers: { ...json, "x-amzn-ErrorType": "ThrottlingException" },
      body: JSON.stringify({ message: "Rate exceeded", resourceId: room.id, resourceType: "ROOM", limit: 10 }),
    });
    const out = await client({ logger: { info: (m) => logs.push(m) } }).sendEvent({
      roomIdentifier: room.arn,
      eventName: "app:RETRY",
      attributes: { n: "1" },
    });
    expect(out.id).toMatch(/^[a-zA-Z0-9]{12}$/);
    const sent = server.requestsOf("SendEvent");
    expect(sent).toHaveLength(2);
    expect(sent[1]!.body).toBe(sent[0]!.body);
    expect(jsonBody(sent[0]!.body)).toEqual({ roomIdentifier: room.arn, eventName: "app:RETRY", attributes: { n: "1" } });
    // Standard retry mode: throttling errors back off from 500 ms, others from 100 ms (full jitter, random 0.5).
    expect(logs).toEqual(["SendEvent attempt 1 failed (ThrottlingException); retrying in 250 ms"]);
    expect(sent[1]!.at - sent[0]!.at).toBeGreaterThanOrEqual(240);
  });

  it("500 twice, then success: three attempts", async () => {
    server.script(
      "ListTagsForResource",
      { status: 500, headers: { ...json, "x-amzn-ErrorType": "InternalServerException" }, body: '{"message":"internal"}' },
      { status: 500, headers: json, body: '{"message":"internal"}' },
    );
    const out = await client().listTagsForResource({ resourceArn: room.arn });
    expect(members(out)).toEqual(members({ tags: {} }));
    expect(server.requestsOf("ListTagsForResource")).toHaveLength(3);
  });

  it("500 on every attempt: the last error, with the attempt count", async () => {
    const internal = { status: 500, headers: { ...json, "x-amzn-ErrorType": "InternalServerException" }, body: '{"message":"boom"}' };
    server.script("TagResource", internal, internal, internal, internal);
    const e = await rejection(client({ maxAttempts: 3 }).tagResource({ resourceArn: room.arn, tags: { a: "b" } }));
    expect(e).toBeInstanceOf(ivs.InternalServerException);
    expect(e).toMatchObject({ $fault: "server", message: "boom", $metadata: { httpStatusCode: 500, attempts: 3 } });
    expect(server.requestsOf("TagResource")).toHaveLength(3);
  });

  it("an HTML 502 from a proxy: a typed error with status and body snippet, retried maxAttempts times only", async () => {
    const html = {
      status: 502,
      headers: { "content-type": "text/html" },
      body: "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body><center><h1>502 Bad Gateway</h1></center></body>\r\n</html>",
    };
    server.script("GetRoom", html, html, html, html, html);
    const e = await rejection(client({ maxAttempts: 3 }).getRoom({ identifier: room.arn }));
    expect(e).toBeInstanceOf(runtime.UnknownServiceError);
    expect(e).toBeInstanceOf(ivs.ServiceException);
    const err = e as rt.UnknownServiceError;
    expect(err.statusCode).toBe(502);
    expect(err.$fault).toBe("server");
    expect(err.$metadata.attempts).toBe(3);
    expect(err.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(err.bodySnippet).toContain("502 Bad Gateway");
    expect(err.bodySnippet).not.toMatch(/[\r\n]/);
    expect(err.contentType).toBe("text/html");
    expect(err.message).toContain("GetRoom");
    expect(err.message).toContain("502");
    expect(server.requestsOf("GetRoom")).toHaveLength(3);
  });

  it("a 200 that is not the service's JSON (captive portal): ResponseParseError with a snippet, not retried", async () => {
    server.script("GetRoom", { status: 200, headers: { "content-type": "text/html" }, body: "<html><body>Please sign in to the hotel Wi-Fi</body></html>" });
    const e = await rejection(client().getRoom({ identifier: room.arn }));
    expect(e).toBeInstanceOf(runtime.ResponseParseError);
    const err = e as rt.ResponseParseError;
    expect(err.message).toContain("GetRoom");
    expect(err.bodySnippet).toContain("hotel Wi-Fi");
    expect(err.$metadata).toMatchObject({ httpStatusCode: 200, attempts: 1 });
    expect(server.requestsOf("GetRoom")).toHaveLength(1);
  });

  it("maxAttempts: 1 turns retries off", async () => {
    server.script("GetRoom", { status: 503, headers: json, body: "{}" }, { status: 503, headers: json, body: "{}" });
    const e = await rejection(client({ maxAttempts: 1 }).getRoom({ identifier: room.arn }));
    expect(e).toMatchObject({ $metadata: { httpStatusCode: 503, attempts: 1 } });
    expect(server.requestsOf("GetRoom")).toHaveLength(1);
  });
});

describeEachTransport("timeouts and abort", () => {
  let room: Output;

  beforeAll(async () => {
    room = await client().createRoom({ name: "timeouts" });
  });

  it("a server that never answers: TimeoutError after requestTimeoutMs", async () => {
    server.script("GetRoom", { hang: "headers" });
    const started = performance.now();
    const e = await rejection(client({ maxAttempts: 1, requestTimeoutMs: 300 }).getRoom({ identifier: room.arn }));
    const elapsed = performance.now() - started;
    expect(e).toBeInstanceOf(ivs.TimeoutError);
    expect(e.message).toContain("GetRoom");
    expect((e as rt.TimeoutError).timeoutMs).toBe(300);
    expect(elapsed).toBeGreaterThanOrEqual(280);
    expect(elapsed).toBeLessThan(1_500);
    expect(server.requestsOf("GetRoom")).toHaveLength(1);
  });

  it("a timed-out attempt is retried; each attempt has its own time limit", async () => {
    server.script("GetRoom", { hang: "headers" });
    const started = performance.now();
    const out = await client({ maxAttempts: 2, requestTimeoutMs: 250 }).getRoom({ identifier: room.arn });
    expect(out.arn).toBe(room.arn);
    expect(performance.now() - started).toBeGreaterThanOrEqual(240);
    expect(server.requestsOf("GetRoom")).toHaveLength(2);
  });

  it("a body that stops halfway: TimeoutError too", async () => {
    server.script("GetRoom", { hang: "body" });
    const started = performance.now();
    const e = await rejection(client({ maxAttempts: 1, requestTimeoutMs: 300 }).getRoom({ identifier: room.arn }));
    expect(e).toBeInstanceOf(ivs.TimeoutError);
    expect(performance.now() - started).toBeLessThan(1_500);
  });

  it("a body that stalls is still cut off by the timeout after garbage collections", async () => {
    // Node's Request follows the signal it was given only while the Request is reachable.
    setFlagsFromString("--expose-gc");
    const gc = runInNewContext("gc") as () => void;
    server.script("GetRoom", { hang: "body" });
    const pending = rejection(client({ maxAttempts: 1, requestTimeoutMs: 400 }).getRoom({ identifier: room.arn }));
    for (let i = 0; i < 3; i++) {
      await new Promise((resolve) => setTimeout(resolve, 60));
      gc();
    }
    const still = new Error("still pending 2 s after the timeout");
    const e = await Promise.race([pending, new Promise<Error>((resolve) => setTimeout(() => resolve(still), 2_400))]);
    expect(e).toBeInstanceOf(ivs.TimeoutError);
  });

  it("abort during a retry backoff rejects at once with the abort reason", async () => {
    vi.spyOn(Math, "random").mockReturnValue(0.99); // backoff of 99 ms after the first 500
    const controller = new AbortController();
    const reason = new Error("user navigated away");
    let abortedAt = 0;
    server.script("GetRoom", { status: 500, headers: { "content-type": "application/json" }, body: "{}" });
    const logger = {
      info: (message: string) => {
        if (!message.includes("retrying")) return;
        // Abort 20 ms into the backoff: well before the retry would start.
        setTimeout(() => {
          abortedAt = performance.now();
          controller.abort(reason);
        }, 20);
      },
    };
    const e = await rejection(client({ logger, maxAttempts: 3 }).getRoom({ identifier: room.arn }, { signal: controller.signal }));
    expect(e).toBe(reason);
    expect(performance.now() - abortedAt).toBeLessThan(60);
    // Give a retry that should not happen the time to happen.
    await new Promise((r) => setTimeout(r, 150));
    expect(server.requestsOf("GetRoom")).toHaveLength(1);
  });

  it("abort while the request is in flight rejects with the abort reason, not a TimeoutError", async () => {
    server.script("GetRoom", { hang: "headers" });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const e = await rejection(client({ requestTimeoutMs: 2_000 }).getRoom({ identifier: room.arn }, { signal: controller.signal }));
    expect(e).toBe(controller.signal.reason);
    expect(e.name).toBe("AbortError");
    expect(server.requestsOf("GetRoom")).toHaveLength(1);
  });

  it("abort while the body is being read rejects with the abort reason", async () => {
    server.script("GetRoom", { hang: "body" });
    const controller = new AbortController();
    const reason = new Error("stop reading");
    setTimeout(() => controller.abort(reason), 80);
    const e = await rejection(client({ requestTimeoutMs: 2_000 }).getRoom({ identifier: room.arn }, { signal: controller.signal }));
    expect(e).toBe(reason);
    expect(server.requestsOf("GetRoom")).toHaveLength(1);
  });

  it("a call that succeeds leaves no timer or abort listener behind", async () => {
    const controller = new AbortController();
    const add = vi.spyOn(controller.signal, "addEventListener");
    const remove = vi.spyOn(controller.signal, "removeEventListener");
    const set = vi.spyOn(globalThis, "setTimeout");
    const clear = vi.spyOn(globalThis, "clearTimeout");
    const out = await client({ requestTimeoutMs: 5_000 }).getRoom({ identifier: room.arn }, { signal: controller.signal });
    expect(out.arn).toBe(room.arn);
    const added = add.mock.calls.filter(([type]) => type === "abort").map(([, listener]) => listener);
    const removed = remove.mock.calls.filter(([type]) => type === "abort").map(([, listener]) => listener);
    expect(added.length).toBeGreaterThan(0);
    for (const listener of added) expect(removed).toContain(listener);
    // The attempt's timer: the one setTimeout of 5 s, cleared once the body was read.
    const timers = set.mock.calls.flatMap(([, ms], i) => (ms === 5_000 ? [set.mock.results[i]!.value as unknown] : []));
    expect(timers).toHaveLength(1);
    expect(clear.mock.calls.map(([timer]) => timer as unknown)).toContain(timers[0]);
    // Aborting afterwards changes nothing.
    controller.abort();
  });

  it("an already aborted signal sends nothing", async () => {
    const controller = new AbortController();
    controller.abort(new Error("too late"));
    const e = await rejection(client().getRoom({ identifier: room.arn }, { signal: controller.signal }));
    expect(e.message).toBe("too late");
    expect(server.requestsOf("GetRoom")).toHaveLength(0);
  });
});

describe("input validation", () => {
  it("missing required members: ValidationError naming every member path, nothing sent", async () => {
    const before = server.requests.length;
    const e = await rejection(client().createChatToken({ capabilities: ["SEND_MESSAGE"] }));
    expect(e).toBeInstanceOf(ivs.ValidationError);
    const problems = (e as rt.ValidationError).problems;
    expect(problems).toEqual([
      { path: "input.roomIdentifier", message: "is required" },
      { path: "input.userId", message: "is required" },
    ]);
    expect(e.message).toContain("CreateChatToken");
    expect(e.message).toContain("input.roomIdentifier");
    expect(e.message).toContain("input.userId");
    expect(server.requests.length).toBe(before);
  });

  it("nested members, ranges, enums and unions are checked too", async () => {
    const before = server.requests.length;
    const e = await rejection(
      client().createRoom({
        maximumMessageLength: 501,
        messageReviewHandler: { fallbackResult: "MAYBE" },
        loggingConfigurationIdentifiers: ["a", "b", "c", "d"],
      }),
    );
    expect((e as rt.ValidationError).problems.map((p) => p.path)).toEqual([
      "input.maximumMessageLength",
      "input.messageReviewHandler.fallbackResult",
      "input.loggingConfigurationIdentifiers",
    ]);
    const union = await rejection(
      client().createLoggingConfiguration({ destinationConfiguration: { s3: { bucketName: "abc" }, firehose: { deliveryStreamName: "x" } } }),
    );
    expect((union as rt.ValidationError).problems).toEqual([
      { path: "input.destinationConfiguration", message: "must set exactly one member of the union, found 2" },
    ]);
    expect(server.requests.length).toBe(before);
  });
});

describeEachTransport("connections and clocks", () => {
  let room: Output;

  beforeAll(async () => {
    room = await client().createRoom({ name: "clocks" });
  });

  it("a connection closed without an answer is a NetworkError, and retried", async () => {
    server.script("GetRoom", { reset: true }, { reset: true });
    expect((await client({ maxAttempts: 3 }).getRoom({ identifier: room.arn })).arn).toBe(room.arn);
    expect(server.requestsOf("GetRoom")).toHaveLength(3);

    server.script("GetRoom", { reset: true }, { reset: true });
    const e = await rejection(client({ maxAttempts: 2 }).getRoom({ identifier: room.arn }));
    expect(e).toBeInstanceOf(ivs.NetworkError);
    expect(e.message).toContain("GetRoom");
    expect(e.message).toContain("127.0.0.1");
  });

  it.each([
    ["ahead", 20 * 60_000],
    ["behind", -20 * 60_000],
  ])("a server clock 20 minutes %s: one expired-signature answer, then the client signs with the server's time", async (_, skew) => {
    server.clockSkewMs = skew;
    const cl = client();
    expect((await cl.getRoom({ identifier: room.arn })).arn).toBe(room.arn);
    expect(server.expiredSignatures.splice(0)).toHaveLength(1);
    const [first, second] = server.requestsOf("GetRoom");
    expect(first!.headers["x-amz-date"]).not.toBe(second!.headers["x-amz-date"]);
    // The correction sticks: the next call is accepted at once.
    await cl.getRoom({ identifier: room.arn });
    expect(server.requestsOf("GetRoom")).toHaveLength(3);
    expect(server.expiredSignatures).toHaveLength(0);
  });

  it("a wrong secret key: InvalidSignatureException, not retried (the clock is right, retrying cannot help)", async () => {
    const cl = client({ credentials: { ...CREDENTIALS, secretAccessKey: "not-the-secret" } });
    const e = await rejection(cl.getRoom({ identifier: room.arn }));
    const failures = server.signatureFailures.splice(0); // expected here; any other test fails on one
    expect(failures.length).toBeGreaterThan(0);
    expect(failures[0]).toContain("signature mismatch");
    expect(e).toBeInstanceOf(ivs.IvschatServiceException);
    expect(e).toMatchObject({ name: "InvalidSignatureException", $fault: "client", $metadata: { httpStatusCode: 403 } });
    expect(server.requestsOf("GetRoom")).toHaveLength(1);
  });

  it("credentials from a provider, asked once and cached", async () => {
    let calls = 0;
    const cl = client({
      credentials: async () => {
        calls++;
        return { ...CREDENTIALS, expiration: new Date(Date.now() + 60 * 60_000) };
      },
    });
    await Promise.all([cl.getRoom({ identifier: room.arn }), cl.getRoom({ identifier: room.arn })]);
    await cl.getRoom({ identifier: room.arn });
    expect(calls).toBe(1);
  });
});

describe("sensitive values", () => {
  const SECRET_USER = "user-secret-5f1d0c";
  const SECRET_ATTRIBUTE = "attr-secret-9b22e4";
  const SECRET_KEY = "key-secret-41aa07";

  function collectingLogger(): { logger: rt.Logger; text: () => string; count: () => number } {
    const entries: unknown[] = [];
    const log = (level: string) => (message: string, details?: Record<string, unknown>) => entries.push({ level, message, details });
    return {
      logger: { debug: log("debug"), info: log("info"), warn: log("warn"), error: log("error") },
      text: () => JSON.stringify(entries),
      count: () => entries.length,
    };
  }

  it("CreateChatToken's userId and attributes never reach the logger, through retries and failures", async () => {
    const room = await client().createRoom({ name: "sensitive" });
    const { logger, text, count } = collectingLogger();
    const cl = client({ logger });
    const input = {
      roomIdentifier: room.arn,
      userId: SECRET_USER,
      attributes: { [SECRET_KEY]: SECRET_ATTRIBUTE },
      capabilities: ["SEND_MESSAGE"],
    };
    server.script("CreateChatToken", { status: 500, headers: { "content-type": "application/json" }, body: "{}" });
    const token = await cl.createChatToken(input);
    const bad = { status: 503, headers: { "content-type": "application/json" }, body: "{}" };
    server.script("CreateChatToken", bad, bad, bad);
    await rejection(cl.createChatToken(input));
    await rejection(cl.createChatToken({ ...input, roomIdentifier: `arn:aws:ivschat:${REGION}:${ACCOUNT}:room/missingRoom2` }));

    expect(count()).toBeGreaterThan(4);
    const logged = text();
    expect(logged).toContain("CreateChatToken");
    expect(logged).toContain("***SensitiveInformation***");
    expect(logged).toContain(room.arn); // not sensitive: logged as is
    for (const secret of [SECRET_USER, SECRET_ATTRIBUTE, SECRET_KEY, token.token]) expect(logged).not.toContain(secret);
    // The values did go over the wire.
    expect(server.requestsOf("CreateChatToken")[0]!.body).toContain(SECRET_USER);
  });

  it("validation messages name sensitive members but never quote them (values or map keys)", async () => {
    const room = `arn:aws:ivschat:${REGION}:${ACCOUNT}:room/abcdefghijkl`;
    const tooLong = await rejection(client().createChatToken({ roomIdentifier: room, userId: SECRET_USER.repeat(20) }));
    expect(tooLong).toBeInstanceOf(ivs.ValidationError);
    expect(tooLong.message).toContain("input.userId");
    const badAttribute = await rejection(
      client().createChatToken({ roomIdentifier: room, userId: SECRET_USER, attributes: { [SECRET_KEY]: 42 } }),
    );
    expect(badAttribute).toBeInstanceOf(ivs.ValidationError);
    expect(badAttribute.message).toContain("input.attributes");
    for (const e of [tooLong, badAttribute]) {
      const shown = JSON.stringify({ message: e.message, problems: (e as rt.ValidationError).problems });
      for (const secret of [SECRET_USER, SECRET_KEY]) expect(shown).not.toContain(secret);
    }
  });
});

describe("idempotency", () => {
  it("IVS Chat models no idempotency token: none is invented, and a retry resends the very same bytes", async () => {
    const tokens = Object.values(schemas).flatMap((s) => {
      const members = (s as { type?: string; members?: Record<string, { idempotencyToken?: boolean }> }).members;
      return (s as { type?: string }).type === "structure" && members
        ? Object.entries(members).filter(([, m]) => m.idempotencyToken).map(([n]) => n)
        : [];
    });
    expect(tokens).toEqual([]);

    const json = { "content-type": "application/json" };
    server.script("CreateRoom", { status: 500, headers: json, body: "{}" });
    const room = await client().createRoom({ name: "idempotent", tags: { k: "v" } });
    const [first, second] = server.requestsOf("CreateRoom");
    expect(second!.body).toBe(first!.body);
    expect(jsonBody(first!.body)).toEqual({ name: "idempotent", tags: { k: "v" } });
    expect(first!.body).not.toMatch(/clientToken|idempotency/i);
    // A retried create is not deduplicated by the service: the first attempt failed before creating.
    expect([...server.rooms.values()].filter((r) => r.name === "idempotent")).toHaveLength(1);
    await client().deleteRoom({ identifier: room.arn });
  });
});

describe("which way a call is sent", () => {
  it("no fetch option: the global fetch with a URL and init, no Request built", async () => {
    const spy = vi.spyOn(globalThis, "fetch");
    const room = await client().createRoom({ name: "global-fetch" });
    expect(room.name).toBe("global-fetch");
    expect(spy).toHaveBeenCalledTimes(1);
    const [input, init] = spy.mock.calls[0]!;
    expect(typeof input).toBe("string");
    expect(init).toMatchObject({ method: "POST", signal: expect.any(AbortSignal) });
  });

  it("a fetch option: called with a Request, whose body and headers are the signed ones", async () => {
    const seen: Request[] = [];
    const room = await client({
      fetch: (request) => {
        seen.push(request.clone());
        return fetch(request);
      },
    }).createRoom({ name: "custom-fetch" });
    expect(room.name).toBe("custom-fetch");
    expect(seen).toHaveLength(1);
    expect(seen[0]).toBeInstanceOf(Request);
    expect(seen[0]!.headers.get("authorization")).toMatch(/^AWS4-HMAC-SHA256 /);
    expect(members(await seen[0]!.json())).toEqual(members({ name: "custom-fetch" }));
  });

  it("nodeHttpFetch(): its sendRaw, not its Request signature; the signed headers are not changed", async () => {
    const node = nodeHttpFetch();
    const call = vi.fn(node);
    const sendRaw = vi.fn(node.sendRaw!);
    const seenHeaders: Record<string, string>[] = [];
    const room = await client({
      fetch: Object.assign(call, {
        sendRaw: (request: rt.RawHttpRequest) => {
          seenHeaders.push({ ...request.headers });
          return sendRaw(request).finally(() => expect(request.headers).toEqual(seenHeaders.at(-1)));
        },
      }),
    }).createRoom({ name: "raw" });
    expect(room.name).toBe("raw");
    expect(call).not.toHaveBeenCalled();
    expect(sendRaw).toHaveBeenCalledTimes(1);
    const [request] = sendRaw.mock.calls[0]!;
    expect(request.method).toBe("POST");
    expect(typeof request.body).toBe("string");
    expect(request.timeoutMs).toBe(2_000); // the transport keeps the time limit
    expect(request.signal).toBeUndefined(); // none given to the call
    expect(seenHeaders[0]!.host).toBe(new URL(server.endpoint).host); // the signed one
    expect(seenHeaders[0]!.authorization).toMatch(/^AWS4-HMAC-SHA256 /);
  });
});

describe("with the runtime's node:http transport instead of fetch", () => {
  let nodeFetch: rt.FetchLike;

  beforeAll(() => {
    nodeFetch = nodeHttpFetch();
  });

  it("signs, encodes and parses the same", async () => {
    const cl = client({ fetch: nodeFetch });
    const room = await cl.createRoom({ name: "node-http", tags: { a: "1", "b/c": "2" } });
    expect(room.createTime).toBeInstanceOf(Date);
    await cl.untagResource({ resourceArn: room.arn, tagKeys: ["b/c"] });
    expect(members(await cl.listTagsForResource({ resourceArn: room.arn }))).toEqual(members({ tags: { a: "1" } }));
    expect(members(await cl.deleteRoom({ identifier: room.arn }))).toEqual(members({}));
    const e = await rejection(cl.getRoom({ identifier: room.arn }));
    expect(e).toBeInstanceOf(ivs.ResourceNotFoundException);
  });

  it("times out, is cut off and retried like fetch", async () => {
    const room = await client().createRoom({ name: "node-http-faults" });
    server.script("GetRoom", { hang: "body" });
    const e = await rejection(client({ fetch: nodeFetch, maxAttempts: 1, requestTimeoutMs: 250 }).getRoom({ identifier: room.arn }));
    expect(e).toBeInstanceOf(ivs.TimeoutError);
    server.script("GetRoom", { reset: true });
    expect((await client({ fetch: nodeFetch, maxAttempts: 2 }).getRoom({ identifier: room.arn })).arn).toBe(room.arn);
    server.script("GetRoom", { reset: true });
    expect(await rejection(client({ fetch: nodeFetch, maxAttempts: 1 }).getRoom({ identifier: room.arn }))).toBeInstanceOf(ivs.NetworkError);
  });
});
