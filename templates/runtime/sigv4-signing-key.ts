// SigV4 task 3a: the signing key, derived from the secret and the credential scope.
//   kDate = HMAC("AWS4" + secret, date); kRegion = HMAC(kDate, region);
//   kService = HMAC(kRegion, service); kSigning = HMAC(kService, "aws4_request")
// The key only changes with the day, so it is cached per (secret, date, region, service).

import { hmacNode, hmacWeb, nodeCrypto, type NodeCrypto } from "./hash.js";

const MAX_CACHED_KEYS = 32;

interface CachedKey {
  secret: string;
  date: string;
  region: string;
  service: string;
  key: Uint8Array;
}

// Least recently used first. `last` answers the common case (one client, one scope) without
// building the map key.
const cache = new Map<string, CachedKey>();
let last: CachedKey | undefined;

function cacheKey(secret: string, date: string, region: string, service: string): string {
  return `${date}/${region}/${service}\n${secret}`; // the secret last: it may contain anything
}

function lookup(secret: string, date: string, region: string, service: string): Uint8Array | undefined {
  if (last && last.secret === secret && last.date === date && last.region === region && last.service === service) {
    return last.key;
  }
  const id = cacheKey(secret, date, region, service);
  const hit = cache.get(id);
  if (hit === undefined) return undefined;
  cache.delete(id); // move to the most recently used end
  cache.set(id, hit);
  last = hit;
  return hit.key;
}

function store(secret: string, date: string, region: string, service: string, key: Uint8Array): Uint8Array {
  const id = cacheKey(secret, date, region, service);
  const entry: CachedKey = { secret, date, region, service, key };
  cache.delete(id);
  cache.set(id, entry);
  if (cache.size > MAX_CACHED_KEYS) cache.delete(cache.keys().next().value!);
  last = entry;
  return key;
}

/** The signing key, synchronously, with Node's crypto. */
export function signingKeyNode(
  node: NodeCrypto,
  secret: string,
  date: string,
  region: string,
  service: string,
): Uint8Array {
  const cached = lookup(secret, date, region, service);
  if (cached !== undefined) return cached;
  const kDate = hmacNode(node, `AWS4${secret}`, date);
  const kRegion = hmacNode(node, kDate, region);
  const kService = hmacNode(node, kRegion, service);
  return store(secret, date, region, service, hmacNode(node, kService, "aws4_request"));
}

/**
 * The SigV4 signing key for `date` (`YYYYMMDD`), `region` and `service`. Cached: a hit returns the
 * same `Uint8Array`, which must not be modified.
 */
export async function signingKey(secret: string, date: string, region: string, service: string): Promise<Uint8Array> {
  const node = nodeCrypto();
  if (node) return signingKeyNode(node, secret, date, region, service);
  const cached = lookup(secret, date, region, service);
  if (cached !== undefined) return cached;
  const kDate = await hmacWeb(`AWS4${secret}`, date);
  const kRegion = await hmacWeb(kDate, region);
  const kService = await hmacWeb(kRegion, service);
  return store(secret, date, region, service, await hmacWeb(kService, "aws4_request"));
}

/** Forgets every cached signing key (e.g. after rotating credentials). */
export function clearSigningKeyCache(): void {
  cache.clear();
  last = undefined;
}
