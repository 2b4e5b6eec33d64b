// The fault matrix: every way a network or a server can fail a call, through both transports
// (the global fetch and nodeHttpFetch), each row asserting the error class, the attempts the
// server saw, and that nothing secret shows up anywhere a user could see it. The client runs in a
// child process of its own (the generated package bundled by esbuild, imported by plain Node),
// which must exit on its own after the last row: a leaked socket or timer would keep it alive.

import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generate, writeGenerated } from "../../src/generate.js";
import { tempDir } from "../helpers.js";
import { FaultServer, SECRET_TOKEN } from "./fault-server.js";

const REGION = "us-west-2";
const CREDENTIALS = {
  accessKeyId: "AKIDFAULTMATRIX",
  secretAccessKey: "sEcReT/fault+matrix/KEY0123456789abcdefXYZ",
  sessionToken: "IQoJb3JpZ2luSESSION/fault+matrix=token0123456789",
};
/** Sensitive inputs of CreateChatToken (userId and attributes are @sensitive in the model). */
const SECRET_USER = "user-SECRET-4a5b6c7d8e9f";
const SECRET_ATTRIBUTE = "attr-SECRET-0f1e2d3c4b5a";

interface Row {
  name: string;
  /** Class the call rejects with (checked with instanceof in the child), or "ok". */
  expect: string;
  attempts: number;
  timeoutMs?: number;
  maxResponseBytes?: number;
  /** Abort the call this long after it starts. */
  abortAfterMs?: number;
  /** Abort the call when the client logs that it will retry (so: while it waits to). */
  abortInBackoff?: boolean;
}

const ROWS: Row[] = [
  { name: "ok", expect: "ok", attempts: 1 },
  { name: "reset", expect: "NetworkError", attempts: 3 },
  { name: "hang-headers", expect: "TimeoutError", attempts: 3, timeoutMs: 150 },
  { name: "hang-body", expect: "TimeoutError", attempts: 3, timeoutMs: 150 },
  { name: "cut-body", expect: "NetworkError", attempts: 3 },
  { name: "truncated-json", expect: "ResponseParseError", attempts: 1 },
  { name: "invalid-json", expect: "ResponseParseError", attempts: 1 },
  { name: "wrong-type", expect: "ResponseParseError", attempts: 1 },
  { name: "html-502", expect: "UnknownServiceError", attempts: 3 },
  { name: "wrong-content-type", expect: "ResponseParseError", attempts: 1 },
  { name: "oversize-declared", expect: "ResponseTooLargeError", attempts: 1, maxResponseBytes: 16 * 1024 },
  { name: "oversize-chunked", expect: "ResponseTooLargeError", attempts: 1, maxResponseBytes: 16 * 1024 },
  { name: "503-then-ok", expect: "ok", attempts: 2 },
  { name: "429-then-ok", expect: "ok", attempts: 2 },
  { name: "429-forever", expect: "ThrottlingException", attempts: 3 },
  { name: "unknown-code", expect: "IvschatServiceException", attempts: 1 },
  { name: "abort-during-request", expect: "AbortError", attempts: 1, abortAfterMs: 50 },
  { name: "abort-during-backoff", expect: "AbortError", attempts: 1, abortInBackoff: true },
  { name: "tiny-timeout", expect: "TimeoutError", attempts: 3, timeoutMs: 1 },
  { name: "redirect-302", expect: "UnknownServiceError", attempts: 1 },
  { name: "redirect-307", expect: "UnknownServiceError", attempts: 1 },
  { name: "redirect-301", expect: "UnknownServiceError", attempts: 1 },
];
/** Rows whose server behaviour is named differently from the row (same answer, another client setting). */
const BEHAVIOUR_OF: Record<string, string> = {
  "abort-during-request": "hang-headers",
  "abort-during-backoff": "503-forever",
  "tiny-timeout": "slow-ok",
};

