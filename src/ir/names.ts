// Every name the generated code declares is decided here, once, and stored in the IR; emitters
// read names from the IR and never make one up. Changing any rule here breaks users.
//
// The rule, in two steps (golden case test/golden/reserved-names pins it):
// 1. Each name starts from its preferred form: a shape's model name (characters outside
//    [A-Za-z0-9_$] become "_", a leading digit gets "_"), `_` + that when it is a reserved word, a
//    JavaScript global or a name the generated modules import (`Object` → `_Object`, as AWS SDK v3
//    does); generated names from their pattern (`<Service>Client`, `<Operation>Operation`, ...).
// 2. Names are claimed in a fixed order, model shapes first (people search the AWS docs for them),
//    then the generated ones. A name already taken gets "_" appended until it is free
//    (clouddirectory's shape `BatchWriteOperation` keeps its name; the wire schema of operation
//    `BatchWrite` becomes `BatchWriteOperation_`). The generator never refuses a model for its
//    own names.

const RESERVED_WORDS =
  "break case catch class const continue debugger default delete do else enum export extends false finally for " +
  "function if import in instanceof new null return super switch this throw true try typeof var void while with " +
  "implements interface let package private protected public static yield await";

/** Names generated modules import as namespaces (`import * as rt from "./runtime/index.js"`). */
export const MODULE_ALIASES = ["rt", "types", "errors", "schemas", "operations", "node"] as const;

/** What a generated package's main entry re-exports from its runtime: values, then types. */
export const RUNTIME_VALUE_EXPORTS = [
  "ServiceException",
  "UnknownServiceError",
  "ResponseParseError",
  "ResponseTooLargeError",
  "NetworkError",
  "TimeoutError",
  "ValidationError",
  "ConfigurationError",
  "CredentialsError",
  "UnsupportedProtocolError",
] as const;
export const RUNTIME_TYPE_EXPORTS = [
  "ClientConfig",
  "CallOptions",
  "Credentials",
  "CredentialProvider",
  "FetchLike",
  "RawHttpRequest",
  "RawHttpResponse",
  "Logger",
] as const;
/** What the "./node" entry adds. */
export const NODE_VALUE_EXPORTS = [
  "defaultCredentialProvider",
  "defaultRegion",
  "fromSharedFiles",
  "nodeHttpFetch",
  "CredentialsChainError",
  "ProfileCredentialsError",
] as const;

/**
 * Names a declaration of the package cannot take as is: reserved words and TypeScript type
 * keywords, globals that generated code or its users refer to, the modules' namespace imports,
 * and the names the package re-exports from its runtime (a shape of that name would be hidden).
 */
const RESERVED_DECLARATION_NAMES: ReadonlySet<string> = new Set([
  ...RESERVED_WORDS.split(" "),
  ..."any boolean never number object string symbol undefined unknown bigint".split(" "),
  ...("Object Function Array String Number Boolean Symbol BigInt Date Error Promise RegExp Map Set WeakMap WeakSet " +
    "JSON Math Record Partial Required Readonly Pick Omit Exclude Extract NonNullable ReturnType Awaited " +
    "Uint8Array ArrayBuffer DataView Blob Headers Request Response URL URLSearchParams AbortSignal AbortController " +
    "TextEncoder TextDecoder ReadableStream Iterable AsyncIterable AsyncGenerator globalThis").split(" "),
  ...MODULE_ALIASES,
  ...RUNTIME_VALUE_EXPORTS,
  ...RUNTIME_TYPE_EXPORTS,
  ...NODE_VALUE_EXPORTS,
]);

/**
 * Names that break plain-object lookups (`table[name]`) in generated metadata, in the runtime and
 * in user code: refused as shape and member names (model/name-checks.ts).
 */
export const HOSTILE_NAMES: ReadonlySet<string> = new Set(["__proto__", "constructor", "prototype"]);

/** Members every client class has before any operation method is added. */
const CLIENT_CLASS_MEMBERS = ["send", "constructor", "__proto__", "prototype"];

/** Any text as an identifier: other characters become "_", a leading digit (or nothing) gets "_". */
export function identifierFrom(text: string): string {
  const id = text.replace(/[^A-Za-z0-9_$]/g, "_");
  return id === "" || /^[0-9]/.test(id) ? `_${id}` : id;
}

/** Step 1 for a shape: its declaration name before deconfliction. */
export function tsDeclarationName(modelName: string): string {
  const id = identifierFrom(modelName);
  return RESERVED_DECLARATION_NAMES.has(id) ? `_${id}` : id;
}

