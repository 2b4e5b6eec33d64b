// Shared settings of the benchmarks: paths, the request every client sends, and run sizes.
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const BENCH = join(ROOT, "bench");
/** Scratch space (gitignored): the generated package, its JS build, bundles, profiles. */
export const WORK = join(ROOT, ".tmp", "bench");
/** The generated IVS Chat package (TypeScript source in src/, tsc output in dist/). */
export const GEN = join(WORK, "ivschat");
/** Its JS build; BENCH_GEN_DIST points the workers at another build (to try a change to the runtime). */
export const GEN_DIST = process.env.BENCH_GEN_DIST ?? join(GEN, "dist");

/** The generated DynamoDB package (section 7) and its JS build. */
export const DDB = join(WORK, "dynamodb");
export const DDB_DIST = join(DDB, "dist");
/** DynamoDB's model as the repository keeps it (suites/: present in every clone). */
export const DDB_MODEL = "suites/botocore-models/dynamodb/2012-08-10/service-2.json";

export const REGION = "us-west-2";
export const CREDENTIALS = {
  accessKeyId: "AKIDEXAMPLEBENCH0001",
  secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
};
/** The createRoom input every client sends. */
export const INPUT = {
  name: "lobby",
  maximumMessageLength: 500,
  maximumMessageRatePerSecond: 10,
  tags: { team: "bench" },
};
/** What IVS Chat answers CreateRoom with (the local server's fixed body). */
export const ROOM = {
  arn: "arn:aws:ivschat:us-west-2:123456789012:room/g1H2I3j4k5L6",
  id: "g1H2I3j4k5L6",
  name: "lobby",
  createTime: "2024-05-01T12:00:00.000Z",
  updateTime: "2024-05-01T12:00:00.000Z",
  maximumMessageRatePerSecond: 10,
  maximumMessageLength: 500,
  tags: { team: "bench" },
  loggingConfigurationIdentifiers: [],
};

/** BENCH_QUICK=1: tiny counts, 2 repetitions (for developing the benchmarks, not for results). */
export const QUICK = process.env.BENCH_QUICK === "1";

export const SETTINGS = QUICK
  ? {
      reps: 2,
      calls: { warmup: 200, warmupMs: 500, count: 500, maxMs: 1000 },
      sign: { warmup: 2000, warmupMs: 300, count: 5000, maxMs: 500 },
      coldReps: 2,
      generatorReps: 1,
      generatorBulkReps: 1,
    }
  : {
      reps: 7,
      calls: { warmup: 2000, warmupMs: 2500, count: 6000, maxMs: 4000 },
      sign: { warmup: 20000, warmupMs: 1000, count: 200000, maxMs: 2000 },
      coldReps: 11,
      generatorReps: 5,
      generatorBulkReps: 3,
    };

/** The getItem input every DynamoDB client sends, and the item the local server answers with. */
export const DDB_INPUT = { TableName: "bench", Key: { pk: { S: "user#42" }, sk: { N: "7" } }, ConsistentRead: true };
export const DDB_ITEM = {
  pk: { S: "user#42" },
  sk: { N: "7" },
  name: { S: "Ada Lovelace" },
  score: { N: "1234.5" },
  active: { BOOL: true },
  tags: { SS: ["admin", "beta", "ops"] },
  avatar: { B: "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYGD4DwABBAEAwS2OUAAAAABJRU5ErkJggg==" },
  address: { M: { city: { S: "London" }, zip: { S: "W1" }, geo: { L: [{ N: "51.5" }, { N: "-0.12" }] } } },
  history: { L: [{ M: { at: { N: "1700000000" }, what: { S: "login" } } }, { M: { at: { N: "1700000100" }, what: { S: "logout" } } }] },
  deleted: { NULL: true },
};
