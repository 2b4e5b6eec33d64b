// The runner itself: its comparisons must catch real differences, and runFiles must count every
// case (a runner that passes everything proves nothing).

import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "../../helpers.js";
import { compareHeaders, compareHost, compareJsonBody, compareUri, toSuiteNotation } from "../../../src/conformance/compare.js";
import { suiteModel } from "../../../src/conformance/protocol-runner.js";
import { PROTOCOL_TESTS_DIR, sourceRunner } from "./source-toolchain.js";

describe("comparisons", () => {
  it("JSON bodies by meaning, other bodies exactly", () => {
    expect(compareJsonBody('{"a":1,"b":[1,2]}', '{\n  "b": [1, 2], "a": 1.0\n}')).toBeUndefined();
    expect(compareJsonBody('{"a":1}', '{"a":2}')).toMatch(/body \(as JSON\)/);
    expect(compareJsonBody(undefined, "")).toBeUndefined();
    expect(compareJsonBody(undefined, "{}")).toMatch(/body/);
    expect(compareJsonBody(new TextEncoder().encode("blob"), "blob")).toBeUndefined();
    expect(compareJsonBody("blob ", "blob")).toMatch(/body/);
  });

  it("headers: listed ones exactly (names case-free), forbidden absent, required present", () => {
    const h = new Headers({ "x-a": "1, 2", "content-length": "3" });
    expect(compareHeaders(h, { "X-A": "1, 2" }, ["Content-Type"], ["Content-Length"])).toBeUndefined();
    expect(compareHeaders(h, { "X-A": "1,2" }, [], [])).toMatch(/header X-A/);
    expect(compareHeaders(h, {}, ["content-length"], [])).toMatch(/forbidden/);
    expect(compareHeaders(h, {}, [], ["X-B"])).toMatch(/required/);
  });

  it("uri: exact path, exact query pieces, order free only across different keys", () => {
    expect(compareUri("/p?a=1&b=2&b=3", "/p?b=2&a=1&b=3")).toBeUndefined();
    expect(compareUri("/p?b=3&b=2", "/p?b=2&b=3")).toMatch(/query/);
    expect(compareUri("/p?a=%20", "/p?a=+")).toMatch(/query/);
    expect(compareUri("/p/a%2Fb", "/p/a/b")).toMatch(/path/);
    expect(compareUri("/p?flag", "/p?flag")).toBeUndefined();
  });

  it("host, with an optional base path", () => {
    expect(compareHost(new URL("https://foo.example.com/x"), "foo.example.com")).toBeUndefined();
    expect(compareHost(new URL("https://example.com/custom/Op"), "example.com/custom")).toBeUndefined();
    expect(compareHost(new URL("https://example.com/Op"), "example.com/custom")).toMatch(/base path/);
    expect(compareHost(new URL("https://example.com/"), "foo.example.com")).toMatch(/host/);
  });

  it("suite notation: dates as epoch seconds, bytes as text, special floats as strings", () => {
    expect(
      toSuiteNotation({ d: new Date(946845296123), b: new Uint8Array([104, 105]), n: [NaN, Infinity, -Infinity, 1], u: undefined }),
    ).toEqual({ d: 946845296.123, b: "hi", n: ["NaN", "Infinity", "-Infinity", 1] });
  });
});

describe("suiteModel", () => {
  it("gives a suite the names botocore would not need, keeping the suite's own", () => {
    const given = { name: "Op", http: { method: "POST", requestUri: "/" } };
    const suite = { description: "d", metadata: { protocol: "rest-json", apiVersion: "1" }, shapes: {}, cases: [{ given }, { given }] };
    expect(suiteModel(suite)).toEqual({
      version: "2.0",
      metadata: { serviceId: "Protocol Test", endpointPrefix: "protocol-test", signingName: "protocol-test", protocol: "rest-json", apiVersion: "1" },
      operations: { Op: given },
      shapes: {},
    });
    expect(suiteModel({ ...suite, metadata: { ...suite.metadata, serviceId: "Other" } }).metadata.serviceId).toBe("Other");
  });
});

