// Runs botocore-format protocol test files (../shared/protocol-tests/{input,output}/*.json)
// through the runtime, one case at a time, through an in-memory fetch-like flow: requests must
// be accepted by `new Request(...)` unchanged, responses are read from `Headers` objects.

import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { ServiceException } from "../../../templates/runtime/errors.js";
import {
  parseRestJsonError,
  parseRestJsonResponse,
  readRestJsonErrorInfo,
  serializeRestJsonRequest,
} from "../../../templates/runtime/protocols/rest-json.js";
import type { OperationSchema } from "../../../templates/runtime/schema.js";
import { buildOperationSchema, type BotocoreOperation, type BotocoreShape } from "./botocore-shapes.js";
import {
  compareHeaders,
  compareHost,
  compareJsonBody,
  compareResult,
  compareUri,
  toSuiteNotation,
  toTypedInput,
} from "./compare.js";

/** ../shared/protocol-tests, seen from the project root. */
export const PROTOCOL_TESTS_DIR = fileURLToPath(new URL("../../../../shared/protocol-tests/", import.meta.url));

/** The idempotency token the suites expect when they let the client fill one in. */
export const FIXED_UUID = "00000000-0000-4000-8000-000000000000";

interface Suite {
  description: string;
  metadata: { protocol: string; [key: string]: unknown };
  clientEndpoint?: string;
  shapes: Record<string, BotocoreShape>;
  cases: Case[];
}

interface Case {
  id?: string;
  description?: string;
  given: BotocoreOperation;
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
  run: () => string | undefined;
}

export interface ConformanceFileResult {
  file: string;
  passed: number;
  failed: number;
  failures: { suite: string; case: string; reason: string }[];
}

/** "input/rest-json.json" for any path ending in input/rest-json.json. */
export const fileLabel = (path: string): string => path.split(/[\\/]/).slice(-2).join("/");

export function loadConformanceCases(path: string): ConformanceCase[] {
  const file = fileLabel(path);
  const suites = JSON.parse(readFileSync(path, "utf8")) as Suite[];
  const out: ConformanceCase[] = [];
  for (const suite of suites) {
    for (const c of suite.cases) {
      const caseId = c.id ?? c.description ?? "(unnamed)";
      out.push({
        name: `${file} ${suite.description} ${caseId}`,
        file,
        suite: suite.description,
        caseId,
        run: () => {
          try {
            return runCase(suite, c);
          } catch (error) {
            return `threw ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`;
          }
        },
      });
    }
  }
  return out;
}

/** Runs every case of every file; one summary per file. */
export function runConformanceFiles(paths: string[]): ConformanceFileResult[] {
  return paths.map((path) => {
    const result: ConformanceFileResult = { file: fileLabel(path), passed: 0, failed: 0, failures: [] };
    for (const c of loadConformanceCases(path)) {
      const reason = c.run();
      if (reason === undefined) result.passed++;
      else {
        result.failed++;
        result.failures.push({ suite: c.suite, case: c.caseId, reason });
      }
    }
    return result;
  });
}

function runCase(suite: Suite, c: Case): string | undefined {
  const protocol = suite.metadata.protocol;
  if (protocol !== "rest-json") return `protocol ${protocol} has no runtime yet`;
  const op = buildOperationSchema(suite.shapes, c.given);
  if (c.params !== undefined) return runInputCase(suite, c, op);
  if (c.response !== undefined) return runOutputCase(c, op);
  return "case has neither params nor response";
}

function runInputCase(suite: Suite, c: Case, op: OperationSchema): string | undefined {
  const expected = c.serialized ?? {};
  const endpoint = new URL(suite.clientEndpoint ?? "https://example.com");
  const input = toTypedInput(op.input, c.params) as Record<string, unknown>;
  const req = serializeRestJsonRequest(op, input, { endpoint, uuid: () => FIXED_UUID });

  let request: Request;
  try {
    request = new Request(req.url, {
      method: req.method,
      headers: req.headers,
      ...(req.body === undefined ? {} : { body: req.body as BodyInit }),
    });
  } catch (error) {
    return `fetch rejects the request: ${error instanceof Error ? error.message : String(error)}`;
  }
  const raw = new URL(req.url);
  const rawPathAndQuery = req.url.slice(`${raw.protocol}//${raw.host}`.length);
  const fetched = new URL(request.url);
  if (`${fetched.pathname}${fetched.search}` !== rawPathAndQuery) {
    return `fetch would rewrite the URL: ${rawPathAndQuery} -> ${fetched.pathname}${fetched.search}`;
  }
  const problems = [
    expected.method !== undefined && request.method !== expected.method
      ? `method: expected ${expected.method}, got ${request.method}`
      : undefined,
    compareUri(rawPathAndQuery, expected.uri ?? ""),
    expected.host !== undefined ? compareHost(fetched, expected.host) : undefined,
    compareHeaders(request.headers, expected.headers, expected.forbidHeaders, expected.requireHeaders),
    expected.body !== undefined ? compareJsonBody(req.body, expected.body) : undefined,
  ].filter((p) => p !== undefined);
  return problems.length ? problems.join("; ") : undefined;
}

function runOutputCase(c: Case, op: OperationSchema): string | undefined {
  const spec = c.response!;
  const nullBody = [204, 205, 304].includes(spec.status_code);
  // A fetch Response gives the runtime real Headers (lower-cased, joined) and the status. The body
  // goes in as bytes: a string body would make Response add "content-type: text/plain".
  const bytes = new TextEncoder().encode(spec.body ?? "");
  const fetched = new Response(nullBody ? null : bytes, { status: spec.status_code, headers: spec.headers ?? {} });
  const response = { status: fetched.status, headers: fetched.headers, body: bytes };

  if (c.error === undefined) {
    return compareResult(toSuiteNotation(parseRestJsonResponse(op, response)), c.result ?? {});
  }

  const error = parseRestJsonError(op, response, { baseException: ServiceException });
  const info = readRestJsonErrorInfo(response);
  const problems: string[] = [];
  if (!(error instanceof ServiceException)) problems.push(`error is not a ServiceException`);
  if (c.errorCode !== undefined && error.name !== c.errorCode) problems.push(`error name: expected ${c.errorCode}, got ${error.name}`);
  const modeled = c.errorCode === undefined ? undefined : op.errors?.[c.errorCode];
  if (modeled && !(error instanceof modeled.errorClass)) problems.push(`error is not an instance of ${c.errorCode}`);
  if (c.errorMessage !== undefined && error.message !== c.errorMessage) {
    problems.push(`error message: expected ${JSON.stringify(c.errorMessage)}, got ${JSON.stringify(error.message)}`);
  }
  // botocore's shape: { Error: { Code, Message }, ...modeled members }.
  const actual: Record<string, unknown> = { Error: { Code: info.code ?? "", Message: info.message ?? "" } };
  for (const name of Object.keys(modeled?.schema.members ?? {})) {
    const value = name === "message" ? info.message : (error as unknown as Record<string, unknown>)[name];
    if (value !== undefined) actual[name] = toSuiteNotation(value);
  }
  const expected = { Error: { Code: c.errorCode ?? "", Message: c.errorMessage ?? "" }, ...c.error };
  const diff = compareResult(actual, expected);
  if (diff) problems.push(diff);
  return problems.length ? problems.join("; ") : undefined;
}
