import { existsSync } from "node:fs";
import { defineConfig } from "vitest/config";

// Tests over the whole shared corpus need ../shared beside the project; a clone alone has only
// suites/ (the copy the conformance tests read). Without ../shared those tests do not run, and
// this says so once.
const SHARED_CORPUS = ["test/corpus/**", "test/suites.test.ts"];
const hasShared = existsSync(new URL("../shared/botocore-models", import.meta.url));
if (!hasShared) {
  console.log(`../shared/botocore-models is not beside the project: not running ${SHARED_CORPUS.join(", ")} (the corpus-wide tests)`);
}

// The browser test drives Debian's Chromium (`apt-get install chromium`; .ci/run installs it).
const BROWSER_TESTS = ["test/ship/browser.test.ts"];
const hasChromium = existsSync("/usr/bin/chromium");
if (!hasChromium) console.log(`/usr/bin/chromium is not installed: not running ${BROWSER_TESTS.join(", ")} (apt-get install chromium)`);

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    exclude: ["**/node_modules/**", ...(hasShared ? [] : SHARED_CORPUS), ...(hasChromium ? [] : BROWSER_TESTS)],
    // Type-checking generated packages is CPU-bound; this machine has 2 cores.
    maxWorkers: 2,
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // The JSON report lets .ci/run end with a plain "N passed, M failed" line.
    reporters: ["default", ["json", { outputFile: ".tmp/vitest-report.json" }]],
  },
});
