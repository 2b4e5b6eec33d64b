// AWS JSON 1.1 (KMS) and Smithy RPC v2 CBOR (CloudWatch, query-compatible) end to end: generated
// clients against model-driven stand-ins (model-stand-in.ts) that verify every signature with
// @smithy/signature-v4, check every request body against the model, and answer in the protocol's
// encoding (CBOR through the `cbor` package, not our codec), modeled errors included. The steps are
// scenarios/{kms,cloudwatch}.ts, type-checked inside their packages with the packages' tsconfig.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generate, type GenerateResult } from "../../src/generate.js";
import { REPO_ROOT, suiteModelDir, typecheckMany, writeToTemp } from "../helpers.js";
import { ModeledError, checkValue, startStandIn, type BotocoreModel, type StandIn } from "./model-stand-in.js";

const REGION = "eu-central-1";
const CREDENTIALS = { accessKeyId: "AKIDJSONCBORTEST", secretAccessKey: "json/cbor+SECRET/key0123456789" };
const ACCOUNT = "123456789012";

// The scenarios as this test sees them (they compile only inside the packages they import).
interface KmsSteps {
  createKey(): Promise<{ KeyId: string; Arn?: string; CreationDate?: Date; KeyState?: string; EncryptionAlgorithms?: string[] }>;
  roundTrip(keyId: string, plaintext: Uint8Array): Promise<{ ciphertext: Uint8Array; plaintext: Uint8Array; keyArn: string | undefined }>;
  listAllKeys(limit: number): Promise<{ pages: number; keys: string[] }>;
  describeMissingKey(): Promise<Error & { $fault: string; $metadata: { httpStatusCode?: number; requestId?: string } }>;
  oversizedPlaintext(): Promise<Error & { member?: string }>;
}
interface CloudWatchSteps {
  putMetrics(at: Date, values: number[]): Promise<number | undefined>;
  readMetrics(from: Date, to: Date, maxDatapoints: number): Promise<{ pages: number; results: { Id?: string; Timestamps?: Date[]; Values?: number[]; StatusCode?: string }[] }>;
  missingDashboard(): Promise<Error & { $code: string; $fault: string; $metadata: { httpStatusCode?: number } }>;
}

const modelOf = (service: string): BotocoreModel => JSON.parse(readFileSync(join(suiteModelDir(service), "service-2.json"), "utf8"));
const scenarioFile = (name: string) => ({ path: "src/e2e-scenario.ts", contents: readFileSync(join(REPO_ROOT, `test/e2e/scenarios/${name}.ts`), "utf8") });

const packages = new Map<string, GenerateResult>();
let typeErrors = new Map<string, string>();
const scenarios: Record<string, { scenario(config: object): unknown }> = {};
let kms: StandIn;
let cloudwatch: StandIn;

beforeAll(async () => {
  for (const service of ["kms", "cloudwatch"]) {
    const generated = await generate({ model: join(suiteModelDir(service), "service-2.json") });
    packages.set(service, { ...generated, files: [...generated.files, scenarioFile(service)] });
  }
  typeErrors = await typecheckMany(packages, "json-cbor-e2e");
  for (const [service, result] of packages) {
    const dir = await writeToTemp(result, `${service}-e2e`);
    scenarios[service] = await import(pathToFileURL(join(dir, "src/e2e-scenario.ts")).href);
  }
  kms = await startStandIn({ model: modelOf("kms"), protocol: "json", credentials: CREDENTIALS, region: REGION, handlers: kmsHandlers() });
  cloudwatch = await startStandIn({
    model: modelOf("cloudwatch"),
    protocol: "smithy-rpc-v2-cbor",
    credentials: CREDENTIALS,
    region: REGION,
    handlers: cloudWatchHandlers(),
  });
}, 180_000);

afterAll(async () => {
  await kms?.close();
  await cloudwatch?.close();
});

const config = (standIn: StandIn) => ({ region: REGION, endpoint: standIn.endpoint, credentials: CREDENTIALS, maxAttempts: 1 });

