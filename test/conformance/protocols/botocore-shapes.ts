// Turns a protocol-test suite's botocore `shapes` and a case's `given` operation into the wire
// schemas the runtime reads. Stand-in for the generator, which will emit these as code.

import { ServiceException } from "../../../templates/runtime/errors.js";
import type {
  ErrorInit,
  ErrorSchema,
  ListSchema,
  MapSchema,
  MemberSchema,
  OperationSchema,
  ScalarSchema,
  Schema,
  StructureSchema,
  TimestampFormat,
} from "../../../templates/runtime/schema.js";

export interface BotocoreMember {
  shape: string;
  location?: MemberSchema["location"];
  locationName?: string;
  idempotencyToken?: boolean;
  jsonvalue?: boolean;
  hostLabel?: boolean;
  timestampFormat?: TimestampFormat;
  queryName?: string;
  flattened?: boolean;
  xmlAttribute?: boolean;
  xmlNamespace?: { uri: string; prefix?: string };
  eventpayload?: boolean;
  eventheader?: boolean;
  sensitive?: boolean;
}

export interface BotocoreShape {
  type: string;
  members?: Record<string, BotocoreMember>;
  member?: BotocoreMember;
  key?: BotocoreMember;
  value?: BotocoreMember;
  required?: string[];
  payload?: string;
  union?: boolean;
  document?: boolean;
  timestampFormat?: TimestampFormat;
  enum?: string[];
  sensitive?: boolean;
  streaming?: boolean;
  min?: number;
  max?: number;
  pattern?: string;
  flattened?: boolean;
  locationName?: string;
  xmlNamespace?: { uri: string; prefix?: string };
  eventstream?: boolean;
  exception?: boolean;
  fault?: boolean;
  error?: { code?: string; httpStatusCode?: number; senderFault?: boolean };
}

export interface BotocoreOperation {
  name: string;
  http: { method: string; requestUri: string; responseCode?: number };
  input?: { shape: string };
  output?: { shape: string };
  errors?: { shape: string }[];
  endpoint?: { hostPrefix?: string };
  requestcompression?: { encodings: string[] };
  httpChecksumRequired?: boolean;
  authtype?: string;
}

const SCALAR_TYPES = new Set<ScalarSchema["type"]>([
  "string", "boolean", "integer", "long", "short", "byte", "float", "double", "bigdecimal", "biginteger", "blob", "timestamp",
]);

/** Converts shapes on demand; structures are shared objects, reached from members through thunks. */
export class SchemaBuilder {
  private readonly structures = new Map<string, StructureSchema>();
  private readonly errorClasses = new Map<string, ErrorSchema["errorClass"]>();

  constructor(private readonly shapes: Record<string, BotocoreShape>) {}

  shape(name: string): BotocoreShape {
    const shape = this.shapes[name];
    if (!shape) throw new Error(`shape not found: ${name}`);
    return shape;
  }

  schema(name: string): Schema {
    const shape = this.shape(name);
    switch (shape.type) {
      case "structure":
        return this.structure(name);
      case "list":
        return this.list(shape);
      case "map":
        return this.map(shape);
      default:
        return this.scalar(shape);
    }
  }

  structure(name: string): StructureSchema {
    const cached = this.structures.get(name);
    if (cached) return cached;
    const shape = this.shape(name);
    const members: Record<string, MemberSchema> = {};
    const schema: StructureSchema = { type: "structure", name, members };
    this.structures.set(name, schema); // before members: recursive shapes find it
    const required = new Set(shape.required ?? []);
    for (const [memberName, member] of Object.entries(shape.members ?? {})) {
      members[memberName] = this.member(member, required.has(memberName));
    }
    if (shape.union) schema.union = true;
    if (shape.document) schema.document = true;
    if (shape.payload) schema.payload = shape.payload;
    if (shape.sensitive) schema.sensitive = true;
    if (shape.locationName) schema.xmlName = shape.locationName;
    if (shape.xmlNamespace) schema.xmlNamespace = shape.xmlNamespace;
    if (shape.eventstream) schema.eventstream = true;
    return schema;
  }

