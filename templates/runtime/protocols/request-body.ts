// What every protocol does to a request body once it is serialized: compress it where the model
// asks (requestcompression), add Content-MD5 where the model requires a checksum, and set
// Content-Length. The compressor and the MD5 code travel with the operations that need them.

import { toUtf8 } from "../encoding.js";
import type { OperationSchema } from "../schema.js";
import type { CompressionOptions } from "../schema.js";

export function finishBody(
  op: OperationSchema,
  body: string | Uint8Array | undefined,
  headers: Record<string, string>,
  compression?: CompressionOptions,
): string | Uint8Array | undefined {
  let out = body;
  if (op.requestCompression) out = op.requestCompression.compress(out, headers, op.requestCompression.encodings, compression);
  if (op.contentMd5 && out !== undefined) headers["content-md5"] = op.contentMd5(out);
  if (out !== undefined) headers["content-length"] = String(typeof out === "string" ? toUtf8(out).length : out.length);
  return out;
}
