import { createHash } from "node:crypto";
import { expandHostPrefix } from "../../templates/runtime/protocols/host-prefix.js";
import { fillIdempotencyTokens } from "../../templates/runtime/protocols/idempotency-tokens.js";
import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import {
  NetworkError,
  ResponseParseError,
  ServiceException,
  TimeoutError,
  UnknownServiceError,
  ValidationError,
  bodySnippet,
  type ServiceExceptionInit,
} from "../../templates/runtime/errors.js";
import { contentMd5, md5 } from "../../templates/runtime/protocols/http-content-md5.js";
import { splitHeaderList } from "../../templates/runtime/protocols/http-response-bindings.js";
import { compressRequestBody, crc32, gzip } from "../../templates/runtime/protocols/http-request-compression.js";
import {
  parseRestJsonError,
  parseRestJsonResponse,
  readJsonErrorInfo,
  serializeRestJsonRequest,
} from "../../templates/runtime/protocols/rest-json.js";
import { sanitizeErrorCode } from "../../templates/runtime/protocols/json-errors.js";
import type { ErrorInit, OperationSchema, StructureSchema } from "../../templates/runtime/schema.js";

// Schemas as the generator emits them (ivschat-like).
const String_ = { type: "string" } as const;
const Timestamp = { type: "timestamp" } as const;

const AttributesMap = { type: "map", key: { target: String_ }, value: { target: String_ } } as const;

const CreateChatTokenRequest: StructureSchema = {
  type: "structure",
  name: "CreateChatTokenRequest",
  members: {
    roomIdentifier: { target: String_, required: true },
    userId: { target: String_, required: true, sensitive: true },
    attributes: { target: AttributesMap },
  },
};
const CreateChatTokenResponse: StructureSchema = {
  type: "structure",
  name: "CreateChatTokenResponse",
  members: {
    token: { target: { type: "string", sensitive: true } },
    tokenExpirationTime: { target: { type: "timestamp", timestampFormat: "iso8601" } },
    sessionExpirationTime: { target: Timestamp },
  },
};

class IvschatServiceException extends ServiceException {}
class AccessDeniedException extends IvschatServiceException {
  declare readonly reason?: string;
  constructor(init: ErrorInit) {
    super({ ...init, $fault: "client" });
  }
}
const AccessDeniedExceptionSchema: StructureSchema = {
  type: "structure",
  name: "AccessDeniedException",
  members: { message: { target: String_ }, reason: { target: String_, location: "header", locationName: "x-reason" } },
};

const CreateChatToken: OperationSchema = {
  name: "CreateChatToken",
  method: "POST",
  path: ["/CreateChatToken"],
  input: CreateChatTokenRequest,
  output: CreateChatTokenResponse,
};
/** The service's error registry (ServiceSchema.errors) for parseRestJsonError. */
const ERRORS = { AccessDeniedException: { schema: AccessDeniedExceptionSchema, errorClass: AccessDeniedException } };

const GetRoom: OperationSchema = {
  name: "GetRoom",
  method: "GET",
  path: ["/rooms/", { member: "arn", greedy: false }, "/messages/", { member: "key", greedy: true }],
  query: "view=full",
  idempotencyTokens: { members: ["token"], fill: fillIdempotencyTokens },
  input: {
    type: "structure",
    name: "GetRoomRequest",
    members: {
      arn: { target: String_, location: "uri", locationName: "arn", required: true },
      key: { target: String_, location: "uri", locationName: "key", required: true },
      since: { target: Timestamp, location: "querystring", locationName: "since" },
      token: { target: String_, location: "querystring", locationName: "clientToken" },
      traceId: { target: String_, location: "header", locationName: "X-Trace-Id" },
    },
  },
};

const endpoint = new URL("https://ivschat.us-west-2.amazonaws.com");

