// Wire encodings shared by every protocol: UTF-8, base64, RFC 3986 percent-encoding, UUID v4
// and the three AWS timestamp formats. Globals only (TextEncoder, TextDecoder, crypto).
// Errors never quote the value: it may be sensitive and error messages end up in logs.

import type { TimestampFormat } from "./schema.js";

const utf8Encoder = new TextEncoder();
const utf8Decoder = new TextDecoder("utf-8");

export const toUtf8 = (text: string): Uint8Array => utf8Encoder.encode(text);
export const fromUtf8 = (bytes: Uint8Array): string => utf8Decoder.decode(bytes);

/** Bytes of a blob value as users may pass it: bytes, a buffer, or text (sent as UTF-8). */
export function toBytes(value: unknown): Uint8Array {
  if (value instanceof Uint8Array) return value;
  if (typeof value === "string") return toUtf8(value);
  if (value instanceof ArrayBuffer) return new Uint8Array(value);
  if (ArrayBuffer.isView(value)) return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  throw new TypeError(`expected bytes (Uint8Array, ArrayBuffer or string), got ${typeof value}`);
}

// ---- base64 (RFC 4648 §4, with padding) ----

const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const B64_INDEX = new Int16Array(128).fill(-1);
for (let i = 0; i < B64.length; i++) B64_INDEX[B64.charCodeAt(i)] = i;
// Accept the URL-safe alphabet too when decoding (RFC 4648 §5).
B64_INDEX["-".charCodeAt(0)] = 62;
B64_INDEX["_".charCodeAt(0)] = 63;

export function toBase64(input: Uint8Array | string): string {
  const bytes = typeof input === "string" ? toUtf8(input) : input;
  let out = "";
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out += B64[n >> 18]! + B64[(n >> 12) & 63]! + B64[(n >> 6) & 63]! + B64[n & 63]!;
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = bytes[i]! << 16;
    out += B64[n >> 18]! + B64[(n >> 12) & 63]! + "==";
  } else if (rest === 2) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8);
    out += B64[n >> 18]! + B64[(n >> 12) & 63]! + B64[(n >> 6) & 63]! + "=";
  }
  return out;
}

/** Decodes base64 (standard or URL-safe alphabet, padding optional, whitespace ignored). */
export function fromBase64(text: string): Uint8Array {
  const clean = text.replace(/[\s]+/g, "").replace(/=+$/, "");
  if (clean.length % 4 === 1) throw new SyntaxError("invalid base64: bad length");
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let bits = 0;
  let acc = 0;
  let o = 0;
  for (let i = 0; i < clean.length; i++) {
    const code = clean.charCodeAt(i);
    const v = code < 128 ? B64_INDEX[code]! : -1;
    if (v < 0) throw new SyntaxError(`invalid base64: unexpected character at ${i}`);
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  return out;
}

// ---- RFC 3986 percent-encoding ----

const HEX = "0123456789ABCDEF";

const isUnreserved = (b: number): boolean =>
  (b >= 0x41 && b <= 0x5a) || // A-Z
  (b >= 0x61 && b <= 0x7a) || // a-z
  (b >= 0x30 && b <= 0x39) || // 0-9
  b === 0x2d || // -
  b === 0x2e || // .
  b === 0x5f || // _
  b === 0x7e; // ~

/**
 * RFC 3986 §2.3: keeps only unreserved characters (ALPHA DIGIT - . _ ~), percent-encodes every
 * other UTF-8 byte with upper-case hex. Lone surrogates become U+FFFD, as TextEncoder does.
 */
export function percentEncode(value: string): string {
  let out = "";
  const bytes = toUtf8(value);
  for (const b of bytes) out += isUnreserved(b) ? String.fromCharCode(b) : "%" + HEX[b >> 4] + HEX[b & 15];
  return out;
}

/** A URI label value: every reserved character is encoded; a greedy label (`{Key+}`) keeps `/`. */
export const encodeUriLabel = (value: string, greedy = false): string =>
  greedy ? value.split("/").map(percentEncode).join("/") : percentEncode(value);

// ---- UUID v4 ----

/** RFC 9562 version 4 UUID from the platform's CSPRNG. */
export function uuidV4(): string {
  const c = (globalThis as { crypto?: Crypto }).crypto;
  if (c && typeof c.randomUUID === "function") return c.randomUUID();
  if (!c || typeof c.getRandomValues !== "function") throw new Error("crypto.getRandomValues is not available");
  const b = c.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  let hex = "";
  for (const x of b) hex += HEX[x >> 4]! + HEX[x & 15]!;
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

// ---- timestamps ----

const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const pad = (n: number, width = 2): string => String(n).padStart(width, "0");

function checkDate(date: Date): Date {
  if (Number.isNaN(date.getTime())) throw new RangeError("invalid date");
  return date;
}

/** Seconds since the epoch, milliseconds kept as a fraction (1398796238, 946845296.123). */
export const toEpochSeconds = (date: Date): number => checkDate(date).getTime() / 1000;

/** RFC 3339 / ISO 8601 in UTC; fractional seconds only when there are any ("...:38Z", "...:56.123Z"). */
export function formatIso8601(date: Date): string {
  const d = checkDate(date);
  const base =
    `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}` +
    `T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  const ms = d.getUTCMilliseconds();
  return ms === 0 ? `${base}Z` : `${base}.${pad(ms, 3)}Z`;
}

/** RFC 7231 IMF-fixdate: "Tue, 29 Apr 2014 18:30:38 GMT" (sub-second precision is dropped). */
export function formatHttpDate(date: Date): string {
  const d = checkDate(date);
  return (
    `${DAYS[d.getUTCDay()]}, ${pad(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${pad(d.getUTCFullYear(), 4)} ` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} GMT`
  );
}

/** A timestamp as text in the given wire format (headers, query strings, labels). */
export function formatTimestamp(date: Date, format: TimestampFormat): string {
  switch (format) {
    case "unixTimestamp":
      return String(toEpochSeconds(date));
    case "rfc822":
      return formatHttpDate(date);
    default:
      return formatIso8601(date);
  }
}

function utcDate(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  ms: number,
): Date | undefined {
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return undefined;
  const d = new Date(0);
  // setUTCFullYear, unlike Date.UTC, does not map years 0-99 to 1900-1999.
  d.setUTCFullYear(year, month - 1, day);
  d.setUTCHours(hour, minute, Math.min(second, 59), ms);
  if (d.getUTCDate() !== day) return undefined; // 31 Feb and friends
  return d;
}

const fractionToMs = (digits: string | undefined): number =>
  digits ? Math.floor(Number(`0.${digits}`) * 1000 + 1e-6) : 0;

const ISO_8601 =
  /^(\d{4,})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:[.,](\d+))?(?:([Zz])|([+-])(\d{2}):?(\d{2}))?$/;

/** RFC 3339 date-time, with optional fractional seconds (truncated to milliseconds) and offset. */
export function parseIso8601(text: string): Date {
  const m = ISO_8601.exec(text.trim());
  const d =
    m &&
    utcDate(Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]), fractionToMs(m[7]));
  if (!m || !d) throw new SyntaxError(`invalid ISO 8601 timestamp (${text.length} characters)`);
  if (m[9]) {
    const offsetMinutes = Number(m[10]) * 60 + Number(m[11]);
    d.setTime(d.getTime() - (m[9] === "-" ? -1 : 1) * offsetMinutes * 60_000);
  }
  return d;
}

