/// <reference types="node" />
// Runs inside a generated CloudWatch package (Smithy RPC v2 CBOR, the first protocol CloudWatch
// lists; query-compatible): type-checked with the package's strict tsconfig, then run against the
// model-driven stand-in (model-stand-in.ts).

import assert from "node:assert/strict";
import { CloudWatchClient, CloudWatchServiceException, DashboardNotFoundError, type ClientConfig, type MetricDataResult } from "./index.js";

export function scenario(config: ClientConfig) {
  const client = new CloudWatchClient(config);
  return {
    async putMetrics(at: Date, values: number[]): Promise<number | undefined> {
      const out = await client.putMetricData({
        Namespace: "E2E/Codegen",
        MetricData: values.map((value, i) => ({
          MetricName: "Latency",
          Dimensions: [{ Name: "Stage", Value: "test" }],
          Timestamp: new Date(at.getTime() + i * 60_000),
          Value: value,
          Unit: "Milliseconds",
          StorageResolution: 60,
        })),
      });
      return out.$metadata.httpStatusCode;
    },

    async readMetrics(from: Date, to: Date, maxDatapoints: number): Promise<{ pages: number; results: MetricDataResult[] }> {
      let pages = 0;
      const results: MetricDataResult[] = [];
      const paginator = client.paginateGetMetricData({
        StartTime: from,
        EndTime: to,
        MaxDatapoints: maxDatapoints,
        MetricDataQueries: [
          {
            Id: "latency",
            MetricStat: {
              Metric: { Namespace: "E2E/Codegen", MetricName: "Latency", Dimensions: [{ Name: "Stage", Value: "test" }] },
              Period: 60,
              Stat: "Average",
            },
          },
        ],
      });
      for await (const page of paginator) {
        pages++;
        results.push(...(page.MetricDataResults ?? []));
      }
      for (const result of results) for (const t of result.Timestamps ?? []) assert.ok(t instanceof Date);
      return { pages, results };
    },

    async missingDashboard(): Promise<DashboardNotFoundError> {
      try {
        await client.getDashboard({ DashboardName: "nope" });
      } catch (e) {
        assert.ok(e instanceof DashboardNotFoundError, `not a DashboardNotFoundError: ${String(e)}`);
        assert.ok(e instanceof CloudWatchServiceException);
        return e;
      }
      throw new assert.AssertionError({ message: "getDashboard of a missing dashboard succeeded" });
    },
  };
}
