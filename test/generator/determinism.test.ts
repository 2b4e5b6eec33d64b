import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { generate } from "../../src/generate.js";
import { REPO_ROOT, tempDir } from "../helpers.js";

/**
 * Reorders the keys of every JSON object with a seeded shuffle, except `members`: botocore keeps
 * members in order (it is the XML and query serialization order), so their order is model content.
 */
function shuffleKeys(value: unknown, random: () => number, key = ""): unknown {
  if (Array.isArray(value)) return value.map((v) => shuffleKeys(v, random));
  if (value === null || typeof value !== "object") return value;
  const entries = Object.entries(value as Record<string, unknown>);
  if (key !== "members") {
    for (let i = entries.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [entries[i], entries[j]] = [entries[j]!, entries[i]!];
    }
  }
  return Object.fromEntries(entries.map(([k, v]) => [k, shuffleKeys(v, random, k)]));
}

/** Deterministic pseudo-random numbers (mulberry32), so a failure can be replayed. */
function seeded(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe("determinism", () => {
  const model = join(REPO_ROOT, "models/ivschat.json");

  it("gives byte-identical files on a rerun", async () => {
    const [a, b] = [await generate({ model }), await generate({ model })];
    expect(b.files).toEqual(a.files);
  });

  it("gives byte-identical files from a copy of the model with shuffled keys", async () => {
    const original = await generate({ model });
    const shuffled = shuffleKeys(JSON.parse(readFileSync(model, "utf8")), seeded(20261126));
    const copy = join(tempDir("shuffled"), "ivschat.json");
    writeFileSync(copy, JSON.stringify(shuffled, null, 1));
    expect(JSON.stringify(shuffled)).not.toBe(JSON.stringify(JSON.parse(readFileSync(model, "utf8"))));
    const again = await generate({ model: copy, out: original.outDir });
    expect(again.files).toEqual(original.files);
  });

  it("matches the committed generated/ivschat", async () => {
    const result = await generate({ model, out: join(REPO_ROOT, "generated/ivschat") });
    for (const file of result.files) {
      expect(readFileSync(join(REPO_ROOT, "generated/ivschat", file.path), "utf8"), file.path).toBe(file.contents);
    }
  });
});