  member(member: BotocoreMember, required = false): MemberSchema {
    const targetShape = this.shape(member.shape);
    const out: MemberSchema = {
      target: targetShape.type === "structure" ? () => this.structure(member.shape) : this.schema(member.shape),
    };
    if (member.location) out.location = member.location;
    if (member.locationName !== undefined) out.locationName = member.locationName;
    if (required) out.required = true;
    if (member.sensitive || targetShape.sensitive) out.sensitive = true;
    if (member.idempotencyToken) out.idempotencyToken = true;
    if (member.jsonvalue) out.jsonvalue = true;
    if (member.hostLabel) out.hostLabel = true;
    if (member.timestampFormat) out.timestampFormat = member.timestampFormat;
    if (member.queryName) out.queryName = member.queryName;
    if (member.flattened) out.flattened = true;
    if (member.xmlAttribute) out.xmlAttribute = true;
    if (member.xmlNamespace) out.xmlNamespace = member.xmlNamespace;
    if (member.eventpayload) out.eventpayload = true;
    if (member.eventheader) out.eventheader = true;
    return out;
  }

  private list(shape: BotocoreShape): ListSchema {
    const out: ListSchema = { type: "list", member: this.member(shape.member!) };
    if (shape.flattened) out.flattened = true;
    if (shape.min !== undefined) out.min = shape.min;
    if (shape.max !== undefined) out.max = shape.max;
    if (shape.sensitive) out.sensitive = true;
    return out;
  }

  private map(shape: BotocoreShape): MapSchema {
    const out: MapSchema = { type: "map", key: this.member(shape.key!), value: this.member(shape.value!) };
    if (shape.flattened) out.flattened = true;
    if (shape.sensitive) out.sensitive = true;
    return out;
  }

  private scalar(shape: BotocoreShape): ScalarSchema {
    const type = SCALAR_TYPES.has(shape.type as ScalarSchema["type"]) ? (shape.type as ScalarSchema["type"]) : "string";
    const out: ScalarSchema = { type };
    if (shape.enum) out.enum = shape.enum;
    if (shape.timestampFormat) out.timestampFormat = shape.timestampFormat;
    if (shape.sensitive) out.sensitive = true;
    if (shape.streaming) out.streaming = true;
    if (shape.min !== undefined) out.min = shape.min;
    if (shape.max !== undefined) out.max = shape.max;
    if (shape.pattern !== undefined) out.pattern = shape.pattern;
    return out;
  }

  /** A class per error shape, as the generator will emit: `class FooError extends ServiceException`. */
  errorClass(name: string): ErrorSchema["errorClass"] {
    const cached = this.errorClasses.get(name);
    if (cached) return cached;
    const shape = this.shape(name);
    const status = shape.error?.httpStatusCode;
    const fault = shape.fault || (shape.error?.senderFault === undefined && status !== undefined && status >= 500) ? "server" : "client";
    const cls = class extends ServiceException {
      constructor(init: ErrorInit) {
        super({ ...init, name, $fault: fault });
      }
    };
    Object.defineProperty(cls, "name", { value: name });
    this.errorClasses.set(name, cls);
    return cls;
  }
}

/** The OperationSchema the generator would emit for `given` in this suite. */
export function buildOperationSchema(shapes: Record<string, BotocoreShape>, given: BotocoreOperation): OperationSchema {
  const builder = new SchemaBuilder(shapes);
  const op: OperationSchema = { name: given.name, method: given.http.method, path: given.http.requestUri };
  if (given.http.responseCode !== undefined) op.successCode = given.http.responseCode;
  if (given.input) op.input = builder.structure(given.input.shape);
  if (given.output) op.output = builder.structure(given.output.shape);
  if (given.errors?.length) {
    const errors: Record<string, ErrorSchema> = {};
    for (const { shape } of given.errors) {
      const code = builder.shape(shape).error?.code ?? shape;
      errors[code] = { schema: builder.structure(shape), errorClass: builder.errorClass(shape) };
    }
    op.errors = errors;
  }
  if (given.endpoint?.hostPrefix) op.hostPrefix = given.endpoint.hostPrefix;
  if (given.requestcompression) op.requestCompression = given.requestcompression.encodings;
  if (given.httpChecksumRequired) op.httpChecksumRequired = true;
  if (given.authtype === "v4-unsigned-body") op.unsignedPayload = true;
  return op;
}
