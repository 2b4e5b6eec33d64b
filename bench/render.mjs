// Re-writes bench/RESULTS.md from the numbers of the last run (bench/results.json) and the current
// bench/FINDINGS.md, without measuring again: for editing the hand-written findings.
//   node bench/render.mjs [results.json] [RESULTS.md]
import { readFileSync, writeFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { BENCH } from "./lib/common.mjs";
import { evaluateTargets, renderResults } from "./report.mjs";

const input = process.argv[2] ?? join(BENCH, "results.json");
const output = process.argv[3] ?? join(BENCH, "RESULTS.md");
const results = JSON.parse(readFileSync(input, "utf8"));
const findingsFile = join(BENCH, "FINDINGS.md");
const findings = existsSync(findingsFile) ? readFileSync(findingsFile, "utf8") : "";
writeFileSync(output, renderResults(results, evaluateTargets(results), findings));
console.log(`wrote ${output} from ${input}`);
