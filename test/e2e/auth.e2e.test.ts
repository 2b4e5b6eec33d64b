// Auth on the wire, against a stand-in that checks every SigV4 signature with
// @smithy/signature-v4: an unsigned payload (EBS PutSnapshotBlock signs and sends
// `x-amz-content-sha256: UNSIGNED-PAYLOAD`), no auth at all (SSO GetRoleCredentials: no signature,
// no credentials looked up), and bearer tokens (Bedrock Runtime: `token` option, or
// AWS_BEARER_TOKEN_BEDROCK, preferred over SigV4 where the model allows both).

import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { generate } from "../../src/generate.js";
import type * as rt from "../../templates/runtime/index.js";
import { suiteModelDir, writeToTemp } from "../helpers.js";
import { verifySigV4 } from "./sigv4-verify.js";

const REGION = "us-east-1";
const CREDENTIALS = { accessKeyId: "AKIDAUTHTEST", secretAccessKey: "auth/test+SECRET/key0123456789", sessionToken: "auth-session-token" };

interface Seen {
  method: string;
  path: string;
  headers: IncomingMessage["headers"];
  body: Buffer;
  verdict?: string;
}

const seen: Seen[] = [];
let server: Server;
let endpoint = "";
/** The signing name the stand-in verifies SigV4 with, per path prefix. */
const SIGNING: [string, string][] = [
  ["/snapshots/", "ebs"],
  ["/model/", "bedrock"],
];

type Client = Record<"putSnapshotBlock" | "getRoleCredentials" | "converse", (input?: object) => Promise<Record<string, unknown>>>;
const clients: Record<string, new (config: rt.ClientConfig) => Client> = {};

