import { pointer } from "../diagnostics.js";
import type { ModelOperation, ModelService, ModelSiblings } from "../model/types.js";
import { asList, type ModelPaginator } from "../model/validate-paginators.js";
import { chooseProtocol } from "../protocols/support.js";
import { isUnsignedPayload, operationAuth, serviceAuth } from "./auth.js";
import { assign, deprecation, nonEmpty, xmlNamespace } from "./build-helpers.js";
import { buildShape } from "./build-shapes.js";
import { assignNames, kebabCase, pascalCase } from "./names.js";
import type { ErrorCode, Member, Operation, OperationExample, Paginator, Service, ServiceIr, Shape } from "./types.js";
import { byCodeUnits } from "../code-units.js";

/**
 * Builds the IR from a model that `validateModel` accepted. Pure: no I/O, no clock.
 * Only shapes reachable from an operation are kept.
 */
export function buildIr(model: ModelService, siblings: ModelSiblings = {}, choice: { protocol?: string } = {}): ServiceIr {
  const operationNames = Object.keys(model.operations).sort(byCodeUnits);
  const pagination = (siblings.paginators as { pagination?: Record<string, ModelPaginator> } | undefined)?.pagination ?? {};
  const examples = examplesByOperation(siblings.examples);
  const operations = operationNames.map((name) => {
    const operation = buildOperation(model, name, model.operations[name]!);
    const paginator = pagination[name];
    if (paginator) operation.paginator = buildPaginator(paginator);
    const listed = examples.get(name);
    if (listed && listed.length > 0) operation.examples = listed;
    return operation;
  });
  const protocol = chooseProtocol(model.metadata.protocol, model.metadata.protocols, choice.protocol);
  const shapes = reachableShapeNames(model, operationNames).map((name) => buildShape(name, model.shapes[name]!, protocol));
  markSensitiveMembers(shapes);
  markUsage(shapes, operations);
  markRecursiveCollections(shapes);
  const twoViews = shapesWithTwoViews(shapes);
  markSensitiveOutputs(operations, shapes);
  const service = buildService(model, protocol);
  if (choice.protocol !== undefined) service.protocolRequested = true;
  const authLists = [service.auth, ...operations.map((op) => op.auth ?? [])];
  // As AWS SDK v3 reads AWS_BEARER_TOKEN_BEDROCK for Bedrock: the signing name decides the variable.
  if (authLists.some((list) => list.includes("bearer"))) {
    service.bearerTokenEnv = `AWS_BEARER_TOKEN_${service.signingName.toUpperCase().replace(/[^A-Z0-9]/g, "_")}`;
  }
  // A client chooses a scheme per call only when some operation allows several, or a token.
  if (authLists.some((list) => list.length > 1 || list.includes("bearer"))) service.authChoice = true;
  const ir: ServiceIr = { service, operations, shapes, errorCodes: errorCodes(shapes) };
  assignNames(ir, twoViews);
  if (siblings.paginators !== undefined) ir.paginators = siblings.paginators;
  if (siblings.waiters !== undefined) ir.waiters = siblings.waiters;
  if (siblings.endpointRuleSet !== undefined) ir.endpointRuleSet = siblings.endpointRuleSet;
  return ir;
}

function buildService(model: ModelService, protocol: string): Service {
  const m = model.metadata;
  const serviceId = m.serviceId ?? m.endpointPrefix ?? m.serviceAbbreviation ?? m.serviceFullName ?? "service";
  const service: Service = {
    pointer: "/metadata",
    serviceId,
    className: pascalCase(serviceId),
    names: { client: "", baseClient: "", baseException: "", errorClasses: "", serviceSchema: "" }, // assignNames
    kebabName: kebabCase(serviceId),
    fullName: m.serviceFullName ?? serviceId,
    apiVersion: m.apiVersion,
    protocol,
    protocols: m.protocols ?? [m.protocol],
    endpointPrefix: m.endpointPrefix ?? kebabCase(serviceId),
    signingName: m.signingName ?? m.endpointPrefix ?? kebabCase(serviceId),
    auth: serviceAuth(m),
    awsQueryCompatible: m.awsQueryCompatible !== undefined,
  };
  assign(service, "jsonVersion", m.jsonVersion);
  assign(service, "targetPrefix", m.targetPrefix);
  assign(service, "xmlNamespace", xmlNamespace(m.xmlNamespace));
  assign(service, "globalEndpoint", m.globalEndpoint);
  assign(service, "clientContextParams", model.clientContextParams);
  assign(service, "documentation", nonEmpty(model.documentation));
  return service;
}

