// rest-json errors: the code comes from the X-Amzn-ErrorType header, else the body's `code`
// or `__type`, trimmed to a bare shape name; modeled codes become their generated class.

import { fromUtf8 } from "../encoding.js";
import { ServiceException, UnknownServiceError, bodySnippet, type ServiceExceptionInit } from "../errors.js";
import { errorSchemaFor, type ErrorRegistry, type OperationSchema, type ResponseMetadata } from "../schema.js";
import { responseMetadata } from "../response-metadata.js";
import { headerMap, parseHttpBindings, type HeaderSource } from "./http-response-bindings.js";
import { errorFieldsFromJson } from "./rest-json-codec.js";

export interface RestJsonErrorInfo {
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

/**
 * Smithy restJson1: "FooError:http://internal.amazon.com/..." and "aws.protocoltests#FooError"
 * both mean FooError. Keep what follows the last '#' and precedes the first ':'.
 */
export function sanitizeErrorCode(raw: string): string {
  let code = raw.trim();
  const colon = code.indexOf(":");
  if (colon >= 0) code = code.slice(0, colon);
  const hash = code.lastIndexOf("#");
  if (hash >= 0) code = code.slice(hash + 1);
  return code;
}

/** Reads code, message, request id and body of an error response without interpreting them. */
export function readRestJsonErrorInfo(
  response: { status: number; headers: HeaderSource; body: Uint8Array | string },
  options: { attempts?: number; $metadata?: ResponseMetadata } = {},
): RestJsonErrorInfo {
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
  const info: RestJsonErrorInfo = { unreadableBody, $metadata, headers, text };
  if (code !== undefined) info.code = code;
  if (message !== undefined) info.message = message;
  if (body !== undefined) info.body = body;
  return info;
}

function stringField(body: Record<string, unknown> | undefined, key: string): string | undefined {
  const v = body?.[key];
  return typeof v === "string" ? v : undefined;
}

/**
 * The error to throw for a non-2xx rest-json response: an instance of the modeled error class,
 * of `baseException` for unmodeled codes, or UnknownServiceError when no code can be read.
 */
export function parseRestJsonError(
  op: OperationSchema,
  response: { status: number; headers: HeaderSource; body: Uint8Array | string },
  options: ParseErrorOptions = {},
): ServiceException {
  const info = readRestJsonErrorInfo(response, options);
  const { code, $metadata } = info;
  const modeled = code === undefined ? undefined : errorSchemaFor(options.errors, code);
  if (modeled) {
    let fields: Record<string, unknown> = {};
    try {
      fields = parseHttpBindings(modeled.schema, response.status, info.headers);
      if (info.body) Object.assign(fields, errorFieldsFromJson(modeled.schema, info.body));
    } catch {
      // A malformed field must not hide the error itself: keep what the header and code say.
    }
    const message = typeof fields.message === "string" ? fields.message : typeof fields.Message === "string" ? fields.Message : info.message;
    const error = new modeled.errorClass({ name: code!, message: message ?? "", fields, $metadata });
    return error instanceof ServiceException ? error : wrapForeign(error, code!, $metadata);
  }
  if (code !== undefined) {
    const Base = options.baseException ?? ServiceException;
    return new Base({ name: code, message: info.message ?? "", fields: {}, $metadata });
  }
  const contentType = info.headers.get("content-type");
  const what = info.unreadableBody
    ? `an unreadable error body${contentType ? ` (${contentType}, ${info.text.length} characters)` : ""}`
    : "no error code";
  return new UnknownServiceError({
    message: `${op.name} failed: HTTP ${response.status} with ${what}${$metadata.requestId ? ` (request id ${$metadata.requestId})` : ""}`,
    fields: {},
    $metadata,
    bodySnippet: bodySnippet(info.text),
    ...(contentType === undefined ? {} : { contentType }),
  });
}

/** An errorClass that does not extend ServiceException (hand-written): keep it as the cause. */
function wrapForeign(error: Error, code: string, $metadata: ResponseMetadata): ServiceException {
  const wrapped = new ServiceException({ name: code, message: error.message, fields: {}, $metadata });
  (wrapped as { cause?: unknown }).cause = error;
  return wrapped;
}
