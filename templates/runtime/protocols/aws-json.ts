// The AWS JSON protocols (Smithy awsJson1_0 and awsJson1_1; botocore "json"): every call is
// `POST /` with `X-Amz-Target: <targetPrefix>.<Operation>` and the whole input as one JSON object
// (`{}` when nothing is set), `Content-Type: application/x-amz-json-1.0` or `1.1`. The answer is one
// JSON object; errors name themselves in `__type` or X-Amzn-ErrorType. Query-compatible services
// (SQS) also get `x-amzn-query-mode: true` and answer errors with x-amzn-query-error.

import { ResponseParseError, bodySnippet } from "../errors.js";
import type { HttpResponseLike, Protocol, ProtocolContext, SerializedRequest } from "../protocol.js";
import type { OperationSchema, ResponseMetadata } from "../schema.js";
import { structureFromJson, structureToJson, WireValueError } from "./json-codec.js";
import { parseJsonError } from "./json-errors.js";
import { callInput, hostPrefixOf } from "./operation-input.js";
import { finishBody } from "./request-body.js";

export const awsJson: Protocol = {
  name: "json",
  serialize: serializeAwsJsonRequest,
  parse: parseAwsJsonResponse,
  parseError: (op, response, ctx) => parseJsonError(op, response, ctx, { httpBindings: false, queryCompatible: ctx.queryCompatible === true }),
};

export function serializeAwsJsonRequest(op: OperationSchema, rawInput: Record<string, unknown>, ctx: ProtocolContext): SerializedRequest {
  const input = callInput(op, rawInput);
  const { service, endpoint } = ctx;
  const headers: Record<string, string> = {
    "content-type": `application/x-amz-json-${service.jsonVersion ?? "1.0"}`,
    "x-amz-target": `${service.targetPrefix ?? ""}.${op.wireName ?? op.name}`,
  };
  if (service.awsQueryCompatible) headers["x-amzn-query-mode"] = "true";
  // Every operation sends a JSON object, `{}` for one without (modeled) input.
  const body = finishBody(op, op.input ? structureToJson(op.input, input) : "{}", headers);
  const hostPrefix = hostPrefixOf(op, input);
  const basePath = endpoint.pathname.replace(/\/+$/, "");
  const url = `${endpoint.protocol}//${hostPrefix}${endpoint.host}${basePath}/`;
  return body === undefined ? { method: "POST", url, headers } : { method: "POST", url, headers, body };
}

export function parseAwsJsonResponse(op: OperationSchema, response: HttpResponseLike, $metadata: ResponseMetadata): Record<string, unknown> {
  const schema = op.output;
  if (!schema) return {};
  const text = typeof response.body === "string" ? response.body : new TextDecoder().decode(response.body);
  if (text.trim() === "") return {};
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw parseFailure(op, response, $metadata, text, "not JSON");
  }
  try {
    return structureFromJson(schema, json);
  } catch (cause) {
    if (cause instanceof WireValueError) throw parseFailure(op, response, $metadata, text, cause.message, cause);
    throw parseFailure(op, response, $metadata, text, "unreadable", cause);
  }
}

/** As rest-json: the body is quoted only when plainly foreign and the output holds no secret. */
function parseFailure(op: OperationSchema, response: HttpResponseLike, $metadata: ResponseMetadata, text: string, what: string, cause?: unknown): ResponseParseError {
  const foreign = text !== "" && !/^\s*[[{"]/.test(text) && !op.sensitiveOutput;
  return new ResponseParseError(
    `${op.name}: could not read the response body: ${what} (HTTP ${response.status}, ${text.length} characters)`,
    { $metadata, bodySnippet: foreign ? bodySnippet(text) : "", ...(cause === undefined ? {} : { cause }) },
  );
}
