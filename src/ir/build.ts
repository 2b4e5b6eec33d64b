import { pointer } from "../diagnostics.js";
import type { ModelMember, ModelOperation, ModelService, ModelShape, ModelSiblings, ModelXmlNamespace } from "../model/types.js";
import type { ModelPaginator } from "../model/validate-paginators.js";
import { enumKey, kebabCase, methodName, pascalCase, tsDeclarationName } from "./names.js";
import type {
  Deprecation,
  ErrorTrait,
  Location,
  Member,
  Operation,
  Paginator,
  Service,
  ServiceIr,
  Shape,
  TimestampFormat,
  XmlNamespace,
} from "./types.js";

const byCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Builds the IR from a model that `validateModel` accepted. Pure: no I/O, no clock.
 * Only shapes reachable from an operation are kept.
 */
export function buildIr(model: ModelService, siblings: ModelSiblings = {}): ServiceIr {
  const operationNames = Object.keys(model.operations).sort(byCodeUnits);
  const pagination = (siblings.paginators as { pagination?: Record<string, ModelPaginator> } | undefined)?.pagination ?? {};
  const operations = operationNames.map((name) => {
    const operation = buildOperation(model, name, model.operations[name]!);
    const paginator = pagination[name];
    if (paginator) operation.paginator = buildPaginator(paginator);
    return operation;
  });
  const shapes = reachableShapeNames(model, operationNames).map((name) => buildShape(name, model.shapes[name]!, model.metadata.protocol));
  markSensitiveMembers(shapes);
  const ir: ServiceIr = { service: buildService(model), operations, shapes };
  if (siblings.paginators !== undefined) ir.paginators = siblings.paginators;
  if (siblings.waiters !== undefined) ir.waiters = siblings.waiters;
  if (siblings.endpointRuleSet !== undefined) ir.endpointRuleSet = siblings.endpointRuleSet;
  return ir;
}

function buildService(model: ModelService): Service {
  const m = model.metadata;
  const serviceId = m.serviceId ?? m.endpointPrefix ?? m.serviceAbbreviation ?? m.serviceFullName ?? "service";
  const service: Service = {
    pointer: "/metadata",
    serviceId,
    className: pascalCase(serviceId),
    kebabName: kebabCase(serviceId),
    fullName: m.serviceFullName ?? serviceId,
    apiVersion: m.apiVersion,
    protocol: m.protocol,
    protocols: m.protocols ?? [m.protocol],
    endpointPrefix: m.endpointPrefix ?? kebabCase(serviceId),
    signingName: m.signingName ?? m.endpointPrefix ?? kebabCase(serviceId),
    auth: m.auth ?? [],
    awsQueryCompatible: m.awsQueryCompatible !== undefined,
  };
  assign(service, "signatureVersion", m.signatureVersion);
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
    methodName: methodName(key),
    http: { method: op.http.method, requestUri: op.http.requestUri, responseCode: op.http.responseCode ?? 200 },
    errors: (op.errors ?? []).map((e) => e.shape),
    inputOptional: !input || (input.required ?? []).length === 0,
    idempotent: op.idempotent === true,
    readonly: op.readonly === true,
    // botocore reads `authtype: "v4-unsigned-body"`; newer models also say `unsignedPayload`.
    unsignedPayload: op.unsignedPayload === true || op.authtype === "v4-unsigned-body",
    endpointOperation: op.endpointoperation === true,
  };
  assign(operation, "input", op.input?.shape);
  assign(operation, "output", op.output?.shape);
  assign(operation, "documentation", nonEmpty(op.documentation));
  assign(operation, "documentationUrl", op.documentationUrl);
  assign(operation, "deprecated", deprecation(op.deprecated, op.deprecatedMessage));
  assign(operation, "auth", op.auth);
  assign(operation, "authtype", op.authtype);
  assign(operation, "hostPrefix", op.endpoint?.hostPrefix);
  assign(operation, "endpointDiscovery", op.endpointdiscovery);
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
  const list = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
  const paginator: Paginator = { inputToken: list(p.input_token), outputToken: list(p.output_token), resultKey: list(p.result_key) };
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

