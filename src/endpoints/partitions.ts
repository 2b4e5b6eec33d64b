// The AWS partition data (botocore's partitions.json, kept unchanged in suites/) as a package
// carries it: only the outputs its rules read, regions by name with what they override.

import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export interface PartitionEntry {
  id: string;
  regionRegex: string;
  regions: Record<string, Record<string, string | boolean>>;
  outputs: Record<string, string | boolean>;
}

const PARTITIONS_FILE = fileURLToPath(new URL("../../suites/botocore-models/partitions.json", import.meta.url));

let loaded: PartitionEntry[] | undefined;

function allPartitions(): PartitionEntry[] {
  if (loaded) return loaded;
  const data = JSON.parse(readFileSync(PARTITIONS_FILE, "utf8")) as {
    partitions: { id: string; regionRegex: string; regions: Record<string, Record<string, unknown>>; outputs: Record<string, string | boolean> }[];
  };
  loaded = data.partitions.map((p) => ({
    id: p.id,
    regionRegex: p.regionRegex,
    // A region entry's description is documentation; anything else overrides the partition's outputs.
    regions: Object.fromEntries(
      Object.entries(p.regions).map(([name, entry]) => [
        name,
        Object.fromEntries(Object.entries(entry).filter((e): e is [string, string | boolean] => e[0] !== "description" && (typeof e[1] === "string" || typeof e[1] === "boolean"))),
      ]),
    ),
    outputs: p.outputs,
  }));
  return loaded;
}

/** The partitions with only the outputs named in `attributes` (all of them when it is empty). */
export function partitionData(attributes: ReadonlySet<string>): PartitionEntry[] {
  const keep = (record: Record<string, string | boolean>) =>
    attributes.size === 0 ? record : Object.fromEntries(Object.entries(record).filter(([k]) => attributes.has(k)));
  return allPartitions().map((p) => ({
    id: p.id,
    regionRegex: p.regionRegex,
    regions: Object.fromEntries(Object.entries(p.regions).map(([name, overrides]) => [name, keep(overrides)])),
    outputs: keep(p.outputs),
  }));
}
