// Turns what a protocol read from an error answer (a code, a message, the modeled members) into
// the error to throw: the modeled class, the service's base class for a code the client does not
// know, or UnknownServiceError when the answer names no code at all. Shared by every protocol.

import { ServiceException, UnknownServiceError, bodySnippet, type ErrorFault } from "../errors.js";
import type { ParseErrorContext } from "../protocol.js";
import { errorSchemaFor, type ResponseMetadata, type StructureSchema } from "../schema.js";

export interface ErrorReading {
  /** The wire code, bare (namespace and ":..." suffix already removed); undefined when none was sent. */
  code?: string | undefined;
  /** The service's message, from wherever the protocol keeps it. */
  message?: string | undefined;
  /** Reads the members of the modeled error's schema; a member that does not parse is left out. */
  fields: (schema: StructureSchema) => Record<string, unknown>;
  /** Query-compatible services: the name and fault the x-amzn-query-error header gives. */
  queryError?: { code: string; fault: ErrorFault } | undefined;
  /** For an answer without a code: the body's text (its start is shown), its content type. */
  text: string;
  contentType?: string | undefined;
  /** The body could not be read in the protocol's format (HTML from a proxy, truncated JSON...). */
  unreadable: boolean;
}

export function serviceError(operation: string, status: number, reading: ErrorReading, ctx: ParseErrorContext): ServiceException {
  const { code, $metadata } = { code: reading.code, $metadata: ctx.$metadata };
  const modeled = code === undefined ? undefined : errorSchemaFor(ctx.errors, code);
  // A query-compatible service's own code goes into $code (what botocore calls the error's Code).
  const queryCode = reading.queryError?.code;
  const name = code ?? queryCode;
  if (modeled) {
    let fields: Record<string, unknown> = {};
    try {
      fields = reading.fields(modeled.schema);
    } catch {
      // A malformed field must not hide the error itself: keep what the code says.
    }
    const message = typeof fields.message === "string" ? fields.message : typeof fields.Message === "string" ? fields.Message : reading.message;
    const error = new modeled.errorClass({ name: name!, ...(queryCode ? { code: queryCode } : {}), message: message ?? "", fields, $metadata });
    return error instanceof ServiceException ? error : wrapForeign(error, name!, $metadata);
  }
  if (name !== undefined) {
    return new ctx.baseException({
      name,
      ...(queryCode ? { code: queryCode } : {}),
      message: reading.message ?? "",
      fields: {},
      $metadata,
      ...(reading.queryError ? { $fault: reading.queryError.fault } : {}),
    });
  }
  const what = reading.unreadable
    ? `an unreadable error body${reading.contentType ? ` (${reading.contentType}, ${reading.text.length} characters)` : ""}`
    : "no error code";
  return new UnknownServiceError({
    message: `${operation} failed: HTTP ${status} with ${what}${$metadata.requestId ? ` (request id ${$metadata.requestId})` : ""}`,
    fields: {},
    $metadata,
    bodySnippet: bodySnippet(reading.text),
    ...(reading.contentType === undefined ? {} : { contentType: reading.contentType }),
  });
}

/** `x-amzn-query-error: Code;Sender`: what a query-compatible JSON or CBOR service says the query code and fault are. */
export function queryErrorHeader(value: string | undefined): { code: string; fault: ErrorFault } | undefined {
  if (value === undefined) return undefined;
  const [code, fault] = value.split(";");
  if (!code) return undefined;
  return { code, fault: fault?.trim() === "Receiver" ? "server" : "client" };
}

/**
 * Smithy: "FooError:http://internal.amazon.com/..." and "aws.protocoltests#FooError" both mean
 * FooError. Keep what follows the last '#' and precedes the first ':'.
 */
export function sanitizeErrorCode(raw: string): string {
  let code = raw.trim();
  const colon = code.indexOf(":");
  if (colon >= 0) code = code.slice(0, colon);
  const hash = code.lastIndexOf("#");
  if (hash >= 0) code = code.slice(hash + 1);
  return code;
}

/** An errorClass that does not extend ServiceException (hand-written): keep it as the cause. */
function wrapForeign(error: Error, code: string, $metadata: ResponseMetadata): ServiceException {
  const wrapped = new ServiceException({ name: code, message: error.message, fields: {}, $metadata });
  (wrapped as { cause?: unknown }).cause = error;
  return wrapped;
}