/** A tiny KMS: keys in a list, "ciphertext" that carries its key and context (reversible, not secret). */
function kmsHandlers() {
  const keys: { id: string; arn: string }[] = [];
  const find = (id: string) => keys.find((k) => k.id === id || k.arn === id);
  const missing = (id: string) => new ModeledError("NotFoundException", { message: `Key '${id}' does not exist` });
  return {
    CreateKey: (input: Record<string, unknown>) => {
      const id = `0000000${keys.length}-aaaa-bbbb-cccc-${String(keys.length).padStart(12, "0")}`;
      const arn = `arn:aws:kms:${REGION}:${ACCOUNT}:key/${id}`;
      keys.push({ id, arn });
      return {
        KeyMetadata: {
          AWSAccountId: ACCOUNT,
          KeyId: id,
          Arn: arn,
          CreationDate: 1764547200.125, // epoch seconds with a fraction, as KMS sends them
          Enabled: true,
          Description: input["Description"],
          KeyUsage: "ENCRYPT_DECRYPT",
          KeyState: "Enabled",
          Origin: "AWS_KMS",
          KeyManager: "CUSTOMER",
          KeySpec: "SYMMETRIC_DEFAULT",
          EncryptionAlgorithms: ["SYMMETRIC_DEFAULT"],
          MultiRegion: false,
        },
      };
    },
    Encrypt: (input: Record<string, any>) => {
      const key = find(input["KeyId"]);
      if (!key) throw missing(input["KeyId"]);
      const header = Buffer.from(`${key.id}\0${JSON.stringify(input["EncryptionContext"] ?? {})}\0`);
      const body = Buffer.from(input["Plaintext"], "base64").reverse();
      return { CiphertextBlob: Buffer.concat([header, body]).toString("base64"), KeyId: key.arn, EncryptionAlgorithm: "SYMMETRIC_DEFAULT" };
    },
    Decrypt: (input: Record<string, any>) => {
      const blob = Buffer.from(input["CiphertextBlob"], "base64");
      const first = blob.indexOf(0);
      const second = blob.indexOf(0, first + 1);
      const key = find(blob.subarray(0, first).toString());
      if (!key) throw missing("(from the ciphertext)");
      if (blob.subarray(first + 1, second).toString() !== JSON.stringify(input["EncryptionContext"] ?? {})) throw new ModeledError("InvalidCiphertextException", {});
      return { KeyId: key.arn, Plaintext: Buffer.from(blob.subarray(second + 1)).reverse().toString("base64"), EncryptionAlgorithm: "SYMMETRIC_DEFAULT" };
    },
    ListKeys: (input: Record<string, any>) => {
      const start = input["Marker"] ? Number(input["Marker"].slice("after-".length)) : 0;
      const limit = input["Limit"] ?? 100;
      const page = keys.slice(start, start + limit);
      const truncated = start + limit < keys.length;
      return { Keys: page.map((k) => ({ KeyId: k.id, KeyArn: k.arn })), Truncated: truncated, ...(truncated ? { NextMarker: `after-${start + limit}` } : {}) };
    },
    DescribeKey: (input: Record<string, any>) => {
      throw missing(input["KeyId"]);
    },
  };
}

/** A tiny CloudWatch: datapoints kept as sent, read back a page of `MaxDatapoints` at a time. */
function cloudWatchHandlers() {
  const points: { at: Date; value: number }[] = [];
  return {
    PutMetricData: (input: Record<string, any>) => {
      for (const datum of input["MetricData"] ?? []) points.push({ at: datum.Timestamp, value: datum.Value });
      return {};
    },
    GetMetricData: (input: Record<string, any>) => {
      const inRange = points.filter((p) => p.at >= input["StartTime"] && p.at < input["EndTime"]);
      const start = input["NextToken"] ? Number(input["NextToken"]) : 0;
      const page = inRange.slice(start, start + input["MaxDatapoints"]);
      const more = start + page.length < inRange.length;
      return {
        MetricDataResults: [{ Id: input["MetricDataQueries"][0].Id, Label: "Latency", Timestamps: page.map((p) => p.at), Values: page.map((p) => p.value), StatusCode: "Complete" }],
        Messages: [],
        ...(more ? { NextToken: String(start + page.length) } : {}),
      };
    },
    GetDashboard: (input: Record<string, any>) => {
      throw new ModeledError("DashboardNotFoundError", { message: `Dashboard ${input["DashboardName"]} does not exist` });
    },
  };
}

