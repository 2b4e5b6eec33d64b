// $metadata of every answer, success or error: status, request ids, attempts.

import { headerMap, type HeaderSource } from "./protocols/http-response-bindings.js";
import type { ResponseMetadata } from "./schema.js";

/** Reads the request ids AWS services send (x-amzn-requestid, x-amz-request-id; S3's x-amz-id-2; CloudFront's x-amz-cf-id). */
export function responseMetadata(status: number, headers: HeaderSource | Map<string, string>, attempts: number): ResponseMetadata {
  const h = headers instanceof Map ? headers : headerMap(headers);
  const metadata: ResponseMetadata = { httpStatusCode: status, attempts };
  const requestId = h.get("x-amzn-requestid") ?? h.get("x-amz-request-id");
  if (requestId !== undefined) metadata.requestId = requestId;
  const extended = h.get("x-amz-id-2");
  if (extended !== undefined) metadata.extendedRequestId = extended;
  const cfId = h.get("x-amz-cf-id");
  if (cfId !== undefined) metadata.cfId = cfId;
  return metadata;
}
