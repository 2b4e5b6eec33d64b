import { describe, expect, it } from "vitest";
import type { ScalarSchema, StructureSchema } from "../../templates/runtime/schema.js";
import { validateInput } from "../../templates/runtime/validate.js";

const str = (extra: Partial<ScalarSchema> = {}): ScalarSchema => ({ type: "string", ...extra });
const Arn = str({ min: 1, max: 20, pattern: "^arn:[a-z]+$" });
const Secret = str({ sensitive: true, min: 8 });
const Item: StructureSchema = { type: "structure", name: "Item", members: { id: { target: str(), required: true } } };
const Choice: StructureSchema = {
  type: "structure",
  name: "Choice",
  union: true,
  members: { a: { target: str() }, b: { target: { type: "integer" } } },
};
const Request: StructureSchema = {
  type: "structure",
  name: "Request",
  members: {
    arn: { target: Arn, required: true },
    count: { target: { type: "integer", min: 1, max: 10 } },
    ratio: { target: { type: "double", max: 1 } },
    color: { target: str({ enum: ["RED", "BLUE"] }) },
    secret: { target: Secret },
    items: { target: { type: "list", member: { target: Item }, max: 2 } },
    tags: { target: { type: "map", key: { target: str({ max: 3 }) }, value: { target: Secret }, sensitive: true } },
    choice: { target: Choice },
    when: { target: { type: "timestamp" } },
    data: { target: { type: "blob", max: 4 } },
  },
};

describe("validateInput", () => {
  it("accepts a valid input", () => {
    expect(
      validateInput(Request, {
        arn: "arn:x",
        count: 3,
        ratio: 0.5,
        color: "RED",
        items: [{ id: "1" }],
        choice: { b: 2 },
        when: new Date(0),
        data: "abcd",
      }),
    ).toEqual([]);
  });

  it("lists every problem with its path", () => {
    const problems = validateInput(Request, {
      count: 11,
      ratio: 2,
      color: "GREEN",
      items: [{}, { id: "2" }, { id: "3" }],
      choice: { a: "x", b: 1 },
      when: new Date(NaN),
      data: new Uint8Array(5),
    });
    expect(problems).toEqual([
      { path: "input.arn", message: "is required" },
      { path: "input.count", message: "must be at most 10, got 11" },
      { path: "input.ratio", message: "must be at most 1, got 2" },
      { path: "input.color", message: 'must be one of "RED", "BLUE", got "GREEN"' },
      { path: "input.items", message: "must have at most 2 items, has 3" },
      { path: "input.items[0].id", message: "is required" },
      { path: "input.choice", message: "must set exactly one member of the union, found 2" },
      { path: "input.when", message: "must be a valid Date" },
      { path: "input.data", message: "must have at most 4 bytes, has 5" },
    ]);
  });

  it("checks integers and types", () => {
    expect(validateInput(Request, { arn: "arn:x", count: 1.5 })).toEqual([
      { path: "input.count", message: "must be an integer, got 1.5" },
    ]);
    expect(validateInput(Request, { arn: 5 })).toEqual([{ path: "input.arn", message: "must be a string" }]);
  });

  it("checks patterns only when asked", () => {
    expect(validateInput(Request, { arn: "nope" })).toEqual([]);
    expect(validateInput(Request, { arn: "nope" }, { patterns: true })).toEqual([
      { path: "input.arn", message: 'must match the pattern ^arn:[a-z]+$, got "nope"' },
    ]);
  });

  it("never quotes sensitive values or a sensitive map's keys", () => {
    const problems = validateInput(Request, { arn: "arn:x", secret: "short", tags: { "key-too-long": "tiny" } });
    const text = JSON.stringify(problems);
    expect(problems.map((p) => p.path)).toEqual(["input.secret", "input.tags key (redacted)", "input.tags[(redacted)]"]);
    expect(text).not.toContain("short");
    expect(text).not.toContain("key-too-long");
    expect(text).not.toContain("tiny");
  });
});
