// Runs botocore-format protocol test files (suites/protocol-tests/{input,output}/*.json, or any
// file in that format) through generated clients, as `ivschat-codegen conformance` and the test
// suite do. Each suite becomes a model, the generator turns it into a package, the package is
// written to a temporary folder and imported, and each case calls the client's method with an
// in-memory `fetch`: input cases compare the Request it receives, output cases answer with the
// case's response and compare what the method resolves to or throws.
//
// The generator and the module loader come in as a `Toolchain`, so the same runner works under
// vitest (TypeScript imported as is) and from the CLI (transpiled, toolchain.ts).

import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { Diagnostic } from "../diagnostics.js";
import type { GeneratedFile } from "../generate.js";
import type { ServiceIr } from "../ir/types.js";
import type { ModelOperation, ModelService, ModelShape } from "../model/types.js";
import type { ClientConfig, ErrorRegistry, OperationSchema } from "./runtime-shapes.js";
import {
  compareHeaders,
  compareHost,
  compareCborBody,
  compareJsonBody,
  compareResult,
  compareUri,
  toSuiteNotation,
  toTypedInput,
} from "./compare.js";

/** The idempotency token the suites expect when they let the client fill one in. */
const FIXED_UUID = "00000000-0000-4000-8000-000000000000";

/** botocore's test endpoint when a suite names none. */
const DEFAULT_ENDPOINT = "https://example.com";
const CREDENTIALS = { accessKeyId: "access_key", secretAccessKey: "secret_key" };

/** What the runner needs from the project: the generator's stages and a way to import generated code. */
export interface Toolchain {
  validateModel(model: unknown): Diagnostic[];
  buildIr(model: ModelService): ServiceIr;
  emitPackage(ir: ServiceIr, packageName: string): Promise<GeneratedFile[]>;
  /**
   * Imports `entries` (paths like "src/index.ts") of the package written to `dir`, whose
   * TypeScript files are `files`.
   */
  importModules(dir: string, files: readonly string[], entries: readonly string[]): Promise<Record<string, unknown>[]>;
}

interface Suite {
  description: string;
  metadata: ModelService["metadata"];
  clientEndpoint?: string;
  shapes: Record<string, ModelShape>;
  cases: Case[];
}

interface Case {
  id?: string;
  description?: string;
  given: ModelOperation;
  params?: Record<string, unknown>;
  serialized?: {
    method?: string;
    uri?: string;
    headers?: Record<string, string>;
    forbidHeaders?: string[];
    requireHeaders?: string[];
    body?: string;
    host?: string;
  };
  response?: { status_code: number; headers?: Record<string, string>; body?: string };
  result?: unknown;
  error?: Record<string, unknown>;
  errorCode?: string;
  errorMessage?: string;
}

export interface ConformanceCase {
  /** "<file> <suite description> <case id>": the vitest test name. */
  name: string;
  file: string;
  suite: string;
  caseId: string;
  /** Runs the case: undefined when it passes, else what differs. */
  run: () => Promise<string | undefined>;
}

export interface ConformanceFileResult {
  file: string;
  passed: number;
  failed: number;
  failures: { suite: string; case: string; reason: string }[];
}

type ClientMethod = (input: unknown) => Promise<unknown>;
type ClientClass = new (config: ClientConfig) => Record<string, ClientMethod>;
type ErrorClass = abstract new (...args: never[]) => Error;

/** A suite's generated package, imported. */
interface SuiteClient {
  Client: ClientClass;
  ServiceException: ErrorClass;
  /** By operation name. */
  operations: Map<string, { methodName: string; schema: OperationSchema }>;
  /** The service's modeled errors by wire code. */
  errors: ErrorRegistry;
  /** A CBOR suite: the package's decoder, to compare bodies by meaning. */
  decodeCbor?: (bytes: Uint8Array) => unknown;
}

/** Where a generated package keeps its CBOR codec (templates/runtime/protocols/cbor.ts). */
const CBOR_MODULE = "src/runtime/protocols/cbor.ts";

/** "input/rest-json.json" for any path ending in input/rest-json.json. */
const fileLabel = (path: string): string => path.split(/[\\/]/).slice(-2).join("/");

/** Runs protocol test files; generates one package per suite, once per runner, under `workDir`. */
export class ConformanceRunner {
  readonly #toolchain: Toolchain;
  readonly #workDir: string;
  readonly #clients = new Map<string, Promise<SuiteClient>>();

  constructor(toolchain: Toolchain, workDir: string) {
    this.#toolchain = toolchain;
    this.#workDir = workDir;
  }

