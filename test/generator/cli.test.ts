import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT, SUITES, runCli, suiteModelDir, tempDir } from "../helpers.js";

// The CLI through a child process, as users run it (needs `npm run build`, which `npm test` does first).
describe("cli", () => {
  const model = join(REPO_ROOT, "models/ivschat.json");
  let out: string;

  beforeAll(() => {
    out = join(tempDir("cli"), "ivschat");
  });

  it("writes the package and exits 0", () => {
    const run = runCli([model, "--out", out]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^wrote \d+ files to .*ivschat\n$/);
    expect(readFileSync(join(out, "src/client.ts"), "utf8")).toContain("export class IvschatClient");
  });

  it("--check exits 0 when the output is current", () => {
    const run = runCli([model, "--out", out, "--check"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/is up to date/);
  });

  it("--check exits 1 naming every stale and missing file, and writes nothing", () => {
    const copy = join(tempDir("cli-check"), "ivschat");
    cpSync(out, copy, { recursive: true });
    writeFileSync(join(copy, "src/types.ts"), "// edited by hand\n");
    const missing = join(copy, "src/errors.ts");
    cpSync(missing, missing + ".bak");
    writeFileSync(missing, "");
    const run = runCli([model, "--out", copy, "--check"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("stale: ");
    expect(run.stderr).toMatch(/stale: .*src\/types\.ts/);
    expect(run.stderr).toMatch(/stale: .*src\/errors\.ts/);
    expect(readFileSync(join(copy, "src/types.ts"), "utf8")).toBe("// edited by hand\n");
  });

  it("--package-name sets the generated package's name", () => {
    const dir = join(tempDir("cli-name"), "pkg");
    expect(runCli([model, "--out", dir, "--package-name", "@acme/chat"]).code).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, "package.json"), "utf8")).name).toBe("@acme/chat");
  });

  it("--dump-ir prints the IR as JSON and writes nothing", () => {
    const dir = join(tempDir("cli-ir"), "none");
    const run = runCli([model, "--out", dir, "--dump-ir"]);
    expect(run.code).toBe(0);
    const ir = JSON.parse(run.stdout);
    expect(ir.service.serviceId).toBe("ivschat");
    expect(ir.operations.map((o: { name: string }) => o.name)).toContain("CreateChatToken");
    expect(ir.paginators).toBeDefined();
  });

  it("exits 1 with every diagnostic for an invalid model, and no stack trace", () => {
    const bad = join(tempDir("cli-bad"), "bad.json");
    const json = JSON.parse(readFileSync(model, "utf8"));
    json.operations.CreateRoom.errors.push({ shape: "ResourceNotFound" });
    json.shapes.CreateRoomRequest.members.name.shape = "RoomNam";
    writeFileSync(bad, JSON.stringify(json));
    const run = runCli([bad, "--out", join(tempDir("cli-bad-out"), "x")]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("#/operations/CreateRoom/errors/6/shape");
    expect(run.stderr).toContain("#/shapes/CreateRoomRequest/members/name/shape");
    expect(run.stderr).toContain("shape-not-found");
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it("reports malformed JSON with line and column", () => {
    const bad = join(tempDir("cli-json"), "broken.json");
    writeFileSync(bad, '{\n  "metadata": {\n    "protocol": "rest-json",\n  }\n}\n');
    const run = runCli([bad]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/line 4, column 3/);
  });

  it("exits 2 on usage errors", () => {
    expect(runCli([]).code).toBe(2);
    expect(runCli([model, "--no-such-flag"]).code).toBe(2);
    const run = runCli([model, "--out"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--out/);
  });

  it("--dump-ir into a reader that stops early (| head -c 10) exits 0 without an EPIPE trace", () => {
    const bin = join(REPO_ROOT, "bin/ivschat-codegen.js");
    const run = spawnSync("bash", ["-o", "pipefail", "-c", `"${process.execPath}" "${bin}" "${model}" --dump-ir | head -c 10`], { encoding: "utf8" });
    expect(run.stdout).toHaveLength(10);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
  });

  it("exits 1 for a missing model file, naming it", () => {
    const run = runCli([join(REPO_ROOT, "models/nope.json")]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("nope.json");
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it("says clearly when the runtime does not speak the model's protocol", () => {
    const sns = join(suiteModelDir("sns"), "service-2.json");
    const run = runCli([sns, "--out", join(tempDir("cli-sns"), "sns")]);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/protocol "query"/);
  });

  it("bulk: one package per model in a botocore tree; failures listed, the rest still written", () => {
    const tree = tempDir("cli-bulk-tree");
    for (const service of ["sts", "ivschat"]) {
      cpSync(join(SUITES, "botocore-models", service), join(tree, service), { recursive: true });
    }
    mkdirSync(join(tree, "broken/2020-01-01"), { recursive: true });
    writeFileSync(join(tree, "broken/2020-01-01/service-2.json"), '{"metadata": {}}');
    const out = tempDir("cli-bulk-out");
    const run = runCli([tree, "--out", out]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/generated 2 of 3 models/);
    expect(run.stderr).toMatch(/failed: .*broken\/2020-01-01\/service-2\.json: 4 model errors/);
    expect(readdirSync(out).sort()).toEqual(["ivschat", "sts"]);
    expect(runCli([tree + "/*/*/service-2.json", "--out", out, "--check"]).stdout).toMatch(/checked 2 of 3 models/);
  });

  it("bulk: models that share a serviceId get their own folders and package names; a clash writes nothing", () => {
    const tree = tempDir("cli-bulk-same-id");
    const ivschat = join(suiteModelDir("ivschat"), "service-2.json");
    // Two services, one serviceId (as pinpoint-sms-voice and sms-voice have), and two versions of one.
    for (const dir of ["chat-a/2020-07-14", "chat-b/2020-07-14", "chat-b/2019-01-01"]) {
      mkdirSync(join(tree, dir), { recursive: true });
      cpSync(ivschat, join(tree, dir, "service-2.json"));
    }
    const out = tempDir("cli-bulk-same-id-out");
    const run = runCli([tree, "--out", out]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(["chat-a", "chat-b", "chat-b-2019-01-01"]);
    const name = (dir: string) => JSON.parse(readFileSync(join(out, dir, "package.json"), "utf8")).name;
    expect(["chat-a", "chat-b", "chat-b-2019-01-01"].map(name)).toEqual(["chat-a-client", "chat-b-client", "chat-b-2019-01-01-client"]);

    const flat = tempDir("cli-bulk-clash");
    for (const dir of ["one", "two"]) {
      mkdirSync(join(flat, dir));
      cpSync(ivschat, join(flat, dir, "chat.json"));
    }
    const clash = runCli([flat + "/**/*.json", "--out", join(flat, "out")]);
    expect(clash.code).toBe(2);
    expect(clash.stderr).toMatch(/one\/chat\.json and .*two\/chat\.json would both be written to chat\//);
    expect(readdirSync(flat).sort()).toEqual(["one", "two"]);
  });

  it("bulk: options that name one model's files are usage errors", () => {
    const run = runCli([join(SUITES, "botocore-models"), "--package-name", "x"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--package-name applies to one model/);
  });

  it("a multi-protocol model: the first protocol the runtime speaks, --protocol another it lists, the README says which and why", () => {
    const cloudwatch = join(suiteModelDir("cloudwatch"), "service-2.json"); // smithy-rpc-v2-cbor, json, query
    const dir = tempDir("cli-protocol");
    const readme = (name: string) => readFileSync(join(dir, name, "README.md"), "utf8");
    const schemas = (name: string) => readFileSync(join(dir, name, "src/schemas.ts"), "utf8");

    expect(runCli([cloudwatch, "--out", join(dir, "default")]).code).toBe(0);
    expect(schemas("default")).toContain("protocol: rt.rpcV2Cbor");
    expect(readme("default")).toContain("The client speaks `smithy-rpc-v2-cbor` (Smithy RPC v2 CBOR).");
    expect(readme("default")).toContain("it is the first of them the runtime speaks");

    const json = runCli([cloudwatch, "--out", join(dir, "json"), "--protocol", "json"]);
    expect(json.stderr).toBe("");
    expect(json.code).toBe(0);
    expect(schemas("json")).toContain("protocol: rt.awsJson");
    expect(readme("json")).toContain("it was generated with `--protocol json`");
    expect(runCli([cloudwatch, "--out", join(dir, "json"), "--protocol", "json", "--check"]).code).toBe(0);
    expect(runCli([cloudwatch, "--out", join(dir, "json"), "--check"]).code).toBe(1);

    const unlisted = runCli([cloudwatch, "--out", join(dir, "xml"), "--protocol", "rest-xml"]);
    expect(unlisted.code).toBe(2);
    expect(unlisted.stderr).toBe(`ivschat-codegen: --protocol rest-xml: the model lists "smithy-rpc-v2-cbor", "json", "query"\n`);
    expect(readdirSync(dir).sort()).toEqual(["default", "json"]);
  });

  it("--paginators names the paginators file; a bad one is reported against that file", () => {
    const dir = tempDir("cli-pages");
    const golden = join(REPO_ROOT, "test/golden/paginators");
    cpSync(join(golden, "model.json"), join(dir, "pages.json"));
    writeFileSync(join(dir, "custom.json"), readFileSync(join(golden, "model.paginators-1.json")));
    const out = join(dir, "out");
    expect(runCli([join(dir, "pages.json"), "--out", out, "--paginators", join(dir, "custom.json")]).code).toBe(0);
    expect(readFileSync(join(out, "src/operations.ts"), "utf8")).toContain("export function paginateListItems(");
    writeFileSync(join(dir, "bad.json"), JSON.stringify({ pagination: { ListItem: { input_token: "a", output_token: "b" } } }));
    const run = runCli([join(dir, "pages.json"), "--out", out, "--paginators", join(dir, "bad.json")]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/bad\.json#\/pagination\/ListItem\n  error paginator-operation-not-found/);
  });
});
