// End to end over real HTTP: the IVS Chat package generated from models/ivschat.json, run as TS
// source, against an in-memory IVS Chat (fake-ivschat.ts) that checks every request's SigV4
// signature with @smithy/signature-v4 and answers in the service's rest-json wire format.

import { rm } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
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
}
interface RuntimeModule {
  UnknownServiceError: typeof rt.UnknownServiceError;
}

const server = new FakeIvschat({ ...CREDENTIALS, region: REGION, service: "ivschat" });
let pkgDir = "";
let ivs: IvschatModule;
let runtime: RuntimeModule;
let schemas: Record<string, unknown>;

beforeAll(async () => {
  const result = await generate({ model: "models/ivschat.json" });
  pkgDir = await writeToTemp(result, "e2e");
  // Vitest transpiles the generated TypeScript on import; runtime classes come from the package's own copy.
  ivs = (await import(pathToFileURL(join(pkgDir, "src/index.ts")).href)) as IvschatModule;
  runtime = (await import(pathToFileURL(join(pkgDir, "src/runtime/index.ts")).href)) as RuntimeModule;
  schemas = (await import(pathToFileURL(join(pkgDir, "src/schemas.ts")).href)) as Record<string, unknown>;
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

function client(config: Partial<rt.ClientConfig> = {}): IvschatClient {
  return new ivs.IvschatClient({
    region: REGION,
    endpoint: server.endpoint,
    credentials: CREDENTIALS,
    maxAttempts: 3,
    requestTimeoutMs: 2_000,
    ...config,
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
    const wire = server.requestsOf("CreateLoggingConfiguration")[0]!;
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
    expect(got).toEqual(s3Config);

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
    expect(jsonBody(server.requestsOf("CreateRoom")[1]!.body)).toEqual({});

    expect(await c().getRoom({ identifier: room.arn })).toEqual(room);

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

    expect(await c().disconnectUser({ roomIdentifier: room.arn, userId: "viewer-17", reason: "banned" })).toEqual({});
    expect(server.events.at(-1)).toMatchObject({ op: "DisconnectUser", userId: "viewer-17", reason: "banned" });
  });

  it("TagResource, ListTagsForResource, UntagResource: the ARN is one percent-encoded path segment", async () => {
    const encodedArn = encodeURIComponent(room.arn);
    expect(await c().tagResource({ resourceArn: room.arn, tags: { "owner/team": "a b", env: "e2e" } })).toEqual({});
    const tagWire = server.requestsOf("TagResource")[0]!;
    expect(tagWire.method).toBe("POST");
    expect(tagWire.path).toBe(`/tags/${encodedArn}`);
    expect(tagWire.path).toContain("%3A");
    expect(tagWire.path).toContain("%2F");
    expect(jsonBody(tagWire.body)).toEqual({ tags: { "owner/team": "a b", env: "e2e" } });

    const listed = await c().listTagsForResource({ resourceArn: room.arn });
    expect(listed).toEqual({ tags: { stage: "test", "owner/team": "a b", env: "e2e" } });
    const listWire = server.requestsOf("ListTagsForResource")[0]!;
    expect(listWire.method).toBe("GET");
    expect(listWire.body).toBe("");
    expect(listWire.headers["content-type"]).toBeUndefined();

    expect(await c().untagResource({ resourceArn: room.arn, tagKeys: ["owner/team", "stage"] })).toEqual({});
    const untagWire = server.requestsOf("UntagResource")[0]!;
    expect(untagWire.method).toBe("DELETE");
    expect(untagWire.path).toBe(`/tags/${encodedArn}`);
    expect(untagWire.query).toBe("tagKeys=owner%2Fteam&tagKeys=stage");
    expect(untagWire.body).toBe("");
    expect(await c().listTagsForResource({ resourceArn: room.arn })).toEqual({ tags: { env: "e2e" } });

    // Logging configurations are taggable too.
    await c().tagResource({ resourceArn: s3Config.arn, tags: { extra: "1" } });
    expect((await c().listTagsForResource({ resourceArn: s3Config.arn })).tags).toEqual({ team: "video", "cost-center": "42", extra: "1" });
  });

  it("DeleteRoom and DeleteLoggingConfiguration answer 204 with no body", async () => {
    expect(await c().deleteRoom({ identifier: room.arn })).toEqual({});
    expect(server.rooms.has(room.arn)).toBe(false);
    for (const r of [...server.rooms.values()]) await c().deleteRoom({ identifier: r.arn });
    expect(await c().deleteLoggingConfiguration({ identifier: s3Config.arn })).toEqual({});
    expect(await c().deleteLoggingConfiguration({ identifier: cwConfig.arn })).toEqual({});
    expect(server.loggingConfigurations.size).toBe(0);
    expect((await c().listRooms()).rooms).toEqual([]);
  });

  it("exercised all 17 operations, each signed and answered 2xx", () => {
    const ops = new Set(server.requests.map((r) => r.op));
    const expected = OPERATIONS.map((o) => o[0]!.toUpperCase() + o.slice(1));
    expect([...ops].sort()).toEqual([...expected].sort());
  });

  it("signs concurrent calls independently", async () => {
    const created = await c().createRoom({ name: "concurrent" });
    const cl = c();
    const results = await Promise.all(Array.from({ length: 12 }, () => cl.getRoom({ identifier: created.arn })));
    for (const r of results) expect(r.arn).toBe(created.arn);
    await cl.deleteRoom({ identifier: created.arn });
  });

});
