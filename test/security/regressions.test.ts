// One regression test per finding of the hostile-model / hostile-server review (issue 8), beside
// the systematic checks (hostile-model.test.ts, fuzz tests, the fault matrix in test/e2e).

import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { generate, type GenerateResult } from "../../src/generate.js";
import type * as rt from "../../templates/runtime/index.js";
import { parseRestJsonError, parseRestJsonResponse } from "../../templates/runtime/protocols/rest-json.js";
import { ServiceException, ResponseParseError } from "../../templates/runtime/errors.js";
import type { OperationSchema, StructureSchema } from "../../templates/runtime/schema.js";
import { runCli, tempDir, typecheckMany, writeToTemp } from "../helpers.js";
import { codeTokensMentioning } from "./scan.js";

const BREAKER = "*/ globalThis.PWNED = 1; /*";

/** The smallest rest-json model, with `metadata` overrides and `operations` added. */
function model(metadata: Record<string, unknown>, operations: Record<string, unknown> = {}): string {
  const dir = tempDir("regression-model");
  const path = join(dir, "model.json");
  const ops = { GetThing: { name: "GetThing", http: { method: "POST", requestUri: "/" }, input: { shape: "In" } }, ...operations };
  const json = {
    metadata: { apiVersion: "2024-01-01", protocol: "rest-json", serviceId: "Thing", endpointPrefix: "thing", ...metadata },
    operations: ops,
    shapes: { In: { type: "structure", members: { id: { shape: "S" } } }, S: { type: "string" } },
  };
  writeFileSync(path, JSON.stringify(json));
  return path;
}

describe("generation (findings 1, 3, 4, 5)", () => {
  const cases: Record<string, string> = {
    "serviceFullName and apiVersion that close the comment": model({ serviceFullName: BREAKER, apiVersion: BREAKER }),
    'a serviceFullName of "*/"': model({ serviceFullName: "*/" }),
    'a serviceId that starts with a digit ("1abc")': model({ serviceId: "1abc" }),
    'a serviceId that is no identifier ("&#42;x")': model({ serviceId: "&#42;x" }),
    "operations named like the modules' imports (Rt, Schemas, Types, Errors, Operations)": model({}, {
      Rt: { name: "Rt", http: { method: "POST", requestUri: "/rt" } },
      Schemas: { name: "Schemas", http: { method: "POST", requestUri: "/schemas" } },
      Types: { name: "Types", http: { method: "POST", requestUri: "/types" } },
      Errors: { name: "Errors", http: { method: "POST", requestUri: "/errors" } },
      Operations: { name: "Operations", http: { method: "POST", requestUri: "/operations" } },
    }),
  };
  const results = new Map<string, GenerateResult>();
  let typeErrors = new Map<string, string>();
  beforeAll(async () => {
    for (const [name, path] of Object.entries(cases)) results.set(name, await generate({ model: path }));
    typeErrors = await typecheckMany(results, "regressions");
  }, 120_000);

  it.each(Object.keys(cases))("%s: the CLI exits 0 and the package type-checks", (name) => {
    const run = runCli([cases[name]!, "--out", join(tempDir("regression-out"), "pkg")]);
    expect(run.stderr).not.toMatch(/internal error/);
    expect(run.code).toBe(0);
    expect(typeErrors.get(name)).toBe("");
  });

  it("a comment breaker in the metadata stays inside comments and strings, and importing runs none of it", async () => {
    const result = results.get("serviceFullName and apiVersion that close the comment")!;
    for (const file of result.files.filter((f) => f.path.endsWith(".ts"))) {
      expect(codeTokensMentioning(file.contents, "PWNED"), file.path).toEqual([]);
    }
    const dir = await writeToTemp(result, "regression-breaker");
    await import(pathToFileURL(join(dir, "src/index.ts")).href);
    expect((globalThis as { PWNED?: unknown }).PWNED).toBeUndefined();
    expect(readFileSync(join(dir, "package.json"), "utf8")).toContain(JSON.stringify(BREAKER).slice(1, -1));
  });
});

// ---- runtime (findings 6, 7, 8, and wire error codes) ----