describe("serializeRestJsonRequest", () => {
  it("sends body members as JSON with content type and length", () => {
    const req = serializeRestJsonRequest(CreateChatToken, { roomIdentifier: "room", userId: "u1", attributes: { a: "b" } }, { endpoint });
    expect(req).toEqual({
      method: "POST",
      url: "https://ivschat.us-west-2.amazonaws.com/CreateChatToken",
      headers: { "content-type": "application/json", "content-length": "62" },
      body: '{"roomIdentifier":"room","userId":"u1","attributes":{"a":"b"}}',
    });
  });

  it("encodes labels (ARN fully, greedy keeps '/'), merges static and member query, fills tokens", () => {
    const req = serializeRestJsonRequest(
      GetRoom,
      { arn: "arn:aws:ivschat:us-west-2:123456789012:room/abcd", key: "a b/c", since: new Date(Date.UTC(2024, 0, 2, 3, 4, 5)), traceId: "t" },
      { endpoint: new URL("https://example.com/base/"), uuid: () => "fixed-token" },
    );
    expect(req.url).toBe(
      "https://example.com/base/rooms/arn%3Aaws%3Aivschat%3Aus-west-2%3A123456789012%3Aroom%2Fabcd/messages/a%20b/c" +
        "?view=full&since=2024-01-02T03%3A04%3A05Z&clientToken=fixed-token",
    );
    expect(req.headers).toEqual({ "x-trace-id": "t" });
    expect(req.body).toBeUndefined();
  });

  it("uses a random UUID v4 for an unset idempotency token, keeps a given one", () => {
    const a = serializeRestJsonRequest(GetRoom, { arn: "r", key: "k" }, { endpoint });
    expect(new URL(a.url).searchParams.get("clientToken")).toMatch(/^[0-9a-f-]{36}$/);
    const b = serializeRestJsonRequest(GetRoom, { arn: "r", key: "k", token: "mine" }, { endpoint });
    expect(new URL(b.url).searchParams.get("clientToken")).toBe("mine");
  });

  it("refuses missing or empty labels without quoting values", () => {
    expect(() => serializeRestJsonRequest(GetRoom, { key: "k" }, { endpoint })).toThrow(ValidationError);
    expect(() => serializeRestJsonRequest(GetRoom, { arn: "", key: "k" }, { endpoint })).toThrow(/GetRoom\.arn/);
  });

  it("refuses header values fetch cannot carry, naming the member only", () => {
    const op: OperationSchema = {
      name: "Op",
      method: "GET",
      path: ["/"],
      input: { type: "structure", name: "I", members: { h: { target: String_, location: "header", locationName: "x-h" } } },
    };
    expect(() => serializeRestJsonRequest(op, { h: "secret\r\nx-evil: 1" }, { endpoint })).toThrow(
      'Op: Op.h cannot be sent as the HTTP header "x-h"',
    );
    expect(() => serializeRestJsonRequest(op, { h: "😹" }, { endpoint })).toThrow(ValidationError);
    expect(serializeRestJsonRequest(op, { h: "café" }, { endpoint }).headers).toEqual({ "x-h": "café" });
  });

  it("validates host labels as one DNS label", () => {
    const op: OperationSchema = {
      name: "Op",
      method: "POST",
      path: ["/"],
      hostPrefix: { parts: [{ member: "acct" }, ".data."], expand: expandHostPrefix },
      input: { type: "structure", name: "I", members: { acct: { target: String_, hostLabel: true, required: true } } },
    };
    expect(serializeRestJsonRequest(op, { acct: "123" }, { endpoint }).url).toBe("https://123.data.ivschat.us-west-2.amazonaws.com/");
    expect(() => serializeRestJsonRequest(op, { acct: "evil.com/x" }, { endpoint })).toThrow(ValidationError);
    expect(() => serializeRestJsonRequest(op, { acct: "evil.com/x" }, { endpoint })).not.toThrow(/evil/);
  });

  it("adds Content-MD5 for httpChecksumRequired and gzips with requestCompression", () => {
    const op: OperationSchema = {
      name: "Put",
      method: "PUT",
      path: ["/"],
      input: { type: "structure", name: "I", members: { data: { target: String_ } } },
      contentMd5,
      requestCompression: { encodings: ["gzip"], compress: compressRequestBody },
    };
    const data = "hello world ".repeat(2000);
    const req = serializeRestJsonRequest(op, { data }, { endpoint });
    const body = req.body as Uint8Array;
    expect(gunzipSync(body).toString("utf8")).toBe(JSON.stringify({ data }));
    expect(req.headers["content-encoding"]).toBe("gzip");
    expect(req.headers["content-md5"]).toBe(createHash("md5").update(body).digest("base64"));
    expect(req.headers["content-length"]).toBe(String(body.length));
    const small = serializeRestJsonRequest(op, { data: "x" }, { endpoint });
    expect(small.body).toBe('{"data":"x"}');
    expect(small.headers["content-encoding"]).toBeUndefined();
    const off = serializeRestJsonRequest(op, { data }, { endpoint, compression: { disabled: true } });
    expect(typeof off.body).toBe("string");
  });
});

