// The rest-json protocol (Smithy aws.protocols#restJson1): HTTP bindings for uri, query and
// headers, a JSON body (or one payload member), errors named by X-Amzn-ErrorType or the body.

import { fromUtf8, toBytes, toUtf8 } from "../encoding.js";
import { ResponseParseError, bodySnippet } from "../errors.js";
import { resolveSchema, type OperationSchema, type ResponseMetadata, type StructureSchema } from "../schema.js";
import { serializeHttpBindings, type SerializeContext } from "./http-bindings.js";
import { memberPlan } from "./member-plan.js";
import { finishBody } from "./request-body.js";
import type { HttpResponseLike, Protocol, SerializedRequest } from "../protocol.js";
import { responseMetadata } from "../response-metadata.js";
import { headerMap, parseHttpBindings } from "./http-response-bindings.js";
import type { CompressionOptions } from "../schema.js";
import { WireValueError, structureFromJson, structureToJson, valueFromJson, valueToJson } from "./json-codec.js";

import { parseJsonError } from "./json-errors.js";

export { parseRestJsonError, readJsonErrorInfo, type JsonErrorInfo, type ParseErrorOptions } from "./json-errors.js";

export interface RestJsonSerializeContext extends SerializeContext {
  /** Request compression settings for operations with `requestCompression`. */
  compression?: CompressionOptions;
}

export type { SerializedRequest, HttpResponseLike } from "../protocol.js";

/** rest-json as the client core's Protocol (protocol.ts). */
export const restJson: Protocol = {
  name: "rest-json",
  serialize: (op, input, ctx) => serializeRestJsonRequest(op, input, { endpoint: ctx.endpoint }),
  parse: (op, response, $metadata) => parseRestJsonResponse(op, response, { $metadata }),
  parseError: (op, response, ctx) => parseJsonError(op, response, ctx, { httpBindings: true, queryCompatible: false }),
};

const JSON_CONTENT_TYPE = "application/json";

/** Builds the HTTP request of one rest-json operation call. */
export function serializeRestJsonRequest(
  op: OperationSchema,
  input: object | undefined,
  ctx: RestJsonSerializeContext,
): SerializedRequest {
  const parts = serializeHttpBindings(op, (input ?? {}) as Record<string, unknown>, ctx);
  const headers = parts.headers;
  let body: string | Uint8Array | undefined;
  let contentType: string | undefined;
  const schema = op.input;
  if (schema?.payload) {
    [body, contentType] = serializePayload(schema, schema.payload, parts.input[schema.payload]);
  } else if (schema && memberPlan(schema).body.length > 0) {
    // Any body member makes the body a JSON object, "{}" when none is set.
    body = structureToJson(schema, parts.input, true);
    contentType = JSON_CONTENT_TYPE;
  }
  if (body !== undefined && contentType && headers["content-type"] === undefined) headers["content-type"] = contentType;
  body = finishBody(op, body, headers, ctx.compression);
  return body === undefined ? { method: parts.method, url: parts.url, headers } : { method: parts.method, url: parts.url, headers, body };
}

/** The body and default Content-Type of an input whose `payload` member is the whole body. */
function serializePayload(
  schema: StructureSchema,
  name: string,
  value: unknown,
): [string | Uint8Array | undefined, string | undefined] {
  const member = schema.members[name]!;
  const target = resolveSchema(member.target);
  const set = value !== undefined && value !== null;
  switch (target.type) {
    case "structure":
      // An unset structure payload is still an (empty) JSON object; unions and documents are omitted.
      if (!set) return target.union || target.document ? [undefined, undefined] : ["{}", JSON_CONTENT_TYPE];
      return [valueToJson(target, member, value), JSON_CONTENT_TYPE];
    case "blob":
      if (!set) return [undefined, undefined];
      return [typeof value === "string" ? value : toBytes(value), "application/octet-stream"];
    case "string":
      return set ? [String(value), "text/plain"] : [undefined, undefined];
    default:
      return set ? [valueToJson(target, member, value), JSON_CONTENT_TYPE] : [undefined, undefined];
  }
}

/** Text of a response body given as bytes or text. */
export const bodyText = (body: Uint8Array | string): string => (typeof body === "string" ? body : fromUtf8(body));

const bodyBytes = (body: Uint8Array | string): Uint8Array => (typeof body === "string" ? toUtf8(body) : body);

/** Reads the output of a successful rest-json response. */
export function parseRestJsonResponse(
  op: OperationSchema,
  response: HttpResponseLike,
  options: { attempts?: number; $metadata?: ResponseMetadata } = {},
): Record<string, unknown> {
  const schema = op.output;
  if (!schema) return {};
  const plan = memberPlan(schema);
  // Every header copied into a Map only when the output binds some, or to report a failure.
  let headers: Map<string, string> | undefined;
  const headersOf = (): Map<string, string> => (headers ??= headerMap(response.headers));
  const metadata = (): ResponseMetadata => options.$metadata ?? responseMetadata(response.status, headersOf(), options.attempts ?? 1);
  // The body of a successful response may hold sensitive members (tokens...): its text goes into
  // the error only when it is plainly not the service's JSON (an HTML page from a proxy) and the
  // output has no sensitive member, and JSON.parse's own message (which quotes the text) is not
  // kept as the cause. A WireValueError names the member and the expected type, never the value.
  const fail = (what: string, cause: unknown, text = ""): never => {
    const foreign = text !== "" && !/^\s*[[{"]/.test(text) && !op.sensitiveOutput;
    const detail = cause instanceof WireValueError ? `: ${cause.message}` : "";
    throw new ResponseParseError(
      `${op.name}: could not read the response ${what}${detail} (HTTP ${response.status}, ${text.length} characters)`,
      { $metadata: metadata(), bodySnippet: foreign ? bodySnippet(text) : "", cause },
    );
  };

  let out: Record<string, unknown>;
  try {
    out = plan.response.length > 0 ? parseHttpBindings(schema, response.status, headersOf()) : {};
  } catch (cause) {
    return fail("headers", cause);
  }
  const readJson = (): unknown => {
    const text = bodyText(response.body);
    if (text.trim() === "") return undefined;
    try {
      return JSON.parse(text);
    } catch {
      return fail("body: not JSON", new SyntaxError("invalid JSON"), text);
    }
  };

  try {
    if (schema.payload) {
      const member = schema.members[schema.payload]!;
      const target = resolveSchema(member.target);
      const bytes = bodyBytes(response.body);
      if (target.type === "blob") {
        if (bytes.length > 0) out[schema.payload] = bytes;
      } else if (target.type === "string") {
        if (bytes.length > 0) out[schema.payload] = fromUtf8(bytes);
      } else {
        const value = valueFromJson(target, member, readJson(), schema.payload);
        if (value !== undefined) out[schema.payload] = value;
      }
    } else if (plan.body.length > 0) {
      const json = readJson();
      if (json !== undefined) Object.assign(out, structureFromJson(schema, json, true));
    }
  } catch (cause) {
    if (cause instanceof ResponseParseError) throw cause;
    return fail("body", cause, bodyText(response.body));
  }
  return out;
}
