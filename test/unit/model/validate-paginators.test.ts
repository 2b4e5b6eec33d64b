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
});
