// A local stand-in for an AWS JSON (1.0/1.1) or Smithy RPC v2 CBOR service, driven by its botocore
// model: it checks every request the way the service would (signature with @smithy/signature-v4,
// route, headers, and the body against the operation's input shape: member names, required
// members, scalar kinds, enum values), hands the decoded input to a handler written by the test,
// and checks what the handler answers against the output or error shape before encoding it
// (JSON with `__type`; CBOR with the `cbor` package, an implementation independent of ours).
// Anything wrong is recorded in `problems` and answered with a 400 the client cannot mistake.

import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import cbor from "cbor";
import { verifySigV4 } from "./sigv4-verify.js";

// botocore JSON is read loosely here, on purpose: the test stand-in is not a second validator.
type ModelShape = Record<string, any>;
export interface BotocoreModel {
  metadata: Record<string, any>;
  operations: Record<string, { name: string; input?: { shape: string }; output?: { shape: string }; errors?: { shape: string }[] }>;
  shapes: Record<string, ModelShape>;
}

export type WireProtocol = "json" | "smithy-rpc-v2-cbor";

/** What a handler throws to answer with a modeled error: the error shape's name and its fields. */
export class ModeledError {
  constructor(
    readonly shape: string,
    readonly fields: Record<string, unknown> = {},
  ) {}
}

export type Handler = (input: Record<string, any>, headers: IncomingHttpHeaders) => Record<string, unknown> | Promise<Record<string, unknown>>;

export interface StandInOptions {
  model: BotocoreModel;
  protocol: WireProtocol;
  credentials: { accessKeyId: string; secretAccessKey: string };
  region: string;
  /** By operation name; an operation without one is a 501 (and a problem). */
  handlers: Record<string, Handler>;
}

export interface StandIn {
  endpoint: string;
  /** Every request's operation, in order. */
  calls: string[];
  /** Everything found wrong, with the request's operation: empty when the client behaved. */
  problems: string[];
  close(): Promise<void>;
}

