// The parts of a generated package's runtime the conformance runner touches, described here:
// the runner is generator code (src/) and imports nothing from templates/.

export type SchemaRef = Schema | (() => Schema);

export interface MemberSchema {
  target: SchemaRef;
  location?: string;
  locationName?: string;
  timestampFormat?: string;
  jsonvalue?: boolean;
}

/** Any wire schema, loosely: what a kind has is there when `type` says so. */
export interface Schema {
  type: string;
  name?: string;
  members?: Readonly<Record<string, MemberSchema>>;
  union?: boolean;
  document?: boolean;
  member?: MemberSchema;
  key?: MemberSchema;
  value?: MemberSchema;
  timestampFormat?: string;
}

export interface StructureSchema {
  type: "structure";
  name: string;
  members: Readonly<Record<string, MemberSchema>>;
}

export interface OperationSchema {
  name: string;
  input?: StructureSchema;
  output?: StructureSchema;
}

export interface ErrorRegistry {
  readonly [code: string]: { schema: StructureSchema; errorClass: abstract new (...args: never[]) => Error };
}

export interface ClientConfig {
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  endpoint: string;
  fetch?: (request: Request) => Promise<Response>;
  validateInput: boolean;
  maxAttempts: number;
}
