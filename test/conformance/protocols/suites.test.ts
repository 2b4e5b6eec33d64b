// Protocol conformance: every case of every botocore protocol suite (suites/protocol-tests), one
// test each, named "<file> <suite description> <case id>", run through a client the generator
// made from the suite. Cases in botocore-skips.json run too. A figure counts only over a whole
// file: protocols the runtime does not speak yet have every case listed as expected to fail
// (it.fails), so one that starts passing fails the run until it is taken off the list.

import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { PROTOCOL_TESTS_DIR, sourceRunner } from "./source-toolchain.js";

/** Every suite file and its number of cases. */
const FILES: Record<string, number> = {
  "input/rest-json.json": 113,
  "output/rest-json.json": 91,
  "input/json.json": 54,
  "output/json.json": 58,
  "input/json_1_0.json": 21,
  "output/json_1_0.json": 32,
  "input/json_1_0-query-compatible.json": 1,
  "output/json_1_0-query-compatible.json": 2,
  "input/smithy-rpc-v2-cbor.json": 15,
  "output/smithy-rpc-v2-cbor.json": 35,
  "input/smithy-rpc-v2-cbor-query-compatible.json": 1,
  "output/smithy-rpc-v2-cbor-query-compatible.json": 2,
  "input/smithy-rpc-v2-cbor-non-query-compatible.json": 1,
  "output/smithy-rpc-v2-cbor-non-query-compatible.json": 0,
  "input/query.json": 38,
  "output/query.json": 38,
  "input/ec2.json": 29,
  "output/ec2.json": 29,
  "input/rest-xml.json": 94,
  "output/rest-xml.json": 78,
};

/** Whole files that do not pass yet, with the reason: each of their cases must still fail. */
const FAILING_FILES: Record<string, string> = {
  "input/query.json": "no runtime for query yet",
  "output/query.json": "no runtime for query yet",
  "input/ec2.json": "no runtime for ec2 yet",
  "output/ec2.json": "no runtime for ec2 yet",
  "input/rest-xml.json": "no runtime for rest-xml yet",
  "output/rest-xml.json": "no runtime for rest-xml yet",
};

const { runner, dispose } = sourceRunner();
const tally = new Map<string, { passed: number; total: number }>();

for (const [file, total] of Object.entries(FILES)) {
  const cases = runner.loadCases(join(PROTOCOL_TESTS_DIR, file));
  const counts = { passed: 0, total: cases.length };
  tally.set(file, counts);

  it(`${file} holds ${total} cases`, () => {
    expect(cases.length).toBe(total);
  });

  for (const c of cases) {
    const test = FAILING_FILES[file] === undefined ? it : it.fails;
    test(c.name, async () => {
      const reason = await c.run();
      if (reason === undefined) counts.passed++;
      expect(reason, reason).toBeUndefined();
    });
  }
}

it("every file that is expected to fail is a file of the suites", () => {
  expect(Object.keys(FAILING_FILES).filter((file) => FILES[file] === undefined)).toEqual([]);
});

afterAll(() => {
  dispose();
  for (const [file, { passed, total }] of tally) console.log(`protocol conformance ${file}: ${passed}/${total} passed`);
});
