// What the shipped runtime can put on the wire: the protocols whose stage names a runtime export
// (stages.ts). The IR builder (which protocol a multi-protocol model gets), the schemas emitter
// (which object the client is handed), the README and the CLI all read it.

import { UsageError } from "../diagnostics.js";
import { PROTOCOL_STAGES } from "./stages.js";

/** Protocol name (botocore's `metadata.protocol`) → the runtime's Protocol export. */
export const RUNTIME_PROTOCOLS: Readonly<Record<string, string>> = Object.fromEntries(
  Object.values(PROTOCOL_STAGES).flatMap((s) => (s.runtimeExport ? [[s.name, s.runtimeExport]] : [])),
);

export const isRuntimeProtocol = (protocol: string): boolean => Object.hasOwn(RUNTIME_PROTOCOLS, protocol);

/**
 * The protocol a client is generated for: `requested` when given (it must be one the model
 * lists), else the first of the model's protocols the runtime speaks (botocore picks in that
 * order too), else the model's `protocol` (a client whose calls are refused).
 */
export function chooseProtocol(protocol: string, protocols: readonly string[] | undefined, requested?: string): string {
  const listed = protocols ?? [protocol];
  if (requested !== undefined) {
    if (!listed.includes(requested)) throw new UsageError(`--protocol ${requested}: the model lists ${listed.map((p) => `"${p}"`).join(", ")}`);
    return requested;
  }
  return listed.find(isRuntimeProtocol) ?? protocol;
}
