// The botocore service model (service-2.json) as read from disk, before validation is trusted.
// Field names follow botocore exactly. Validation warns about properties not listed here.

export interface ModelService {
  version?: string;
  metadata: ModelMetadata;
  operations: Record<string, ModelOperation>;
  shapes: Record<string, ModelShape>;
  documentation?: string;
  clientContextParams?: Record<string, { type: string; documentation?: string }>;
}

export interface ModelMetadata {
  apiVersion: string;
  protocol: string;
  protocols?: string[];
  endpointPrefix?: string;
  serviceFullName?: string;
  serviceAbbreviation?: string;
  serviceId?: string;
  signatureVersion?: string;
  signingName?: string;
  uid?: string;
  auth?: string[];
  jsonVersion?: string;
  targetPrefix?: string;
  xmlNamespace?: string;
  globalEndpoint?: string;
  awsQueryCompatible?: Record<string, unknown>;
  protocolSettings?: Record<string, unknown>;
  checksumFormat?: string;
}

export interface ModelShapeRef {
  shape: string;
  locationName?: string;
  xmlNamespace?: ModelXmlNamespace;
  resultWrapper?: string;
}

/** An entry of an operation's `errors`; old query models repeat the shape's traits here (ignored). */
export interface ModelErrorRef {
  shape: string;
  documentation?: string;
  exception?: boolean;
  fault?: boolean;
  error?: { code?: string; httpStatusCode?: number; senderFault?: boolean };
}

export type ModelXmlNamespace = string | { uri: string; prefix?: string };

export interface ModelOperation {
  name: string;
  http: { method: string; requestUri: string; responseCode?: number };
  input?: ModelShapeRef;
  output?: ModelShapeRef;
  errors?: ModelErrorRef[];
  documentation?: string;
  documentationUrl?: string;
  deprecated?: boolean;
  deprecatedMessage?: string;
  idempotent?: boolean;
  readonly?: boolean;
  authtype?: string;
  auth?: string[];
  endpoint?: { hostPrefix: string };
  endpointdiscovery?: Record<string, unknown>;
  endpointoperation?: boolean;
  httpChecksum?: {
    requestChecksumRequired?: boolean;
    requestAlgorithmMember?: string;
    requestValidationModeMember?: string;
    responseAlgorithms?: string[];
  };
  httpChecksumRequired?: boolean;
  requestcompression?: { encodings: string[] };
  staticContextParams?: Record<string, { value: unknown }>;
  operationContextParams?: Record<string, { path: string }>;
  unsignedPayload?: boolean;
}

/** The number shape types: one list, which the IR's NumberShape kinds also come from. */
export const NUMBER_SHAPE_TYPES = ["integer", "long", "short", "byte", "float", "double", "bigdecimal", "biginteger"] as const;
/** Types whose values are one item (can be a URI label, a header, a query value). */
export const SCALAR_SHAPE_TYPES = ["string", ...NUMBER_SHAPE_TYPES, "boolean", "timestamp"] as const;
/** Every shape type botocore models have; model.schema.json's branches say the same (test/unit/model/validate.test.ts). */
export const SHAPE_TYPES = ["structure", "list", "map", ...SCALAR_SHAPE_TYPES, "blob"] as const;

export type ModelShapeType = (typeof SHAPE_TYPES)[number];

export interface ModelMember {
  shape: string;
  documentation?: string;
  location?: "uri" | "querystring" | "header" | "headers" | "statusCode";
  locationName?: string;
  queryName?: string;
  xmlNamespace?: ModelXmlNamespace;
  xmlAttribute?: boolean;
  flattened?: boolean;
  box?: boolean;
  idempotencyToken?: boolean;
  jsonvalue?: boolean;
  hostLabel?: boolean;
  streaming?: boolean;
  eventpayload?: boolean;
  eventheader?: boolean;
  contextParam?: { name: string };
  deprecated?: boolean;
  deprecatedMessage?: string;
  deprecatedSince?: string;
  timestampFormat?: string;
  /** apigatewayv2: the values this member allows, narrower than its target string shape. */
  enum?: string[];
}

export interface ModelShape {
  type: ModelShapeType;
  documentation?: string;
  // structure
  members?: Record<string, ModelMember>;
  required?: string[];
  payload?: string;
  union?: boolean;
  document?: boolean;
  error?: { code?: string; httpStatusCode?: number; senderFault?: boolean };
  exception?: boolean;
  fault?: boolean;
  retryable?: { throttling?: boolean };
  event?: boolean;
  eventstream?: boolean;
  synthetic?: boolean;
  xmlOrder?: string[];
  // list / map
  member?: ModelMember;
  key?: ModelMember;
  value?: ModelMember;
  flattened?: boolean;
  /** Lists and maps whose entries may be null (connectcases, iotsitewise, rds-data). */
  sparse?: boolean;
  locationName?: string;
  xmlNamespace?: ModelXmlNamespace;
  // scalars
  enum?: string[];
  min?: number;
  max?: number;
  pattern?: string;
  sensitive?: boolean;
  box?: boolean;
  streaming?: boolean;
  requiresLength?: boolean;
  timestampFormat?: string;
  deprecated?: boolean;
  deprecatedMessage?: string;
}

/** Sibling files that live beside service-2.json in botocore's layout. */
export interface ModelSiblings {
  paginators?: unknown;
  waiters?: unknown;
  endpointRuleSet?: unknown;
  /** examples-1.json: { version, examples: { <Operation>: [{ title, input, output, ... }] } }. */
  examples?: unknown;
}
