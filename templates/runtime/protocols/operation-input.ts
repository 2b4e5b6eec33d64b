// What every protocol does with an operation's input before encoding it, through the code the
// operation's schema carries (so a bundle holds it only when one of its operations needs it).

import type { OperationSchema } from "../schema.js";

/** The input a call sends: the caller's, with idempotency tokens filled where the operation has any. */
export const callInput = (op: OperationSchema, input: Record<string, unknown>, uuid?: () => string): Record<string, unknown> =>
  op.idempotencyTokens ? op.idempotencyTokens.fill(op.idempotencyTokens.members, input, uuid) : input;

/** The host prefix of one call: "" for an operation without one. */
export const hostPrefixOf = (op: OperationSchema, input: Record<string, unknown>): string =>
  op.hostPrefix ? op.hostPrefix.expand(op.hostPrefix.parts, op.name, input) : "";
