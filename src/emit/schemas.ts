import type { StatementStructures, VariableStatementStructure } from "ts-morph";
import { StructureKind, VariableDeclarationKind } from "./ts-morph.js";
import type { Member, Operation, ServiceIr, Shape } from "../ir/types.js";
import { protocolStage } from "../protocols/stages.js";
import type { MemberTrait, ProtocolStage } from "../protocols/stage.js";
import { namespaceImports, type EmittedModule } from "./module.js";
import { childMembers, type ShapeIndex } from "./shape-index.js";
import { operationTypes, type TypeContext } from "./type-expression.js";
import type { EmitContext } from "./context.js";
import { literalValue, propertyKey, stringLiteral } from "./escape.js";

/**
 * schemas.ts of the generated package: the wire metadata the runtime serializes and parses with,
 * as much of it as the client's protocol reads (its stage, src/protocols/stages.ts, decides).
 *   "CreateRoomRequest": { "type": "structure", "members": { "name": { "shape": "RoomName" } } }
 *     → export const CreateRoomRequest: rt.StructureSchema = { type: "structure", name: "CreateRoomRequest",
 *         members: { name: { target: RoomName } } };
 * Consts come dependencies first; an edge that closes a cycle is written as a function.
 */
export function emitSchemas({ ir, index }: EmitContext): EmittedModule {
  const stage = protocolStage(ir.service.protocol);
  const statements: StatementStructures[] = [];
  const done = new Set<string>();
  const onStack = new Set<string>();
  const visit = (s: Shape): void => {
    if (done.has(s.name) || onStack.has(s.name)) return;
    onStack.add(s.name);
    for (const m of childMembers(s)) visit(index.shape(m.target));
    onStack.delete(s.name);
    statements.push(shapeConst(s, index, done, stage));
    done.add(s.name);
  };
  ir.shapes.forEach(visit);
  const ctx: TypeContext = { index, side: "input", from: "client", used: new Set() };
  for (const op of ir.operations) statements.push(operationConst(op, index, ctx, ir.service.auth, stage));
  // Last: it refers to every error structure's schema.
  statements.push(serviceConst(ir, index, stage));
  // rt: the protocol object at least; errors: the classes of the service's error registry.
  const values: ("rt" | "errors")[] = ["rt"];
  if (ir.errorCodes.length > 0) values.push("errors");
  return { statements, imports: namespaceImports([...ctx.used, "rt"], values) };
}

const exportedConst = (name: string, type: string, initializer: string): VariableStatementStructure => ({
  kind: StructureKind.VariableStatement,
  isExported: true,
  declarationKind: VariableDeclarationKind.Const,
  declarations: [{ name, type, initializer }],
});

/** `{ key: value, ... }` without the undefined entries; values are already TypeScript text. */
function objectText(entries: [string, string | undefined][]): string {
  const present = entries.filter((e): e is [string, string] => e[1] !== undefined);
  return `{ ${present.map(([k, v]) => `${propertyKey(k)}: ${v}`).join(", ")} }`;
}

const literal = (value: unknown): string | undefined => (value === undefined || value === false ? undefined : literalValue(value));

function serviceConst(ir: ServiceIr, index: ShapeIndex, stage: ProtocolStage): VariableStatementStructure {
  const s = ir.service;
  const errors = ir.errorCodes.map(({ code, shape }) => {
    const name = index.shape(shape).tsName;
    return `${propertyKey(code)}: { schema: ${name}, errorClass: errors.${name} }`;
  });
  const rpc = stage.name === "json" || stage.name === "smithy-rpc-v2-cbor";
  return exportedConst(
    ir.service.names.serviceSchema,
    "rt.ServiceSchema",
    objectText([
      ["serviceId", literal(s.serviceId)],
      ["fullName", literal(s.fullName)],
      ["apiVersion", literal(s.apiVersion)],
      // The runtime's object for the protocol, or one that refuses every call.
      ["protocol", stage.runtimeExport ? `rt.${stage.runtimeExport}` : `rt.unsupportedProtocol(${stringLiteral(s.protocol)})`],
      ["endpointPrefix", literal(s.endpointPrefix)],
      ["signingName", literal(s.signingName)],
      ["auth", literal(s.auth)],
      ["bearerTokenEnv", literal(s.bearerTokenEnv)],
      ["chooseAuth", s.authChoice ? "rt.chooseAuth" : undefined],
      // What the RPC protocols put on the wire: the content type's version, the target or service name.
      ["jsonVersion", stage.name === "json" ? literal(s.jsonVersion) : undefined],
      ["targetPrefix", rpc ? literal(s.targetPrefix) : undefined],
      ["awsQueryCompatible", rpc ? literal(s.awsQueryCompatible) : undefined],
      ["errors", errors.length > 0 ? `{ ${errors.join(", ")} }` : undefined],
    ]),
  );
}

