import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Type-checking generated packages is CPU-bound; this machine has 2 cores.
    maxWorkers: 2,
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // The JSON report lets .ci/run end with a plain "N passed, M failed" line.
    reporters: ["default", ["json", { outputFile: ".tmp/vitest-report.json" }]],
  },
});