describe("AWS JSON 1.1: KMS against a model-driven stand-in", () => {
  let steps: KmsSteps;
  beforeAll(() => void (steps = scenarios["kms"]!.scenario(config(kms)) as KmsSteps));

  it("the scenario type-checks inside the generated package", () => expect(typeErrors.get("kms")).toBe(""));

  it("creates keys: epoch-second timestamps become Dates, enums and lists come back", async () => {
    const key = await steps.createKey();
    expect(key).toMatchObject({ KeyState: "Enabled", EncryptionAlgorithms: ["SYMMETRIC_DEFAULT"], Arn: expect.stringContaining(key.KeyId) });
    expect(key.CreationDate?.getTime()).toBe(1764547200125);
    for (let i = 0; i < 6; i++) await steps.createKey();
  });

  it("encrypts and decrypts: blobs as base64 both ways, a map with awkward keys", async () => {
    const plaintext = new Uint8Array(4096).map((_, i) => (i * 7919) % 256);
    const { ciphertext, plaintext: back, keyArn } = await steps.roundTrip("00000000-aaaa-bbbb-cccc-000000000000", plaintext);
    expect(ciphertext.length).toBeGreaterThan(plaintext.length);
    expect(back).toEqual(plaintext);
    expect(keyArn).toMatch(/^arn:aws:kms:/);
  });

  it("lists keys page by page (Marker / NextMarker / Truncated)", async () => {
    const { pages, keys } = await steps.listAllKeys(3);
    expect(pages).toBe(3);
    expect(keys).toHaveLength(7);
    expect(new Set(keys).size).toBe(7);
  });

  it("a modeled error arrives as its class (instanceof), with the service's message", async () => {
    const e = await steps.describeMissingKey();
    expect(e.name).toBe("NotFoundException");
    expect(e.message).toBe("Key 'alias/does-not-exist' does not exist");
    expect(e.$fault).toBe("client");
    expect(e.$metadata.httpStatusCode).toBe(400);
    expect(e.$metadata.requestId).toMatch(/^stand-in-\d+$/);
  });

  it("input the model forbids is refused before anything is sent", async () => {
    const before = kms.calls.length;
    const e = await steps.oversizedPlaintext();
    expect(e.message).toMatch(/Plaintext/);
    expect(kms.calls.length).toBe(before);
  });

  it("every request verified, routed and matched the model", () => {
    expect(kms.problems).toEqual([]);
    expect(new Set(kms.calls)).toEqual(new Set(["CreateKey", "Encrypt", "Decrypt", "ListKeys", "DescribeKey"]));
  });
});