  loadCases(path: string): ConformanceCase[] {
    const file = fileLabel(path);
    const suites = JSON.parse(readFileSync(path, "utf8")) as Suite[];
    if (!Array.isArray(suites)) throw new Error(`${path}: not a protocol test file (expected an array of suites)`);
    const out: ConformanceCase[] = [];
    suites.forEach((suite, index) => {
      const key = `${path}#${index}`;
      for (const c of suite.cases) {
        const caseId = c.id ?? c.description ?? "(unnamed)";
        out.push({
          name: `${file} ${suite.description} ${caseId}`,
          file,
          suite: suite.description,
          caseId,
          run: async () => {
            try {
              return await runCase(suite, c, await this.#client(key, suite));
            } catch (error) {
              return thrown(error);
            }
          },
        });
      }
    });
    return out;
  }

  /** Runs every case of every file, one after another; one summary per file. */
  async runFiles(paths: readonly string[]): Promise<ConformanceFileResult[]> {
    const results: ConformanceFileResult[] = [];
    for (const path of paths) {
      const result: ConformanceFileResult = { file: fileLabel(path), passed: 0, failed: 0, failures: [] };
      for (const c of this.loadCases(path)) {
        const reason = await c.run();
        if (reason === undefined) result.passed++;
        else {
          result.failed++;
          result.failures.push({ suite: c.suite, case: c.caseId, reason });
        }
      }
      results.push(result);
    }
    return results;
  }

  #client(key: string, suite: Suite): Promise<SuiteClient> {
    let client = this.#clients.get(key);
    if (!client) {
      client = this.#generate(suite, `suite-${this.#clients.size}`);
      this.#clients.set(key, client);
    }
    return client;
  }

  async #generate(suite: Suite, name: string): Promise<SuiteClient> {
    const t = this.#toolchain;
    const model = suiteModel(suite);
    const errors = t.validateModel(model).filter((d) => d.severity === "error");
    if (errors.length > 0) {
      throw new Error(`the suite's model is invalid: ${errors.map((d) => `${d.code} at ${d.pointer}`).join(", ")}`);
    }
    const ir = t.buildIr(model);
    const files = await t.emitPackage(ir, `conformance-${name}`);
    const dir = join(this.#workDir, name);
    for (const file of files) {
      mkdirSync(dirname(join(dir, file.path)), { recursive: true });
      writeFileSync(join(dir, file.path), file.contents);
    }
    const sources = files.map((f) => f.path).filter((p) => p.endsWith(".ts"));
    // A CBOR suite's bodies are compared by meaning, decoded by the package's own CBOR decoder.
    const cbor = ir.service.protocol === "smithy-rpc-v2-cbor";
    const entries = ["src/index.ts", "src/schemas.ts", ...(cbor ? [CBOR_MODULE] : [])];
    const [index, schemas, cborModule] = await t.importModules(dir, sources, entries);
    const operations = new Map<string, { methodName: string; schema: OperationSchema }>();
    for (const op of ir.operations) {
      operations.set(op.name, { methodName: op.methodName, schema: schemas![op.schemaName] as OperationSchema });
    }
    return {
      Client: index![ir.service.names.client] as ClientClass,
      ServiceException: index!.ServiceException as ErrorClass,
      operations,
      errors: (schemas![ir.service.names.serviceSchema] as { errors?: ErrorRegistry }).errors ?? {},
      ...(cborModule ? { decodeCbor: cborModule["decodeCbor"] as (bytes: Uint8Array) => unknown } : {}),
    };
  }
}

/** The botocore model of one suite: its metadata (plus names botocore would not need), shapes and operations. */
export function suiteModel(suite: Suite): ModelService {
  const operations: Record<string, ModelOperation> = {};
  for (const c of suite.cases) operations[c.given.name] = c.given;
  return {
    version: "2.0",
    metadata: { serviceId: "Protocol Test", endpointPrefix: "protocol-test", signingName: "protocol-test", ...suite.metadata },
    operations,
    shapes: suite.shapes,
  };
}

function thrown(error: unknown): string {
  if (!(error instanceof Error)) return `threw ${String(error)}`;
  if (error.name === "UnsupportedProtocolError") {
    return `protocol ${(error as Error & { protocol: string }).protocol} has no runtime yet (UnsupportedProtocolError)`;
  }
  return `threw ${error.name}: ${error.message}`;
}

/** Runs `call` with `crypto.randomUUID` fixed, so idempotency tokens the client fills in are FIXED_UUID. */
async function withFixedUuid<T>(call: () => Promise<T>): Promise<T> {
  const crypto = globalThis.crypto as Crypto & { randomUUID: () => string };
  const own = Object.getOwnPropertyDescriptor(crypto, "randomUUID");
  crypto.randomUUID = () => FIXED_UUID;
  try {
    return await call();
  } finally {
    if (own) Object.defineProperty(crypto, "randomUUID", own);
    else delete (crypto as { randomUUID?: unknown }).randomUUID;
  }
}

async function runCase(suite: Suite, c: Case, client: SuiteClient): Promise<string | undefined> {
  const op = client.operations.get(c.given.name);
  if (!op) return `the generated client has no operation ${c.given.name}`;
  if (c.params !== undefined) return runInputCase(suite, c, client, op);
  if (c.response !== undefined) return runOutputCase(c, client, op);
  return "case has neither params nor response";
}

const clientConfig = (endpoint: string, fetch: ClientConfig["fetch"]): ClientConfig => ({
  region: "us-east-1",
  credentials: CREDENTIALS,
  endpoint,
  ...(fetch ? { fetch } : {}),
  validateInput: false,
  maxAttempts: 1,
});

