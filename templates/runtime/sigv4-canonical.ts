// SigV4 task 1: the canonical request.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html#create-canonical-request
//
//   METHOD \n canonical path \n canonical query \n canonical headers \n \n signed headers \n payload hash

export type HeaderList = Record<string, string> | ReadonlyArray<readonly [string, string]>;
export type QueryList = string | ReadonlyArray<readonly [string, string]>;

export interface CanonicalRequestInput {
  method: string;
  /** The path as sent on the wire (already URI-encoded once), without the query. */
  path: string;
  /**
   * The query as sent on the wire (`"a=1&b=%20"`, a leading `?` is ignored), or decoded
   * `[key, value]` pairs that are still to be encoded.
   */
  query: QueryList;
  /** Every header to sign. Names are case-insensitive; repeated names are allowed in a list. */
  headers: HeaderList;
  /** Hex SHA-256 of the body, or `"UNSIGNED-PAYLOAD"`. */
  payloadHash: string;
}

export interface CanonicalRequestOptions {
  /** Remove `.`/`..` segments and duplicate slashes. Default true; S3 wants false. */
  normalizePath?: boolean;
  /** URI-encode each path segment once more. Default true; S3 wants false (encoded once). */
  doubleEncodePath?: boolean;
}

export interface CanonicalRequest {
  canonical: string;
  /** Lowercase header names joined by `;`, as in the Authorization header. */
  signedHeaders: string;
}

/** Builds the SigV4 canonical request and the list of signed headers. */
export function canonicalRequest(req: CanonicalRequestInput, options: CanonicalRequestOptions = {}): CanonicalRequest {
  // SigV4: lowercase names; a repeated header's values are joined with "," in order.
  const headers: Record<string, string> = Object.create(null) as Record<string, string>;
  const add = (name: string, value: string): void => {
    const key = name.toLowerCase();
    const prev = headers[key];
    const canonical = canonicalHeaderValue(value);
    headers[key] = prev === undefined ? canonical : `${prev},${canonical}`;
  };
  if (isPairList(req.headers)) {
    for (const [name, value] of req.headers) add(name, value);
  } else {
    for (const name of Object.keys(req.headers)) add(name, req.headers[name]!);
  }
  return assembleCanonicalRequest(
    req.method,
    canonicalPath(req.path, options.normalizePath ?? true, options.doubleEncodePath ?? true),
    canonicalQuery(req.query),
    Object.keys(headers),
    headers,
    req.payloadHash,
  );
}

/**
 * The last step of `canonicalRequest`, for callers that already hold the canonical path and query.
 * `names` are the headers to sign, lowercase, in any order (sorted in place); `headers` holds their values.
 */
export function assembleCanonicalRequest(
  method: string,
  path: string,
  query: string,
  names: string[],
  headers: Readonly<Record<string, string>>,
  payloadHash: string,
): CanonicalRequest {
  names.sort(); // code-unit order, as SigV4 wants
  let lines = "";
  for (const name of names) lines += `${name}:${canonicalHeaderValue(headers[name]!)}\n`;
  const signedHeaders = names.join(";");
  return { canonical: `${method}\n${path}\n${query}\n${lines}\n${signedHeaders}\n${payloadHash}`, signedHeaders };
}

function isPairList(headers: HeaderList): headers is ReadonlyArray<readonly [string, string]> {
  return Array.isArray(headers);
}

// SigV4: trim header values and collapse inner runs of whitespace (folded lines included) to one space.
const NEEDS_COLLAPSE = /[ \t\r\n]{2}|[\t\r\n]/;
const WHITESPACE_RUN = /[ \t\r\n]+/g;

export function canonicalHeaderValue(value: string): string {
  const trimmed = value.trim();
  return NEEDS_COLLAPSE.test(trimmed) ? trimmed.replace(WHITESPACE_RUN, " ") : trimmed;
}

// ---- Path ----

const PLAIN_PATH = /^[A-Za-z0-9\-_.~/]*$/;

/**
 * The canonical URI. `path` is the path as on the wire. With `normalize`, dot segments and
 * empty segments are removed (RFC 3986 5.2.4; a trailing slash stays). With `doubleEncode`
 * (every service but S3), each segment is URI-encoded again, so `%20` becomes `%2520`; without
 * it, each segment is encoded exactly once (existing escapes are kept, other bytes encoded).
 */
