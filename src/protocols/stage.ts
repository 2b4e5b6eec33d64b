// A protocol's generation-time stage: what the schemas emitter writes for it, decided here so
// the runtime reads plans instead of re-deriving them per call, and a client carries only the
// traits its protocol reads (no XML names in a JSON client, no HTTP bindings in an RPC one).

import type { ShapeIndex } from "../emit/shape-index.js";
import type { Operation } from "../ir/types.js";

/** Member traits the emitter can write; each stage names the ones its runtime reads. */
export type MemberTrait =
  | "location"
  | "locationName"
  | "jsonvalue"
  | "timestampFormat"
  | "idempotencyToken"
  | "queryName"
  | "flattened"
  | "xmlAttribute"
  | "xmlNamespace"
  | "eventpayload"
  | "eventheader";

/** Structure-level traits, the same way. */
export type StructureTrait = "payload" | "xmlName" | "xmlNamespace" | "eventstream";

export interface ProtocolStage {
  /** botocore's name: "rest-json", "json", ... */
  name: string;
  /** What the README calls it ("AWS JSON 1.1"); `jsonVersion` is the model's. */
  title(jsonVersion: string | undefined): string;
  /** The runtime's Protocol export for it; undefined: the runtime does not speak it yet. */
  runtimeExport?: string;
  memberTraits: ReadonlySet<MemberTrait>;
  structureTraits: ReadonlySet<StructureTrait>;
  /** Protocol-specific fields of an operation's wire schema, as [key, TypeScript text or undefined]. */
  operationFields(op: Operation, index: ShapeIndex): [string, string | undefined][];
}
