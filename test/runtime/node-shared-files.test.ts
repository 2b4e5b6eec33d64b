import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CredentialsError } from "../../templates/runtime/credentials.js";
import {
  CredentialsChainError,
  defaultCredentialProvider,
  defaultRegion,
  fromSharedFiles,
  ProfileCredentialsError,
} from "../../templates/runtime/node/credentials.js";
import { parseIni } from "../../templates/runtime/node/ini.js";
import { configProfiles, loadProfile, sharedFilePaths } from "../../templates/runtime/node/shared-files.js";

// Every test passes `env` with HOME inside this directory: the machine's real ~/.aws is never read.
let root: string;
beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), "node-shared-files-"));
});
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

let homes = 0;
/** A fresh home with the given ~/.aws files; returns an env pointing at it. */
function home(
  files: { credentials?: string; config?: string },
  extra: Record<string, string> = {},
): Record<string, string> {
  const dir = path.join(root, `home${++homes}`);
  mkdirSync(path.join(dir, ".aws"), { recursive: true });
  if (files.credentials !== undefined) writeFileSync(path.join(dir, ".aws", "credentials"), files.credentials);
  if (files.config !== undefined) writeFileSync(path.join(dir, ".aws", "config"), files.config);
  return { HOME: dir, ...extra };
}

const section = (text: string, name: string): Record<string, string> | undefined => {
  const found = parseIni(text).get(name);
  return found ? { ...found } : undefined;
};

describe("parseIni", () => {
  it.each([
    ["plain", "[default]\nkey = value\n", { key: "value" }],
    ["no spaces around =", "[default]\nkey=value", { key: "value" }],
    ["CRLF and a BOM", "\uFEFF[default]\r\nkey = value\r\nother = 2\r\n", { key: "value", other: "2" }],
    ["surrounding whitespace", "  [ default ]  \n\t key \t=\t value \t\n", { key: "value" }],
    ["keys keep their case", "[default]\nAWS_Access_Key_Id = A\n", { AWS_Access_Key_Id: "A" }],
    ["full-line comments", "# top\n[default]\n; one\n  # two\nkey = value\n", { key: "value" }],
    ["inline comments after whitespace", "[default]\na = 1 # one\nb = 2\t; two\n", { a: "1", b: "2" }],
    ["# or ; inside a value stays", "[default]\na = x#y\nb = x;y\n", { a: "x#y", b: "x;y" }],
    ["a comment after a section header", "[default] # the default\nkey = value", { key: "value" }],
    ["= inside a value", "[default]\nkey = a=b\n", { key: "a=b" }],
    ["the last of a repeated key", "[default]\nkey = 1\nkey = 2\n", { key: "2" }],
    ["a repeated section merges", "[default]\na = 1\n[other]\nx = 0\n[default]\nb = 2\n", { a: "1", b: "2" }],
    ["lines without = are ignored", "[default]\ngarbage\nkey = value\n", { key: "value" }],
    ["an empty key is ignored", "[default]\n= value\nkey = value\n", { key: "value" }],
    [
      "continuation lines join with a newline",
      "[default]\nkey = a\n  b\n  c\nnext = 1\n",
      { key: "a\nb\nc", next: "1" },
    ],
    [
      "sub-properties are skipped, and the next key is read",
      "[default]\nregion = us-west-2\ns3 =\n  max_concurrent_requests = 20\n  addressing_style = path\naws_access_key_id = A\n",
      { region: "us-west-2", aws_access_key_id: "A" },
    ],
    ["equally indented lines are properties", "[default]\n  a = 1\n  b = 2\n", { a: "1", b: "2" }],
  ])("%s", (_name, text, want) => {
    expect(section(text, "default")).toEqual(want);
  });

  it("ignores lines before any section", () => {
    expect([...parseIni("key = value\n[default]\nx = 1\n").keys()]).toEqual(["default"]);
  });

  it("does not attribute properties under a malformed header to the section above", () => {
    const sections = parseIni("[default]\na = 1\n[broken\nb = 2\n[ ]\nc = 3\n");
    expect([...sections.keys()]).toEqual(["default"]);
    expect(section("[default]\na = 1\n[broken\nb = 2\n", "default")).toEqual({ a: "1" });
  });

  it("stores any key safely, __proto__ included", () => {
    const found = parseIni("[default]\n__proto__ = x\nconstructor = y\n").get("default")!;
    expect(Object.keys(found)).toEqual(["__proto__", "constructor"]);
    expect(found["__proto__"]).toBe("x");
  });
});