/** What the child reports per row. */
interface Outcome {
  row: string;
  ok: boolean;
  name?: string;
  isExpected: boolean;
  redirect?: { location?: string; region?: string };
  bodySnippet?: string;
  /** The error's message. */
  message?: string;
  /** Every text a user could see: error message, stack, String(), inspect, JSON, logger lines, inspect(client). */
  texts: string[];
  /** Resources keeping the event loop alive right after the row (timers, sockets). */
  leftover: string[];
}

// The child's script: plain Node, the bundled package, one row at a time.
const CHILD = `
import { inspect } from "node:util";
import * as pkg from "./bundle/node.js";
const config = JSON.parse(process.argv[2]);
const deep = (v) => inspect(v, { showHidden: true, depth: Infinity, getters: true });
const results = [];
for (const row of config.rows) {
  const texts = [];
  const controller = new AbortController();
  const log = (level) => (message, details) => {
    texts.push(level + " " + message + " " + deep(details) + " " + JSON.stringify(details ?? null));
    if (row.abortInBackoff && / retrying in /.test(message)) controller.abort();
  };
  const client = new pkg.IvschatClient({
    region: config.region,
    endpoint: config.endpoint,
    credentials: config.credentials,
    maxAttempts: 3,
    requestTimeoutMs: row.timeoutMs ?? 2000,
    ...(row.maxResponseBytes ? { maxResponseBytes: row.maxResponseBytes } : {}),
    logger: { debug: log("debug"), info: log("info"), warn: log("warn"), error: log("error") },
    ...(config.transport === "nodeHttpFetch" ? { fetch: pkg.nodeHttpFetch() } : {}),
  });
  const timer = row.abortAfterMs ? setTimeout(() => controller.abort(), row.abortAfterMs) : undefined;
  const outcome = { row: row.name, ok: false, isExpected: false, texts };
  try {
    const out = await client.createChatToken(
      { roomIdentifier: row.key, userId: config.user, attributes: { note: config.attribute } },
      { signal: controller.signal },
    );
    outcome.ok = out.token === config.token;
    outcome.isExpected = row.expect === "ok";
  } catch (e) {
    outcome.name = e?.name;
    outcome.message = String(e?.message);
    const cls = pkg[row.expect];
    outcome.isExpected = typeof cls === "function" ? e instanceof cls : e?.name === row.expect;
    if (e?.$redirect) outcome.redirect = e.$redirect;
    if (typeof e?.bodySnippet === "string") outcome.bodySnippet = e.bodySnippet;
    texts.push(String(e?.message), String(e?.stack), String(e), deep(e), JSON.stringify(e));
  } finally {
    clearTimeout(timer);
  }
  texts.push(deep(client));
  await new Promise((resolve) => setTimeout(resolve, 30));
  outcome.leftover = process.getActiveResourcesInfo().filter((r) => r !== "TTYWrap" && r !== "PipeWrap");
  results.push(outcome);
}
process.stdout.write(JSON.stringify(results));
`;

const server = new FaultServer({ ...CREDENTIALS, region: REGION, service: "ivschat" });
let dir = "";

beforeAll(async () => {
  dir = tempDir("fault-matrix");
  const result = await generate({ model: "models/ivschat.json" });
  await writeGenerated({ ...result, outDir: join(dir, "pkg") });
  await build({
    entryPoints: [join(dir, "pkg/src/index.ts"), join(dir, "pkg/src/node.ts")],
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    outdir: join(dir, "bundle"),
    logLevel: "warning",
  });
  writeFileSync(join(dir, "child.mjs"), CHILD);
  await server.start();
}, 120_000);

afterAll(() => server.stop());