const monthIndex = (name: string): number => MONTHS.findIndex((m) => m.toLowerCase() === name.toLowerCase());

// IMF-fixdate ("Sun, 06 Nov 1994 08:49:37 GMT"), RFC 850 ("Sunday, 06-Nov-94 08:49:37 GMT")
// and asctime ("Sun Nov  6 08:49:37 1994"), per RFC 7231 §7.1.1.1.
const IMF_FIXDATE = /^[A-Za-z]{3},\s+(\d{1,2})\s+([A-Za-z]{3})\s+(\d{4})\s+(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?\s+(?:GMT|UTC|Z|\+0000)$/;
const RFC_850 = /^[A-Za-z]+,\s+(\d{1,2})-([A-Za-z]{3})-(\d{2})\s+(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?\s+GMT$/;
const ASCTIME = /^[A-Za-z]{3}\s+([A-Za-z]{3})\s+(\d{1,2})\s+(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?\s+(\d{4})$/;

/** HTTP-date in any of the three RFC 7231 forms; always UTC. */
export function parseHttpDate(text: string): Date {
  const t = text.trim();
  let d: Date | undefined;
  let m = IMF_FIXDATE.exec(t);
  if (m) {
    d = utcDate(Number(m[3]), monthIndex(m[2]!) + 1, Number(m[1]), Number(m[4]), Number(m[5]), Number(m[6]), fractionToMs(m[7]));
  } else if ((m = RFC_850.exec(t))) {
    // RFC 7231: a two-digit year more than 50 years in the future is in the past century.
    let year = 2000 + Number(m[3]);
    if (year > new Date().getUTCFullYear() + 50) year -= 100;
    d = utcDate(year, monthIndex(m[2]!) + 1, Number(m[1]), Number(m[4]), Number(m[5]), Number(m[6]), fractionToMs(m[7]));
  } else if ((m = ASCTIME.exec(t))) {
    d = utcDate(Number(m[7]), monthIndex(m[1]!) + 1, Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]), fractionToMs(m[6]));
  }
  if (!d) throw new SyntaxError(`invalid HTTP-date (${text.length} characters)`);
  return d;
}

/** Seconds since the epoch, as a JSON number or a decimal string ("1398796238", "946845296.123"). */
export function parseEpochSeconds(value: number | string): Date {
  const n = typeof value === "number" ? value : /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(value.trim()) ? Number(value) : NaN;
  if (!Number.isFinite(n)) throw new SyntaxError("invalid epoch-seconds timestamp");
  return new Date(Math.round(n * 1000));
}

/**
 * Reads a timestamp whatever its format, as botocore does: services do not always honor the
 * modeled format, so numbers are epoch seconds and strings are tried as epoch, ISO 8601 and HTTP-date.
 */
export function parseTimestamp(value: unknown): Date {
  if (value instanceof Date) return checkDate(value);
  if (typeof value === "number") return parseEpochSeconds(value);
  if (typeof value !== "string") throw new SyntaxError(`invalid timestamp: expected a number or string, got ${typeof value}`);
  const t = value.trim();
  if (/^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(t)) return parseEpochSeconds(t);
  if (/^\d{4,}-/.test(t)) return parseIso8601(t);
  return parseHttpDate(t);
}

/** A timestamp input as users may pass it: a Date, epoch seconds, or a string in any wire format. */
export function toDate(value: unknown): Date {
  return value instanceof Date ? checkDate(value) : parseTimestamp(value);
}