export async function startStandIn(options: StandInOptions): Promise<StandIn> {
  const { model, protocol } = options;
  const calls: string[] = [];
  const problems: string[] = [];
  const signingName = model.metadata["signingName"] ?? model.metadata["endpointPrefix"];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", async () => {
      const body = Buffer.concat(chunks);
      const url = req.url ?? "/";
      const q = url.indexOf("?");
      const path = q < 0 ? url : url.slice(0, q);
      const found: string[] = [];
      const verdict = await verifySigV4(
        { method: req.method ?? "", path, query: q < 0 ? "" : url.slice(q + 1), rawHeaders: req.rawHeaders, body },
        { ...options.credentials, region: options.region, service: signingName },
      );
      if (!verdict.ok) found.push(`signature: ${verdict.reason}`);
      if (req.method !== "POST") found.push(`method ${req.method}`);
      const name = operationOf(model, protocol, path, req.headers, found);
      calls.push(name ?? "?");
      const operation = name !== undefined ? model.operations[name] : undefined;
      let input: Record<string, any> = {};
      if (operation && found.length === 0) {
        input = decodeInput(protocol, body, found);
        if (operation.input) checkValue(model, protocol, operation.input.shape, input, "input", found);
        else if (body.length > 0 && protocol === "smithy-rpc-v2-cbor") found.push("a body for an operation without input");
      }
      const answer = (status: number, value: Record<string, unknown>, headers: Record<string, string> = {}) => {
        const encoded = protocol === "json" ? Buffer.from(JSON.stringify(value)) : cbor.encode(value);
        const contentType = protocol === "json" ? `application/x-amz-json-${model.metadata["jsonVersion"] ?? "1.0"}` : "application/cbor";
        const extra: Record<string, string> = protocol === "smithy-rpc-v2-cbor" ? { "smithy-protocol": "rpc-v2-cbor" } : {};
        res.writeHead(status, { "content-type": contentType, "x-amzn-requestid": `stand-in-${calls.length}`, ...extra, ...headers });
        res.end(encoded);
      };
      if (found.length > 0 || !operation) {
        problems.push(...found.map((p) => `${name ?? "?"}: ${p}`));
        return answer(400, { __type: "StandInRejected", message: found.join("; ") });
      }
      const handler = options.handlers[operation.name];
      if (!handler) {
        problems.push(`${operation.name}: no handler`);
        return answer(501, { __type: "StandInRejected", message: "no handler" });
      }
      try {
        const output = await handler(input, req.headers);
        const checked: string[] = [];
        if (operation.output) checkValue(model, protocol, operation.output.shape, output, "output", checked);
        if (checked.length > 0) throw new Error(`the test's answer breaks the model: ${checked.join("; ")}`);
        answer(200, output);
      } catch (e) {
        if (!(e instanceof ModeledError)) {
          problems.push(`${operation.name}: ${e instanceof Error ? e.message : String(e)}`);
          return answer(500, { __type: "StandInFailed", message: String(e) });
        }
        answer(...errorAnswer(model, protocol, operation, e, problems));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls,
    problems,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The operation a request names, as the service routes it; a problem when the route is wrong. */
function operationOf(model: BotocoreModel, protocol: WireProtocol, path: string, headers: IncomingHttpHeaders, found: string[]): string | undefined {
  const byName = (name: string) => Object.values(model.operations).find((op) => op.name === name)?.name;
  const prefix = model.metadata["targetPrefix"];
  if (protocol === "json") {
    const contentType = `application/x-amz-json-${model.metadata["jsonVersion"] ?? "1.0"}`;
    if (path !== "/") found.push(`path ${path}`);
    if (headers["content-type"] !== contentType) found.push(`content-type ${headers["content-type"]} (want ${contentType})`);
    const target = String(headers["x-amz-target"] ?? "");
    const name = target.startsWith(`${prefix}.`) ? byName(target.slice(prefix.length + 1)) : undefined;
    if (name === undefined) found.push(`x-amz-target ${target}`);
    return name;
  }
  const match = /^\/service\/([^/]+)\/operation\/([^/]+)$/.exec(path);
  const name = match && decodeURIComponent(match[1]!) === prefix ? byName(decodeURIComponent(match[2]!)) : undefined;
  if (name === undefined) found.push(`path ${path}`);
  if (headers["smithy-protocol"] !== "rpc-v2-cbor") found.push(`smithy-protocol ${headers["smithy-protocol"]}`);
  if (headers["accept"] !== "application/cbor") found.push(`accept ${headers["accept"]}`);
  if (model.metadata["awsQueryCompatible"] && headers["x-amzn-query-mode"] !== "true") found.push("no x-amzn-query-mode: true");
  const input = name !== undefined ? model.operations[name]!.input : undefined;
  if (input && headers["content-type"] !== "application/cbor") found.push(`content-type ${headers["content-type"]}`);
  return name;
}

function decodeInput(protocol: WireProtocol, body: Buffer, found: string[]): Record<string, any> {
  if (body.length === 0) return {};
  try {
    const value: unknown = protocol === "json" ? JSON.parse(body.toString("utf8")) : cbor.decodeFirstSync(body);
    if (typeof value === "object" && value !== null && !Array.isArray(value)) return value as Record<string, any>;
    found.push("the body is not an object");
  } catch (e) {
    found.push(`unreadable body: ${e instanceof Error ? e.message : String(e)}`);
  }
  return {};
}

/** The status, body and headers of a modeled error, as the service sends it. */
function errorAnswer(
  model: BotocoreModel,
  protocol: WireProtocol,
  operation: BotocoreModel["operations"][string],
  error: ModeledError,
  problems: string[],
): [number, Record<string, unknown>, Record<string, string>] {
  const shape = model.shapes[error.shape];
  if (!shape?.["exception"]) problems.push(`${operation.name}: ${error.shape} is not an error shape`);
  if (!operation.errors?.some((e) => e.shape === error.shape)) problems.push(`${operation.name}: ${error.shape} is not one of its errors`);
  const checked: string[] = [];
  checkValue(model, protocol, error.shape, error.fields, "error", checked);
  problems.push(...checked.map((p) => `${operation.name}: the test's error breaks the model: ${p}`));
  const code = shape?.["error"]?.code as string | undefined;
  const headers: Record<string, string> = {};
  if (model.metadata["awsQueryCompatible"] && code) headers["x-amzn-query-error"] = `${code};${shape?.["error"]?.senderFault ? "Sender" : "Receiver"}`;
  // JSON services send the bare name or a namespaced one; RPC v2 CBOR the shape ID.
  const type = protocol === "json" ? error.shape : `com.amazonaws.${model.metadata["endpointPrefix"]}#${error.shape}`;
  return [shape?.["error"]?.httpStatusCode ?? 400, { __type: type, ...error.fields }, headers];
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const SPECIAL_FLOATS = new Set(["NaN", "Infinity", "-Infinity"]);

/** Checks a decoded wire value against a shape, as the service's own deserializer would. */
export function checkValue(model: BotocoreModel, protocol: WireProtocol, shapeName: string, value: unknown, at: string, found: string[]): void {
  const shape = model.shapes[shapeName];
  if (!shape) return void found.push(`${at}: unknown shape ${shapeName}`);
  const fail = (why: string) => void found.push(`${at}: ${why} (${shapeName}, ${shape["type"]})`);
  const isObject = typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array) && !(value instanceof Date);
  switch (shape["type"]) {
    case "structure": {
      if (!isObject) return fail(`not an object: ${describe(value)}`);
      const members: Record<string, ModelShape> = shape["members"] ?? {};
      const wireName = (name: string) => (protocol === "json" ? (members[name]!["locationName"] ?? name) : name);
      const byWire = new Map(Object.keys(members).map((name) => [wireName(name), name]));
      const record = value as Record<string, unknown>;
      for (const key of Object.keys(record)) {
        const member = byWire.get(key);
        if (member === undefined) fail(`unknown member ${key}`);
        else if (record[key] === null) fail(`${key} is null`);
        else checkValue(model, protocol, members[member]!["shape"], record[key], `${at}.${key}`, found);
      }
      for (const name of shape["required"] ?? []) if (!(wireName(name) in record)) fail(`required ${name} missing`);
      if (shape["union"] && Object.keys(record).length !== 1) fail(`a union with ${Object.keys(record).length} members set`);
      return;
    }
    case "list":
      if (!Array.isArray(value)) return fail(`not a list: ${describe(value)}`);
      value.forEach((item, i) => {
        if (item === null) return void (shape["sparse"] ? undefined : fail(`[${i}] is null`));
        checkValue(model, protocol, shape["member"]["shape"], item, `${at}[${i}]`, found);
      });
      return;
    case "map":
      if (!isObject) return fail(`not a map: ${describe(value)}`);
      for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
        checkValue(model, protocol, shape["key"]["shape"], key, `${at} key`, found);
        if (item === null) {
          if (!shape["sparse"]) fail(`[${key}] is null`);
        } else checkValue(model, protocol, shape["value"]["shape"], item, `${at}[${key}]`, found);
      }
      return;
    case "string":
      if (typeof value !== "string") return fail(`not a string: ${describe(value)}`);
      if (Array.isArray(shape["enum"]) && !shape["enum"].includes(value)) fail(`${JSON.stringify(value)} is not one of its enum values`);
      return;
    case "boolean":
      if (typeof value !== "boolean") fail(`not a boolean: ${describe(value)}`);
      return;
    case "integer":
    case "long":
    case "short":
    case "byte":
      if (!(typeof value === "number" && Number.isInteger(value)) && typeof value !== "bigint") fail(`not an integer: ${describe(value)}`);
      return;
    case "float":
    case "double":
      if (typeof value === "number") return;
      if (protocol === "json" && typeof value === "string" && SPECIAL_FLOATS.has(value)) return;
      return fail(`not a number: ${describe(value)}`);
    case "blob":
      if (protocol === "json" ? typeof value === "string" && BASE64.test(value) : value instanceof Uint8Array) return;
      return fail(`not a ${protocol === "json" ? "base64 string" : "byte string"}: ${describe(value)}`);
    case "timestamp":
      if (protocol === "smithy-rpc-v2-cbor") return void (value instanceof Date ? undefined : fail(`not a tag-1 timestamp: ${describe(value)}`));
      if (shape["timestampFormat"] === "iso8601") return void (typeof value === "string" && !Number.isNaN(Date.parse(value)) ? undefined : fail(`not ISO 8601: ${describe(value)}`));
      if (typeof value !== "number") fail(`not epoch seconds: ${describe(value)}`);
      return;
    default:
      return; // documents: any JSON value
  }
}

const describe = (value: unknown): string => (value instanceof Uint8Array ? `${value.length} bytes` : (JSON.stringify(value) ?? String(value)).slice(0, 80));