function buildOperation(model: ModelService, key: string, op: ModelOperation): Operation {
  const input = op.input ? model.shapes[op.input.shape] : undefined;
  const operation: Operation = {
    pointer: pointer("operations", key),
    name: key,
    wireName: op.name,
    // assignNames decides these four once every operation and shape is known.
    methodName: "",
    functionName: "",
    schemaName: "",
    errorTypeName: "",
    http: { method: op.http.method, requestUri: op.http.requestUri, responseCode: op.http.responseCode ?? 200 },
    errors: (op.errors ?? []).map((e) => e.shape),
    inputOptional: !input || (input.required ?? []).length === 0,
    sensitiveOutput: false, // markSensitiveOutputs
    unsignedPayload: isUnsignedPayload(op),
  };
  assign(operation, "input", op.input?.shape);
  assign(operation, "output", op.output?.shape);
  assign(operation, "documentation", nonEmpty(op.documentation));
  assign(operation, "documentationUrl", op.documentationUrl);
  assign(operation, "deprecated", deprecation(op.deprecated, op.deprecatedMessage));
  const auth = operationAuth(op);
  if (auth && auth.join() !== serviceAuth(model.metadata).join()) operation.auth = auth;
  assign(operation, "hostPrefix", op.endpoint?.hostPrefix);
  if (op.httpChecksum || op.httpChecksumRequired) {
    const hc = op.httpChecksum ?? {};
    operation.httpChecksum = {
      requestChecksumRequired: hc.requestChecksumRequired === true || op.httpChecksumRequired === true,
      responseAlgorithms: hc.responseAlgorithms ?? [],
    };
    assign(operation.httpChecksum, "requestAlgorithmMember", hc.requestAlgorithmMember);
    assign(operation.httpChecksum, "requestValidationModeMember", hc.requestValidationModeMember);
  }
  if (op.requestcompression) operation.requestCompression = { encodings: op.requestcompression.encodings };
  if (op.staticContextParams) {
    operation.staticContextParams = Object.fromEntries(
      Object.entries(op.staticContextParams).map(([k, v]) => [k, v.value]),
    );
  }
  if (op.operationContextParams) {
    operation.operationContextParams = Object.fromEntries(
      Object.entries(op.operationContextParams).map(([k, v]) => [k, v.path]),
    );
  }
  assign(operation, "outputResultWrapper", op.output?.resultWrapper);
  if (op.input && (op.input.locationName !== undefined || op.input.xmlNamespace !== undefined)) {
    operation.inputXml = {};
    assign(operation.inputXml, "name", op.input.locationName);
    assign(operation.inputXml, "namespace", xmlNamespace(op.input.xmlNamespace));
  }
  return operation;
}

function buildPaginator(p: ModelPaginator): Paginator {
  const paginator: Paginator = { inputToken: asList(p.input_token), outputToken: asList(p.output_token), resultKey: asList(p.result_key) };
  assign(paginator, "limitKey", p.limit_key);
  assign(paginator, "moreResults", p.more_results);
  return paginator;
}

/** Shapes reachable from operations' inputs, outputs and errors, sorted by name. */
function reachableShapeNames(model: ModelService, operationNames: string[]): string[] {
  const seen = new Set<string>();
  const stack: string[] = [];
  for (const name of operationNames) {
    const op = model.operations[name]!;
    if (op.input) stack.push(op.input.shape);
    if (op.output) stack.push(op.output.shape);
    for (const e of op.errors ?? []) stack.push(e.shape);
  }
  while (stack.length > 0) {
    const name = stack.pop()!;
    if (seen.has(name)) continue;
    const shape = model.shapes[name];
    if (!shape) continue; // validation reports dangling references
    seen.add(name);
    for (const m of Object.values(shape.members ?? {})) stack.push(m.shape);
    if (shape.member) stack.push(shape.member.shape);
    if (shape.key) stack.push(shape.key.shape);
    if (shape.value) stack.push(shape.value.shape);
  }
  return [...seen].sort(byCodeUnits);
}

/** Marks members sensitive when their target shape is; needs every shape built first. */
function markSensitiveMembers(shapes: Shape[]): void {
  const sensitive = new Set(shapes.filter((s) => s.sensitive).map((s) => s.name));
  const mark = (m: Member): void => {
    m.sensitive = sensitive.has(m.target);
  };
  for (const s of shapes) {
    if (s.kind === "structure") s.members.forEach(mark);
    else if (s.kind === "list") mark(s.member);
    else if (s.kind === "map") (mark(s.key), mark(s.value));
  }
}

/** Marks each shape with the sides of the wire it is reachable from (errors count as output). */
function markUsage(shapes: Shape[], operations: Operation[]): void {
  const byName = new Map(shapes.map((s) => [s.name, s]));
  const walk = (roots: string[], side: "input" | "output"): void => {
    const stack = [...roots];
    while (stack.length > 0) {
      const s = byName.get(stack.pop()!);
      if (!s || s.usage[side]) continue;
      s.usage[side] = true;
      if (s.kind === "structure") for (const m of s.members) stack.push(m.target);
      else if (s.kind === "list") stack.push(s.member.target);
      else if (s.kind === "map") stack.push(s.key.target, s.value.target);
    }
  };
  walk(operations.flatMap((op) => (op.input ? [op.input] : [])), "input");
  walk(operations.flatMap((op) => [...(op.output ? [op.output] : []), ...op.errors]), "output");
}

