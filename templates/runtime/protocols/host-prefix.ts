// An operation's endpoint host prefix (`{AccountId}.data.`), split at generation time into
// literal text and the input members that fill its labels.

import { ValidationError } from "../errors.js";
import type { OperationSchema } from "../schema.js";

/** One DNS label (RFC 1123): a host label must stay one, or the request goes to another host. */
const DNS_LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;

/** The prefix to put before the endpoint's host, its labels filled from `input`. */
export function expandHostPrefix(op: OperationSchema, input: Record<string, unknown>): string {
  let out = "";
  for (const part of op.hostPrefix ?? []) {
    if (typeof part === "string") {
      out += part;
      continue;
    }
    const member = `${op.name}.${part.member}`;
    const value = input[part.member];
    if (typeof value !== "string" || value === "") throw new ValidationError(`${op.name}: missing value for host label ${member}`, { member });
    if (!DNS_LABEL.test(value)) throw new ValidationError(`${op.name}: host label ${member} is not a valid DNS label`, { member });
    out += value;
  }
  return out;
}
