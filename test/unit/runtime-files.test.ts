import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { REPO_ROOT } from "../helpers.js";
import { runtimeFilesFor } from "../../src/runtime-files.js";
import { GENERATED_HEADER } from "../../src/emit/print.js";

const TEMPLATES = join(REPO_ROOT, "templates/runtime");

const paths = async (...modules: string[]) => (await runtimeFilesFor(TEMPLATES, modules)).map((f) => f.path.replace("src/runtime/", ""));

describe("runtime files a package gets", () => {
  const cases: { given: string; has: string[]; lacks: string[] }[] = [
    {
      given: "protocol: rt.restJson,",
      has: ["index.ts", "client.ts", "node/index.ts", "protocols/rest-json.ts", "protocols/json-codec.ts"],
      lacks: ["protocols/aws-json.ts", "protocols/cbor.ts", "protocols/http-request-compression.ts", "paginate.ts"],
    },
    {
      given: "protocol: rt.rpcV2Cbor,",
      has: ["protocols/rpc-v2-cbor.ts", "protocols/cbor.ts", "protocols/cbor-codec.ts"],
      lacks: ["protocols/rest-json.ts", "protocols/aws-json.ts"],
    },
    {
      given: "protocol: rt.awsJson, compress: rt.compressRequestBody, rt.paginate(f, input, spec)",
      has: ["protocols/aws-json.ts", "protocols/http-request-compression.ts", "paginate.ts"],
      lacks: ["protocols/rest-json.ts", "protocols/cbor.ts", "protocols/http-content-md5.ts"],
    },
  ];
  for (const { given, has, lacks } of cases) {
    it(`given ${given}`, async () => {
      const got = await paths(given);
      for (const p of has) expect(got, p).toContain(p);
      for (const p of lacks) expect(got, p).not.toContain(p);
    });
  }

  it("keeps an optional export in the package index only when a module refers to it", async () => {
    const files = await runtimeFilesFor(TEMPLATES, ["rt.restJson", "rt.paginate"]);
    const index = files.find((f) => f.path === "src/runtime/index.ts")!.contents;
    expect(index).toContain(`export { restJson } from "./protocols/rest-json.js";`);
    expect(index).toContain(`export { paginate, type PaginatorSpec } from "./paginate.js";`);
    expect(index).not.toContain("awsJson");
    expect(index).not.toContain("---- optional");
  });

  it("gives every file the generated header, in a fixed order", async () => {
    const files = await runtimeFilesFor(TEMPLATES, ["rt.restJson"]);
    expect(files.map((f) => f.path)).toEqual([...files.map((f) => f.path)].sort());
    for (const f of files) expect(f.contents.startsWith(GENERATED_HEADER), f.path).toBe(true);
  });

  it("a name that merely looks like a reference (not rt.X) keeps nothing optional", async () => {
    const got = await paths("restJson awsJson paginate");
    expect(got).not.toContain("protocols/rest-json.ts");
    expect(got).not.toContain("paginate.ts");
  });
});