/** `declared`: shapes whose consts come earlier; a reference to any other is written as a function. */
function shapeConst(s: Shape, index: ShapeIndex, declared: ReadonlySet<string>, stage: ProtocolStage): VariableStatementStructure {
  const has = (trait: MemberTrait): boolean => stage.memberTraits.has(trait);
  const member = (m: Member): string => {
    const target = index.shape(m.target).tsName;
    const bound = m.binding.in !== "body";
    return objectText([
      ["target", declared.has(m.target) ? target : `() => ${target}`],
      ["location", has("location") && bound ? literal(m.binding.in) : undefined],
      // Where the protocol names members on the wire: headers, query keys, labels, JSON keys.
      ["locationName", has("locationName") && m.binding.wireName !== m.name ? literal(m.binding.wireName) : undefined],
      ["required", literal(m.required)],
      ["jsonvalue", has("jsonvalue") ? literal(m.jsonvalue) : undefined],
      ["timestampFormat", has("timestampFormat") ? literal(m.timestampFormat) : undefined],
      ["queryName", has("queryName") ? literal(m.queryName) : undefined],
      ["flattened", has("flattened") ? literal(m.xml?.flattened) : undefined],
      ["xmlAttribute", has("xmlAttribute") ? literal(m.xml?.attribute) : undefined],
      ["xmlNamespace", has("xmlNamespace") ? literal(m.xml?.namespace) : undefined],
      ["eventpayload", has("eventpayload") ? literal(m.eventpayload) : undefined],
      ["eventheader", has("eventheader") ? literal(m.eventheader) : undefined],
    ]);
  };
  const structureHas = (trait: Parameters<typeof stage.structureTraits.has>[0]): boolean => stage.structureTraits.has(trait);
  switch (s.kind) {
    case "structure":
      return exportedConst(
        s.tsName,
        "rt.StructureSchema",
        objectText([
          ["type", '"structure"'],
          ["name", literal(s.name)],
          ["members", `{ ${s.members.map((m) => `${propertyKey(m.name)}: ${member(m)}`).join(", ")} }`],
          ["union", literal(s.union)],
          ["document", literal(s.document)],
          ["payload", structureHas("payload") ? literal(s.payload) : undefined],
          ["sensitive", literal(s.sensitive)],
          ["xmlName", structureHas("xmlName") ? literal(s.xmlName) : undefined],
          ["xmlNamespace", structureHas("xmlNamespace") ? literal(s.xmlNamespace) : undefined],
          ["eventstream", structureHas("eventstream") ? literal(s.eventstream) : undefined],
        ]),
      );
    case "list":
      return exportedConst(
        s.tsName,
        "rt.ListSchema",
        objectText([
          ["type", '"list"'],
          ["member", member(s.member)],
          ["flattened", has("flattened") ? literal(s.flattened) : undefined],
          ["sparse", literal(s.sparse)],
          ["min", literal(s.min)],
          ["max", literal(s.max)],
          ["sensitive", literal(s.sensitive)],
        ]),
      );
    case "map":
      return exportedConst(
        s.tsName,
        "rt.MapSchema",
        objectText([
          ["type", '"map"'],
          ["key", member(s.key)],
          ["value", member(s.value)],
          ["flattened", has("flattened") ? literal(s.flattened) : undefined],
          ["sparse", literal(s.sparse)],
          ["min", literal(s.min)],
          ["max", literal(s.max)],
          ["sensitive", literal(s.sensitive)],
        ]),
      );
    default:
      return exportedConst(
        s.tsName,
        "rt.ScalarSchema",
        objectText([
          ["type", literal(s.kind)],
          ["enum", s.kind === "string" && s.enum ? literal(s.enum.map((e) => e.value)) : undefined],
          ["min", literal(s.min)],
          ["max", literal(s.max)],
          ["pattern", s.kind === "string" ? literal(s.pattern) : undefined],
          ["sensitive", literal(s.sensitive)],
          ["streaming", "streaming" in s ? literal(s.streaming) : undefined],
          ["timestampFormat", has("timestampFormat") && "timestampFormat" in s ? literal(s.timestampFormat) : undefined],
        ]),
      );
  }
}

function operationConst(op: Operation, index: ShapeIndex, ctx: TypeContext, serviceAuth: readonly string[], stage: ProtocolStage): VariableStatementStructure {
  const types = operationTypes(op, ctx);
  return exportedConst(
    op.schemaName,
    `rt.OperationSchema<${types.input}, ${types.output}>`,
    objectText([
      ["name", literal(op.name)],
      ["wireName", op.wireName !== op.name ? literal(op.wireName) : undefined],
      ...stage.operationFields(op, index),
      ["input", op.input ? index.shape(op.input).tsName : undefined],
      ["output", op.output ? index.shape(op.output).tsName : undefined],
      ["auth", op.auth && op.auth.join() !== serviceAuth.join() ? literal(op.auth) : undefined],
      ["unsignedPayload", literal(op.unsignedPayload)],
      ["sensitiveOutput", literal(op.sensitiveOutput)],
      [
        "requestCompression",
        op.requestCompression ? `{ encodings: ${literal(op.requestCompression.encodings)}, compress: rt.compressRequestBody }` : undefined,
      ],
      ["contentMd5", op.httpChecksum?.requestChecksumRequired ? "rt.contentMd5" : undefined],
      ["idempotencyTokens", stage.memberTraits.has("idempotencyToken") ? idempotencyTokens(op, index) : undefined],
    ]),
  );
}

/** The input's top-level idempotency-token members, with the code that fills them, if it has any. */
function idempotencyTokens(op: Operation, index: ShapeIndex): string | undefined {
  if (!op.input) return undefined;
  const members = index.structure(op.input).members.filter((m) => m.idempotencyToken).map((m) => m.name);
  return members.length > 0 ? `{ members: ${literal(members)}, fill: rt.fillIdempotencyTokens }` : undefined;
}