export function canonicalPath(path: string, normalize: boolean, doubleEncode: boolean): string {
  if (path === "" || path === "/") return "/";
  // Fast path: nothing to encode, and no empty or dot segment to remove.
  if (PLAIN_PATH.test(path) && path.charCodeAt(0) === 47 && !path.includes("//") && !path.includes("/.")) {
    return path;
  }
  let segments = path.split("/");
  let trailingSlash = false;
  if (normalize) {
    const kept: string[] = [];
    for (const segment of segments) {
      if (segment === "" || segment === ".") continue;
      if (segment === "..") kept.pop();
      else kept.push(segment);
    }
    const last = segments[segments.length - 1];
    trailingSlash = kept.length > 0 && (last === "" || last === "." || last === "..");
    segments = kept;
  } else if (segments[0] === "") {
    segments.shift(); // the leading slash is added back below
  }
  const encode = doubleEncode ? uriEncode : reencode;
  let out = "";
  for (const segment of segments) out += `/${encode(segment)}`;
  if (trailingSlash || out === "") out += "/";
  return out;
}

// ---- Query ----

/**
 * The canonical query string: every parameter as `key=value` (both URI-encoded, a missing value
 * is empty), sorted by encoded key, then encoded value, joined with `&`.
 */
export function canonicalQuery(query: QueryList): string {
  const pairs: [string, string][] = [];
  if (typeof query === "string") {
    const start = query.charCodeAt(0) === 63 ? 1 : 0; // "?"
    if (query.length <= start) return "";
    for (const part of query.slice(start).split("&")) {
      if (part === "") continue;
      const eq = part.indexOf("=");
      // On the wire the query is already encoded: bring it to the one canonical encoding.
      pairs.push(eq < 0 ? [reencode(part), ""] : [reencode(part.slice(0, eq)), reencode(part.slice(eq + 1))]);
    }
  } else {
    for (const [key, value] of query) pairs.push([uriEncode(key), uriEncode(value)]);
  }
  if (pairs.length > 1) {
    pairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  }
  let out = "";
  for (const [key, value] of pairs) out += `${out === "" ? "" : "&"}${key}=${value}`;
  return out;
}

// ---- URI encoding (RFC 3986, as SigV4 wants it) ----

const UNRESERVED = /^[A-Za-z0-9\-_.~]*$/;
const ENCODE_URI_COMPONENT_KEEPS = /[!'()*]/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Encodes every byte of the UTF-8 form except `A-Za-z0-9-_.~` as `%XX` (uppercase hex). */
export function uriEncode(value: string): string {
  if (UNRESERVED.test(value)) return value;
  let encoded: string;
  try {
    encoded = encodeURIComponent(value);
  } catch {
    // A lone surrogate: encode U+FFFD in its place, as TextEncoder and URL do.
    encoded = encodeURIComponent(value.replace(LONE_SURROGATE, "\uFFFD"));
  }
  return encoded.replace(ENCODE_URI_COMPONENT_KEEPS, percentEncodeChar);
}

function percentEncodeChar(char: string): string {
  return `%${char.charCodeAt(0).toString(16).toUpperCase()}`;
}

const ENCODED_PIECE = /%([0-9A-Fa-f]{2})|%|[^A-Za-z0-9\-_.~%]+/g;

/**
 * Normalizes an already-encoded component to the canonical encoding, byte for byte, as if decoded
 * and encoded again: `%XX` of an unreserved byte becomes the character, other escapes get uppercase
 * hex, a `%` not followed by two hex digits becomes `%25` and raw characters are encoded.
 */
function reencode(value: string): string {
  if (UNRESERVED.test(value)) return value;
  return value.replace(ENCODED_PIECE, (piece: string, hex: string | undefined) => {
    if (hex === undefined) return piece === "%" ? "%25" : uriEncode(piece);
    const byte = parseInt(hex, 16);
    const char = String.fromCharCode(byte);
    return byte < 0x80 && UNRESERVED.test(char) ? char : `%${hex.toUpperCase()}`;
  });
}
