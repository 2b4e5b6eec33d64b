// Which auth schemes an operation accepts, in the model's order, decided once from the traits
// botocore models carry: an operation's `auth` list, else its `authtype`, else the service's
// `auth` list, else its `signatureVersion`. The runtime picks the first it can satisfy.
//   "auth": ["aws.auth#sigv4", "smithy.api#httpBearerAuth"] → ["sigv4", "bearer"]
//   "authtype": "none" → ["none"];  "authtype": "v4-unsigned-body" → ["sigv4"] (payload unsigned)
//   "signatureVersion": "s3v4" → ["sigv4"];  "v2" (SimpleDB) → ["sigv2"], which the runtime refuses clearly

import type { ModelMetadata, ModelOperation } from "../model/types.js";
import type { AuthScheme } from "./types.js";

const BY_TRAIT: Record<string, AuthScheme> = {
  "aws.auth#sigv4": "sigv4",
  "aws.auth#sigv4a": "sigv4a",
  "smithy.api#httpBearerAuth": "bearer",
  "smithy.api#noAuth": "none",
};

const BY_AUTHTYPE: Record<string, AuthScheme> = {
  none: "none",
  "v4-unsigned-body": "sigv4",
  v4: "sigv4",
  "s3v4": "sigv4",
  bearer: "bearer",
  v2: "sigv2",
};

const BY_SIGNATURE_VERSION: Record<string, AuthScheme> = {
  v4: "sigv4",
  s3: "sigv4",
  s3v4: "sigv4",
  v4a: "sigv4a",
  bearer: "bearer",
  v2: "sigv2",
};

/** Schemes of a trait list; unknown ones are left out (a newer trait a runtime cannot use anyway). */
function fromTraits(traits: readonly string[]): AuthScheme[] {
  return [...new Set(traits.map((t) => BY_TRAIT[t]).filter((s): s is AuthScheme => s !== undefined))];
}

/** The service's default schemes. */
export function serviceAuth(m: ModelMetadata): AuthScheme[] {
  const listed = m.auth ? fromTraits(m.auth) : [];
  if (listed.length > 0) return listed;
  return [BY_SIGNATURE_VERSION[m.signatureVersion ?? "v4"] ?? "sigv4"];
}

/** An operation's schemes, when it says anything of its own; else undefined (the service's apply). */
export function operationAuth(op: ModelOperation): AuthScheme[] | undefined {
  if (op.auth && op.auth.length > 0) {
    const listed = fromTraits(op.auth);
    if (listed.length > 0) return listed;
  }
  if (op.authtype !== undefined && BY_AUTHTYPE[op.authtype] !== undefined) return [BY_AUTHTYPE[op.authtype]!];
  return undefined;
}

/** botocore's `v4-unsigned-body` (and newer models' `unsignedPayload`): sign `UNSIGNED-PAYLOAD` instead of the body's hash. */
export const isUnsignedPayload = (op: ModelOperation): boolean => op.unsignedPayload === true || op.authtype === "v4-unsigned-body";