describe("parseRestJsonResponse", () => {
  it("reads timestamps in any format, ignores unknown fields and nulls", () => {
    const out = parseRestJsonResponse(CreateChatToken, {
      status: 200,
      headers: new Headers({ "content-type": "application/json" }),
      body: '{"token":"t","tokenExpirationTime":"2024-01-02T03:04:05.5+01:00","sessionExpirationTime":1704164645,"extra":1,"userId":null}',
    });
    expect(out).toEqual({
      token: "t",
      tokenExpirationTime: new Date(Date.UTC(2024, 0, 2, 2, 4, 5, 500)),
      sessionExpirationTime: new Date(1704164645000),
    });
  });

  it("accepts an empty body and a plain header record", () => {
    expect(parseRestJsonResponse(CreateChatToken, { status: 200, headers: {}, body: new Uint8Array() })).toEqual({});
  });

  it("reads header and status bindings the same from Headers and from a lower-case record (nodeHttpFetch's sendRaw)", () => {
    const Output: StructureSchema = {
      type: "structure",
      name: "Output",
      members: {
        etag: { target: String_, location: "header", locationName: "ETag" },
        meta: { target: AttributesMap, location: "headers", locationName: "x-meta-" },
        status: { target: { type: "integer" }, location: "statusCode" },
        name: { target: String_ },
      },
    };
    const op: OperationSchema = { name: "Get", method: "GET", path: ["/"], output: Output };
    const body = new TextEncoder().encode('{"name":"n"}');
    const expected = { etag: "abc", meta: { a: "1", b: "2" }, status: 202, name: "n" };
    const fromHeaders = new Headers({ etag: "abc", "X-Meta-A": "1", "x-meta-b": "2", "content-type": "application/json" });
    const fromRecord = { etag: "abc", "x-meta-a": "1", "x-meta-b": "2", "content-type": "application/json" };
    for (let i = 0; i < 2; i++) {
      // Twice: the second call reads the member plan made by the first.
      expect(parseRestJsonResponse(op, { status: 202, headers: fromHeaders, body })).toEqual(expected);
      expect(parseRestJsonResponse(op, { status: 202, headers: fromRecord, body })).toEqual(expected);
    }
  });

  const parseError = (body: string, headers: Record<string, string> = {}): ResponseParseError => {
    try {
      parseRestJsonResponse(CreateChatToken, { status: 200, headers, body });
    } catch (e) {
      expect(e).toBeInstanceOf(ResponseParseError);
      return e as ResponseParseError;
    }
    throw new Error("no error");
  };

  it("turns truncated JSON into ResponseParseError without any of its text (it may hold a token)", () => {
    const err = parseError('{"token": "secret-abc', { "X-Amzn-RequestId": "rid-1" });
    expect(err.$metadata).toEqual({ httpStatusCode: 200, requestId: "rid-1", attempts: 1 });
    expect(err.statusCode).toBe(200);
    expect(err.message).toBe("CreateChatToken: could not read the response body: not JSON (HTTP 200, 21 characters)");
    expect(err.bodySnippet).toBe("");
    expect(String((err.cause as Error).message)).not.toContain("secret");
  });

  it("keeps a snippet of a body that is plainly not JSON", () => {
    expect(parseError("<html><body>Bad Gateway</body></html>").bodySnippet).toBe("<html><body>Bad Gateway</body></html>");
  });

  it("never quotes values when a member has the wrong shape", () => {
    const err = parseError('{"token": "secret-abc", "sessionExpirationTime": "secret-not-a-date"}');
    expect(err.message).toBe(
      "CreateChatToken: could not read the response body: sessionExpirationTime: expected epoch seconds (a number), got a string (HTTP 200, 69 characters)",
    );
    expect(String((err.cause as Error).message)).not.toContain("secret");
  });
});

