// Request compression (Smithy @requestCompression, botocore `requestcompression`): gzip bodies
// at or above a size threshold and append the encoding to Content-Encoding. CompressionStream
// is async and not in our list of globals, so this is a small synchronous gzip (RFC 1952) around
// a DEFLATE (RFC 1951) encoder: LZ77 with hash chains and one dynamic-Huffman block. Close to
// zlib's default ratio on text, in about 250 lines.

import { toUtf8 } from "../encoding.js";
import type { CompressionOptions } from "../schema.js";

export type { CompressionOptions } from "../schema.js";

/** botocore's default `request_min_compression_size_bytes`. */
export const DEFAULT_MIN_COMPRESSION_BYTES = 10240;

/**
 * Compresses `body` with the first supported encoding of `encodings` (only "gzip" is) and
 * appends it to the content-encoding header. Returns the body to send.
 */
export function compressRequestBody(
  body: string | Uint8Array | undefined,
  headers: Record<string, string>,
  encodings: readonly string[],
  options: CompressionOptions = {},
): string | Uint8Array | undefined {
  if (body === undefined || options.disabled || !encodings.includes("gzip")) return body;
  const bytes = typeof body === "string" ? toUtf8(body) : body;
  if (bytes.length < (options.minBytes ?? DEFAULT_MIN_COMPRESSION_BYTES)) return body;
  const current = headers["content-encoding"];
  headers["content-encoding"] = current ? `${current}, gzip` : "gzip";
  return gzip(bytes);
}

// ---- CRC-32 (ISO 3309, as gzip uses it) ----

const CRC_TABLE = new Int32Array(256);
for (let n = 0; n < 256; n++) {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  CRC_TABLE[n] = c;
}

export function crc32(data: Uint8Array): number {
  let c = -1;
  for (const b of data) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}

// ---- DEFLATE: LZ77 matches, one block with dynamic Huffman codes (RFC 1951 §3.2.7) ----

const LENGTH_BASE = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258];
const LENGTH_EXTRA = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
const DIST_BASE = [
  1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145,
  8193, 12289, 16385, 24577,
];
const DIST_EXTRA = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];
/** Order in which code-length code lengths are sent (§3.2.7). */
const CL_ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

class BitWriter {
  buf: Uint8Array;
  pos = 0;
  private acc = 0;
  private count = 0;
  constructor(size: number) {
    this.buf = new Uint8Array(Math.max(64, size));
  }
  /** Writes the low `bits` bits of `value`, least significant first. */
  write(value: number, bits: number): void {
    this.acc |= value << this.count;
    this.count += bits;
    while (this.count >= 8) {
      this.byte(this.acc & 0xff);
      this.acc >>>= 8;
      this.count -= 8;
    }
  }
  flush(): void {
    if (this.count > 0) this.byte(this.acc & 0xff);
    this.acc = 0;
    this.count = 0;
  }
  private byte(b: number): void {
    if (this.pos === this.buf.length) {
      const bigger = new Uint8Array(this.buf.length * 2);
      bigger.set(this.buf);
      this.buf = bigger;
    }
    this.buf[this.pos++] = b;
  }
}

/**
 * Code lengths of a Huffman code for `freqs`, none longer than `maxBits`. When the tree is too
 * deep, frequencies are halved and the code rebuilt: slightly worse codes, always valid.
 */
