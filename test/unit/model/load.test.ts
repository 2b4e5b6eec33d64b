import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

import { ModelError } from "../../../src/diagnostics.js";
import { findSiblings, lineAndColumn, loadModel, loadSiblings, parseModelText } from "../../../src/model/load.js";
import { suiteModelDir } from "../../helpers.js";

const ivschat = join(suiteModelDir("ivschat"), "service-2.json");
const iotData = join(suiteModelDir("iot-data"), "service-2.json");

function parseError(text: string): ModelError {
  try {
    parseModelText(text, "m.json");
  } catch (error) {
    if (error instanceof ModelError) return error;
    throw error;
  }
  throw new Error("expected a ModelError");
}

describe("parseModelText", () => {
  const table: { name: string; text: string; message: string; hint?: string }[] = [
    {
      name: "trailing comma in an object",
      text: '{\n  "a": 1,\n}',
      message: "invalid JSON at line 3, column 1: expected double-quoted property name",
      hint: "remove the trailing comma before it: JSON does not allow one",
    },
    {
      name: "trailing comma in an array (V8 gives no position)",
      text: '{\n  "a": [1, 2,\n  ]\n}',
      message: 'invalid JSON at line 3, column 3: unexpected "]"',
      hint: "remove the trailing comma before it: JSON does not allow one",
    },
    {
      name: "unquoted word (V8 gives no position)",
      text: '{ "a": yes }',
      message: 'invalid JSON at line 1, column 8: unexpected "yes"',
      hint: "strings must be in double quotes; the only bare words JSON allows are true, false and null",
    },
    {
      name: "misspelt literal",
      text: '{\n "a": tru }',
      message: 'invalid JSON at line 2, column 7: unexpected "tru"',
      hint: "strings must be in double quotes; the only bare words JSON allows are true, false and null",
    },
    {
      name: "truncated inside an object",
      text: '{\n  "a": {\n    "b": 1\n\n',
      message: "invalid JSON at line 3, column 11: unexpected end of input",
      hint: "the file ends in the middle of a value: is it truncated?",
    },
    {
      name: "truncated inside a literal (Unexpected end of JSON input)",
      text: '{"a": nul',
      message: "invalid JSON at line 1, column 10: unexpected end of input",
      hint: "the file ends in the middle of a value: is it truncated?",
    },
    {
      name: "empty file",
      text: "",
      message: "invalid JSON at line 1, column 1: unexpected end of input",
      hint: "the file ends in the middle of a value: is it truncated?",
    },
    {
      name: "unquoted property name",
      text: "{ a: 1 }",
      message: "invalid JSON at line 1, column 3: expected property name or '}'",
      hint: 'property names must be in double quotes ("name")',
    },
    {
      name: "content after the document",
      text: "{}\n}",
      message: 'invalid JSON at line 2, column 1: unexpected "}" after the end of the top-level value',
    },
    {
      name: "raw tab in a string",
      text: '{"a": "x\ty"}',
      message: "invalid JSON at line 1, column 9: bad control character in string literal",
    },
    {
      name: "CRLF line ends count once",
      text: '{\r\n"a": 1,\r\n"b": ]\r\n}',
      message: 'invalid JSON at line 3, column 6: unexpected "]"',
    },
    {
      name: "columns count characters, not UTF-16 units",
      text: '{"😀": [1, 2,]}',
      message: 'invalid JSON at line 1, column 13: unexpected "]"',
      hint: "remove the trailing comma before it: JSON does not allow one",
    },
  ];
  for (const { name, text, message, hint } of table) {
    it(name, () => {
      const error = parseError(text);
      expect(error.file).toBe("m.json");
      expect(error.diagnostics).toEqual([
        { code: "invalid-json", severity: "error", pointer: "", message, ...(hint === undefined ? {} : { hint }) },
      ]);
    });
  }

  it("drops a leading byte order mark", () => {
    expect(parseModelText('\uFEFF{"a": 1}', "m.json")).toEqual({ a: 1 });
  });

  it("reports positions after a byte order mark as an editor shows them", () => {
    expect(parseError('\uFEFF{ "a": x }').diagnostics[0]!.message).toBe(
      'invalid JSON at line 1, column 8: unexpected "x"',
    );
  });

  for (const [text, kind] of [
    ["[]", "an array"],
    ['"service"', "a string"],
    ["42", "a number"],
    ["null", "null"],
  ] as const) {
    it(`rejects a top level that is ${kind}`, () => {
      const [d] = parseError(text).diagnostics;
      expect(d).toMatchObject({ code: "not-an-object", severity: "error", pointer: "" });
      expect(d!.message).toBe(`a service model must be a JSON object, but this file holds ${kind}`);
    });
  }

  it("keeps __proto__ keys as plain data", () => {
    const model = parseModelText('{"shapes": {"__proto__": {"type": "string"}}}', "m.json") as { shapes: object };
    expect(Object.keys(model.shapes)).toEqual(["__proto__"]);
    expect(Object.getPrototypeOf(model.shapes)).toBe(Object.prototype);
  });
});

