// The runner itself: its comparisons must catch real differences, and runConformanceFiles must
// count every case (a runner that passes everything proves nothing).

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compareHeaders, compareHost, compareJsonBody, compareUri, toSuiteNotation } from "./compare.js";
import { PROTOCOL_TESTS_DIR, runConformanceFiles } from "./runner.js";

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

describe("runConformanceFiles", () => {
  it("summarizes each file and reports tampered expectations as failures", () => {
    const dir = mkdtempSync(join(tmpdir(), "protocol-tests-"));
    try {
      const input = JSON.parse(readFileSync(join(PROTOCOL_TESTS_DIR, "input/rest-json.json"), "utf8"));
      const suite = input.find((s: { description: string }) => s.description === "Test cases for JsonBlobs operation");
      suite.cases[0].serialized.body = '{"data": "bm9wZQ=="}';
      const output = JSON.parse(readFileSync(join(PROTOCOL_TESTS_DIR, "output/rest-json.json"), "utf8"));
      const outSuite = output.find((s: { description: string }) => s.description === "Test cases for HttpResponseCode operation");
      outSuite.cases[0].result = { Status: 200 };
      for (const [name, data] of [["input", input], ["output", output]] as const) {
        writeFileSync(join(dir, `${name}-rest-json.json`), JSON.stringify(data));
      }
      const [inResult, outResult] = runConformanceFiles([join(dir, "input-rest-json.json"), join(dir, "output-rest-json.json")]);
      expect(inResult).toMatchObject({ passed: 112, failed: 1 });
      expect(inResult!.failures).toEqual([
        { suite: "Test cases for JsonBlobs operation", case: "RestJsonJsonBlobs", reason: expect.stringMatching(/^body \(as JSON\)/) },
      ]);
      expect(outResult).toMatchObject({ passed: 90, failed: 1 });
      expect(outResult!.failures[0]).toMatchObject({ case: "RestJsonHttpResponseCode", reason: expect.stringMatching(/^result/) });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("names protocols it cannot run yet instead of skipping them", () => {
    const [result] = runConformanceFiles([join(PROTOCOL_TESTS_DIR, "input/rest-xml.json")]);
    expect(result!.passed).toBe(0);
    expect(result!.failures[0]!.reason).toBe("protocol rest-xml has no runtime yet");
  });
});
