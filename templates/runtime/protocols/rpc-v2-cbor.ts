// Smithy RPC v2 CBOR (botocore "smithy-rpc-v2-cbor"): every call is
// `POST /service/<ServiceName>/operation/<Operation>` with `smithy-protocol: rpc-v2-cbor`,
// `Accept: application/cbor`, and the input as one CBOR map (`Content-Type: application/cbor`;
// no body at all for an operation without input). Answers are CBOR maps; errors name themselves
// in `__type`. Query-compatible services send `x-amzn-query-mode` and answer x-amzn-query-error.

import { ResponseParseError } from "../errors.js";
import type { HttpResponseLike, ParseErrorContext, Protocol, ProtocolContext, SerializedRequest } from "../protocol.js";
import type { OperationSchema, ResponseMetadata } from "../schema.js";
import { CborDecodeError, decodeCbor, encodeCbor, type CborValue } from "./cbor.js";
import { errorFieldsFromCbor, structureFromCbor, structureToCbor } from "./cbor-codec.js";
import { queryErrorHeader, sanitizeErrorCode, serviceError } from "./error-builder.js";
import { headerMap } from "./http-response-bindings.js";
import { callInput, hostPrefixOf } from "./operation-input.js";
import { finishBody } from "./request-body.js";
import { WireValueError } from "./wire-value-error.js";

export const rpcV2Cbor: Protocol = {
  name: "smithy-rpc-v2-cbor",
  serialize: serializeRpcV2CborRequest,
  parse: parseRpcV2CborResponse,
  parseError: parseRpcV2CborError,
};

export function serializeRpcV2CborRequest(op: OperationSchema, rawInput: Record<string, unknown>, ctx: ProtocolContext): SerializedRequest {
  const { service, endpoint } = ctx;
  const headers: Record<string, string> = { "smithy-protocol": "rpc-v2-cbor", accept: "application/cbor" };
  if (service.awsQueryCompatible) headers["x-amzn-query-mode"] = "true";
  let body: Uint8Array | undefined;
  const input = callInput(op, rawInput);
  if (op.input) {
    body = encodeCbor(structureToCbor(op.input, input));
    headers["content-type"] = "application/cbor";
  }
  const sent = finishBody(op, body, headers);
  const hostPrefix = hostPrefixOf(op, input);
  const basePath = endpoint.pathname.replace(/\/+$/, "");
  const path = `/service/${encodeURIComponent(service.targetPrefix ?? "")}/operation/${encodeURIComponent(op.wireName ?? op.name)}`;
  const url = `${endpoint.protocol}//${hostPrefix}${endpoint.host}${basePath}${path}`;
  return sent === undefined ? { method: "POST", url, headers } : { method: "POST", url, headers, body: sent };
}

const bytesOf = (body: Uint8Array | string): Uint8Array => (typeof body === "string" ? new TextEncoder().encode(body) : body);

export function parseRpcV2CborResponse(op: OperationSchema, response: HttpResponseLike, $metadata: ResponseMetadata): Record<string, unknown> {
  const schema = op.output;
  const bytes = bytesOf(response.body);
  if (!schema || bytes.length === 0) return {};
  let value: CborValue;
  try {
    value = decodeCbor(bytes);
  } catch (cause) {
    throw parseFailure(op, response, $metadata, cause instanceof CborDecodeError ? cause.message : "not CBOR", cause);
  }
  try {
    return structureFromCbor(schema, value);
  } catch (cause) {
    throw parseFailure(op, response, $metadata, cause instanceof WireValueError ? cause.message : "unreadable", cause);
  }
}

/** CBOR is binary: its bytes are never quoted in an error, whatever the output holds. */
function parseFailure(op: OperationSchema, response: HttpResponseLike, $metadata: ResponseMetadata, what: string, cause: unknown): ResponseParseError {
  return new ResponseParseError(`${op.name}: could not read the response body: ${what} (HTTP ${response.status}, ${bytesOf(response.body).length} bytes)`, {
    $metadata,
    cause,
  });
}

export function parseRpcV2CborError(op: OperationSchema, response: HttpResponseLike, ctx: ParseErrorContext) {
  const headers = headerMap(response.headers);
  const bytes = bytesOf(response.body);
  let body: { [key: string]: CborValue } | undefined;
  let unreadable = false;
  if (bytes.length > 0) {
    try {
      const value = decodeCbor(bytes);
      if (value !== null && typeof value === "object" && !Array.isArray(value) && Object.getPrototypeOf(value) === Object.prototype) {
        body = value as { [key: string]: CborValue };
      }
    } catch {
      unreadable = true;
    }
  }
  const field = (key: string): string | undefined => {
    const v = body !== undefined && Object.hasOwn(body, key) ? body[key] : undefined;
    return typeof v === "string" ? v : undefined;
  };
  const rawCode = field("__type") ?? headers.get("x-amzn-errortype");
  return serviceError(op.name, response.status, {
    code: rawCode === undefined ? undefined : sanitizeErrorCode(rawCode) || undefined,
    message: field("message") ?? field("Message") ?? field("errorMessage"),
    fields: (schema) => (body ? errorFieldsFromCbor(schema, body) : {}),
    queryError: ctx.queryCompatible ? queryErrorHeader(headers.get("x-amzn-query-error")) : undefined,
    // Binary: what the body says is not shown, only that it could not be read.
    text: unreadable ? "(unreadable CBOR body)" : "",
    contentType: headers.get("content-type"),
    unreadable,
  }, ctx);
}