const Str = { type: "string" } as const;
const Output: StructureSchema = {
  type: "structure",
  name: "Out",
  members: {
    token: { target: { type: "string", sensitive: true } },
    when: { target: { type: "timestamp", timestampFormat: "iso8601" } },
    count: { target: { type: "integer" } },
    tags: { target: { type: "map", key: { target: Str }, value: { target: Str } } },
  },
};
const Op: OperationSchema = { name: "GetSecret", method: "POST", path: ["/"], output: Output, sensitiveOutput: true };
const respond = (body: string, status = 200, headers: Record<string, string> = {}) => ({ status, headers: new Headers(headers), body });
const parseFailure = (body: string): ResponseParseError => {
  try {
    parseRestJsonResponse(Op, respond(body));
  } catch (e) {
    if (e instanceof ResponseParseError) return e;
    throw e;
  }
  throw new Error("parsed");
};

describe("responses (findings 6 and 8)", () => {
  it("never copies a 2xx body into the error when the output has sensitive members", () => {
    const e = parseFailure("token=the-secret-token; <html>not json</html>");
    expect(e.bodySnippet).toBe("");
    expect(JSON.stringify(e) + e.message + String(e)).not.toContain("the-secret-token");
  });

  it.each([
    ['{"token":{"v":"x"}}', "token: expected a string, got an object"],
    ['{"when":1700000000}', "when: expected an ISO 8601 timestamp (a string), got a number"],
    ['{"count":"7"}', "count: expected an integer, got a string"],
    ['{"count":1.5}', "count: expected an integer, got a fraction"],
    ['{"tags":{"a":5}}', "tags{}: expected a string, got a number"],
    ['{"tags":[]}', "tags: expected an object, got an array"],
    ["[1,2]", "the body: expected an object, got an array"],
  ])("%s raises ResponseParseError naming the member and the type (%s), never the value", (body, detail) => {
    const e = parseFailure(body);
    expect(e.message).toContain(detail);
    expect(e.message).not.toMatch(/1700000000|"7"|x"/);
  });

  it("a map key __proto__ from the wire is an ordinary key", () => {
    const out = parseRestJsonResponse(Op, respond('{"tags":{"__proto__":"p","a":"b"}}')) as { tags: Record<string, string> };
    expect(Object.getPrototypeOf(out.tags)).toBe(Object.prototype);
    expect(Object.keys(out.tags)).toEqual(["__proto__", "a"]);
  });

  it.each(["constructor", "__proto__", "toString", "hasOwnProperty"])(
    "an error code %s from the wire is an unmodeled error, not a lookup into Object.prototype",
    (code) => {
      const e = parseRestJsonError(Op, respond("{}", 400, { "x-amzn-errortype": code }), { errors: {} });
      expect(e).toBeInstanceOf(ServiceException);
      expect(e.name).toBe(code);
    },
  );
});

describe("transport (findings 2 and 7)", () => {
  let ivschat: { IvschatClient: new (config: rt.ClientConfig) => { getRoom(input: object): Promise<unknown> } };
  beforeAll(async () => {
    const dir = await writeToTemp(await generate({ model: "models/ivschat.json" }), "regression-transport");
    ivschat = await import(pathToFileURL(join(dir, "src/index.ts")).href);
  });
  const client = (fetch: rt.FetchLike, extra: Partial<rt.ClientConfig> = {}) =>
    new ivschat.IvschatClient({
      region: "us-west-2",
      endpoint: "https://ivschat.us-west-2.amazonaws.com",
      credentials: { accessKeyId: "AKID", secretAccessKey: "secret", sessionToken: "token" },
      maxAttempts: 3,
      fetch,
      ...extra,
    });

  it("a configured fetch is asked not to follow redirects, and a 3xx is an error, sent once", async () => {
    const seen: Request[] = [];
    const fetch = async (request: Request): Promise<Response> => {
      seen.push(request);
      return new Response(null, { status: 307, headers: { location: "https://evil.example/steal" } });
    };
    await expect(client(fetch).getRoom({ identifier: "r" })).rejects.toThrow(/HTTP 307 redirect to https:\/\/evil\.example, not followed/);
    expect(seen.map((r) => r.redirect)).toEqual(["manual"]);
  });

  it("a body over maxResponseBytes is not read: ResponseTooLargeError, not retried", async () => {
    let calls = 0;
    let pulled = 0;
    const fetch = async (): Promise<Response> => {
      calls++;
      const body = new ReadableStream<Uint8Array>({
        pull(controller) {
          pulled++;
          controller.enqueue(new Uint8Array(1024));
        },
      });
      return new Response(body, { status: 200, headers: { "content-type": "application/json" } });
    };
    await expect(client(fetch, { maxResponseBytes: 10_000 }).getRoom({ identifier: "r" })).rejects.toMatchObject({
      name: "ResponseTooLargeError",
      limit: 10_000,
    });
    expect(calls).toBe(1);
    expect(pulled).toBeLessThan(20);
  });
});