describe("parseRestJsonError", () => {
  const respond = (status: number, headers: Record<string, string>, body: string) => ({ status, headers: new Headers(headers), body });

  it.each([
    ["header", { "x-amzn-errortype": "AccessDeniedException:http://internal.amazon.com/coral/" }, "{}"],
    ["header with namespace", { "x-amzn-errortype": "aws.ivschat#AccessDeniedException:http://x/" }, "{}"],
    ["code", {}, '{"code":"AccessDeniedException"}'],
    ["__type with namespace and suffix", {}, '{"__type":"com.amazonaws.ivschat#AccessDeniedException:http://x/y"}'],
  ])("reads the code from the %s", (_, headers, body) => {
    const err = parseRestJsonError(CreateChatToken, respond(403, headers, body), { errors: ERRORS });
    expect(err).toBeInstanceOf(AccessDeniedException);
    expect(err).toBeInstanceOf(IvschatServiceException);
    expect(err).toBeInstanceOf(ServiceException);
    expect(err).toBeInstanceOf(Error);
    expect(err.name).toBe("AccessDeniedException");
  });

  it("prefers the header over the body, and reads fields, message and request id", () => {
    const err = parseRestJsonError(
      CreateChatToken,
      respond(403, { "X-Amzn-ErrorType": "AccessDeniedException", "x-amzn-RequestId": "req-9", "x-reason": "nope" }, '{"__type":"Other","message":"Denied"}'),
      { errors: ERRORS },
    ) as AccessDeniedException;
    expect(err).toBeInstanceOf(AccessDeniedException);
    expect(err.message).toBe("Denied");
    expect(err.reason).toBe("nope");
    expect(err.$fault).toBe("client");
    expect(err.$metadata).toEqual({ httpStatusCode: 403, requestId: "req-9", attempts: 1 });
    expect(err.statusCode).toBe(403);
  });

  it("reads Message and errorMessage too, and x-amz-request-id", () => {
    expect(parseRestJsonError(CreateChatToken, respond(400, {}, '{"__type":"X","Message":"M"}'), { errors: ERRORS }).message).toBe("M");
    const err = parseRestJsonError(CreateChatToken, respond(400, { "x-amz-request-id": "s3-id" }, '{"code":"X","errorMessage":"E"}'), { errors: ERRORS });
    expect(err.message).toBe("E");
    expect(err.$metadata.requestId).toBe("s3-id");
  });

  it("makes unknown codes instances of the given base, with the code as name", () => {
    const err = parseRestJsonError(CreateChatToken, respond(503, {}, '{"__type":"aws#SlowDown"}'), {
      errors: ERRORS,
      baseException: IvschatServiceException,
      attempts: 3,
    });
    expect(err).toBeInstanceOf(IvschatServiceException);
    expect(err.constructor).toBe(IvschatServiceException);
    expect(err.name).toBe("SlowDown");
    expect(err.$fault).toBe("server");
    expect(err.$metadata.attempts).toBe(3);
    expect(err.message).toBe("SlowDown (HTTP 503)");
  });

  it("turns an HTML 502 from a proxy into UnknownServiceError with status and snippet", () => {
    const html = "<html>\n<head><title>502 Bad Gateway</title></head>\n<body>" + "x".repeat(500) + "</body></html>";
    const err = parseRestJsonError(CreateChatToken, respond(502, { "content-type": "text/html", "x-amzn-requestid": "r1" }, html), { errors: ERRORS });
    expect(err).toBeInstanceOf(UnknownServiceError);
    expect(err).toBeInstanceOf(ServiceException);
    const unknown = err as UnknownServiceError;
    expect(unknown.statusCode).toBe(502);
    expect(unknown.$fault).toBe("server");
    expect(unknown.contentType).toBe("text/html");
    expect(unknown.bodySnippet.startsWith("<html> <head><title>502 Bad Gateway</title></head> <body>xxx")).toBe(true);
    expect(unknown.bodySnippet.length).toBeLessThanOrEqual(201);
    expect(unknown.message).toBe(
      `CreateChatToken failed: HTTP 502 with an unreadable error body (text/html, ${html.length} characters) (request id r1)`,
    );
  });

  it("turns truncated JSON into UnknownServiceError, unless a header names the code", () => {
    const truncated = '{"__type":"AccessDeniedException","message":"Den';
    const err = parseRestJsonError(CreateChatToken, respond(400, { "content-type": "application/json" }, truncated), { errors: ERRORS });
    expect(err).toBeInstanceOf(UnknownServiceError);
    expect((err as UnknownServiceError).bodySnippet).toBe(truncated);
    const named = parseRestJsonError(CreateChatToken, respond(403, { "x-amzn-errortype": "AccessDeniedException", "x-reason": "r" }, truncated), { errors: ERRORS });
    expect(named).toBeInstanceOf(AccessDeniedException);
    expect((named as AccessDeniedException).reason).toBe("r");
  });

  it("names an error without code or body after the status", () => {
    const err = parseRestJsonError(CreateChatToken, respond(404, {}, ""), { errors: ERRORS });
    expect(err).toBeInstanceOf(UnknownServiceError);
    expect(err.message).toBe("CreateChatToken failed: HTTP 404 with no error code");
    expect(err.$fault).toBe("client");
  });

  it("exposes the raw code and message for protocol tests", () => {
    const info = readJsonErrorInfo(respond(400, { "x-amzn-errortype": "a#B:c" }, '{"message":"m"}'));
    expect(info.code).toBe("B");
    expect(info.message).toBe("m");
    expect(info.unreadableBody).toBe(false);
  });

  it.each([
    ["FooError", "FooError"],
    ["FooError:http://internal.amazon.com/coral/com.amazon.coral.validate/", "FooError"],
    ["aws.protocoltests.restjson#FooError", "FooError"],
    ["aws.protocoltests.restjson#FooError:http://internal.amazon.com/coral/", "FooError"],
    [" FooError ", "FooError"],
  ])("sanitizeErrorCode(%j) = %j", (raw, code) => {
    expect(sanitizeErrorCode(raw)).toBe(code);
  });
});

