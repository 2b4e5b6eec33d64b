import { describe, expect, it } from "vitest";
import { validatePaginators } from "../../../src/model/validate-paginators.js";
import type { ModelService } from "../../../src/model/types.js";

const model: ModelService = {
  metadata: { apiVersion: "1", protocol: "rest-json" },
  operations: { ListItems: { name: "ListItems", http: { method: "GET", requestUri: "/" }, input: { shape: "In" } } },
  shapes: { In: { type: "structure", members: { token: { shape: "S" }, max: { shape: "S" } } }, S: { type: "string" } },
};

describe("validatePaginators", () => {
  it("accepts a paginator over a real operation and its input members", () => {
    const file = { pagination: { ListItems: { input_token: "token", output_token: "Next", limit_key: "max", result_key: "Items" } } };
    expect(validatePaginators(file, model)).toEqual([]);
  });

  it("reports unknown operations, non-members and token count mismatches with pointers", () => {
    const file = {
      pagination: {
        ListItem: { input_token: "token", output_token: "Next" },
        ListItems: { input_token: ["token", "nope"], output_token: "Next", limit_key: "limit" },
      },
    };
    expect(validatePaginators(file, model).map((d) => [d.pointer, d.code])).toEqual([
      ["/pagination/ListItem", "paginator-operation-not-found"],
      ["/pagination/ListItems/input_token/1", "paginator-member-not-found"],
      ["/pagination/ListItems/limit_key", "paginator-member-not-found"],
      ["/pagination/ListItems/output_token", "paginator-token-count"],
    ]);
  });

  it("needs a pagination object", () => {
    expect(validatePaginators({}, model).map((d) => d.code)).toEqual(["schema-required"]);
  });

  it("accepts every paginators file of the shared models", async () => {
    const { readdirSync, readFileSync, existsSync, statSync } = await import("node:fs");
    const { join } = await import("node:path");
    const { BOTOCORE_MODELS } = await import("../../helpers.js");
    for (const service of readdirSync(BOTOCORE_MODELS).filter((s) => statSync(join(BOTOCORE_MODELS, s)).isDirectory())) {
      for (const version of readdirSync(join(BOTOCORE_MODELS, service))) {
        const dir = join(BOTOCORE_MODELS, service, version);
        if (!existsSync(join(dir, "paginators-1.json"))) continue;
        const m = JSON.parse(readFileSync(join(dir, "service-2.json"), "utf8"));
        const p = JSON.parse(readFileSync(join(dir, "paginators-1.json"), "utf8"));
        expect(validatePaginators(p, m), service).toEqual([]);
      }
    }
  });
});