function huffmanLengths(input: ArrayLike<number>, maxBits: number): Uint8Array {
  const freqs = Array.from(input);
  const n = freqs.length;
  // Every code we build has at least two symbols: inflaters reject some one-symbol codes.
  let used = freqs.filter((f) => f > 0).length;
  for (let i = 0; used < 2 && i < n; i++) if (freqs[i] === 0) (freqs[i] = 1), used++;
  for (;;) {
    const leaves = freqs.map((f, sym) => [f, sym] as const).filter(([f]) => f > 0).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    // Two-queue Huffman: leaves sorted by weight, internal nodes created in weight order.
    const weight: number[] = leaves.map(([f]) => f);
    const parent: number[] = leaves.map(() => -1);
    let leaf = 0;
    let inner = leaves.length;
    const take = (): number => (leaf < leaves.length && (inner >= weight.length || weight[leaf]! <= weight[inner]!) ? leaf++ : inner++);
    while (leaves.length - leaf + (weight.length - inner) > 1) {
      const a = take();
      const b = take();
      parent[a] = parent[b] = weight.length;
      weight.push(weight[a]! + weight[b]!);
      parent.push(-1);
    }
    const depth = new Array<number>(weight.length).fill(0);
    for (let i = weight.length - 2; i >= 0; i--) depth[i] = depth[parent[i]!]! + 1;
    const lengths = new Uint8Array(n);
    let tooLong = false;
    leaves.forEach(([, sym], i) => {
      lengths[sym] = depth[i]!;
      if (depth[i]! > maxBits) tooLong = true;
    });
    if (!tooLong) return lengths;
    for (let i = 0; i < n; i++) if (freqs[i]! > 0) freqs[i] = Math.max(1, freqs[i]! >> 1);
  }
}

/** Canonical codes for `lengths` (§3.2.2), bit-reversed because Huffman codes are sent MSB first. */
function canonicalCodes(lengths: Uint8Array): Uint16Array {
  const count = new Uint16Array(16);
  for (const len of lengths) if (len) count[len]!++;
  const next = new Uint16Array(16);
  for (let bits = 1, code = 0; bits < 16; bits++) {
    code = (code + count[bits - 1]!) << 1;
    next[bits] = code;
  }
  const codes = new Uint16Array(lengths.length);
  lengths.forEach((len, sym) => {
    if (!len) return;
    let code = next[len]!++;
    let reversed = 0;
    for (let i = 0; i < len; i++, code >>= 1) reversed = (reversed << 1) | (code & 1);
    codes[sym] = reversed;
  });
  return codes;
}

const WINDOW = 32768;
const MAX_MATCH = 258;
const MAX_CHAIN = 64;

function findSlot(table: number[], value: number): number {
  let i = table.length - 1;
  while (table[i]! > value) i--;
  return i;
}

/** LZ77 over a 32 KiB window with hash chains; tokens are literal bytes or (length, distance). */
function lz77(data: Uint8Array): { lengths: Uint16Array; dists: Uint16Array; count: number } {
  const n = data.length;
  // Token i: lengths[i] is a literal byte when dists[i] is 0, else a match length.
  const lengths = new Uint16Array(n);
  const dists = new Uint16Array(n);
  let count = 0;
  const head = new Int32Array(1 << 15).fill(-1);
  const prev = new Int32Array(WINDOW).fill(-1);
  const hash = (i: number) => ((data[i]! << 10) ^ (data[i + 1]! << 5) ^ data[i + 2]!) & 0x7fff;
  const insert = (i: number) => {
    if (i + 2 >= n) return;
    const h = hash(i);
    prev[i & (WINDOW - 1)] = head[h]!;
    head[h] = i;
  };
  let i = 0;
  while (i < n) {
    let bestLen = 0;
    let bestDist = 0;
    if (i + 2 < n) {
      const max = Math.min(MAX_MATCH, n - i);
      let j = head[hash(i)]!;
      for (let chain = MAX_CHAIN; j >= 0 && i - j <= WINDOW && chain > 0; chain--) {
        let len = 0;
        while (len < max && data[j + len] === data[i + len]) len++;
        if (len > bestLen) {
          bestLen = len;
          bestDist = i - j;
          if (len === max) break;
        }
        const next = prev[j & (WINDOW - 1)]!;
        if (next >= j) break; // the slot was reused by a newer position
        j = next;
      }
    }
    if (bestLen >= 3) {
      lengths[count] = bestLen;
      dists[count++] = bestDist;
      for (let k = 0; k < bestLen; k++) insert(i + k);
      i += bestLen;
    } else {
      lengths[count++] = data[i]!;
      insert(i);
      i++;
    }
  }
  return { lengths, dists, count };
}