/** Runs the matrix in a child; resolves its outcomes and how long it took to exit after its last row. */
function runChild(transport: string): Promise<{ outcomes: Outcome[]; exitedAfterMs: number; stderr: string }> {
  const config = {
    region: REGION,
    endpoint: server.endpoint,
    credentials: CREDENTIALS,
    transport,
    user: SECRET_USER,
    attribute: SECRET_ATTRIBUTE,
    token: SECRET_TOKEN,
    rows: ROWS.map((r) => ({ ...r, name: `${transport}:${r.name}`, key: rowKey(transport, r) })),
  };
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(dir, "child.mjs"), JSON.stringify(config)], { cwd: dir, env: { PATH: process.env["PATH"] ?? "" } });
    let stdout = "";
    let stderr = "";
    let doneAt = 0;
    child.stdout.on("data", (d: Buffer) => {
      stdout += d.toString();
      if (stdout.endsWith("]")) doneAt = Date.now();
    });
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    // It must end by itself: no process.exit in the child, so a leak shows as this timeout.
    const deadline = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`the ${transport} child did not exit on its own (results ${doneAt ? "written" : "not written"})\n${stderr}`));
    }, 90_000);
    child.on("exit", () => {
      clearTimeout(deadline);
      try {
        resolve({ outcomes: JSON.parse(stdout) as Outcome[], exitedAfterMs: Date.now() - doneAt, stderr });
      } catch (e) {
        reject(new Error(`${transport} child: ${String(e)}\n${stdout}\n${stderr}`));
      }
    });
  });
}

describe.each(["fetch", "nodeHttpFetch"])("fault matrix through %s", (transport) => {
  let run: Awaited<ReturnType<typeof runChild>>;
  beforeAll(async () => {
    run = await runChild(transport);
  }, 120_000);

  it("the child process exits on its own right after the last row (nothing leaked)", () => {
    expect(run.stderr).toBe("");
    expect(run.outcomes).toHaveLength(ROWS.length);
    expect(run.exitedAfterMs).toBeLessThan(5_000);
  });

  it.each(ROWS)("$name: $expect after $attempts attempt(s)", (row) => {
    const outcome = run.outcomes.find((o) => o.row === `${transport}:${row.name}`)!;
    expect({ name: outcome.name ?? "ok", isExpected: outcome.isExpected }).toEqual({ name: outcome.name ?? "ok", isExpected: true });
    expect(server.attempts.get(rowKey(transport, row)) ?? 0).toBe(row.attempts);
    expect(outcome.leftover.filter((r) => r === "Timeout")).toEqual([]);
  });

  it("never follows a redirect: nothing reaches the other origin, and the error says where and which region", () => {
    for (const name of ["redirect-301", "redirect-302", "redirect-307"]) {
      const outcome = run.outcomes.find((o) => o.row === `${transport}:${name}`)!;
      expect(outcome.redirect).toEqual({ location: `${server.otherOrigin}/CreateChatToken`, region: "eu-west-1" });
      expect(outcome.message).toMatch(new RegExp(`redirect to ${server.otherOrigin.replace(/[.]/g, "\\.")} \\(the resource is in region eu-west-1\\), not followed`));
    }
    expect(server.otherOriginRequests).toEqual([]);
  });

  it("quotes no 2xx body of an operation with sensitive output", () => {
    const parseErrors = run.outcomes.filter((o) => o.name === "ResponseParseError");
    expect(parseErrors.length).toBeGreaterThanOrEqual(4);
    for (const o of parseErrors) expect(o.bodySnippet, o.row).toBe("");
  });

  it("shows no secret anywhere: keys, session token, signatures, sensitive inputs and outputs", () => {
    const secrets = [CREDENTIALS.secretAccessKey, CREDENTIALS.sessionToken, SECRET_USER, SECRET_ATTRIBUTE, SECRET_TOKEN, ...server.signatures];
    expect(server.signatures.size).toBeGreaterThan(ROWS.length);
    const leaks: string[] = [];
    for (const o of run.outcomes) {
      for (const text of o.texts) for (const secret of secrets) if (text.includes(secret)) leaks.push(`${o.row}: ${secret.slice(0, 12)}… in ${text.slice(0, 80)}`);
    }
    expect(leaks).toEqual([]);
    expect(server.signatureFailures).toEqual([]);
  });
});

/** The roomIdentifier a row's calls carry: "<transport>:<row>:<behaviour>" (fault-server.ts reads it). */
function rowKey(transport: string, row: Row): string {
  return `${transport}:${row.name}:${BEHAVIOUR_OF[row.name] ?? row.name}`;
}