/** Thrown by the input cases' fetch once it has the request: nothing needs to come back. */
class RequestCaptured extends Error {}

async function runInputCase(
  suite: Suite,
  c: Case,
  client: SuiteClient,
  op: { methodName: string; schema: OperationSchema },
): Promise<string | undefined> {
  const expected = c.serialized ?? {};
  let captured: { request: Request; body: Uint8Array | undefined } | undefined;
  const fetch = async (request: Request): Promise<Response> => {
    const body = request.body === null ? undefined : new Uint8Array(await request.arrayBuffer());
    captured = { request, body };
    throw new RequestCaptured();
  };
  const instance = new client.Client(clientConfig(suite.clientEndpoint ?? DEFAULT_ENDPOINT, fetch));
  try {
    await withFixedUuid(() => instance[op.methodName]!(toTypedInput(op.schema.input, c.params)));
  } catch (error) {
    if (!captured) return thrown(error);
  }
  if (!captured) return "the client resolved without calling fetch";

  const { request, body } = captured;
  const url = new URL(request.url);
  const pathAndQuery = request.url.slice(url.origin.length);
  const problems = [
    expected.method !== undefined && request.method !== expected.method
      ? `method: expected ${expected.method}, got ${request.method}`
      : undefined,
    compareUri(pathAndQuery, expected.uri ?? ""),
    expected.host !== undefined ? compareHost(url, expected.host) : undefined,
    compareHeaders(request.headers, expected.headers, expected.forbidHeaders, expected.requireHeaders),
    expected.body !== undefined ? (client.decodeCbor ? compareCborBody(client.decodeCbor, body, expected.body) : compareJsonBody(body, expected.body)) : undefined,
  ].filter((p) => p !== undefined);
  return problems.length ? problems.join("; ") : undefined;
}

async function runOutputCase(
  c: Case,
  client: SuiteClient,
  op: { methodName: string; schema: OperationSchema },
): Promise<string | undefined> {
  const spec = c.response!;
  const nullBody = [204, 205, 304].includes(spec.status_code);
  // The body goes in as bytes: a string body would make Response add "content-type: text/plain".
  // CBOR suites give bodies in base64.
  const bytes = client.decodeCbor ? Uint8Array.from(Buffer.from(spec.body ?? "", "base64")) : new TextEncoder().encode(spec.body ?? "");
  const fetch = async (): Promise<Response> =>
    new Response(nullBody ? null : bytes, { status: spec.status_code, headers: spec.headers ?? {} });
  const instance = new client.Client(clientConfig(DEFAULT_ENDPOINT, fetch));

  let result: unknown;
  try {
    result = await instance[op.methodName]!(toTypedInput(op.schema.input, c.params ?? {}));
  } catch (error) {
    if (c.error === undefined) return thrown(error);
    return compareError(c, client, error);
  }
  if (c.error !== undefined) return `expected error ${c.errorCode ?? "(no code)"}, got result ${JSON.stringify(toSuiteNotation(result))}`;
  // botocore leaves its ResponseMetadata out of the comparison too; ours is $metadata.
  const { $metadata, ...members } = result as Record<string, unknown>;
  if ($metadata === undefined) return "the output has no $metadata";
  return compareResult(toSuiteNotation(members), c.result ?? {});
}

/** botocore compares the parsed error: its code, message and modeled members. */
function compareError(c: Case, client: SuiteClient, error: unknown): string | undefined {
  if (!(error instanceof client.ServiceException)) return `expected error ${c.errorCode ?? "(no code)"}: ${thrown(error)}`;
  const problems: string[] = [];
  // botocore's errorCode is the code the service sent: ours is $code (the name, except where a
  // query-compatible service sends its own code too).
  const code = (error as { $code?: unknown }).$code;
  if (c.errorCode !== undefined && code !== c.errorCode) problems.push(`error code: expected ${c.errorCode}, got ${String(code)}`);
  const modeled =
    (c.errorCode !== undefined && Object.hasOwn(client.errors, c.errorCode) ? client.errors[c.errorCode] : undefined) ??
    Object.values(client.errors).find((e) => error.constructor === e.errorClass);
  if (c.errorCode !== undefined && Object.hasOwn(client.errors, c.errorCode) && !(error instanceof client.errors[c.errorCode]!.errorClass)) {
    problems.push(`error is not an instance of ${c.errorCode}`);
  }
  if (c.errorMessage !== undefined && error.message !== c.errorMessage) {
    problems.push(`error message: expected ${JSON.stringify(c.errorMessage)}, got ${JSON.stringify(error.message)}`);
  }
  // Modeled members as properties of the error. A `message` member is the error's message, which
  // the runtime fills in when the response has none: it counts only when the case has one.
  const actual: Record<string, unknown> = {};
  for (const name of Object.keys(modeled?.schema.members ?? {})) {
    if (name === "message" && c.errorMessage === undefined) continue;
    const value = (error as unknown as Record<string, unknown>)[name];
    if (value !== undefined) actual[name] = toSuiteNotation(value);
  }
  const diff = compareResult(actual, c.error ?? {});
  if (diff) problems.push(`error members: ${diff}`);
  return problems.length ? problems.join("; ") : undefined;
}
