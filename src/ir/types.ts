import type { NUMBER_SHAPE_TYPES } from "../model/types.js";

// The intermediate representation: plain, closed, JSON-printable data. Emitters read only this.
// Every node keeps `pointer`, the RFC 6901 pointer of the model node it came from.

export interface ServiceIr {
  service: Service;
  /** Sorted by name (code units). */
  operations: Operation[];
  /** Only shapes reachable from an operation; sorted by name (code units). */
  shapes: Shape[];
  /**
   * Every modeled error of the service by the code that comes on the wire, sorted by code. Two
   * shapes may share a code (query protocols): the first by name keeps it.
   */
  errorCodes: ErrorCode[];
  /** botocore sibling files, passed through as read (they have their own formats). */
  paginators?: unknown;
  waiters?: unknown;
  endpointRuleSet?: unknown;
}

export interface ErrorCode {
  code: string;
  /** Name of the error structure. */
  shape: string;
}

/** Names of the package-wide declarations, decided in ir/names.ts. */
export interface ServiceNames {
  client: string;
  baseClient: string;
  baseException: string;
  /** The const of error classes by wire code, in errors.ts. */
  errorClasses: string;
  /** The const of service-wide wire facts, in schemas.ts. */
  serviceSchema: string;
}

export interface Service {
  pointer: string;
  /** metadata.serviceId, e.g. "ivschat". */
  serviceId: string;
  /** PascalCase stem for generated names: "Ivschat" → IvschatClient, IvschatServiceException. */
  className: string;
  names: ServiceNames;
  /** kebab-case of serviceId: default output folder and package name stem. */
  kebabName: string;
  fullName: string;
  apiVersion: string;
  /**
   * Wire protocol chosen for this client: `--protocol` when given, else the first of the model's
   * `protocols` the runtime speaks (protocols/support.ts).
   */
  protocol: string;
  /** Every protocol the model lists, in its order. */
  protocols: string[];
  /** Set when `--protocol` chose `protocol` rather than the model's order. */
  protocolRequested?: true;
  endpointPrefix: string;
  signingName: string;
  /** Auth schemes of every operation that names none of its own, in the model's order (ir/auth.ts). */
  auth: AuthScheme[];
  /** `AWS_BEARER_TOKEN_<SIGNING NAME>`: where a token comes from when bearer auth is allowed and none is configured. */
  bearerTokenEnv?: string;
  /** Set when some operation allows several auth schemes or a bearer token: the client chooses per call. */
  authChoice?: true;
  jsonVersion?: string;
  targetPrefix?: string;
  xmlNamespace?: XmlNamespace;
  globalEndpoint?: string;
  awsQueryCompatible: boolean;
  clientContextParams?: Record<string, { type: string; documentation?: string }>;
  documentation?: string;
}

/** An auth scheme the model can name; the runtime implements sigv4, bearer and none. */
export type AuthScheme = "sigv4" | "sigv4a" | "bearer" | "none" | "sigv2";

export interface XmlNamespace {
  uri: string;
  prefix?: string;
}

export interface Operation {
  pointer: string;
  /** The operation's key in the model, its name in code, e.g. "CreateChatToken". */
  name: string;
  /**
   * Its name on the wire (the model's `name`): what JSON and query protocols send. Differs from
   * the key in cloudfront ("AssociateAlias" is named "AssociateAlias2020_05_31").
   */
  wireName: string;
  /** Client method, e.g. "createChatToken" (ir/names.ts). */
  methodName: string;
  /** Standalone function in operations.ts, e.g. "createChatToken"; "_delete" for "Delete". */
  functionName: string;
  /** Wire-schema const in schemas.ts, e.g. "CreateChatTokenOperation". */
  schemaName: string;
  /** Union type of the errors it can throw, e.g. "CreateChatTokenOperationError". */
  errorTypeName: string;
  /** Page iterator function and client method, when the operation pages. */
  paginatorName?: string;
  paginatorMethodName?: string;
  http: { method: string; requestUri: string; responseCode: number };
  /** Structure shape names; absent when the operation has none. */
  input?: string;
  output?: string;
  /** Error structure names in model order. */
  errors: string[];
  /** True when the input has no required member, so the client method's input is optional. */
  inputOptional: boolean;
  /** The output reaches a sensitive member or shape: its body is never quoted in an error. */
  sensitiveOutput: boolean;
  documentation?: string;
  documentationUrl?: string;
  deprecated?: Deprecation;
  /** This operation's own auth schemes, when they differ from the service's (ir/auth.ts). */
  auth?: AuthScheme[];
  unsignedPayload: boolean;
  hostPrefix?: string;
  httpChecksum?: {
    requestChecksumRequired: boolean;
    requestAlgorithmMember?: string;
    requestValidationModeMember?: string;
    responseAlgorithms: string[];
  };
  requestCompression?: { encodings: string[] };
  staticContextParams?: Record<string, unknown>;
  operationContextParams?: Record<string, string>;
  /** From paginators-1.json: how to page through this operation. */
  paginator?: Paginator;
  /** From examples-1.json, as given (emit/example-code.ts keeps those that fit the model). */
  examples?: OperationExample[];
  /** query/ec2 protocols: the element wrapping the output ("CreateQueueResult"). */
  outputResultWrapper?: string;
  /** rest-xml: the root element name and namespace of the input body. */
  inputXml?: { name?: string; namespace?: XmlNamespace };
}

