// A stand-in for DynamoDB's GetItem (AWS JSON 1.0), run in its own process (forked by
// bench/sections/dynamodb.mjs) so that its CPU is not counted as the client's. Keep-alive HTTP/1.1
// on 127.0.0.1; it answers POST / with X-Amz-Target DynamoDB_20120810.GetItem with a fixed item and
// anything else with 400. Like bench/server.mjs it counts signed requests; { type: "counts" } over IPC.
import http from "node:http";
import { DDB_ITEM } from "./lib/common.mjs";

const BODY = Buffer.from(JSON.stringify({ Item: DDB_ITEM }));
let signed = 0;
let unsigned = 0;
let other = 0;

const server = http.createServer((req, res) => {
  const ok =
    req.method === "POST" &&
    req.url === "/" &&
    req.headers["x-amz-target"] === "DynamoDB_20120810.GetItem" &&
    req.headers["content-type"] === "application/x-amz-json-1.0";
  if (!ok) other++;
  else if (req.headers.authorization?.startsWith("AWS4-HMAC-SHA256 Credential=")) signed++;
  else unsigned++;
  req.on("data", () => {});
  req.on("end", () => {
    if (!ok) {
      res.writeHead(400, { "content-type": "application/x-amz-json-1.0" });
      res.end(JSON.stringify({ __type: "com.amazon.coral.service#UnknownOperationException" }));
      return;
    }
    res.writeHead(200, {
      "content-type": "application/x-amz-json-1.0",
      "content-length": BODY.length,
      "x-amzn-requestid": "BENCHREQ0000000000000000000000000000000000000000000",
    });
    res.end(BODY);
  });
});
server.keepAliveTimeout = 120_000;
server.headersTimeout = 125_000;

process.on("message", (m) => {
  if (m?.type === "counts") {
    process.send({ id: m.id, signed, unsigned, other });
    signed = unsigned = other = 0;
  }
});
process.on("disconnect", () => process.exit(0));
server.listen(0, "127.0.0.1", () => process.send({ type: "listening", port: server.address().port }));
