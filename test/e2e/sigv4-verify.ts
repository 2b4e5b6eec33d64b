// The fake service's SigV4 check, done as a service would and with an independent signer
// (@smithy/signature-v4, the one AWS SDK for JavaScript v3 uses): take the headers the client says
// it signed, re-sign the request as received on the wire with the same key and x-amz-date, and
// compare the whole Authorization header.

import { Hash } from "@smithy/hash-node";
import { HttpRequest } from "@smithy/protocol-http";
import { SignatureV4 } from "@smithy/signature-v4";

export interface ReceivedRequest {
  method: string;
  /** Path as on the wire, still percent-encoded. */
  path: string;
  /** Query as on the wire, without "?". */
  query: string;
  /** Node's rawHeaders: [name, value, name, value, ...]. */
  rawHeaders: readonly string[];
  body: Uint8Array;
}

export interface SigningSecrets {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  region: string;
  service: string;
}

export type Verdict = { ok: true; signedHeaders: string[]; amzDate: Date } | { ok: false; reason: string };

const AUTHORIZATION =
  /^AWS4-HMAC-SHA256 Credential=([^/,\s]+)\/(\d{8})\/([^/,\s]+)\/([^/,\s]+)\/aws4_request, SignedHeaders=([a-z0-9;\-]+), Signature=([0-9a-f]{64})$/;
const AMZ_DATE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;

/** Lower-case name → value; a repeated header's values are joined with "," as SigV4 does. */
function headerValues(rawHeaders: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const name = rawHeaders[i]!.toLowerCase();
    const prev = out.get(name);
    out.set(name, prev === undefined ? rawHeaders[i + 1]! : `${prev},${rawHeaders[i + 1]!}`);
  }
  return out;
}

/** "a=1&b=%20&b=x" → { a: "1", b: [" ", "x"] }: decoded, as smithy's HttpRequest holds a query. */
function decodeQuery(query: string): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const part of query.split("&")) {
    if (part === "") continue;
    const eq = part.indexOf("=");
    const key = decodeURIComponent(eq < 0 ? part : part.slice(0, eq));
    const value = eq < 0 ? "" : decodeURIComponent(part.slice(eq + 1));
    const prev = out[key];
    out[key] = prev === undefined ? value : Array.isArray(prev) ? [...prev, value] : [prev, value];
  }
  return out;
}

export async function verifySigV4(req: ReceivedRequest, secrets: SigningSecrets): Promise<Verdict> {
  const headers = headerValues(req.rawHeaders);
  const authorization = headers.get("authorization");
  if (authorization === undefined) return { ok: false, reason: "no Authorization header" };
  const m = AUTHORIZATION.exec(authorization);
  if (!m) return { ok: false, reason: `malformed Authorization header: ${authorization}` };
  const [, keyId, day, region, service, signedList] = m as unknown as [string, string, string, string, string, string];
  const amz = headers.get("x-amz-date");
  const d = amz === undefined ? null : AMZ_DATE.exec(amz);
  if (!amz || !d) return { ok: false, reason: `missing or malformed x-amz-date: ${amz}` };
  if (keyId !== secrets.accessKeyId) return { ok: false, reason: `unknown access key ${keyId}` };
  if (day !== amz.slice(0, 8)) return { ok: false, reason: `credential scope day ${day} is not the x-amz-date day ${amz}` };
  if (region !== secrets.region || service !== secrets.service) {
    return { ok: false, reason: `credential scope ${region}/${service}, expected ${secrets.region}/${secrets.service}` };
  }
  if (secrets.sessionToken !== undefined && headers.get("x-amz-security-token") !== secrets.sessionToken) {
    return { ok: false, reason: "x-amz-security-token missing or wrong" };
  }
  const signed = signedList.split(";");
  // What AWS insists on: host and x-amz-date signed, and every x-amz-* header sent is signed.
  for (const name of ["host", "x-amz-date", ...[...headers.keys()].filter((h) => h.startsWith("x-amz-"))]) {
    if (!signed.includes(name)) return { ok: false, reason: `header ${name} is not signed (SignedHeaders=${signedList})` };
  }
  if (req.body.length > 0 && !signed.includes("content-type")) {
    return { ok: false, reason: `a body was sent but content-type is not signed (SignedHeaders=${signedList})` };
  }
  const toSign: Record<string, string> = {};
  for (const name of signed) {
    const value = headers.get(name);
    if (value === undefined) return { ok: false, reason: `signed header ${name} was not received` };
    toSign[name] = value;
  }
  const hostHeader = headers.get("host")!;
  const [hostname, port] = hostHeader.split(":") as [string, string | undefined];
  const signer = new SignatureV4({
    credentials: {
      accessKeyId: secrets.accessKeyId,
      secretAccessKey: secrets.secretAccessKey,
      ...(secrets.sessionToken === undefined ? {} : { sessionToken: secrets.sessionToken }),
    },
    region: secrets.region,
    service: secrets.service,
    sha256: Hash.bind(null, "sha256"),
    uriEscapePath: true, // every service but S3: the wire path is encoded once more
    applyChecksum: false, // the client sends no x-amz-content-sha256; do not add one
  });
  const amzDate = new Date(Date.UTC(+d[1]!, +d[2]! - 1, +d[3]!, +d[4]!, +d[5]!, +d[6]!));
  const request = new HttpRequest({
    method: req.method,
    protocol: "http:",
    hostname,
    ...(port === undefined ? {} : { port: Number(port) }),
    path: req.path,
    query: decodeQuery(req.query),
    headers: toSign,
    ...(req.body.length > 0 ? { body: req.body } : {}),
  });
  const resigned = await signer.sign(request, { signingDate: amzDate, signableHeaders: new Set(signed) });
  const expected = resigned.headers["authorization"];
  if (expected !== authorization) {
    return { ok: false, reason: `signature mismatch:\n  received ${authorization}\n  expected ${expected}` };
  }
  return { ok: true, signedHeaders: signed, amzDate };
}