describe("error classes", () => {
  it("keep instanceof, name and metadata; modeled fields never overwrite reserved ones", () => {
    const init: ServiceExceptionInit = {
      name: "Custom",
      message: "",
      fields: { name: "x", $metadata: "y", detail: 1, message: "from field" },
      $metadata: { httpStatusCode: 400, attempts: 1 },
    };
    const e = new IvschatServiceException(init);
    expect(e).toBeInstanceOf(IvschatServiceException);
    expect(e.name).toBe("Custom");
    expect(e.message).toBe("from field");
    expect((e as unknown as { detail: number }).detail).toBe(1);
    expect(e.$metadata).toEqual({ httpStatusCode: 400, attempts: 1 });
    expect(Object.keys(e)).not.toContain("$retryable");
  });

  it("cover transport and validation failures", () => {
    const cause = new Error("ECONNRESET");
    const n = new NetworkError("GetRoom: POST host failed", { cause });
    expect(n).toBeInstanceOf(NetworkError);
    expect(n.cause).toBe(cause);
    expect(n.name).toBe("NetworkError");
    const t = new TimeoutError("slow", { timeoutMs: 5 });
    expect(t).toBeInstanceOf(TimeoutError);
    expect(t.timeoutMs).toBe(5);
    const v = new ValidationError("bad", { member: "Op.x" });
    expect(v).toBeInstanceOf(ValidationError);
    expect(v.member).toBe("Op.x");
    expect(v.problems).toEqual([]);
  });

  it("bodySnippet flattens control characters and truncates", () => {
    expect(bodySnippet("a\r\n\tb\u0000c")).toBe("a b c");
    expect(bodySnippet("y".repeat(300))).toBe("y".repeat(200) + "…");
  });
});

