import { beforeAll, describe, expect, it } from "vitest";
import { generate, type GenerateResult } from "../../src/generate.js";
import { corpusModels, typecheckMany } from "../helpers.js";

// Every real model in ../shared/botocore-models generates without errors, and its package
// type-checks under the generated tsconfig (strict, exactOptionalPropertyTypes, ...). One tsc
// program checks all of them (see typecheckMany), so 100 models take about a minute, not ten.
const models = corpusModels();

const results = new Map<string, GenerateResult>();
const failures = new Map<string, unknown>();
let typeErrors = new Map<string, string>();

beforeAll(async () => {
  for (const { service, path } of models) {
    try {
      results.set(service, await generate({ model: path }));
    } catch (e) {
      failures.set(service, e);
    }
  }
  typeErrors = await typecheckMany(results, "models");
}, 600_000);

describe.each(models)("model $service", ({ service }) => {
  it("generates a package that type-checks", () => {
    const failure = failures.get(service);
    expect(failure === undefined ? "" : String(failure)).toBe("");
    const result = results.get(service)!;
    expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(result.ir.operations.length).toBeGreaterThan(0);
    expect(typeErrors.get(service)).toBe("");
  });
});
