import { beforeAll, describe, expect, it } from "vitest";
import { generate, type GenerateResult } from "../../src/generate.js";
import { corpusModels, exampleBlocksOf, typecheckMany } from "../helpers.js";

// Every real model in ../shared/botocore-models generates without errors, and its package
// type-checks under the generated tsconfig (strict, exactOptionalPropertyTypes, ...), the
// @example blocks of its client (from examples-1.json) included: they are compiled as a module of
// the package. One tsc program checks all of them (see typecheckMany), so 100 models take about a
// minute, not ten.
const models = corpusModels();

const results = new Map<string, GenerateResult>();
const failures = new Map<string, unknown>();
const exampleCounts = new Map<string, number>();
let typeErrors = new Map<string, string>();

beforeAll(async () => {
  for (const { service, path } of models) {
    try {
      const result = await generate({ model: path });
      const client = result.files.find((f) => f.path === "src/client.ts")!.contents;
      const examples = exampleBlocksOf(client);
      exampleCounts.set(service, examples.length);
      if (examples.length > 0) {
        const { client: name, baseClient } = result.ir.service.names;
        // Method examples use a client they are given; the classes' own examples make one.
        const body = examples
          .map((code, i) => `export async function example${i}(${/const client = new /.test(code) ? "" : `client: ${name}`}) {\n${code}\n}`)
          .join("\n\n");
        const values = [name, baseClient, ...result.ir.operations.map((op) => op.functionName)];
        result.files.push({ path: "src/examples.check.ts", contents: `import { ${values.join(", ")} } from "./index.js";\n\n${body}\n` });
      }
      results.set(service, result);
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

it("the shared models' examples become @example blocks (and compile, above)", () => {
  const total = [...exampleCounts.values()].reduce((a, b) => a + b, 0);
  expect(total).toBeGreaterThan(300);
});
