// Errors of the JSON protocols (rest-json, awsJson 1.0/1.1): the code comes from the
// X-Amzn-ErrorType header, else the body's `__type` or `code`, trimmed to a bare shape name; the
// message from `message`, `Message` or `errorMessage`; modeled members from the body (and, in
// rest-json, from headers too). Query-compatible services add x-amzn-query-error.

import { fromUtf8 } from "../encoding.js";
import { ServiceException, type ServiceExceptionInit } from "../errors.js";
import type { HttpResponseLike, ParseErrorContext } from "../protocol.js";
import { responseMetadata } from "../response-metadata.js";
import type { ErrorRegistry, OperationSchema, ResponseMetadata, StructureSchema } from "../schema.js";
import { queryErrorHeader, sanitizeErrorCode, serviceError } from "./error-builder.js";
import { headerMap, parseHttpBindings, type HeaderSource } from "./http-response-bindings.js";
import { errorFieldsFromJson } from "./json-codec.js";

export { sanitizeErrorCode } from "./error-builder.js";

export interface JsonErrorInfo {
  /** Bare error code ("FooError"), absent when neither header nor body names one. */
  code?: string;
  /** The service's message (`message`, `Message` or `errorMessage` in the body). */
  message?: string;
  /** The parsed body when it is a JSON object. */
  body?: Record<string, unknown>;
  /** True when the body is neither empty nor valid JSON (HTML from a proxy, truncated JSON). */
  unreadableBody: boolean;
  $metadata: ResponseMetadata;
  headers: Map<string, string>;
  text: string;
}

export interface ParseErrorOptions {
  /** The service's modeled errors by wire code (ServiceSchema.errors). */
  errors?: ErrorRegistry;
  /** The service's base exception; unmodeled codes become instances of it with `name` = code. */
  baseException?: new (init: ServiceExceptionInit) => ServiceException;
  /** The answer's $metadata, when the caller has it already. */
  $metadata?: ResponseMetadata;
  /** Attempts made so far, recorded in $metadata (default 1) when it is not given. */
  attempts?: number;
}

/** Reads code, message, request id and body of an error response without interpreting them. */
export function readJsonErrorInfo(
  response: { status: number; headers: HeaderSource; body: Uint8Array | string },
  options: { attempts?: number; $metadata?: ResponseMetadata } = {},
): JsonErrorInfo {
  const headers = headerMap(response.headers);
  const text = typeof response.body === "string" ? response.body : fromUtf8(response.body);
  const $metadata = options.$metadata ?? responseMetadata(response.status, headers, options.attempts ?? 1);
  let body: Record<string, unknown> | undefined;
  let unreadableBody = false;
  if (text.trim() !== "") {
    try {
      const json: unknown = JSON.parse(text);
      if (json !== null && typeof json === "object" && !Array.isArray(json)) body = json as Record<string, unknown>;
    } catch {
      unreadableBody = true;
    }
  }
  const rawCode = headers.get("x-amzn-errortype") ?? stringField(body, "code") ?? stringField(body, "__type");
  const code = rawCode === undefined ? undefined : sanitizeErrorCode(rawCode) || undefined;
  const message = stringField(body, "message") ?? stringField(body, "Message") ?? stringField(body, "errorMessage");
  const info: JsonErrorInfo = { unreadableBody, $metadata, headers, text };
  if (code !== undefined) info.code = code;
  if (message !== undefined) info.message = message;
  if (body !== undefined) info.body = body;
  return info;
}

function stringField(body: Record<string, unknown> | undefined, key: string): string | undefined {
  const v = body !== undefined && Object.hasOwn(body, key) ? body[key] : undefined;
  return typeof v === "string" ? v : undefined;
}

/**
 * The error to throw for a JSON protocol's non-2xx response. `httpBindings`: rest-json, whose
 * error members may come from headers too; `queryCompatible`: read x-amzn-query-error.
 */
export function parseJsonError(
  op: OperationSchema,
  response: HttpResponseLike,
  ctx: ParseErrorContext,
  options: { httpBindings: boolean; queryCompatible: boolean },
): ServiceException {
  const info = readJsonErrorInfo(response, { $metadata: ctx.$metadata });
  const fields = (schema: StructureSchema): Record<string, unknown> => {
    const out = options.httpBindings ? parseHttpBindings(schema, response.status, info.headers) : {};
    if (info.body) Object.assign(out, errorFieldsFromJson(schema, info.body));
    return out;
  };
  return serviceError(op.name, response.status, {
    code: info.code,
    message: info.message,
    fields,
    queryError: options.queryCompatible ? queryErrorHeader(info.headers.get("x-amzn-query-error")) : undefined,
    text: info.text,
    contentType: info.headers.get("content-type"),
    unreadable: info.unreadableBody,
  }, ctx);
}

/** rest-json's errors, with the older options object (the conformance runner and tests call it so). */
export function parseRestJsonError(op: OperationSchema, response: HttpResponseLike, options: ParseErrorOptions = {}): ServiceException {
  const $metadata = options.$metadata ?? responseMetadata(response.status, response.headers, options.attempts ?? 1);
  return parseJsonError(
    op,
    response,
    { errors: options.errors ?? {}, baseException: options.baseException ?? ServiceException, $metadata },
    { httpBindings: true, queryCompatible: false },
  );
}