export interface OperationExample {
  title: string;
  /** The example's input, raw JSON keyed by member name. */
  input: unknown;
}

export interface Paginator {
  /** Input members that take the tokens. */
  inputToken: string[];
  /** Output paths of the tokens (a JMESPath subset: `a.b`, `a[-1].b`, `x || y`). */
  outputToken: string[];
  limitKey?: string;
  resultKey: string[];
  moreResults?: string;
}

export interface Deprecation {
  message?: string;
  since?: string;
}

export type Shape = StructureShape | ListShape | MapShape | StringShape | NumberShape | ScalarShape;

/** Which side of the wire a shape travels on: reachable from an input, an output or error, or both. */
export interface ShapeUsage {
  input: boolean;
  output: boolean;
}

interface ShapeBase {
  pointer: string;
  /** Name in the model. */
  name: string;
  /** Name of the TypeScript declaration and of its wire-schema const (ir/names.ts). */
  tsName: string;
  usage: ShapeUsage;
  /**
   * Set when the shape travels both ways and its type differs by direction (it reaches a blob,
   * which inputs accept as a string too, or an enum, which outputs leave open): the name of its
   * output view, e.g. "ImageSourceOutput" beside "ImageSource" (ir/names.ts).
   */
  outputTsName?: string;
  documentation?: string;
  deprecated?: Deprecation;
  sensitive: boolean;
}

export interface StructureShape extends ShapeBase {
  kind: "structure";
  members: Member[];
  union: boolean;
  /** A structure standing for an untyped JSON document. */
  document: boolean;
  /** Member name bound to the whole HTTP payload. */
  payload?: string;
  error?: ErrorTrait;
  event: boolean;
  eventstream: boolean;
  xmlName?: string;
  xmlNamespace?: XmlNamespace;
  xmlOrder?: string[];
}

export interface ErrorTrait {
  /**
   * Wire error code: the shape name, except in the query and ec2 protocols, where it is error.code
   * when the model gives one (botocore reads the same).
   */
  code: string;
  /** error.code as the model gives it: what awsQueryCompatible services send in x-amzn-query-error. */
  queryCode?: string;
  httpStatusCode?: number;
  fault: "client" | "server";
  retryable: boolean;
  throttling: boolean;
}

export interface ListShape extends ShapeBase {
  kind: "list";
  member: Member;
  min?: number;
  max?: number;
  flattened: boolean;
  /** Entries may be null. */
  sparse: boolean;
  /** Reaches itself through lists and maps only (LS: list of LS): typed by a named alias, not inline. */
  recursive: boolean;
  xmlName?: string;
}

export interface MapShape extends ShapeBase {
  kind: "map";
  key: Member;
  value: Member;
  min?: number;
  max?: number;
  flattened: boolean;
  /** Values may be null. */
  sparse: boolean;
  /** Reaches itself through lists and maps only: typed by a named alias, not inline. */
  recursive: boolean;
}

export interface StringShape extends ShapeBase {
  kind: "string";
  enum?: EnumValue[];
  min?: number;
  max?: number;
  pattern?: string;
}

export interface EnumValue {
  /** The wire value, exactly as in the model. */
  value: string;
  /** Key in the generated const object (identifier-safe; see ir/names.ts). */
  key: string;
}

export interface NumberShape extends ShapeBase {
  kind: (typeof NUMBER_SHAPE_TYPES)[number];
  min?: number;
  max?: number;
}

export interface ScalarShape extends ShapeBase {
  kind: "boolean" | "blob" | "timestamp";
  streaming: boolean;
  min?: number;
  max?: number;
  timestampFormat?: TimestampFormat;
}

export type TimestampFormat = "iso8601" | "rfc822" | "unixTimestamp";

export type Location = "body" | "uri" | "querystring" | "header" | "headers" | "statusCode";

export interface Member {
  pointer: string;
  /** TS property name = model member name ("member", "key", "value" for list/map parts). */
  name: string;
  /** Union members: the name of the member's variant interface ("dog" → "DogMember"). */
  variantName?: string;
  /** Values this member allows when the model narrows its target string here (apigatewayv2). */
  enum?: string[];
  /** Target shape name. */
  target: string;
  required: boolean;
  /** The member or its target is sensitive. */
  sensitive: boolean;
  binding: { in: Location; wireName: string };
  documentation?: string;
  deprecated?: Deprecation;
  idempotencyToken: boolean;
  jsonvalue: boolean;
  hostLabel: boolean;
  streaming: boolean;
  eventpayload: boolean;
  eventheader: boolean;
  timestampFormat?: TimestampFormat;
  contextParam?: string;
  /** Query protocols: explicit name on the wire (`queryName`). */
  queryName?: string;
  xml?: { name?: string; namespace?: XmlNamespace; attribute: boolean; flattened: boolean };
}
