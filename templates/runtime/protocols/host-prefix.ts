// An operation's endpoint host prefix (`{AccountId}.data.`), split at generation time into
// literal text and the input members that fill its labels. Only operations with a prefix refer to
// this code (OperationSchema.hostPrefix), so a bundle without one leaves it out.

import { ValidationError } from "../errors.js";
import type { HostPart } from "../schema.js";

/** One DNS label (RFC 1123): a host label must stay one, or the request goes to another host. */
const DNS_LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;

/** The prefix to put before the endpoint's host, its labels filled from `input`. */
export function expandHostPrefix(parts: readonly HostPart[], operation: string, input: Record<string, unknown>): string {
  let out = "";
  for (const part of parts) {
    if (typeof part === "string") {
      out += part;
      continue;
    }
    const member = `${operation}.${part.member}`;
    const value = input[part.member];
    if (typeof value !== "string" || value === "") throw new ValidationError(`${operation}: missing value for host label ${member}`, { member });
    if (!DNS_LABEL.test(value)) throw new ValidationError(`${operation}: host label ${member} is not a valid DNS label`, { member });
    out += value;
  }
  return out;
}