describe("ConformanceRunner.runFiles", () => {
  const { runner, dispose } = sourceRunner();
  const dir = mkdtempSync(join(tmpdir(), "protocol-tests-"));
  afterAll(() => {
    dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  type Suite = { description: string; shapes: unknown; cases: Record<string, unknown>[] };
  const read = (file: string): Suite[] => JSON.parse(readFileSync(join(PROTOCOL_TESTS_DIR, file), "utf8"));
  const pick = (suites: Suite[], ...descriptions: string[]) => suites.filter((s) => descriptions.includes(s.description));
  const write = (name: string, suites: Suite[]): string => {
    writeFileSync(join(dir, name), JSON.stringify(suites));
    return join(dir, name);
  };

  it("summarizes each file and reports tampered expectations as failures", async () => {
    const input = pick(read("input/rest-json.json"), "Test cases for JsonBlobs operation", "Test cases for JsonEnums operation");
    (input[0]!.cases[0]!.serialized as { body: string }).body = '{"data": "bm9wZQ=="}';
    const output = pick(read("output/rest-json.json"), "Test cases for HttpResponseCode operation");
    output[0]!.cases[0]!.result = { Status: 200 };
    const total = (suites: Suite[]) => suites.reduce((n, s) => n + s.cases.length, 0);

    const [inResult, outResult] = await runner.runFiles([write("input.json", input), write("output.json", output)]);
    expect(inResult).toMatchObject({ passed: total(input) - 1, failed: 1 });
    expect(inResult!.failures).toEqual([
      { suite: "Test cases for JsonBlobs operation", case: "RestJsonJsonBlobs", reason: expect.stringMatching(/^body \(as JSON\)/) },
    ]);
    expect(outResult).toMatchObject({ passed: total(output) - 1, failed: 1 });
    expect(outResult!.failures[0]).toMatchObject({ case: "RestJsonHttpResponseCode", reason: expect.stringMatching(/^result/) });
  });

  it("runs protocols without a runtime and names them instead of skipping", async () => {
    const suites = read("input/rest-xml.json").slice(0, 2);
    const [result] = await runner.runFiles([write("rest-xml.json", suites)]);
    expect(result!.passed).toBe(0);
    expect(result!.failures.map((f) => f.reason)).toEqual(
      suites.flatMap((s) => s.cases.map(() => "protocol rest-xml has no runtime yet (UnsupportedProtocolError)")),
    );
  });

  it("`ivschat-codegen conformance` prints failing cases and per-file counts, exit code 1 on failures (needs a build)", () => {
    const input = pick(read("input/rest-json.json"), "Test cases for JsonEnums operation");
    const xml = read("input/rest-xml.json").slice(0, 1);
    const folder = join(dir, "cli");
    mkdirSync(folder);
    writeFileSync(join(folder, "not-a-suite.json"), "{}");
    write("cli/rest-json.json", input);
    write("cli/rest-xml.json", xml);
    const run = (...args: string[]) =>
      spawnSync(process.execPath, [join(REPO_ROOT, "bin/ivschat-codegen.js"), "conformance", ...args], {
        cwd: dir,
        encoding: "utf8",
        env: { ...process.env, INIT_CWD: dir },
      });

    const all = run("cli");
    expect(all.stderr).toBe("");
    expect(all.stdout.split("\n")).toEqual([
      `cli/rest-json.json: ${input[0]!.cases.length} passed, 0 failed`,
      ...xml[0]!.cases.map(
        (c) => `cli/rest-xml.json ${xml[0]!.description} ${String(c.id)}: protocol rest-xml has no runtime yet (UnsupportedProtocolError)`,
      ),
      `cli/rest-xml.json: 0 passed, ${xml[0]!.cases.length} failed`,
      "",
    ]);
    expect(all.status).toBe(1);

    expect(run("cli/rest-json.json").status).toBe(0);
    const missing = run("nope.json");
    expect([missing.status, missing.stderr]).toEqual([2, expect.stringContaining("nope.json: no such file or folder")]);
  });

  it("reports a suite whose model does not validate on each of its cases", async () => {
    const [suite] = pick(read("input/rest-json.json"), "Test cases for JsonBlobs operation");
    const [result] = await runner.runFiles([write("invalid.json", [{ ...suite!, shapes: {} }])]);
    expect(result!.failed).toBe(suite!.cases.length);
    expect(result!.failures[0]!.reason).toMatch(/^threw Error: the suite's model is invalid: shape-not-found at \/operations\/JsonBlobs/);
  });
});