function buildShape(name: string, s: ModelShape, protocol: string): Shape {
  const at = pointer("shapes", name);
  const base: { pointer: string; name: string; tsName: string; sensitive: boolean; documentation?: string; deprecated?: Deprecation } = {
    pointer: at,
    name,
    tsName: tsDeclarationName(name),
    sensitive: s.sensitive === true,
  };
  assign(base, "documentation", nonEmpty(s.documentation));
  assign(base, "deprecated", deprecation(s.deprecated, s.deprecatedMessage));
  switch (s.type) {
    case "structure": {
      const required = new Set(s.required ?? []);
      const shape: Shape = {
        ...base,
        kind: "structure",
        members: Object.entries(s.members ?? {}).map(([memberName, m]) =>
          buildMember(pointer("shapes", name, "members", memberName), memberName, m, required.has(memberName), "body"),
        ),
        union: s.union === true,
        document: s.document === true,
        event: s.event === true,
        eventstream: s.eventstream === true,
        synthetic: s.synthetic === true,
      };
      assign(shape, "payload", s.payload);
      assign(shape, "error", errorTrait(name, s, protocol));
      assign(shape, "xmlName", s.locationName);
      assign(shape, "xmlNamespace", xmlNamespace(s.xmlNamespace));
      assign(shape, "xmlOrder", s.xmlOrder);
      return shape;
    }
    case "list": {
      const shape: Shape = {
        ...base,
        kind: "list",
        member: buildMember(`${at}/member`, "member", s.member!, false, "body"),
        flattened: s.flattened === true,
      };
      assign(shape, "min", s.min);
      assign(shape, "max", s.max);
      assign(shape, "xmlName", s.locationName);
      return shape;
    }
    case "map": {
      const shape: Shape = {
        ...base,
        kind: "map",
        key: buildMember(`${at}/key`, "key", s.key!, true, "body"),
        value: buildMember(`${at}/value`, "value", s.value!, true, "body"),
        flattened: s.flattened === true,
      };
      assign(shape, "min", s.min);
      assign(shape, "max", s.max);
      return shape;
    }
    case "string": {
      const shape: Shape = { ...base, kind: "string" };
      if (s.enum) shape.enum = s.enum.map((value) => ({ value, key: enumKey(value) }));
      assign(shape, "min", s.min);
      assign(shape, "max", s.max);
      assign(shape, "pattern", s.pattern);
      return shape;
    }
    case "boolean":
    case "blob":
    case "timestamp": {
      const shape: Shape = { ...base, kind: s.type, box: s.box === true, streaming: s.streaming === true };
      assign(shape, "min", s.min);
      assign(shape, "max", s.max);
      assign(shape, "timestampFormat", s.timestampFormat as TimestampFormat | undefined);
      return shape;
    }
    default: {
      const shape: Shape = { ...base, kind: s.type, box: s.box === true };
      assign(shape, "min", s.min);
      assign(shape, "max", s.max);
      return shape;
    }
  }
}

function buildMember(at: string, name: string, m: ModelMember, required: boolean, fallback: Location): Member {
  const member: Member = {
    pointer: at,
    name,
    target: m.shape,
    required,
    sensitive: false, // from the target shape, in markSensitiveMembers
    binding: { in: m.location ?? fallback, wireName: m.locationName ?? name },
    idempotencyToken: m.idempotencyToken === true,
    jsonvalue: m.jsonvalue === true,
    hostLabel: m.hostLabel === true,
    box: m.box === true,
    streaming: m.streaming === true,
    eventpayload: m.eventpayload === true,
    eventheader: m.eventheader === true,
  };
  assign(member, "documentation", nonEmpty(m.documentation));
  assign(member, "deprecated", deprecation(m.deprecated, m.deprecatedMessage, m.deprecatedSince));
  assign(member, "timestampFormat", m.timestampFormat as TimestampFormat | undefined);
  assign(member, "contextParam", m.contextParam?.name);
  assign(member, "queryName", m.queryName);
  if (m.xmlNamespace !== undefined || m.xmlAttribute || m.flattened || (m.locationName !== undefined && !m.location)) {
    member.xml = { attribute: m.xmlAttribute === true, flattened: m.flattened === true };
    assign(member.xml, "name", m.locationName);
    assign(member.xml, "namespace", xmlNamespace(m.xmlNamespace));
  }
  return member;
}

function errorTrait(name: string, s: ModelShape, protocol: string): ErrorTrait | undefined {
  if (!s.exception && !s.error && !s.fault) return undefined;
  const status = s.error?.httpStatusCode;
  const fault: "client" | "server" =
    s.error?.senderFault === true ? "client" : s.fault === true || (status !== undefined && status >= 500) ? "server" : "client";
  const trait: ErrorTrait = {
    code: (protocol === "query" || protocol === "ec2") && s.error?.code !== undefined ? s.error.code : name,
    fault,
    retryable: s.retryable !== undefined,
    throttling: s.retryable?.throttling === true,
  };
  assign(trait, "httpStatusCode", status);
  assign(trait, "queryCode", s.error?.code);
  return trait;
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

function deprecation(deprecated?: boolean, message?: string, since?: string): Deprecation | undefined {
  if (!deprecated) return undefined;
  const d: Deprecation = {};
  assign(d, "message", nonEmpty(message));
  assign(d, "since", since);
  return d;
}

function xmlNamespace(ns: ModelXmlNamespace | undefined): XmlNamespace | undefined {
  if (ns === undefined) return undefined;
  if (typeof ns === "string") return { uri: ns };
  const out: XmlNamespace = { uri: ns.uri };
  assign(out, "prefix", ns.prefix);
  return out;
}

const nonEmpty = (text: string | undefined): string | undefined =>
  text !== undefined && text.trim() !== "" ? text : undefined;

/** Sets an optional property only when defined, so the IR never holds `undefined` values. */
function assign<T extends object, K extends keyof T>(target: T, key: K, value: T[K] | undefined): void {
  if (value !== undefined) target[key] = value;
}