describe("configProfiles", () => {
  it("maps [profile x] and [default]; skips other sections", () => {
    const profiles = configProfiles(
      parseIni(
        '[default]\nregion = a\n[profile dev]\nregion = b\n[profile   "my prod"]\nregion = c\n[plain]\nregion = d\n[sso-session s]\nx = 1\n[profile]\nregion = e\n',
      ),
    );
    expect([...profiles.keys()]).toEqual(["default", "dev", "my prod"]);
    expect(profiles.get("dev")?.region).toBe("b");
  });

  it.each([
    ["[profile default] after [default]", "[default]\nregion = a\n[profile default]\nregion = b\n"],
    ["[profile default] before [default]", "[profile default]\nregion = b\n[default]\nregion = a\n"],
  ])("prefers %s", (_name, text) => {
    expect({ ...configProfiles(parseIni(text)).get("default") }).toEqual({ region: "b" });
  });
});

describe("sharedFilePaths", () => {
  it("defaults to ~/.aws/credentials and ~/.aws/config", () => {
    expect(sharedFilePaths({ HOME: "/h" })).toEqual({
      credentials: path.join("/h", ".aws", "credentials"),
      config: path.join("/h", ".aws", "config"),
    });
  });

  it("falls back to USERPROFILE, then HOMEDRIVE + HOMEPATH", () => {
    expect(sharedFilePaths({ USERPROFILE: "/u" }).config).toBe(path.join("/u", ".aws", "config"));
    expect(sharedFilePaths({ HOMEDRIVE: "D:", HOMEPATH: "/p" }).config).toBe(path.join("D:/p", ".aws", "config"));
  });

  it("uses AWS_SHARED_CREDENTIALS_FILE and AWS_CONFIG_FILE, expanding ~", () => {
    const env = { HOME: "/h", AWS_SHARED_CREDENTIALS_FILE: "~/creds", AWS_CONFIG_FILE: "/etc/aws-config" };
    expect(sharedFilePaths(env)).toEqual({ credentials: path.join("/h", "creds"), config: "/etc/aws-config" });
  });
});

describe("fromSharedFiles", () => {
  it("reads the default profile from the credentials file", async () => {
    const env = home({ credentials: "[default]\naws_access_key_id = AKID\naws_secret_access_key = SECRET\n" });
    expect(await fromSharedFiles({ env })()).toEqual({ accessKeyId: "AKID", secretAccessKey: "SECRET" });
  });

  it("selects options.profile, then AWS_PROFILE", async () => {
    const credentials = [
      "[default]\naws_access_key_id = D\naws_secret_access_key = d\n",
      "[dev]\naws_access_key_id = DEV\naws_secret_access_key = dev\naws_session_token = TOKEN\n",
      "[prod]\naws_access_key_id = PROD\naws_secret_access_key = prod\n",
    ].join("");
    const env = home({ credentials }, { AWS_PROFILE: "dev" });
    expect(await fromSharedFiles({ env })()).toEqual({
      accessKeyId: "DEV",
      secretAccessKey: "dev",
      sessionToken: "TOKEN",
    });
    expect((await fromSharedFiles({ env, profile: "prod" })()).accessKeyId).toBe("PROD");
  });

  it("reads keys from [profile x] in the config file, the credentials file winning per key", async () => {
    const env = home({
      credentials: "[dev]\naws_secret_access_key = from-credentials\n",
      config:
        "[profile dev]\naws_access_key_id = CONFIG\naws_secret_access_key = from-config\nregion = eu-west-1\n[dev]\naws_access_key_id = IGNORED\n",
    });
    expect(await fromSharedFiles({ env, profile: "dev" })()).toEqual({
      accessKeyId: "CONFIG",
      secretAccessKey: "from-credentials",
    });
    const profile = await loadProfile({ env, profile: "dev" });
    expect({ ...profile.properties }).toEqual({
      aws_access_key_id: "CONFIG",
      aws_secret_access_key: "from-credentials",
      region: "eu-west-1",
    });
  });

  it("reads files named by AWS_SHARED_CREDENTIALS_FILE and AWS_CONFIG_FILE", async () => {
    const dir = path.join(root, "elsewhere");
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, "c"), "[default]\naws_access_key_id = ELSEWHERE\naws_secret_access_key = s\n");
    writeFileSync(path.join(dir, "k"), "[default]\nregion = ap-south-1\n");
    const env = home(
      { credentials: "[default]\naws_access_key_id = HOME\naws_secret_access_key = s\n" },
      { AWS_SHARED_CREDENTIALS_FILE: path.join(dir, "c"), AWS_CONFIG_FILE: path.join(dir, "k") },
    );
    expect((await fromSharedFiles({ env })()).accessKeyId).toBe("ELSEWHERE");
    expect(await defaultRegion({ env })).toBe("ap-south-1");
  });

  it("accepts the older aws_security_token", async () => {
    const env = home({
      credentials: "[default]\naws_access_key_id = A\naws_secret_access_key = s\naws_security_token = OLD\n",
    });
    expect((await fromSharedFiles({ env })()).sessionToken).toBe("OLD");
  });

  it("names the profile and both files when the profile is missing", async () => {
    const env = home({ config: "[profile other]\nregion = x\n" });
    const error = await fromSharedFiles({ env, profile: "dev" })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProfileCredentialsError);
    expect(error).toBeInstanceOf(CredentialsError);
    const { credentials, config } = sharedFilePaths(env);
    expect((error as Error).message).toBe(`profile "dev" not found in ${credentials} (missing) or ${config}`);
    expect((error as ProfileCredentialsError).files).toEqual([credentials, config]);
  });

  it("treats a missing .aws directory as empty files", async () => {
    const env = { HOME: path.join(root, "no-such-home") };
    await expect(fromSharedFiles({ env })()).rejects.toThrow(
      /profile "default" not found in .*credentials \(missing\) or .*config \(missing\)$/,
    );
  });

  it("says which key is missing, without printing values", async () => {
    const env = home({ credentials: "[default]\naws_access_key_id = AKIDVALUE\n" });
    const error = (await fromSharedFiles({ env })().catch((e: unknown) => e)) as Error;
    expect(error.message).toMatch(/^profile "default" has no aws_secret_access_key in /);
    expect(error.message).not.toContain("AKIDVALUE");
  });

  it("mentions unsupported sources a profile sets", async () => {
    const env = home({ config: "[profile role]\nrole_arn = arn:aws:iam::1:role/r\nsource_profile = default\n" });
    await expect(fromSharedFiles({ env, profile: "role" })()).rejects.toThrow(
      /has no aws_access_key_id or aws_secret_access_key \(it sets role_arn, which this provider does not support\)/,
    );
  });
});

