// AWS Signature Version 4, one exported function per step:
//   canonicalRequest() → stringToSign() → signingKey() → signature() → authorization()
// and signRequest(), which runs them all for a request.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html
//
// Hashing uses Node's crypto synchronously when it is there, WebCrypto otherwise (see hash.ts);
// the functions that hash return promises either way.

import { assembleCanonicalRequest, canonicalPath, canonicalQuery } from "./sigv4-canonical.js";
import { EMPTY_SHA256, hmacHexNode, hmacHexWebReusedKey, nodeCrypto, sha256HexNode, sha256HexWeb } from "./hash.js";
import { signingKey, signingKeyNode } from "./sigv4-signing-key.js";

export {
  canonicalRequest,
  canonicalHeaderValue,
  canonicalPath,
  canonicalQuery,
  uriEncode,
  type CanonicalRequest,
  type CanonicalRequestInput,
  type CanonicalRequestOptions,
  type HeaderList,
  type QueryList,
} from "./sigv4-canonical.js";
export { clearSigningKeyCache, signingKey } from "./sigv4-signing-key.js";
export { EMPTY_SHA256, sha256Hex } from "./hash.js";

export const ALGORITHM = "AWS4-HMAC-SHA256";
export const UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";

export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

let lastSecond = NaN;
let lastAmzDate = "";

/** `20150830T123600Z`: the `x-amz-date` form of a date. */
export function amzDate(date: Date): string {
  // Requests signed in the same second share the string: toISOString() is slow next to signing.
  const second = Math.floor(date.getTime() / 1000);
  if (second !== lastSecond) {
    const iso = date.toISOString(); // 2015-08-30T12:36:00.000Z
    lastAmzDate = `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`;
    lastSecond = second;
  }
  return lastAmzDate;
}

/** `20150830/us-east-1/service/aws4_request`; `date` is `YYYYMMDD`. */
export function credentialScope(date: string, region: string, service: string): string {
  return `${date}/${region}/${service}/aws4_request`;
}

/** SigV4 task 2: the string to sign. `datetime` is `20150830T123600Z`. */
export function stringToSign(datetime: string, scope: string, canonicalRequestHash: string): string {
  return `${ALGORITHM}\n${datetime}\n${scope}\n${canonicalRequestHash}`;
}

/** SigV4 task 3b: the signature, hex HMAC-SHA256 of the string to sign under the signing key. */
export function signature(key: Uint8Array, stringToSign: string): Promise<string> {
  const node = nodeCrypto();
  return node ? Promise.resolve(hmacHexNode(node, key, stringToSign)) : hmacHexWebReusedKey(key, stringToSign);
}

