// Naming rules shared by the IR builder and the validator. Changing any of them breaks users.

/**
 * Names a TypeScript declaration cannot take as is: reserved words, and globals that generated
 * code or its users refer to. A shape with such a name is declared as `_` + name
 * (`Object` → `_Object`, `Error` → `_Error`), the way AWS SDK v3 does, so v3 users find it.
 */
const RESERVED_DECLARATION_NAMES = new Set([
  // ECMAScript reserved words and strict-mode / TypeScript type keywords
  ...("break case catch class const continue debugger default delete do else enum export extends false finally for " +
    "function if import in instanceof new null return super switch this throw true try typeof var void while with " +
    "implements interface let package private protected public static yield await any boolean never number object " +
    "string symbol undefined unknown bigint").split(" "),
  // globals that generated code or its users rely on
  ...("Object Function Array String Number Boolean Symbol BigInt Date Error Promise RegExp Map Set WeakMap WeakSet " +
    "JSON Math Record Partial Required Readonly Pick Omit Exclude Extract NonNullable ReturnType Awaited " +
    "Uint8Array ArrayBuffer DataView Blob Headers Request Response URL URLSearchParams AbortSignal AbortController " +
    "TextEncoder TextDecoder ReadableStream Iterable AsyncIterable globalThis").split(" "),
  // namespace imports inside generated modules
  "rt",
  "errors",
]);

/** What a generated package's main entry re-exports from its runtime: values, then types. */
export const RUNTIME_VALUE_EXPORTS = [
  "ServiceException",
  "UnknownServiceError",
  "ResponseParseError",
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

// A shape with one of these names would be hidden by the explicit re-export, so it is escaped too.
for (const name of [...RUNTIME_VALUE_EXPORTS, ...RUNTIME_TYPE_EXPORTS, ...NODE_VALUE_EXPORTS]) RESERVED_DECLARATION_NAMES.add(name);

/** The one escaping rule for declaration names. */
export function tsDeclarationName(modelName: string): string {
  return RESERVED_DECLARATION_NAMES.has(modelName) ? `_${modelName}` : modelName;
}

export const isReservedDeclarationName = (name: string): boolean => RESERVED_DECLARATION_NAMES.has(name);

/**
 * Names that break plain-object lookups (`table[name]`) in generated metadata and in user code:
 * rejected as shape and member names.
 */
export const HOSTILE_NAMES: ReadonlySet<string> = new Set(["__proto__", "constructor", "prototype"]);

/** "CreateChatToken" → "createChatToken"; "ListHITs" → "listHITs"; "DBCluster" stays readable: "dbCluster". */
export function methodName(operationName: string): string {
  const leadingCaps = /^[A-Z]+/.exec(operationName)?.[0] ?? "";
  if (leadingCaps.length <= 1) return operationName.charAt(0).toLowerCase() + operationName.slice(1);
  // "DBCluster": lower all leading capitals but the one that starts the next word.
  const keep = leadingCaps.length < operationName.length ? leadingCaps.length - 1 : leadingCaps.length;
  return operationName.slice(0, keep).toLowerCase() + operationName.slice(keep);
}

/** JavaScript reserved words: a method may take one as its name, a function may not. */
const RESERVED_WORDS = new Set(
  ("break case catch class const continue debugger default delete do else enum export extends false finally for " +
    "function if import in instanceof new null return super switch this throw true try typeof var void while with " +
    "implements interface let package private protected public static yield await").split(" "),
);

/** Name of an operation's standalone function: its method name, `_`-prefixed when reserved ("delete" → "_delete"). */
export const operationFunctionName = (method: string): string => (RESERVED_WORDS.has(method) ? `_${method}` : method);

/** "ivschat" → "Ivschat"; "iot-data" → "IotData"; "Elastic Load Balancing" → "ElasticLoadBalancing". */
export function pascalCase(text: string): string {
  return text
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join("");
}

/** "IoT Data Plane" → "iot-data-plane"; "ivschat" → "ivschat". */
export function kebabCase(text: string): string {
  return text
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase())
    .join("-");
}

/** Key for an enum value in the generated const object: identifier-safe, else `_`-joined. */
export function enumKey(value: string): string {
  let key = value.replace(/[^A-Za-z0-9_$]/g, "_");
  if (key === "" || /^[0-9]/.test(key) || HOSTILE_NAMES.has(key)) key = `_${key}`;
  return key;
}

/** True when `name` can be written as a property without quotes. */
export const isIdentifier = (name: string): boolean => /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name);
