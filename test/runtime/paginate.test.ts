import { describe, expect, it } from "vitest";
import { evaluate, paginate } from "../../templates/runtime/paginate.js";

type Page = { items: string[]; next?: string };

async function collect<T>(pages: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const page of pages) out.push(page);
  return out;
}

describe("paginate", () => {
  it("feeds each page's token into the next call until there is none", async () => {
    const calls: object[] = [];
    const pages: Record<string, Page> = { "": { items: ["a"], next: "t1" }, t1: { items: ["b"], next: "t2" }, t2: { items: ["c"] } };
    const send = async (input: { nextToken?: string; maxResults: number }) => {
      calls.push(input);
      return pages[input.nextToken ?? ""]!;
    };
    const got = await collect(paginate(send, { maxResults: 1 }, { inputToken: ["nextToken"], outputToken: ["next"] }));
    expect(got.flatMap((p) => p.items)).toEqual(["a", "b", "c"]);
    expect(calls).toEqual([{ maxResults: 1 }, { maxResults: 1, nextToken: "t1" }, { maxResults: 1, nextToken: "t2" }]);
  });

  it("stops when the service repeats the token it was given", async () => {
    let calls = 0;
    const send = async () => (calls++, { next: "same" });
    await collect(paginate(send, {}, { inputToken: ["token"], outputToken: ["next"] }));
    expect(calls).toBe(2);
  });

  it("honours moreResults", async () => {
    const send = async () => ({ Stream: { HasMore: false, Shards: [{ Id: "s1" }] } });
    const pages = await collect(
      paginate(send, {}, { inputToken: ["Start"], outputToken: ["Stream.Shards[-1].Id"], moreResults: "Stream.HasMore" }),
    );
    expect(pages).toHaveLength(1);
  });

  it("evaluates the paths botocore paginators use", () => {
    const page = { NextMarker: "", Contents: [{ Key: "a" }, { Key: "b" }], S: { Shards: [{ Id: "x" }] } };
    expect(evaluate(page, "NextMarker || Contents[-1].Key")).toBe("b");
    expect(evaluate(page, "S.Shards[0].Id")).toBe("x");
    expect(evaluate(page, "Missing.Path")).toBeUndefined();
  });
});