/** Step 2: names handed out in claim order; a taken name gets "_" appended until free. */
export class NameScope {
  readonly #taken: Set<string>;
  constructor(reserved: Iterable<string> = []) {
    this.#taken = new Set(reserved);
  }
  claim(preferred: string): string {
    let name = preferred;
    while (this.#taken.has(name)) name += "_";
    this.#taken.add(name);
    return name;
  }
}

/** "CreateChatToken" → "createChatToken"; "ListHITs" → "listHITs"; "DBCluster" stays readable: "dbCluster". */
export function methodName(operationName: string): string {
  const id = identifierFrom(operationName);
  const leadingCaps = /^[A-Z]+/.exec(id)?.[0] ?? "";
  if (leadingCaps.length <= 1) return id.charAt(0).toLowerCase() + id.slice(1);
  // "DBCluster": lower all leading capitals but the one that starts the next word.
  const keep = leadingCaps.length < id.length ? leadingCaps.length - 1 : leadingCaps.length;
  return id.slice(0, keep).toLowerCase() + id.slice(keep);
}

const RESERVED_WORD_SET: ReadonlySet<string> = new Set(RESERVED_WORDS.split(" "));

/** Preferred name of an operation's standalone function: its method name, `_`-prefixed when reserved ("delete" → "_delete"). */
export const operationFunctionName = (method: string): string => (RESERVED_WORD_SET.has(method) ? `_${method}` : method);

/** "ivschat" → "Ivschat"; "iot-data" → "IotData"; "Elastic Load Balancing" → "ElasticLoadBalancing"; "1abc" → "_1abc". */
export function pascalCase(text: string): string {
  const joined = text
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join("");
  return identifierFrom(joined === "" ? "Service" : joined);
}

/** "IoT Data Plane" → "iot-data-plane"; "ivschat" → "ivschat". */
export function kebabCase(text: string): string {
  return text
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase())
    .join("-");
}

/** Preferred key for an enum value in the generated const object: identifier-safe, else `_`-joined. */
export function enumKey(value: string): string {
  let key = value.replace(/[^A-Za-z0-9_$]/g, "_");
  if (key === "" || /^[0-9]/.test(key) || HOSTILE_NAMES.has(key)) key = `_${key}`;
  return key;
}

/** "dog" → "DogMember", as AWS SDK v3 names union variants. */
export function unionVariantName(memberName: string): string {
  const stem = identifierFrom(memberName);
  return `${stem.charAt(0).toUpperCase()}${stem.slice(1)}Member`;
}

/** True when `name` can be written as a property without quotes. */
export const isIdentifier = (name: string): boolean => /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name);

/** What `assignNames` reads and fills in; the IR types satisfy it. */
interface Nameable {
  service: {
    className: string;
    names?: { client: string; baseClient: string; baseException: string; errorClasses: string; serviceSchema: string };
  };
  shapes: {
    name: string;
    tsName: string;
    outputTsName?: string;
    kind: string;
    union?: boolean;
    members?: { name: string; variantName?: string }[];
    enum?: { value: string; key: string }[];
  }[];
  operations: {
    name: string;
    methodName: string;
    functionName: string;
    schemaName: string;
    errorTypeName: string;
    paginator?: unknown;
    paginatorName?: string;
    paginatorMethodName?: string;
  }[];
}

/**
 * Fills in every generated name of an IR whose shapes and operations are sorted by name;
 * `twoViews` names the shapes that get an output view beside their input one.
 */
export function assignNames(ir: Nameable, twoViews: ReadonlySet<string> = new Set()): void {
  const scope = new NameScope(RESERVED_DECLARATION_NAMES);
  for (const s of ir.shapes) s.tsName = scope.claim(tsDeclarationName(s.name));
  for (const s of ir.shapes) if (twoViews.has(s.name)) s.outputTsName = scope.claim(`${s.tsName}Output`);
  const stem = ir.service.className;
  ir.service.names = {
    client: scope.claim(`${stem}Client`),
    baseClient: scope.claim(`${stem}BaseClient`),
    baseException: scope.claim(`${stem}ServiceException`),
    errorClasses: scope.claim("errorClasses"),
    serviceSchema: scope.claim("service"),
  };
  for (const op of ir.operations) {
    const id = identifierFrom(op.name);
    op.functionName = scope.claim(operationFunctionName(methodName(op.name)));
    op.schemaName = scope.claim(`${id}Operation`);
    op.errorTypeName = scope.claim(`${id}OperationError`);
    if (op.paginator) op.paginatorName = scope.claim(`paginate${id}`);
  }
  const members = new NameScope(CLIENT_CLASS_MEMBERS);
  for (const op of ir.operations) op.methodName = members.claim(methodName(op.name));
  for (const op of ir.operations) if (op.paginator) op.paginatorMethodName = members.claim(`paginate${identifierFrom(op.name)}`);
  for (const s of ir.shapes) {
    if (s.kind === "structure" && s.union) {
      const variants = new NameScope(["$UnknownMember"]);
      for (const m of s.members ?? []) m.variantName = variants.claim(unionVariantName(m.name));
    }
    if (s.enum) {
      const keys = new NameScope();
      for (const v of s.enum) v.key = keys.claim(enumKey(v.value));
    }
  }
}
