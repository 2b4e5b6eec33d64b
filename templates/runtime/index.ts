// The runtime's public surface, as generated code and users import it.
export { ClientCore } from "./client.js";
export type { AuthChooser, AuthSchemeId, TokenIdentity, TokenProvider } from "./auth.js";
export type { Protocol } from "./protocol.js";
export type { CallOptions, ClientConfig, CredentialProvider, Credentials, FetchLike, Logger, RawHttpRequest, RawHttpResponse, ServiceSchema, EmptyInput, EmptyOutput } from "./config.js";
export { CredentialsError, cachedCredentials, fromEnv } from "./credentials.js";
export {
  ConfigurationError,
  NetworkError,
  ResponseParseError,
  ResponseTooLargeError,
  ServiceException,
  TimeoutError,
  UnknownServiceError,
  UnsupportedProtocolError,
  ValidationError,
} from "./errors.js";
export type { ServiceExceptionInit } from "./errors.js";
export type {
  ErrorInit,
  ErrorRegistry,
  ErrorSchema,
  ListSchema,
  MapSchema,
  MemberSchema,
  MetadataBearer,
  OperationSchema,
  ResponseMetadata,
  ScalarSchema,
  Schema,
  StructureSchema,
} from "./schema.js";
export type { BlobInput, DocumentType } from "./types.js";
export { EndpointError, type EndpointResult, type EndpointRules, type EndpointSettings, type PartitionData } from "./endpoints/result.js";

// ---- optional: a generated package keeps these only when its own code refers to them ----
// (the generator reads this marker: src/runtime-files.ts). The protocol objects, one per
// client, and the code few operations need; so a package carries one protocol's runtime only.
export { restJson } from "./protocols/rest-json.js";
export { awsJson } from "./protocols/aws-json.js";
export { rpcV2Cbor } from "./protocols/rpc-v2-cbor.js";
export { unsupportedProtocol } from "./protocols/unsupported.js";
export { chooseAuth } from "./auth.js";
export { compressRequestBody } from "./protocols/http-request-compression.js";
export { contentMd5 } from "./protocols/http-content-md5.js";
export { expandHostPrefix } from "./protocols/host-prefix.js";
export { fillIdempotencyTokens } from "./protocols/idempotency-tokens.js";
export { paginate, type PaginatorSpec } from "./paginate.js";
export { flagOption } from "./endpoints/result.js";
export { textOption } from "./endpoints/result.js";
export { awsPartition } from "./endpoints/functions.js";
export { parseArn } from "./endpoints/functions.js";
export { isVirtualHostableS3Bucket } from "./endpoints/functions.js";
export { isValidHostLabel } from "./endpoints/functions.js";
export { parseUrl } from "./endpoints/functions.js";
export { substring } from "./endpoints/functions.js";
export { uriEncode } from "./endpoints/functions.js";
