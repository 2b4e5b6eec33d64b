// Every shared model validates without a diagnostic: a new warning must be read and listed here
// with its reason.
import { readFileSync, existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Diagnostic } from "../../src/diagnostics.js";
import { validatePaginators } from "../../src/model/validate-paginators.js";
import { validateModel } from "../../src/model/validate.js";
import { corpusModels } from "../helpers.js";

const brief = (list: Diagnostic[]) => list.map((d) => `${d.severity} ${d.code} ${d.pointer}`);
const models = corpusModels();

describe("botocore models", () => {
  it("are all here", () => {
    expect(models.length).toBeGreaterThanOrEqual(100);
  });

  describe.each(models)("$service", ({ path }) => {
    it("validates cleanly", () => {
      expect(brief(validateModel(JSON.parse(readFileSync(path, "utf8"))))).toEqual([]);
    });

    const paginators = join(dirname(path), "paginators-1.json");
    if (existsSync(paginators)) {
      it("its paginators validate", () => {
        const model = JSON.parse(readFileSync(path, "utf8"));
        expect(validatePaginators(JSON.parse(readFileSync(paginators, "utf8")), model)).toEqual([]);
      });
    }
  });
});
