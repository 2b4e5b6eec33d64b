// DynamoDB, AWS JSON 1.0, against dynalite (an open-source DynamoDB implementation from npm) on
// 127.0.0.1 with its in-memory store. Between the client and dynalite sits a forwarding proxy that
// checks every SigV4 signature with @smithy/signature-v4 (dynalite checks only that one is there).
// The steps live in scenarios/dynamodb.ts, type-checked inside the generated package with its
// strict tsconfig, so the types a user sees are tested with the wire.

import { readFileSync } from "node:fs";
import { createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import dynalite from "dynalite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generate } from "../../src/generate.js";
import { REPO_ROOT, suiteModelDir, typecheckMany, writeToTemp } from "../helpers.js";
import { verifySigV4 } from "./sigv4-verify.js";

// scenarios/dynamodb.ts as this test sees it (it compiles only inside the package it imports).
type AttributeMap = Record<string, Record<string, unknown>>;
interface Scenario {
  EVERY_KIND: AttributeMap;
  scenario(config: object, table: string): Steps;
}
interface Steps {
  createTableAndWaitUntilActive(): Promise<string[]>;
  putAndGetEveryKind(): Promise<AttributeMap>;
  batchWrite(count: number): Promise<number>;
  queryPages(limit: number): Promise<{ pages: number; items: number; order: number[] }>;
  scanPages(limit: number): Promise<{ pages: number; items: number }>;
  failingConditionalUpdate(): Promise<Error & { $metadata: { httpStatusCode?: number; requestId?: string } }>;
  conditionalUpdate(): Promise<AttributeMap | undefined>;
  missingTable(): Promise<Error>;
  deleteTable(): Promise<string | undefined>;
}

const REGION = "us-west-2";
const CREDENTIALS = { accessKeyId: "AKIDDYNAMOTEST", secretAccessKey: "dynamo/test+SECRET/key0123456789" };
const TABLE = "e2e-table";

let store: Server;
let proxy: Server;
let steps: Steps;
let scenarioModule: Scenario;
let typeErrors = "";
const verdicts: string[] = [];
const targets: string[] = [];

function listen(server: Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve((server.address() as AddressInfo).port)));
}

beforeAll(async () => {
  const generated = await generate({ model: join(suiteModelDir("dynamodb"), "service-2.json") });
  const scenarioFile = { path: "src/e2e-scenario.ts", contents: readFileSync(join(REPO_ROOT, "test/e2e/scenarios/dynamodb.ts"), "utf8") };
  const result = { ...generated, files: [...generated.files, scenarioFile] };
  typeErrors = (await typecheckMany(new Map([["dynamodb", result]]), "dynamodb-e2e")).get("dynamodb")!;
  const dir = await writeToTemp(result, "dynamodb-e2e");
  scenarioModule = (await import(pathToFileURL(join(dir, "src/e2e-scenario.ts")).href)) as Scenario;

  store = dynalite({ createTableMs: 20, deleteTableMs: 20, updateTableMs: 20 });
  const storePort = await listen(store);
  proxy = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", async () => {
      const body = Buffer.concat(chunks);
      const url = req.url ?? "/";
      const q = url.indexOf("?");
      const verdict = await verifySigV4(
        { method: req.method ?? "", path: q < 0 ? url : url.slice(0, q), query: q < 0 ? "" : url.slice(q + 1), rawHeaders: req.rawHeaders, body },
        { ...CREDENTIALS, region: REGION, service: "dynamodb" },
      );
      verdicts.push(verdict.ok ? "ok" : verdict.reason);
      targets.push(String(req.headers["x-amz-target"]));
      if (!verdict.ok) {
        res.writeHead(403, { "content-type": "application/x-amz-json-1.0" });
        return res.end(JSON.stringify({ __type: "com.amazon.coral.service#InvalidSignatureException", message: verdict.reason }));
      }
      const forwarded = request({ host: "127.0.0.1", port: storePort, method: req.method, path: url, headers: req.headers }, (answer) => {
        res.writeHead(answer.statusCode ?? 500, answer.headers);
        answer.pipe(res);
      });
      forwarded.on("error", (e) => res.destroy(e));
      forwarded.end(body);
    });
  });
  const endpoint = `http://127.0.0.1:${await listen(proxy)}`;
  steps = scenarioModule.scenario({ region: REGION, endpoint, credentials: CREDENTIALS, maxAttempts: 1 }, TABLE);
}, 120_000);

afterAll(async () => {
  await new Promise<void>((resolve) => (proxy ? proxy.close(() => resolve()) : resolve()));
  await new Promise<void>((resolve) => (store ? store.close(() => resolve()) : resolve()));
});

describe("DynamoDB against dynalite", () => {
  it("the scenario type-checks inside the generated package (strict, exactOptionalPropertyTypes)", () => {
    expect(typeErrors).toBe("");
  });

  it("creates a table and waits until it is ACTIVE", async () => {
    const statuses = await steps.createTableAndWaitUntilActive();
    expect(statuses[0]).toBe("CREATING");
    expect(statuses.at(-1)).toBe("ACTIVE");
  });

  it("puts and gets an item with every AttributeValue kind, byte for byte", async () => {
    const item = await steps.putAndGetEveryKind();
    // Sets come back as sets (DynamoDB does not promise their order).
    const sorted = (v: Record<string, unknown>) => {
      for (const k of ["SS", "NS"]) if (Array.isArray(v[k])) v[k] = [...(v[k] as string[])].sort();
      return v;
    };
    const want = structuredClone(scenarioModule.EVERY_KIND);
    const got = item;
    expect(Object.keys(got).sort()).toEqual(Object.keys(want).sort());
    for (const name of Object.keys(want)) expect(sorted(got[name]!), name).toEqual(sorted(want[name]!));
    expect(got["b"]!["B"]).toBeInstanceOf(Uint8Array);
  });

  it("batch-writes 60 items, then queries and scans them with the paginators across pages", async () => {
    expect(await steps.batchWrite(60)).toBe(60);
    const query = await steps.queryPages(7);
    expect(query.items).toBe(60);
    expect(query.pages).toBeGreaterThanOrEqual(9); // 60 / 7, plus the page that says there are no more
    expect(query.order).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
    const scan = await steps.scanPages(16);
    expect(scan.items).toBe(61);
    expect(scan.pages).toBeGreaterThanOrEqual(4);
  });

  it("a failed condition is a ConditionalCheckFailedException (instanceof), with its metadata; a met one updates", async () => {
    const e = await steps.failingConditionalUpdate();
    expect(e.name).toBe("ConditionalCheckFailedException");
    expect(e.message).toMatch(/conditional request failed/i);
    expect(e.$metadata.httpStatusCode).toBe(400);
    expect(e.$metadata.requestId).toMatch(/\S/);
    expect(await steps.conditionalUpdate()).toEqual({ yes: { BOOL: false }, n: { N: "7" } });
    const missing = await steps.missingTable();
    expect(missing.name).toBe("ResourceNotFoundException");
  });

  it("deletes the item and the table", async () => {
    expect(await steps.deleteTable()).toBe("DELETING");
  });

  it("every request was signed, and the signature verified", () => {
    expect(verdicts.length).toBeGreaterThan(20);
    expect(verdicts.filter((v) => v !== "ok")).toEqual([]);
    expect(new Set(targets)).toEqual(
      new Set(
        ["CreateTable", "DescribeTable", "PutItem", "GetItem", "BatchWriteItem", "Query", "Scan", "UpdateItem", "DeleteItem", "DeleteTable", "ListTables"].map(
          (op) => `DynamoDB_20120810.${op}`,
        ),
      ),
    );
  });
});