describe("Smithy RPC v2 CBOR: CloudWatch against a model-driven stand-in", () => {
  let steps: CloudWatchSteps;
  beforeAll(() => void (steps = scenarios["cloudwatch"]!.scenario(config(cloudwatch)) as CloudWatchSteps));
  const at = new Date(Date.UTC(2026, 11, 1, 12, 0, 0, 250));
  // Doubles that CBOR encoders shorten (to half and single precision) and ones they cannot.
  const values = [0, 1.5, -2, 0.1, 65504, 1e300, -5e-324, 3.4028234663852886e38, 123456.789, 42];

  it("the scenario type-checks inside the generated package", () => expect(typeErrors.get("cloudwatch")).toBe(""));

  it("puts metric data: a list of structures with timestamps (tag 1) and doubles", async () => {
    expect(await steps.putMetrics(at, values)).toBe(200);
  });

  it("reads it back with the paginator: timestamps as Dates to the millisecond, every double exact", async () => {
    const { pages, results } = await steps.readMetrics(new Date(at.getTime() - 1000), new Date(at.getTime() + 3_600_000), 4);
    expect(pages).toBe(3);
    expect(results.flatMap((r) => r.Values ?? [])).toEqual(values);
    expect(results.flatMap((r) => (r.Timestamps ?? []).map((t) => t.getTime()))).toEqual(values.map((_, i) => at.getTime() + i * 60_000));
    expect(results.every((r) => r.Id === "latency" && r.StatusCode === "Complete")).toBe(true);
  });

  it("a modeled error: its class from __type, the query-compatible code from x-amzn-query-error", async () => {
    const e = await steps.missingDashboard();
    expect(e.name).toBe("DashboardNotFoundError");
    expect(e.message).toBe("Dashboard nope does not exist");
    expect(e.$code).toBe("ResourceNotFound");
    expect(e.$fault).toBe("client");
    expect(e.$metadata.httpStatusCode).toBe(404);
  });

  it("every request verified, routed and matched the model", () => {
    expect(cloudwatch.problems).toEqual([]);
    expect(new Set(cloudwatch.calls)).toEqual(new Set(["PutMetricData", "GetMetricData", "GetDashboard"]));
  });
});

describe("the stand-ins catch what a wrong client would do", () => {
  it("an unsigned request with a wrong target is a 400 and a recorded problem", async () => {
    const before = kms.problems.length;
    const res = await fetch(kms.endpoint, {
      method: "POST",
      headers: { "content-type": "application/x-amz-json-1.0", "x-amz-target": "TrentService.NoSuchOperation" },
      body: "{}",
    });
    expect(res.status).toBe(400);
    const found = kms.problems.splice(before);
    expect(found.join("\n")).toMatch(/signature: /);
    expect(found.join("\n")).toMatch(/content-type application\/x-amz-json-1\.0 \(want application\/x-amz-json-1\.1\)/);
    expect(found.join("\n")).toMatch(/x-amz-target TrentService\.NoSuchOperation/);
  });

  const given: [string, string, unknown, RegExp | null][] = [
    ["kms json", "EncryptRequest", { KeyId: "k", Plaintext: "AAEC" }, null],
    ["kms json", "EncryptRequest", { KeyId: "k" }, /required Plaintext missing/],
    ["kms json", "EncryptRequest", { KeyId: "k", Plaintext: "not base64!" }, /not a base64 string/],
    ["kms json", "EncryptRequest", { KeyId: "k", Plaintext: "AA==", EncryptionAlgorithm: "ROT13" }, /not one of its enum values/],
    ["kms json", "EncryptRequest", { KeyId: "k", Plaintext: "AA==", Extra: 1 }, /unknown member Extra/],
    ["kms json", "KeyMetadata", { KeyId: "k", CreationDate: "2026-01-01" }, /not epoch seconds/],
    ["cloudwatch cbor", "MetricDatum", { MetricName: "m", Timestamp: new Date(0), Value: 1.5 }, null],
    ["cloudwatch cbor", "MetricDatum", { MetricName: "m", Timestamp: 0 }, /not a tag-1 timestamp/],
    ["cloudwatch cbor", "MetricDatum", { MetricName: "m", Counts: [1, null] }, /\[1\] is null/],
  ];
  for (const [where, shape, value, want] of given) {
    it(`${where}: ${shape} ${JSON.stringify(value)} → ${want ?? "accepted"}`, () => {
      const [service, protocol] = where.startsWith("kms") ? (["kms", "json"] as const) : (["cloudwatch", "smithy-rpc-v2-cbor"] as const);
      const found: string[] = [];
      checkValue(modelOf(service), protocol, shape, value, "v", found);
      if (want === null) expect(found).toEqual([]);
      else expect(found.join("\n")).toMatch(want);
    });
  }
});