/** Raw DEFLATE data (no zlib or gzip wrapper) holding all of `data` in one final block. */
export function deflateRaw(data: Uint8Array): Uint8Array {
  const { lengths, dists, count } = lz77(data);
  const litFreq = new Uint32Array(286);
  const distFreq = new Uint32Array(30);
  const litSym = new Uint16Array(count);
  const distSym = new Uint8Array(count);
  for (let t = 0; t < count; t++) {
    if (dists[t] === 0) {
      litSym[t] = lengths[t]!;
    } else {
      litSym[t] = 257 + findSlot(LENGTH_BASE, lengths[t]!);
      distSym[t] = findSlot(DIST_BASE, dists[t]!);
      distFreq[distSym[t]!]!++;
    }
    litFreq[litSym[t]!]!++;
  }
  litFreq[256] = 1; // end of block
  const litLen = huffmanLengths(litFreq, 15);
  const distLen = huffmanLengths(distFreq, 15);
  let hlit = 286;
  while (hlit > 257 && litLen[hlit - 1] === 0) hlit--;
  let hdist = 30;
  while (hdist > 1 && distLen[hdist - 1] === 0) hdist--;

  // Code lengths of both codes, run-length encoded with symbols 16 (repeat), 17 and 18 (zeros).
  const all = [...litLen.subarray(0, hlit), ...distLen.subarray(0, hdist)];
  const rle: [number, number, number][] = []; // [symbol, extra value, extra bits]
  for (let i = 0; i < all.length; ) {
    const len = all[i]!;
    let run = 1;
    while (i + run < all.length && all[i + run] === len) run++;
    if (len === 0 && run >= 3) {
      const r = Math.min(run, 138);
      rle.push(r >= 11 ? [18, r - 11, 7] : [17, r - 3, 3]);
      i += r;
    } else if (len !== 0 && run >= 4) {
      const r = Math.min(run - 1, 6);
      rle.push([len, 0, 0], [16, r - 3, 2]);
      i += r + 1;
    } else {
      rle.push([len, 0, 0]);
      i++;
    }
  }
  const clFreq = new Uint32Array(19);
  for (const [sym] of rle) clFreq[sym]!++;
  const clLen = huffmanLengths(clFreq, 7);
  const clCode = canonicalCodes(clLen);
  let hclen = 19;
  while (hclen > 4 && clLen[CL_ORDER[hclen - 1]!] === 0) hclen--;

  const out = new BitWriter(data.length / 2 + 64);
  out.write(1, 1); // BFINAL
  out.write(2, 2); // BTYPE = 10, dynamic Huffman
  out.write(hlit - 257, 5);
  out.write(hdist - 1, 5);
  out.write(hclen - 4, 4);
  for (let i = 0; i < hclen; i++) out.write(clLen[CL_ORDER[i]!]!, 3);
  for (const [sym, extra, bits] of rle) {
    out.write(clCode[sym]!, clLen[sym]!);
    if (bits) out.write(extra, bits);
  }
  const litCode = canonicalCodes(litLen);
  const distCode = canonicalCodes(distLen);
  for (let t = 0; t < count; t++) {
    const sym = litSym[t]!;
    out.write(litCode[sym]!, litLen[sym]!);
    if (dists[t] === 0) continue;
    const ls = sym - 257;
    out.write(lengths[t]! - LENGTH_BASE[ls]!, LENGTH_EXTRA[ls]!);
    const ds = distSym[t]!;
    out.write(distCode[ds]!, distLen[ds]!);
    out.write(dists[t]! - DIST_BASE[ds]!, DIST_EXTRA[ds]!);
  }
  out.write(litCode[256]!, litLen[256]!);
  out.flush();
  return out.buf.subarray(0, out.pos);
}

/** A gzip member (RFC 1952): 10-byte header, DEFLATE data, CRC-32 and size. */
export function gzip(data: Uint8Array | string): Uint8Array {
  const bytes = typeof data === "string" ? toUtf8(data) : data;
  const deflated = deflateRaw(bytes);
  const out = new Uint8Array(10 + deflated.length + 8);
  // ID1 ID2 CM=8 (deflate) FLG=0 MTIME=0 (deterministic) XFL=0 OS=255 (unknown)
  out.set([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);
  out.set(deflated, 10);
  const view = new DataView(out.buffer);
  view.setUint32(10 + deflated.length, crc32(bytes), true);
  view.setUint32(14 + deflated.length, bytes.length >>> 0, true);
  return out;
}