describe("defaultCredentialProvider", () => {
  const files = {
    credentials:
      "[default]\naws_access_key_id = FILE\naws_secret_access_key = file\n[dev]\naws_access_key_id = DEV\naws_secret_access_key = dev\n",
  };

  it("prefers the environment", async () => {
    const env = home(files, { AWS_ACCESS_KEY_ID: "ENV", AWS_SECRET_ACCESS_KEY: "env", AWS_SESSION_TOKEN: "t" });
    expect(await defaultCredentialProvider({ env })()).toEqual({
      accessKeyId: "ENV",
      secretAccessKey: "env",
      sessionToken: "t",
    });
  });

  it("falls back to the shared files, also when the environment has half the keys", async () => {
    expect((await defaultCredentialProvider({ env: home(files) })()).accessKeyId).toBe("FILE");
    expect((await defaultCredentialProvider({ env: home(files, { AWS_ACCESS_KEY_ID: "ENV" }) })()).accessKeyId).toBe(
      "FILE",
    );
  });

  it("skips the environment when a profile is asked for", async () => {
    const env = home(files, { AWS_ACCESS_KEY_ID: "ENV", AWS_SECRET_ACCESS_KEY: "env" });
    expect((await defaultCredentialProvider({ env, profile: "dev" })()).accessKeyId).toBe("DEV");
  });

  it("aggregates every source's failure into one message", async () => {
    const env = home({}, { AWS_SECRET_ACCESS_KEY: "SECRETVALUE" });
    const error = (await defaultCredentialProvider({ env })().catch((e: unknown) => e)) as CredentialsChainError;
    expect(error).toBeInstanceOf(CredentialsChainError);
    expect(error.errors).toHaveLength(2);
    const { credentials, config } = sharedFilePaths(env);
    expect(error.message).toBe(
      "no credentials found; pass `credentials` to the client, or set one of these up. " +
        "environment: AWS_ACCESS_KEY_ID is not set; " +
        `shared files: profile "default" not found in ${credentials} (missing) or ${config} (missing)`,
    );
    expect(error.message).not.toContain("SECRETVALUE");
  });
});

describe("defaultRegion", () => {
  const config = "[default]\nregion = us-east-2\n[profile dev]\nregion = eu-central-1\n";

  it("prefers AWS_REGION, then AWS_DEFAULT_REGION", async () => {
    expect(await defaultRegion({ env: home({ config }, { AWS_REGION: "a", AWS_DEFAULT_REGION: "b" }) })).toBe("a");
    expect(await defaultRegion({ env: home({ config }, { AWS_DEFAULT_REGION: "b" }) })).toBe("b");
  });

  it("reads the profile's region from the config file", async () => {
    expect(await defaultRegion({ env: home({ config }) })).toBe("us-east-2");
    expect(await defaultRegion({ env: home({ config }, { AWS_PROFILE: "dev" }) })).toBe("eu-central-1");
    expect(await defaultRegion({ env: home({ config }), profile: "dev" })).toBe("eu-central-1");
  });

  it("ignores a region in the credentials file, and is undefined when none is set", async () => {
    expect(await defaultRegion({ env: home({ credentials: "[default]\nregion = x\n" }) })).toBeUndefined();
    expect(await defaultRegion({ env: home({ config }), profile: "missing" })).toBeUndefined();
  });
});
