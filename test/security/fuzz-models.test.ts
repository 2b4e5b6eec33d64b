// The model fuzzer (npm run fuzz) on a fixed seed: seeded mutations of real models through the
// whole generator. Every case is a package or a refusal with pointers; an internal error, a
// timeout or running out of memory fails the test and prints the smallest model that does it.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { expect, it } from "vitest";
import { REPO_ROOT } from "../helpers.js";

it("300 seeded mutations of real models: no internal error, timeout or memory blow-up", () => {
  const run = spawnSync(process.execPath, [join(REPO_ROOT, "scripts/fuzz-models.mjs"), "--cases", "300", "--seed", "20261201", "--json"], {
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  expect(run.stderr).toBe("");
  const report = JSON.parse(run.stdout) as { counts: Record<string, number>; reproducers: unknown[] };
  expect(report.reproducers).toEqual([]);
  expect(report.counts).toMatchObject({ internal: 0, timeout: 0, memory: 0 });
  // Both outcomes occur, so the mutations reach past validation and into the emitters.
  expect(report.counts["generated"]).toBeGreaterThan(50);
  expect(report.counts["model-error"]).toBeGreaterThan(50);
  expect(run.status).toBe(0);
});
