// The seam every wire protocol plugs into. ClientCore keeps the request lifecycle (validate →
// serialize → endpoint → sign → send → retry → parse) and knows nothing of any protocol; the
// generated client hands it its protocol (rest-json, json, ...) inside the service schema, so a
// bundle of one client holds one protocol's code.

import type { ErrorRegistry, OperationSchema, ResponseMetadata } from "./schema.js";
import type { ServiceException, ServiceExceptionInit } from "./errors.js";
import type { HeaderSource } from "./protocols/http-response-bindings.js";

/** What a protocol hands the transport: everything but the signature. */
export interface SerializedRequest {
  method: string;
  url: string;
  /** Lower-case names. */
  headers: Record<string, string>;
  body?: string | Uint8Array;
}

/** One HTTP response, body read in full. */
export interface HttpResponseLike {
  status: number;
  headers: HeaderSource;
  body: Uint8Array | string;
}

export interface ProtocolContext {
  /** The endpoint the request goes to (scheme, host, base path). */
  endpoint: URL;
  /** Service-wide facts some protocols put on the wire (target prefix, API version, ...). */
  service: { apiVersion: string; targetPrefix?: string; jsonVersion?: string; serviceName?: string; awsQueryCompatible?: boolean };
}

export interface ParseErrorContext {
  /** The service's modeled errors by wire code. */
  errors: ErrorRegistry;
  /** A query-compatible service (awsQueryCompatible): errors carry x-amzn-query-error. */
  queryCompatible?: boolean;
  /** The service's base exception: unmodeled codes become instances of it with `name` = code. */
  baseException: new (init: ServiceExceptionInit) => ServiceException;
  $metadata: ResponseMetadata;
}

export interface Protocol {
  /** "rest-json", "json", ... */
  readonly name: string;
  serialize(op: OperationSchema, input: Record<string, unknown>, ctx: ProtocolContext): SerializedRequest;
  /** The output members of a successful response (the core adds `$metadata`). */
  parse(op: OperationSchema, response: HttpResponseLike, $metadata: ResponseMetadata): Record<string, unknown>;
  /** The error to throw for a response that is not a success. */
  parseError(op: OperationSchema, response: HttpResponseLike, ctx: ParseErrorContext): ServiceException;
}
