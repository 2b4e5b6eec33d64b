// Smithy @idempotencyToken: a top-level input member the caller leaves unset gets a fresh UUID,
// made once per call so every retry sends the same one. Only operations with such a member refer
// to this code (OperationSchema.idempotencyTokens).

import { uuidV4 } from "../encoding.js";

export function fillIdempotencyTokens(
  members: readonly string[],
  input: Record<string, unknown>,
  uuid: () => string = uuidV4,
): Record<string, unknown> {
  let out = input;
  for (const name of members) {
    if (input[name] === undefined || input[name] === null) {
      if (out === input) out = { ...input };
      out[name] = uuid();
    }
  }
  return out;
}
