// A CreateRoom stand-in that fails on purpose, in its own process (forked by bench/sections/faults.mjs):
// in mode "random" each request is, by a seeded draw, reset (8%), answered 503 (8%), throttled
// with 429 ThrottlingException (8%), answered after 50–150 ms (5%), or answered at once; in mode
// "fail" every request gets 503. It counts requests per call (the room name) for the retry
// figures. IPC: { type: "mode", mode } and { type: "stats" } (attempts histogram since last asked).
import http from "node:http";
import { ROOM } from "./lib/common.mjs";

const BODY = Buffer.from(JSON.stringify(ROOM));
let mode = "random";
let seed = 12345;
const random = () => {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed / 0x7fffffff;
};
let perCall = new Map();
let requests = 0;

const server = http.createServer((req, res) => {
  const chunks = [];
  req.on("data", (c) => chunks.push(c));
  req.on("end", () => {
    requests++;
    let name = "?";
    try {
      name = JSON.parse(Buffer.concat(chunks).toString("utf8")).name;
    } catch {
      // no JSON body
    }
    perCall.set(name, (perCall.get(name) ?? 0) + 1);
    const ok = () => {
      res.writeHead(200, { "content-type": "application/json", "content-length": BODY.length, "x-amzn-requestid": "r" });
      res.end(BODY);
    };
    const fail = (status, code) => {
      res.writeHead(status, { "content-type": "application/json", "x-amzn-errortype": code });
      res.end('{"message":"injected"}');
    };
    if (mode === "fail") return fail(503, "ServiceUnavailable");
    const draw = random();
    if (draw < 0.08) return void req.socket.destroy();
    if (draw < 0.16) return fail(503, "ServiceUnavailable");
    if (draw < 0.24) return fail(429, "ThrottlingException");
    if (draw < 0.29) return void setTimeout(ok, 50 + Math.floor(random() * 100));
    ok();
  });
});
server.keepAliveTimeout = 120_000;

process.on("message", (m) => {
  if (m?.type === "mode") {
    mode = m.mode;
    process.send({ id: m.id, mode });
  } else if (m?.type === "stats") {
    const histogram = {};
    for (const n of perCall.values()) histogram[n] = (histogram[n] ?? 0) + 1;
    process.send({ id: m.id, requests, calls: perCall.size, histogram });
    perCall = new Map();
    requests = 0;
  }
});
server.listen(0, "127.0.0.1", () => process.send({ type: "listening", port: server.address().port }));
