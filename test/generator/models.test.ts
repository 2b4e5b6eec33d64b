import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { generate } from "../../src/generate.js";
import { BOTOCORE_MODELS, typecheck, writeToTemp } from "../helpers.js";

// Every real model in ../shared generates, and its package type-checks under tsc --strict.
const models = readdirSync(BOTOCORE_MODELS, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .flatMap((service) =>
    readdirSync(join(BOTOCORE_MODELS, service.name)).map((version) => ({
      service: service.name,
      path: join(BOTOCORE_MODELS, service.name, version, "service-2.json"),
    })),
  )
  .sort((a, b) => (a.service < b.service ? -1 : 1));

describe.each(models)("model $service", ({ service, path }) => {
  it("generates a package that type-checks", async () => {
    const result = await generate({ model: path });
    expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(result.ir.operations.length).toBeGreaterThan(0);
    const out = await writeToTemp(result, `model-${service}`);
    expect(typecheck(out)).toBe("");
  });
});
