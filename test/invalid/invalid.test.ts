// Each <case>.json is a small bad model; <case>.txt is exactly what the user sees for it.
// Accept changes with `vitest -u`, then read every changed .txt.

import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

import {
  type Diagnostic,
  ModelError,
  formatDiagnostics,
  pointerSegments,
  sortDiagnostics,
} from "../../src/diagnostics.js";
import { parseModelText } from "../../src/model/load.js";
import { validateModel } from "../../src/model/validate.js";

const here = new URL("./", import.meta.url);
const cases = readdirSync(here)
  .filter((f) => f.endsWith(".json"))
  .map((f) => f.slice(0, -".json".length))
  .sort();

/** Cases whose model is fine: documentation text is escaped by the docs emitter, not rejected. */
const VALID_CASES = new Set(["docs-comment-breaker"]);

function diagnose(file: string, text: string): { model?: unknown; diagnostics: readonly Diagnostic[] } {
  let model: unknown;
  try {
    model = parseModelText(text, file);
  } catch (error) {
    if (error instanceof ModelError) return { diagnostics: error.diagnostics };
    throw error;
  }
  return { model, diagnostics: validateModel(model) };
}

function resolvePointer(document: unknown, ptr: string): unknown {
  let node = document;
  for (const segment of pointerSegments(ptr)) {
    if (node === null || typeof node !== "object" || !Object.hasOwn(node, segment)) return undefined;
    node = (node as Record<string, unknown>)[segment];
  }
  return node;
}

describe("invalid models", () => {
  it("has a case for each kind of problem", () => {
    expect(cases.length).toBeGreaterThanOrEqual(24);
  });

  for (const name of cases) {
    it(name, async () => {
      const file = `${name}.json`;
      const { model, diagnostics } = diagnose(file, readFileSync(new URL(file, here), "utf8"));
      await expect(formatDiagnostics(file, diagnostics)).toMatchFileSnapshot(`./${name}.txt`);

      expect(diagnostics).toEqual(sortDiagnostics(diagnostics));
      if (VALID_CASES.has(name)) expect(diagnostics).toEqual([]);
      // location-* and warning-* cases show warnings only; every other case has an error.
      else expect(diagnostics.some((d) => d.severity === "error" || /^(location|warning)-/.test(name))).toBe(true);
      // Every pointer leads to a node of the model, so an editor can jump to it.
      if (model !== undefined) {
        for (const d of diagnostics) expect(resolvePointer(model, d.pointer), d.pointer).toBeDefined();
      }
    });
  }
});