beforeAll(async () => {
  for (const [service, name] of [
    ["ebs", "EBSClient"],
    ["sso", "SSOClient"],
    ["bedrock-runtime", "BedrockRuntimeClient"],
  ] as const) {
    const dir = await writeToTemp(await generate({ model: join(suiteModelDir(service), "service-2.json") }), `auth-${service}`);
    const pkg = (await import(pathToFileURL(join(dir, "src/index.ts")).href)) as Record<string, unknown>;
    clients[service] = pkg[name] as (typeof clients)[string];
  }
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", async () => {
      const body = Buffer.concat(chunks);
      const url = req.url ?? "/";
      const q = url.indexOf("?");
      const path = q < 0 ? url : url.slice(0, q);
      const entry: Seen = { method: req.method ?? "", path, headers: req.headers, body };
      seen.push(entry);
      const auth = String(req.headers.authorization ?? "");
      if (auth.startsWith("AWS4-HMAC-SHA256")) {
        const service = SIGNING.find(([prefix]) => path.startsWith(prefix))?.[1] ?? "?";
        const verdict = await verifySigV4(
          { method: entry.method, path, query: q < 0 ? "" : url.slice(q + 1), rawHeaders: req.rawHeaders, body },
          { ...CREDENTIALS, region: REGION, service },
        );
        entry.verdict = verdict.ok ? "ok" : verdict.reason;
      }
      res.setHeader("x-amzn-requestid", "auth-req-1");
      if (path.startsWith("/snapshots/")) {
        res.writeHead(201, { "x-amz-Checksum": "c2hh", "x-amz-Checksum-Algorithm": "SHA256" });
        return res.end();
      }
      if (path === "/federation/credentials") {
        res.writeHead(200, { "content-type": "application/json" });
        return res.end(JSON.stringify({ roleCredentials: { accessKeyId: "ASIAROLE", secretAccessKey: "role-secret", sessionToken: "role-token", expiration: 1893456000000 } }));
      }
      if (path.endsWith("/converse")) {
        res.writeHead(200, { "content-type": "application/json" });
        return res.end(
          JSON.stringify({
            output: { message: { role: "assistant", content: [{ text: "hello" }] } },
            stopReason: "end_turn",
            usage: { inputTokens: 3, outputTokens: 1, totalTokens: 4 },
            metrics: { latencyMs: 12 },
          }),
        );
      }
      res.writeHead(404, { "x-amzn-errortype": "UnknownOperationException" });
      res.end("{}");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 120_000);

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
afterEach(() => {
  seen.length = 0;
  delete process.env["AWS_BEARER_TOKEN_BEDROCK"];
});

const make = (service: string, config: Partial<rt.ClientConfig> = {}): Client =>
  new clients[service]!({ region: REGION, endpoint, credentials: CREDENTIALS, maxAttempts: 1, ...config });

const converse = { modelId: "anthropic.claude-3", messages: [{ role: "user", content: [{ text: "hi" }] }] };

describe("unsigned payload (authtype v4-unsigned-body)", () => {
  it("EBS PutSnapshotBlock sends and signs x-amz-content-sha256: UNSIGNED-PAYLOAD; the signature verifies", async () => {
    const block = new Uint8Array(512).fill(7);
    const out = await make("ebs").putSnapshotBlock({
      SnapshotId: "snap-1",
      BlockIndex: 3,
      BlockData: block,
      DataLength: block.length,
      Checksum: "c2hh",
      ChecksumAlgorithm: "SHA256",
    });
    expect(out).toMatchObject({ Checksum: "c2hh", ChecksumAlgorithm: "SHA256", $metadata: { httpStatusCode: 201, requestId: "auth-req-1", attempts: 1 } });
    const [request] = seen;
    expect(request!.headers["x-amz-content-sha256"]).toBe("UNSIGNED-PAYLOAD");
    expect(String(request!.headers.authorization)).toMatch(/SignedHeaders=[^,]*x-amz-content-sha256/);
    expect(request!.verdict).toBe("ok");
    expect(request!.body.length).toBe(512);
  });
});

describe("no auth (authtype none / smithy.api#noAuth)", () => {
  it("SSO GetRoleCredentials is not signed and never asks for credentials", async () => {
    let asked = 0;
    const client = make("sso", {
      credentials: async () => {
        asked++;
        throw new Error("no credentials here");
      },
    });
    const out = await client.getRoleCredentials({ roleName: "dev", accountId: "123456789012", accessToken: "sso-access-token" });
    expect(out).toMatchObject({ roleCredentials: { accessKeyId: "ASIAROLE", sessionToken: "role-token" } });
    expect(asked).toBe(0);
    const [request] = seen;
    expect(request!.headers.authorization).toBeUndefined();
    expect(request!.headers["x-amz-date"]).toBeUndefined();
    expect(request!.headers["x-amz-security-token"]).toBeUndefined();
    expect(request!.headers["x-amz-sso_bearer_token"]).toBe("sso-access-token");
  });
});

describe("bearer auth (smithy.api#httpBearerAuth)", () => {
  it("without a token, Bedrock Runtime signs with SigV4 (first in the model's order)", async () => {
    await make("bedrock-runtime").converse(converse);
    expect(seen[0]!.verdict).toBe("ok");
  });

  it("with the token option, it sends Authorization: Bearer and no SigV4 headers", async () => {
    const out = await make("bedrock-runtime", { token: "bedrock-api-key-1" }).converse(converse);
    expect(out).toMatchObject({ stopReason: "end_turn", output: { message: { content: [{ text: "hello" }] } } });
    const [request] = seen;
    expect(request!.headers.authorization).toBe("Bearer bedrock-api-key-1");
    expect(request!.headers["x-amz-date"]).toBeUndefined();
    expect(request!.headers["x-amz-security-token"]).toBeUndefined();
  });

  it("a token provider is asked once and its token reused until near expiry", async () => {
    let calls = 0;
    const token = async () => ({ token: `tok-${++calls}`, expiration: new Date(Date.now() + 3_600_000) });
    const client = make("bedrock-runtime", { token });
    await client.converse(converse);
    await client.converse(converse);
    expect(calls).toBe(1);
    expect(seen.map((s) => s.headers.authorization)).toEqual(["Bearer tok-1", "Bearer tok-1"]);
  });

  it("AWS_BEARER_TOKEN_BEDROCK works as in v3", async () => {
    process.env["AWS_BEARER_TOKEN_BEDROCK"] = "from-the-environment";
    await make("bedrock-runtime").converse(converse);
    expect(seen[0]!.headers.authorization).toBe("Bearer from-the-environment");
  });

  it("authSchemePreference can put SigV4 first again", async () => {
    await make("bedrock-runtime", { token: "t", authSchemePreference: ["sigv4"] }).converse(converse);
    expect(seen[0]!.verdict).toBe("ok");
  });

  it("a token on a service without bearer auth changes nothing: EBS still signs", async () => {
    await make("ebs", { token: "ignored" }).putSnapshotBlock({
      SnapshotId: "s",
      BlockIndex: 0,
      BlockData: new Uint8Array(1),
      DataLength: 1,
      Checksum: "c",
      ChecksumAlgorithm: "SHA256",
    });
    expect(seen[0]!.verdict).toBe("ok");
  });
});

describe("streaming members before streams are supported", () => {
  it("a ReadableStream for a streaming member is a ValidationError naming it, and nothing is sent", async () => {
    const stream = new ReadableStream({ start: (c) => (c.enqueue(new Uint8Array(4)), c.close()) });
    const call = make("ebs").putSnapshotBlock({ SnapshotId: "s", BlockIndex: 0, BlockData: stream, DataLength: 4, Checksum: "c", ChecksumAlgorithm: "SHA256" });
    await expect(call).rejects.toMatchObject({ name: "ValidationError", message: expect.stringContaining("BlockData: must be a Uint8Array or a string (streams are not supported") });
    expect(seen).toEqual([]);
  });

  it("with validation off, still a ValidationError, not a TypeError", async () => {
    const call = make("ebs", { validateInput: false }).putSnapshotBlock({ SnapshotId: "s", BlockIndex: 0, BlockData: { not: "bytes" }, DataLength: 4, Checksum: "c", ChecksumAlgorithm: "SHA256" });
    await expect(call).rejects.toMatchObject({ name: "ValidationError" });
    expect(seen).toEqual([]);
  });
});
