// Wire schemas: what serializers and parsers need to know about each shape, and nothing else
// (no documentation). The generator emits one exported const per structure/list/map shape; scalar
// targets are small inline objects. A member whose target would create a cycle between consts
// points to a function returning the schema (resolved with `resolveSchema`).

import type { AuthSchemeId } from "./auth.js";

export type TimestampFormat = "iso8601" | "rfc822" | "unixTimestamp";

export type Schema = StructureSchema | ListSchema | MapSchema | ScalarSchema;
export type SchemaRef = Schema | (() => Schema);

export interface ScalarSchema {
  type:
    | "string"
    | "boolean"
    | "integer"
    | "long"
    | "short"
    | "byte"
    | "float"
    | "double"
    | "bigdecimal"
    | "biginteger"
    | "blob"
    | "timestamp";
  enum?: readonly string[];
  min?: number;
  max?: number;
  pattern?: string;
  sensitive?: boolean;
  streaming?: boolean;
  timestampFormat?: TimestampFormat;
}

export interface MemberSchema {
  target: SchemaRef;
  /** Where the member travels; absent means the body. */
  location?: "uri" | "querystring" | "header" | "headers" | "statusCode";
  /** Wire name (header name, query key, uri label, JSON key); absent means the member name. */
  locationName?: string;
  required?: boolean;
  sensitive?: boolean;
  jsonvalue?: boolean;
  hostLabel?: boolean;
  timestampFormat?: TimestampFormat;
  queryName?: string;
  flattened?: boolean;
  xmlAttribute?: boolean;
  xmlNamespace?: { uri: string; prefix?: string };
  eventpayload?: boolean;
  eventheader?: boolean;
}

export interface StructureSchema {
  type: "structure";
  /** Model name; also the wire error code default. */
  name: string;
  members: Readonly<Record<string, MemberSchema>>;
  union?: boolean;
  document?: boolean;
  payload?: string;
  sensitive?: boolean;
  xmlName?: string;
  xmlNamespace?: { uri: string; prefix?: string };
  eventstream?: boolean;
}

export interface ListSchema {
  type: "list";
  member: MemberSchema;
  flattened?: boolean;
  /** Entries may be null (kept as null rather than dropped). */
  sparse?: boolean;
  min?: number;
  max?: number;
  sensitive?: boolean;
}

export interface MapSchema {
  type: "map";
  key: MemberSchema;
  value: MemberSchema;
  flattened?: boolean;
  /** Values may be null (kept as null rather than dropped). */
  sparse?: boolean;
  min?: number;
  max?: number;
  sensitive?: boolean;
}

/** Everything the runtime needs to send one operation and read its answer. */
/**
 * Everything the runtime needs to send one operation and read its answer. `I` and `O` are the
 * input and output types the generated code gives it, so `send` is typed without casts.
 */
export interface OperationSchema<I = unknown, O = unknown> {
  name: string;
  /** The name on the wire, when it is not `name` (cloudfront's "AssociateAlias2020_05_31"). */
  wireName?: string;
  /** HTTP method (REST protocols; the RPC protocols always POST). */
  method?: string;
  /**
   * REST protocols: the requestUri's path, split at generation time into literal text and the
   * input members that fill its labels ("/rooms/{arn}" → ["/rooms/", { member: "arn", greedy: false }]).
   */
  path?: readonly PathPart[];
  /** REST protocols: the requestUri's fixed query ("tag=x" of "/rooms?tag=x"), as written. */
  query?: string;
  input?: StructureSchema;
  output?: StructureSchema;
  /** Auth schemes this operation accepts, when not the service's (ServiceSchema.auth). */
  auth?: readonly AuthSchemeId[];
  unsignedPayload?: boolean;
  /** Never set: carries the input and output types for inference. */
  readonly $types?: { input: I; output: O };
  /**
   * The output holds sensitive members: a body that fails to parse is never quoted in the error
   * (its text could be the secret itself).
   */
  sensitiveOutput?: boolean;
  // Features few operations use carry their code with them, so a bundle without such an
  // operation leaves that code out (the generator references it only where the model asks).
  /** botocore `requestcompression`: the encodings, and the compressor (`compressRequestBody`). */
  requestCompression?: { encodings: readonly string[]; compress: RequestCompressor };
  /** botocore `httpChecksumRequired`: computes the Content-MD5 header of the final body (`contentMd5`). */
  contentMd5?: (body: string | Uint8Array) => string;
  /**
   * The endpoint host prefix, split like `path` ("{AccountId}." → [{ member: "AccountId" }, "."]),
   * and the code that fills its labels (`expandHostPrefix`).
   */
  hostPrefix?: { parts: readonly HostPart[]; expand: HostPrefixExpander };
  /** The input's idempotency-token members, and the code that fills those left unset (`fillIdempotencyTokens`). */
  idempotencyTokens?: { members: readonly string[]; fill: TokenFiller };
}

export type HostPrefixExpander = (parts: readonly HostPart[], operation: string, input: Record<string, unknown>) => string;
export type TokenFiller = (members: readonly string[], input: Record<string, unknown>, uuid?: () => string) => Record<string, unknown>;

/** Literal text, or the input member whose value fills a label (`{Key+}`: greedy, slashes kept). */
export type PathPart = string | { readonly member: string; readonly greedy: boolean };
export type HostPart = string | { readonly member: string };

/** Request compression settings for operations with `requestCompression`. */
export interface CompressionOptions {
  disabled?: boolean;
  /** Bodies smaller than this stay as they are (default 10240, botocore's default). */
  minBytes?: number;
}

/** Compresses a request body with the first supported encoding, appending it to content-encoding. */
export type RequestCompressor = (
  body: string | Uint8Array | undefined,
  headers: Record<string, string>,
  encodings: readonly string[],
  options?: CompressionOptions,
) => string | Uint8Array | undefined;

/** Every modeled error of a service by the code that comes on the wire. */
export type ErrorRegistry = Readonly<Record<string, ErrorSchema>>;

/** The registry's entry for a wire code; own entries only, so "constructor" from a server is no entry. */
export const errorSchemaFor = (registry: ErrorRegistry | undefined, code: string): ErrorSchema | undefined =>
  registry !== undefined && Object.hasOwn(registry, code) ? registry[code] : undefined;

export interface ErrorSchema {
  schema: StructureSchema;
  /** Constructor of the generated error class. */
  errorClass: new (init: ErrorInit) => Error;
}

export interface ErrorInit {
  /** Wire error code as read from the response (e.g. "AccessDeniedException"); the parser always sets it. */
  name?: string;
  /** A query-compatible service's own code for the error, when it sent one (x-amzn-query-error). */
  code?: string;
  /** The service's message, "" when the response has none. */
  message: string;
  fields: Record<string, unknown>;
  $metadata: ResponseMetadata;
}

export interface ResponseMetadata {
  httpStatusCode?: number | undefined;
  /** From x-amzn-requestid (or x-amz-request-id); absent when the service sent none. */
  requestId?: string | undefined;
  /** S3's x-amz-id-2. */
  extendedRequestId?: string | undefined;
  /** CloudFront's x-amz-cf-id. */
  cfId?: string | undefined;
  /** Attempts made, the first included. */
  attempts: number;
}

/** What every successful output carries beside its members. */
export interface MetadataBearer {
  $metadata: ResponseMetadata;
}

export const resolveSchema = (ref: SchemaRef): Schema => (typeof ref === "function" ? ref() : ref);