describe("lineAndColumn", () => {
  const text = "ab\ncd\r\nef";
  const table: [number, number, number][] = [
    [0, 1, 1],
    [2, 1, 3],
    [3, 2, 1],
    [5, 2, 3],
    [7, 3, 1],
    [9, 3, 3],
  ];
  for (const [offset, line, column] of table) {
    it(`offset ${offset} is line ${line}, column ${column}`, () => {
      expect(lineAndColumn(text, offset)).toEqual({ line, column });
    });
  }
});

describe("loadModel", () => {
  const dir = mkdtempSync(join(tmpdir(), "load-model-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("returns the parsed model and its text", async () => {
    const { model, text } = await loadModel(ivschat);
    expect(text.length).toBeGreaterThan(1000);
    expect((model as { metadata: { serviceId: string } }).metadata.serviceId).toBe("ivschat");
  });

  it("reports a missing file as file-not-found, naming the path as given", async () => {
    const path = join(dir, "nope", "service-2.json");
    const error = await loadModel(path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelError);
    expect((error as ModelError).file).toBe(path);
    expect((error as ModelError).diagnostics).toEqual([
      {
        code: "file-not-found",
        severity: "error",
        pointer: "",
        message: `model file "${path}" does not exist`,
        hint: "check the path; botocore keeps models at <service>/<api-version>/service-2.json",
      },
    ]);
  });

  it("reports a directory as file-unreadable", async () => {
    const error = await loadModel(dir).catch((e: unknown) => e);
    expect((error as ModelError).diagnostics[0]!.code).toBe("file-unreadable");
  });

  it("reports bad JSON with the file's own path", async () => {
    const path = join(dir, "broken.json");
    writeFileSync(path, '{\n  "metadata": {},\n}\n');
    const error = (await loadModel(path).catch((e: unknown) => e)) as ModelError;
    expect(error.file).toBe(path);
    expect(error.message).toBe(
      `${path}#\n  error invalid-json: invalid JSON at line 3, column 1: expected double-quoted property name\n` +
        "  hint: remove the trailing comma before it: JSON does not allow one",
    );
  });
});

describe("findSiblings", () => {
  it("finds paginators, waiters, the endpoint rule set and examples beside service-2.json", () => {
    const dir = suiteModelDir("ivschat");
    expect(findSiblings(ivschat)).toEqual({
      paginators: join(dir, "paginators-1.json"),
      waiters: join(dir, "waiters-2.json"),
      endpointRuleSet: join(dir, "endpoint-rule-set-1.json"),
      examples: join(dir, "examples-1.json"),
    });
  });

  it("leaves out the ones that do not exist", () => {
    expect(Object.keys(findSiblings(iotData)).sort()).toEqual(["endpointRuleSet", "examples", "paginators"]);
  });

  it("finds <name>.paginators-1.json etc. beside a model copied out as <name>.json", () => {
    const dir = mkdtempSync(join(tmpdir(), "siblings-"));
    try {
      for (const f of ["ivschat.json", "ivschat.paginators-1.json", "ivschat.waiters-2.json", "paginators-1.json"]) {
        writeFileSync(join(dir, f), "{}");
      }
      expect(findSiblings(join(dir, "ivschat.json"))).toEqual({
        paginators: join(dir, "ivschat.paginators-1.json"),
        waiters: join(dir, "ivschat.waiters-2.json"),
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("finds nothing when no sibling exists", () => {
    expect(findSiblings(fileURLToPath(new URL("../../invalid/ref-list-member.json", import.meta.url)))).toEqual({});
  });

  it("loads what it finds", async () => {
    const siblings = await loadSiblings(ivschat);
    expect(Object.keys(siblings).sort()).toEqual(["endpointRuleSet", "examples", "paginators", "waiters"]);
    expect(siblings.paginators).toHaveProperty("pagination");
    expect(siblings.endpointRuleSet).toHaveProperty("rules");
  });
});
