// Every protocol's generation-time stage, by botocore name. The ones with a `runtimeExport` are
// the protocols the shipped runtime speaks (support.ts reads this table).

import { literalValue } from "../emit/escape.js";
import { hostPrefixPlan, pathPlan, queryPlan } from "./http-plan.js";
import type { MemberTrait, ProtocolStage, StructureTrait } from "./stage.js";

const traits = <T>(...names: T[]): ReadonlySet<T> => new Set(names);

/** rest-json: HTTP bindings (uri, query, headers, status code), a JSON body or one payload member. */
const restJson: ProtocolStage = {
  name: "rest-json",
  title: () => "AWS restJson1",
  runtimeExport: "restJson",
  memberTraits: traits<MemberTrait>("location", "locationName", "jsonvalue", "timestampFormat", "idempotencyToken", "eventpayload", "eventheader"),
  structureTraits: traits<StructureTrait>("payload", "eventstream"),
  operationFields: (op, index) => [
    ["method", literalValue(op.http.method)],
    ["path", pathPlan(op, op.input ? index.structure(op.input) : undefined)],
    ["query", queryPlan(op)],
    ["hostPrefix", hostPrefixPlan(op)],
  ],
};

/** awsJson 1.0/1.1: POST / with X-Amz-Target; members by their JSON name (locationName). */
const awsJson: ProtocolStage = {
  name: "json",
  title: (version) => `AWS JSON ${version ?? "1.0"}`,
  runtimeExport: "awsJson",
  memberTraits: traits<MemberTrait>("locationName", "timestampFormat", "idempotencyToken", "eventpayload", "eventheader"),
  structureTraits: traits<StructureTrait>("eventstream"),
  operationFields: (op) => [["hostPrefix", hostPrefixPlan(op)]],
};

/** Smithy RPC v2 CBOR: POST /service/<name>/operation/<op>; members by name, CBOR types for everything. */
const rpcV2Cbor: ProtocolStage = {
  name: "smithy-rpc-v2-cbor",
  title: () => "Smithy RPC v2 CBOR",
  runtimeExport: "rpcV2Cbor",
  memberTraits: traits<MemberTrait>("idempotencyToken", "eventpayload", "eventheader"),
  structureTraits: traits<StructureTrait>("eventstream"),
  operationFields: (op) => [["hostPrefix", hostPrefixPlan(op)]],
};

/** A protocol the runtime does not speak yet: its calls are refused, so its wire traits are not emitted. */
const notYet = (name: string, title: string): ProtocolStage => ({
  name,
  title: () => title,
  memberTraits: traits<MemberTrait>(),
  structureTraits: traits<StructureTrait>(),
  operationFields: () => [],
});

export const PROTOCOL_STAGES: Readonly<Record<string, ProtocolStage>> = {
  "rest-json": restJson,
  json: awsJson,
  "smithy-rpc-v2-cbor": rpcV2Cbor,
  query: notYet("query", "AWS query"),
  ec2: notYet("ec2", "EC2 query"),
  "rest-xml": notYet("rest-xml", "AWS restXml"),
};

export function protocolStage(name: string): ProtocolStage {
  const stage = Object.hasOwn(PROTOCOL_STAGES, name) ? PROTOCOL_STAGES[name] : undefined;
  // Validation accepts only known protocols ("unknown-protocol"): a miss here is our bug.
  if (!stage) throw new Error(`internal error: no generation stage for protocol "${name}"`);
  return stage;
}
