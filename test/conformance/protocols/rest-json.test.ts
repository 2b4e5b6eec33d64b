// rest-json conformance: every case of the botocore rest-json input and output suites, one test
// each, named "<file> <suite description> <case id>", run through a client the generator made
// from the suite. Cases in botocore-skips.json run too.

import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { PROTOCOL_TESTS_DIR, sourceRunner } from "./source-toolchain.js";

const FILES = { "input/rest-json.json": 113, "output/rest-json.json": 91 } as const;

/**
 * Cases that do not pass yet, by test name, with the reason. They run with `it.fails`, so a case
 * that starts passing fails the suite until it is removed from this table.
 */
const KNOWN_FAILURES: Record<string, string> = {};

const { runner, dispose } = sourceRunner();
const tally = new Map<string, { passed: number; total: number }>();
const allNames = new Set<string>();

for (const [file, total] of Object.entries(FILES)) {
  const cases = runner.loadCases(join(PROTOCOL_TESTS_DIR, file));
  const counts = { passed: 0, total: cases.length };
  tally.set(file, counts);

  it(`${file} holds ${total} cases`, () => {
    expect(cases.length).toBe(total);
  });

  for (const c of cases) {
    allNames.add(c.name);
    const test = KNOWN_FAILURES[c.name] === undefined ? it : it.fails;
    test(c.name, async () => {
      const reason = await c.run();
      if (reason === undefined) counts.passed++;
      expect(reason, reason).toBeUndefined();
    });
  }
}

it("every known failure names an existing case", () => {
  expect(Object.keys(KNOWN_FAILURES).filter((name) => !allNames.has(name))).toEqual([]);
});

afterAll(() => {
  dispose();
  for (const [file, { passed, total }] of tally) console.log(`rest-json conformance ${file}: ${passed}/${total} passed`);
});