/** SigV4 task 4: the `Authorization` header value. */
export function authorization(accessKeyId: string, scope: string, signedHeaders: string, signature: string): string {
  return `${ALGORITHM} Credential=${accessKeyId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
}

export interface SignableRequest {
  method: string;
  url: string | URL;
  headers: Record<string, string>;
  body?: string | Uint8Array;
}

export interface SignOptions {
  credentials: Credentials;
  region: string;
  service: string;
  /** The signing time; now by default. */
  date?: Date;
  /** Sign the payload as `UNSIGNED-PAYLOAD` instead of hashing the body. */
  unsignedPayload?: boolean;
  /** Send and sign `x-amz-content-sha256` (S3 requires it; other services accept it). */
  applyChecksumHeader?: boolean;
  /** Default: true, except for S3. */
  normalizePath?: boolean;
  /** Default: true, except for S3. */
  doubleEncodePath?: boolean;
}

// Headers that proxies and user agents add, drop or rewrite: signing them would break the signature.
const UNSIGNED_HEADERS = new Set([
  "authorization",
  "connection",
  "expect",
  "keep-alive",
  "proxy-authorization",
  "te",
  "trailer",
  "transfer-encoding",
  "upgrade",
  "user-agent",
  "x-amzn-trace-id",
]);

/**
 * Signs a request. Returns every header to send, names lowercase: the request's own headers plus
 * `host` (unless given), `x-amz-date`, `x-amz-security-token` (with a session token),
 * `x-amz-content-sha256` (when asked) and `authorization`. If the request already carries
 * `x-amz-content-sha256`, that value is signed as the payload hash and the body is not hashed.
 */
export async function signRequest(request: SignableRequest, options: SignOptions): Promise<Record<string, string>> {
  const { credentials, region, service } = options;
  const { host, path, query } = typeof request.url === "string" ? splitUrl(request.url) : { host: request.url.host, path: request.url.pathname, query: request.url.search };
  const node = nodeCrypto();

  const headers: Record<string, string> = {};
  for (const name of Object.keys(request.headers)) {
    const key = name.toLowerCase();
    if (key === "authorization") continue; // replaced below
    const value = request.headers[name]!;
    // Names differing only in case are joined as `Headers` would send them.
    setHeader(headers, key, Object.hasOwn(headers, key) ? `${headers[key]}, ${value}` : value);
  }

  let payloadHash = Object.hasOwn(headers, "x-amz-content-sha256") ? headers["x-amz-content-sha256"] : undefined;
  if (payloadHash === undefined) {
    const body = request.body;
    if (options.unsignedPayload) payloadHash = UNSIGNED_PAYLOAD;
    else if (body === undefined || body.length === 0) payloadHash = EMPTY_SHA256;
    else payloadHash = node ? sha256HexNode(node, body) : await sha256HexWeb(body);
    if (options.applyChecksumHeader) headers["x-amz-content-sha256"] = payloadHash;
  }

  const datetime = amzDate(options.date ?? new Date());
  const day = datetime.slice(0, 8);
  if (!Object.hasOwn(headers, "host")) headers["host"] = host;
  headers["x-amz-date"] = datetime;
  if (credentials.sessionToken) headers["x-amz-security-token"] = credentials.sessionToken;

  const names: string[] = [];
  for (const name of Object.keys(headers)) if (!UNSIGNED_HEADERS.has(name)) names.push(name);
  const s3 = service === "s3";
  const { canonical, signedHeaders } = assembleCanonicalRequest(
    request.method.toUpperCase(),
    canonicalPath(path, options.normalizePath ?? !s3, options.doubleEncodePath ?? !s3),
    canonicalQuery(query),
    names,
    headers,
    payloadHash,
  );
  const scope = credentialScope(day, region, service);

  let sig: string;
  if (node) {
    const toSign = stringToSign(datetime, scope, sha256HexNode(node, canonical));
    sig = hmacHexNode(node, signingKeyNode(node, credentials.secretAccessKey, day, region, service), toSign);
  } else {
    const toSign = stringToSign(datetime, scope, await sha256HexWeb(canonical));
    sig = await hmacHexWebReusedKey(await signingKey(credentials.secretAccessKey, day, region, service), toSign);
  }
  headers["authorization"] = authorization(credentials.accessKeyId, scope, signedHeaders, sig);
  return headers;
}

/**
 * Host, path and query of a URL string, the path and query as written: the WHATWG parser would
 * resolve "/./" and "/../" and encode characters the serializer left alone, and the signature must
 * be over the path as it goes out. (A path not yet encoded, as the SigV4 test suite writes its
 * requests, is encoded once by canonicalPath; an encoded one, as the serializers make them, twice.)
 */
function splitUrl(url: string): { host: string; path: string; query: string } {
  const authority = url.indexOf("//") + 2;
  const pathStart = url.indexOf("/", authority);
  const queryStart = url.indexOf("?", authority);
  const end = url.indexOf("#", authority);
  const stop = end < 0 ? url.length : end;
  const hostEnd = [pathStart, queryStart, stop].filter((i) => i >= 0).reduce((a, b) => Math.min(a, b));
  const rest = url.slice(hostEnd, stop);
  const q = rest.indexOf("?");
  const authorityText = url.slice(authority, hostEnd);
  const host = authorityText.slice(authorityText.lastIndexOf("@") + 1);
  // Through URL for the host only: a default port (":443" for https) is dropped, as fetch sends it.
  const scheme = url.slice(0, authority - 2);
  return { host: new URL(`${scheme}//${host}`).host, path: q < 0 ? rest : rest.slice(0, q), query: q < 0 ? "" : rest.slice(q) };
}

function setHeader(headers: Record<string, string>, name: string, value: string): void {
  // A plain object is much faster than a Map here; "__proto__" is the one name it cannot simply take.
  if (name === "__proto__") {
    Object.defineProperty(headers, name, { value, enumerable: true, writable: true, configurable: true });
  } else {
    headers[name] = value;
  }
}
