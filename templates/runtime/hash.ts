// SHA-256 and HMAC-SHA256 for SigV4, hex out.
//
// Two backends with the same results:
// - Node's crypto, synchronous and much faster than WebCrypto. It is reached through
//   `process.getBuiltinModule` (Node >= 20.16), never a static import, so this file still bundles
//   for browsers and workers, where `process` does not exist.
// - WebCrypto (`crypto.subtle`), asynchronous, everywhere else.

/** The part of `node:crypto` used here (typed locally: the runtime must not need @types/node). */
export interface NodeCrypto {
  createHash(algorithm: "sha256"): NodeHash;
  createHmac(algorithm: "sha256", key: string | Uint8Array): NodeHash;
  /** One-shot hash, Node >= 20.12. */
  hash?: (algorithm: "sha256", data: string | Uint8Array, outputEncoding: "hex") => string;
}

interface NodeHash {
  update(data: string | Uint8Array): NodeHash; // strings are hashed as UTF-8
  digest(): Uint8Array;
  digest(encoding: "hex"): string;
}

/** SHA-256 of the empty string: the payload hash of a request without a body. */
export const EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

// Looked up at the first hash, not at import: loading node:crypto costs a few milliseconds of
// start-up that a process which never signs should not pay. `null`: looked up, not there.
let builtinCrypto: NodeCrypto | null | undefined;
let nodeCryptoEnabled = true;

function loadNodeCrypto(): NodeCrypto | undefined {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  try {
    const mod = proc?.getBuiltinModule?.("node:crypto") as NodeCrypto | undefined;
    return typeof mod?.createHmac === "function" ? mod : undefined;
  } catch {
    return undefined;
  }
}

/** Node's crypto when present and enabled; otherwise `undefined` (use the WebCrypto functions). */
export function nodeCrypto(): NodeCrypto | undefined {
  if (!nodeCryptoEnabled) return undefined;
  if (builtinCrypto === undefined) builtinCrypto = loadNodeCrypto() ?? null;
  return builtinCrypto ?? undefined;
}

/**
 * Turns the synchronous Node crypto path on or off, e.g. to check that the WebCrypto path gives
 * the same signatures. Returns whether Node crypto is in use afterwards.
 */
export function useNodeCrypto(enabled: boolean): boolean {
  nodeCryptoEnabled = enabled;
  return nodeCrypto() !== undefined;
}

// ---- Node (synchronous) ----

export function sha256HexNode(node: NodeCrypto, data: string | Uint8Array): string {
  return node.hash ? node.hash("sha256", data, "hex") : node.createHash("sha256").update(data).digest("hex");
}

export function hmacNode(node: NodeCrypto, key: string | Uint8Array, data: string): Uint8Array {
  return node.createHmac("sha256", key).update(data).digest();
}

export function hmacHexNode(node: NodeCrypto, key: Uint8Array, data: string): string {
  return node.createHmac("sha256", key).update(data).digest("hex");
}

// ---- WebCrypto (asynchronous) ----

const encoder = new TextEncoder();
// Imported HMAC keys, per key bytes: the signing key is cached, so its CryptoKey is too.
const importedKeys = new WeakMap<Uint8Array, Promise<CryptoKey>>();

function subtle(): SubtleCrypto {
  const webCrypto = (globalThis as { crypto?: Crypto }).crypto;
  if (!webCrypto?.subtle) {
    throw new Error("SigV4 signing needs node:crypto or WebCrypto (crypto.subtle); neither is available");
  }
  return webCrypto.subtle;
}

function importHmacKey(key: Uint8Array): Promise<CryptoKey> {
  // Casts: TypeScript >= 5.7 wants ArrayBuffer-backed views; SharedArrayBuffer ones are not expected here.
  return subtle().importKey("raw", key as BufferSource, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
}

export async function sha256HexWeb(data: string | Uint8Array): Promise<string> {
  const bytes = typeof data === "string" ? encoder.encode(data) : data;
  return toHex(new Uint8Array(await subtle().digest("SHA-256", bytes as BufferSource)));
}

export async function hmacWeb(key: string | Uint8Array, data: string): Promise<Uint8Array> {
  const cryptoKey = await importHmacKey(typeof key === "string" ? encoder.encode(key) : key);
  return new Uint8Array(await subtle().sign("HMAC", cryptoKey, encoder.encode(data)));
}

/**
 * Hex HMAC under a key that is reused and never changes (the cached signing key): its CryptoKey
 * is imported once, per key object.
 */
export async function hmacHexWebReusedKey(key: Uint8Array, data: string): Promise<string> {
  let cryptoKey = importedKeys.get(key);
  if (cryptoKey === undefined) {
    cryptoKey = importHmacKey(key);
    importedKeys.set(key, cryptoKey);
    cryptoKey.catch(() => importedKeys.delete(key));
  }
  return toHex(new Uint8Array(await subtle().sign("HMAC", await cryptoKey, encoder.encode(data))));
}

// ---- Either backend ----

/** Hex SHA-256 of a string (as UTF-8) or bytes. */
export function sha256Hex(data: string | Uint8Array): Promise<string> {
  const node = nodeCrypto();
  return node ? Promise.resolve(sha256HexNode(node, data)) : sha256HexWeb(data);
}

/** HMAC-SHA256 of `data` (as UTF-8) under `key` (a string key is taken as UTF-8). */
export function hmacSha256(key: string | Uint8Array, data: string): Promise<Uint8Array> {
  const node = nodeCrypto();
  return node ? Promise.resolve(hmacNode(node, key, data)) : hmacWeb(key, data);
}

const HEX: string[] = [];
for (let i = 0; i < 256; i++) HEX.push(i.toString(16).padStart(2, "0"));

/** Lowercase hex, as SigV4 wants it. */
export function toHex(bytes: Uint8Array): string {
  let out = "";
  for (let i = 0; i < bytes.length; i++) out += HEX[bytes[i]!];
  return out;
}
