/// <reference types="node" />
// Runs inside a generated DynamoDB package (copied in as src/e2e-scenario.ts, so "./index.js" is
// the package): the test type-checks it with the package's own strict tsconfig, then runs each
// step against dynalite. What a user writes, typed as a user sees it.

import assert from "node:assert/strict";
import {
  ConditionalCheckFailedException,
  DynamoDBClient,
  DynamoDBServiceException,
  ResourceNotFoundException,
  type AttributeValue,
  type AttributeValueOutput,
  type ClientConfig,
} from "./index.js";

type Item = Record<string, AttributeValue>;

const bytes = (...values: number[]): Uint8Array => new Uint8Array(values);

/** One item with every AttributeValue kind, nested ones included. */
export const EVERY_KIND: Item = {
  pk: { S: "all-kinds" },
  sk: { N: "0" },
  s: { S: "h\u00e9llo \u{1F600} \"quoted\" \\ back" },
  n: { N: "-12.345678" }, // DynamoDB normalizes numbers ("-12345.678e-3" comes back like this)
  b: { B: bytes(0, 1, 2, 253, 254, 255) },
  ss: { SS: ["a", "b", "c"] },
  ns: { NS: ["1", "2.5", "-3"] },
  bs: { BS: [bytes(1), bytes(2, 3)] },
  m: { M: { inner: { S: "x" }, deeper: { M: { list: { L: [{ N: "1" }, { BOOL: false }] } } } } },
  l: { L: [{ S: "one" }, { N: "2" }, { NULL: true }, { B: bytes(9) }, { M: {} }, { L: [] }] },
  nul: { NULL: true },
  yes: { BOOL: true },
  no: { BOOL: false },
};

export function scenario(config: ClientConfig, table: string) {
  const client = new DynamoDBClient(config);
  const key = (pk: string, sk: number): Item => ({ pk: { S: pk }, sk: { N: String(sk) } });

  return {
    client,

    async createTableAndWaitUntilActive(): Promise<string[]> {
      const created = await client.createTable({
        TableName: table,
        AttributeDefinitions: [
          { AttributeName: "pk", AttributeType: "S" },
          { AttributeName: "sk", AttributeType: "N" },
        ],
        KeySchema: [
          { AttributeName: "pk", KeyType: "HASH" },
          { AttributeName: "sk", KeyType: "RANGE" },
        ],
        ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 5 },
      });
      const seen: string[] = [String(created.TableDescription?.TableStatus)];
      assert.equal(created.TableDescription?.TableName, table);
      assert.ok(created.TableDescription?.CreationDateTime instanceof Date, "CreationDateTime is a Date");
      for (let i = 0; i < 200 && seen[seen.length - 1] !== "ACTIVE"; i++) {
        await new Promise((r) => setTimeout(r, 10));
        const { Table } = await client.describeTable({ TableName: table });
        seen.push(String(Table?.TableStatus));
      }
      assert.equal(seen[seen.length - 1], "ACTIVE");
      return seen;
    },

    async putAndGetEveryKind(): Promise<Record<string, AttributeValueOutput>> {
      const put = await client.putItem({ TableName: table, Item: EVERY_KIND, ReturnConsumedCapacity: "TOTAL" });
      assert.equal(put.$metadata.httpStatusCode, 200);
      const got = await client.getItem({ TableName: table, Key: key("all-kinds", 0), ConsistentRead: true });
      assert.ok(got.Item, "the item comes back");
      const b: Uint8Array | undefined = got.Item["b"]?.B;
      assert.ok(b instanceof Uint8Array);
      return got.Item;
    },

    async batchWrite(count: number): Promise<number> {
      let written = 0;
      for (let start = 0; start < count; start += 25) {
        const chunk = Array.from({ length: Math.min(25, count - start) }, (_, i) => ({
          PutRequest: { Item: { ...key("many", start + i + 1), payload: { S: `item ${start + i + 1}` } } },
        }));
        let pending: Record<string, typeof chunk> = { [table]: chunk };
        for (let round = 0; Object.keys(pending).length > 0; round++) {
          assert.ok(round < 10, "unprocessed items keep coming back");
          const out = await client.batchWriteItem({ RequestItems: pending });
          written += (pending[table]?.length ?? 0) - (out.UnprocessedItems?.[table]?.length ?? 0);
          pending = (out.UnprocessedItems ?? {}) as Record<string, typeof chunk>;
        }
      }
      return written;
    },

    async queryPages(limit: number): Promise<{ pages: number; items: number; order: number[] }> {
      let pages = 0;
      const order: number[] = [];
      const paginator = client.paginateQuery({
        TableName: table,
        KeyConditionExpression: "pk = :pk AND sk > :zero",
        ExpressionAttributeValues: { ":pk": { S: "many" }, ":zero": { N: "0" } },
        Limit: limit,
      });
      for await (const page of paginator) {
        pages++;
        for (const item of page.Items ?? []) order.push(Number(item["sk"]?.N));
      }
      return { pages, items: order.length, order };
    },

    async scanPages(limit: number): Promise<{ pages: number; items: number }> {
      let pages = 0;
      let items = 0;
      for await (const page of client.paginateScan({ TableName: table, Limit: limit })) {
        pages++;
        items += page.Count ?? 0;
      }
      return { pages, items };
    },

    async failingConditionalUpdate(): Promise<ConditionalCheckFailedException> {
      try {
        await client.updateItem({
          TableName: table,
          Key: key("all-kinds", 0),
          UpdateExpression: "SET yes = :no",
          ConditionExpression: "attribute_not_exists(pk)",
          ExpressionAttributeValues: { ":no": { BOOL: false } },
        });
      } catch (e) {
        assert.ok(e instanceof ConditionalCheckFailedException, `not a ConditionalCheckFailedException: ${String(e)}`);
        assert.ok(e instanceof DynamoDBServiceException);
        // Typed fields: the old item (when asked for) is the output view of AttributeValue.
        const item: Record<string, AttributeValueOutput> | undefined = e.Item;
        assert.equal(item, undefined);
        const fault: "client" = e.$fault;
        assert.equal(fault, "client");
        return e;
      }
      throw new assert.AssertionError({ message: "the conditional update succeeded" });
    },

    async conditionalUpdate(): Promise<Record<string, AttributeValueOutput> | undefined> {
      const out = await client.updateItem({
        TableName: table,
        Key: key("all-kinds", 0),
        UpdateExpression: "SET yes = :no, n = :n",
        ConditionExpression: "attribute_exists(pk)",
        ExpressionAttributeValues: { ":no": { BOOL: false }, ":n": { N: "7" } },
        ReturnValues: "UPDATED_NEW",
      });
      return out.Attributes;
    },

    async missingTable(): Promise<ResourceNotFoundException> {
      try {
        await client.getItem({ TableName: `${table}-missing`, Key: key("x", 1) });
      } catch (e) {
        assert.ok(e instanceof ResourceNotFoundException, `not a ResourceNotFoundException: ${String(e)}`);
        return e;
      }
      throw new assert.AssertionError({ message: "getItem on a missing table succeeded" });
    },

    async deleteTable(): Promise<string | undefined> {
      await client.deleteItem({ TableName: table, Key: key("all-kinds", 0) });
      const out = await client.deleteTable({ TableName: table });
      for (let i = 0; i < 200; i++) {
        const { TableNames } = await client.listTables({});
        if (!TableNames?.includes(table)) return out.TableDescription?.TableStatus;
        await new Promise((r) => setTimeout(r, 10));
      }
      throw new assert.AssertionError({ message: "the table is still listed" });
    },
  };
}