describe("header lists", () => {
  it.each([
    ["a, b, c", ["a", "b", "c"]],
    ['"b,c", "\\"def\\"", a', ["b,c", '"def"', "a"]],
    ["a,,b", ["a", "", "b"]],
    ['  "x"  ,y', ["x", "y"]],
  ])("splitHeaderList(%j)", (raw, want) => {
    expect(splitHeaderList(raw)).toEqual(want);
  });
});

describe("Content-MD5 and gzip", () => {
  it("md5 matches node:crypto on lengths around the padding boundaries", () => {
    for (const len of [0, 1, 55, 56, 57, 63, 64, 65, 119, 120, 1000]) {
      const data = Uint8Array.from({ length: len }, (_, i) => (i * 31 + 7) & 0xff);
      expect(Buffer.from(md5(data)).toString("hex")).toBe(createHash("md5").update(data).digest("hex"));
    }
    expect(contentMd5('{"foo":"base64 encoded md5 checksum"}')).toBe("iB0/3YSo7maijL0IGOgA9g==");
  });

  it("gzip output inflates with zlib, for text, random bytes and long runs", () => {
    let seed = 1;
    const random = Uint8Array.from({ length: 70000 }, () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 24));
    const samples: Uint8Array[] = [
      new Uint8Array(),
      new Uint8Array([42]),
      new TextEncoder().encode("abcabcabcabc".repeat(5000)),
      new TextEncoder().encode(JSON.stringify({ items: Array.from({ length: 3000 }, (_, i) => ({ id: i, name: `item-${i}` })) })),
      random,
      new Uint8Array(100000).fill(7),
    ];
    for (const sample of samples) {
      const out = gzip(sample);
      expect(new Uint8Array(gunzipSync(out))).toEqual(sample);
    }
    const text = new TextEncoder().encode("The quick brown fox jumps over the lazy dog. ".repeat(1000));
    expect(gzip(text).length).toBeLessThan(text.length / 10);
  });

  it("crc32 matches the check value", () => {
    expect(crc32(new TextEncoder().encode("123456789"))).toBe(0xcbf43926);
  });

  it("appends gzip to an existing Content-Encoding", () => {
    const headers: Record<string, string> = { "content-encoding": "custom" };
    const body = compressRequestBody("z".repeat(20000), headers, ["gzip"]);
    expect(headers["content-encoding"]).toBe("custom, gzip");
    expect(gunzipSync(body as Uint8Array).toString()).toBe("z".repeat(20000));
    expect(compressRequestBody("tiny", {}, ["gzip"])).toBe("tiny");
    expect(compressRequestBody("z".repeat(20000), {}, ["br"])).toBe("z".repeat(20000));
  });
});
