// A stand-in for IVS Chat's CreateRoom, run in its own process (forked by bench/run.mjs) so that
// its CPU is not counted as the client's. Keep-alive HTTP/1.1 on 127.0.0.1 only; it answers
// POST /CreateRoom with a fixed JSON body and anything else with 404. It does not verify
// signatures (the test suite does that) but counts which requests carry a SigV4 Authorization.
//
// IPC commands from the parent: { type: "counts" } → signed/unsigned request counts since the
// last query; { type: "arm" } then { type: "hit" } → process.hrtime of the first request after arm.
import http from "node:http";
import { ROOM } from "./lib/common.mjs";

const BODY = Buffer.from(JSON.stringify(ROOM));
let signed = 0;
let unsigned = 0;
let other = 0;
let armed = false;
let hit = null;

const server = http.createServer((req, res) => {
  if (armed && hit === null) hit = process.hrtime.bigint().toString();
  const auth = req.headers.authorization;
  const ok = req.method === "POST" && req.url === "/CreateRoom";
  if (!ok) other++;
  else if (auth?.startsWith("AWS4-HMAC-SHA256 Credential=")) signed++;
  else unsigned++;
  req.on("data", () => {});
  req.on("end", () => {
    if (!ok) {
      res.writeHead(404, { "content-type": "application/json", "x-amzn-errortype": "UnknownOperationException" });
      res.end("{}");
      return;
    }
    res.writeHead(200, {
      "content-type": "application/json",
      "content-length": BODY.length,
      "x-amzn-requestid": "2b4c1f1e-6a0b-4f5e-9a53-7f3c0e1d2a11",
    });
    res.end(BODY);
  });
});
server.keepAliveTimeout = 120_000;
server.headersTimeout = 125_000;

process.on("message", (m) => {
  switch (m?.type) {
    case "counts":
      process.send({ id: m.id, signed, unsigned, other });
      signed = unsigned = other = 0;
      break;
    case "arm":
      armed = true;
      hit = null;
      process.send({ id: m.id });
      break;
    case "hit":
      process.send({ id: m.id, t: hit });
      armed = false;
      break;
  }
});
// The parent going away (even killed) closes the IPC channel: stop then.
process.on("disconnect", () => process.exit(0));

server.listen(0, "127.0.0.1", () => process.send({ type: "listening", port: server.address().port }));