/**
 * The service-wide error table: every error structure by wire code, sorted by code. Two shapes
 * may share a code (CloudWatch's DashboardNotFoundError and ResourceNotFound under the query
 * protocol): a response cannot tell them apart, so the first by name keeps it (validation warns).
 */
function errorCodes(shapes: Shape[]): ErrorCode[] {
  const byCode = new Map<string, string>();
  for (const s of shapes) {
    if (s.kind === "structure" && s.error && !byCode.has(s.error.code)) byCode.set(s.error.code, s.name);
  }
  return [...byCode].map(([code, shape]) => ({ code, shape })).sort((a, b) => byCodeUnits(a.code, b.code));
}

/**
 * Marks the lists and maps that reach themselves through lists and maps alone (LS: list of LS):
 * inline types would never end, so they get a named alias. A cycle through a structure is fine:
 * the structure's interface is the name.
 */
function markRecursiveCollections(shapes: Shape[]): void {
  const byName = new Map(shapes.map((s) => [s.name, s]));
  const children = (s: Shape): string[] => (s.kind === "list" ? [s.member.target] : s.kind === "map" ? [s.value.target] : []);
  for (const start of shapes) {
    if (start.kind !== "list" && start.kind !== "map") continue;
    const seen = new Set<string>();
    const stack = children(start);
    while (stack.length > 0) {
      const name = stack.pop()!;
      if (name === start.name) {
        start.recursive = true;
        break;
      }
      if (seen.has(name)) continue;
      seen.add(name);
      const s = byName.get(name);
      if (s) stack.push(...children(s));
    }
  }
}

/** Marks the operations whose output reaches a sensitive member or shape. */
function markSensitiveOutputs(operations: Operation[], shapes: Shape[]): void {
  const byName = new Map(shapes.map((s) => [s.name, s]));
  for (const op of operations) {
    if (!op.output) continue;
    const seen = new Set<string>();
    const stack = [op.output];
    while (stack.length > 0 && !op.sensitiveOutput) {
      const s = byName.get(stack.pop()!);
      if (!s || seen.has(s.name)) continue;
      seen.add(s.name);
      const members = s.kind === "structure" ? s.members : s.kind === "list" ? [s.member] : s.kind === "map" ? [s.key, s.value] : [];
      if (s.sensitive || members.some((m) => m.sensitive)) op.sensitiveOutput = true;
      stack.push(...members.map((m) => m.target));
    }
  }
}

/**
 * Shapes that need an output view of their own: used both ways, and typed differently by
 * direction because they reach a blob (an input may be a string) or an enum (an output is open
 * to values added later). Declared shapes only (structures, enums' users, recursive collections);
 * lists and maps are written inline with their element's view.
 */
function shapesWithTwoViews(shapes: Shape[]): Set<string> {
  // A fixed point over the shape graph: a shape differs when it is a blob or an enum, or reaches one.
  const differs = new Set<string>();
  const children = (s: Shape): string[] =>
    s.kind === "structure" ? (s.document ? [] : s.members.map((m) => m.target)) : s.kind === "list" ? [s.member.target] : s.kind === "map" ? [s.value.target] : [];
  for (const s of shapes) {
    if (s.kind === "blob" || (s.kind === "string" && s.enum !== undefined)) differs.add(s.name);
    if (s.kind === "structure" && s.members.some((m) => m.enum !== undefined)) differs.add(s.name);
  }
  for (let changed = true; changed; ) {
    changed = false;
    for (const s of shapes) {
      if (differs.has(s.name) || !children(s).some((c) => differs.has(c))) continue;
      differs.add(s.name);
      changed = true;
    }
  }
  const out = new Set<string>();
  for (const s of shapes) {
    const declared = (s.kind === "structure" && !s.document && !s.error) || ((s.kind === "list" || s.kind === "map") && s.recursive);
    if (declared && s.usage.input && s.usage.output && differs.has(s.name)) out.add(s.name);
  }
  return out;
}

/** examples-1.json by operation: entries with a title and an input object; anything else is left out. */
function examplesByOperation(file: unknown): Map<string, OperationExample[]> {
  const out = new Map<string, OperationExample[]>();
  const examples = (file as { examples?: unknown } | undefined)?.examples;
  if (examples === null || typeof examples !== "object") return out;
  for (const [operation, list] of Object.entries(examples)) {
    if (!Array.isArray(list)) continue;
    const kept: OperationExample[] = [];
    for (const entry of list) {
      const e = entry as { title?: unknown; input?: unknown };
      if (typeof e?.title !== "string" || e.input === null || typeof e.input !== "object" || Array.isArray(e.input)) continue;
      kept.push({ title: e.title, input: e.input });
    }
    out.set(operation, kept);
  }
  return out;
}
