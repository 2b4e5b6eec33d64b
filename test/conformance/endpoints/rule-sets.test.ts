// Endpoint conformance over the project's copy of the suites (suites/endpoint-tests): every case
// of every service's endpoint-tests-1.json against that service's rule set compiled by the
// generator, and every rules-engine case against its valid-rules rule set. One test per case.

import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compiledResolver, runParamsCase, type EndpointCase, type Resolve } from "../../../src/conformance/endpoint-runner.js";
import { sourceToolchain } from "../protocols/source-toolchain.js";

const SUITES = join(import.meta.dirname, "../../../suites");
const TESTS = join(SUITES, "endpoint-tests");
const work = mkdtempSync(join(tmpdir(), "ivschat-codegen-endpoints-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const readJson = (path: string): unknown => JSON.parse(readFileSync(path, "utf8"));
const cases = (file: string): EndpointCase[] => (readJson(file) as { testCases: EndpointCase[] }).testCases;

function ruleSetOf(service: string): unknown {
  const dir = join(SUITES, "botocore-models", service);
  const version = readdirSync(dir).sort().at(-1)!;
  return readJson(join(dir, version, "endpoint-rule-set-1.json"));
}

const groups: { name: string; ruleSet: () => unknown; cases: EndpointCase[] }[] = [];
for (const file of readdirSync(join(TESTS, "_rules-engine/test-cases")).sort()) {
  groups.push({ name: `_rules-engine/${file}`, ruleSet: () => readJson(join(TESTS, "_rules-engine/valid-rules", file)), cases: cases(join(TESTS, "_rules-engine/test-cases", file)) });
}
for (const service of readdirSync(TESTS).filter((d) => d !== "_rules-engine").sort()) {
  groups.push({ name: service, ruleSet: () => ruleSetOf(service), cases: cases(join(TESTS, service, "endpoint-tests-1.json")) });
}

const tally = { passed: 0, total: 0 };
for (const group of groups) {
  describe(group.name, () => {
    let resolve: Resolve;
    beforeAll(async () => {
      resolve = await compiledResolver(sourceToolchain, group.ruleSet(), mkdtempSync(join(work, "rs-")));
    }, 120_000);
    group.cases.forEach((c, i) => {
      it(`${i} ${c.documentation ?? ""}`, () => {
        tally.total++;
        const reason = runParamsCase(c, resolve);
        if (reason === undefined) tally.passed++;
        expect(reason).toBeUndefined();
      });
    });
  });
}

afterAll(() => console.log(`endpoint conformance: ${tally.passed}/${tally.total} cases passed`));
