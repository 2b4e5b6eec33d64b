import { createHash, createHmac } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import {
  hmacNode,
  hmacWeb,
  nodeCrypto,
  sha256HexNode,
  sha256HexWeb,
  useNodeCrypto,
} from "../../templates/runtime/hash.js";
import {
  amzDate,
  authorization,
  canonicalPath,
  canonicalQuery,
  canonicalRequest,
  clearSigningKeyCache,
  credentialScope,
  EMPTY_SHA256,
  sha256Hex,
  signature,
  signingKey,
  signRequest,
  stringToSign,
  UNSIGNED_PAYLOAD,
  uriEncode,
} from "../../templates/runtime/sigv4.js";

// The SigV4 test suite's credentials and clock.
const credentials = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" };
const date = new Date(Date.UTC(2015, 7, 30, 12, 36, 0));
const suite = { credentials, region: "us-east-1", service: "service", date };

afterEach(() => {
  useNodeCrypto(true);
});

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString("hex");

describe("signingKey", () => {
  it("derives the key of the AWS documentation example", async () => {
    const key = await signingKey(credentials.secretAccessKey, "20150830", "us-east-1", "iam");
    expect(hex(key)).toBe("c4afb1cc5771d871763a393e44b703571b55cc28424d1a5e86da6ed3c154a4b9");
  });

  it("returns the cached key on a hit, per secret, date, region and service", async () => {
    clearSigningKeyCache();
    const first = await signingKey("secret", "20240101", "us-east-1", "ivschat");
    expect(await signingKey("secret", "20240101", "us-east-1", "ivschat")).toBe(first);

    const others = [
      await signingKey("secret2", "20240101", "us-east-1", "ivschat"),
      await signingKey("secret", "20240102", "us-east-1", "ivschat"),
      await signingKey("secret", "20240101", "eu-west-1", "ivschat"),
      await signingKey("secret", "20240101", "us-east-1", "ivs"),
    ];
    for (const other of others) expect(hex(other)).not.toBe(hex(first));
    // Still a hit after other scopes were used (found in the map, not only as the last key).
    expect(await signingKey("secret", "20240101", "us-east-1", "ivschat")).toBe(first);

    clearSigningKeyCache();
    const again = await signingKey("secret", "20240101", "us-east-1", "ivschat");
    expect(again).not.toBe(first);
    expect(hex(again)).toBe(hex(first));
  });

  it("keeps a bounded number of keys", async () => {
    clearSigningKeyCache();
    const first = await signingKey("secret", "20240101", "us-east-1", "ivschat");
    for (let i = 0; i < 100; i++) await signingKey("secret", "20240101", `region-${i}`, "ivschat");
    expect(await signingKey("secret", "20240101", "us-east-1", "ivschat")).not.toBe(first);
  });
});

describe("canonicalRequest", () => {
  it("double-encodes path segments, except for S3", () => {
    expect(canonicalPath("/a%20b/c d", true, true)).toBe("/a%2520b/c%20d");
    expect(canonicalPath("/a%20b/%e1%88%b4+$", false, false)).toBe("/a%20b/%E1%88%B4%2B%24");
    expect(canonicalPath("/my-object//example//photo.user", false, false)).toBe("/my-object//example//photo.user");
  });

  it("normalizes dot segments and duplicate slashes as URL does, keeping a trailing slash", () => {
    expect(canonicalPath("/a/b/../c/./d", true, true)).toBe("/a/c/d");
    expect(canonicalPath("/a/b/..", true, true)).toBe("/a/");
    expect(canonicalPath("/..//../", true, true)).toBe("/");
    expect(canonicalPath("", true, true)).toBe("/");
    expect(canonicalPath("/.well-known/x", true, true)).toBe("/.well-known/x");
  });

  it("encodes the query: from the wire form, or from decoded pairs", () => {
    expect(canonicalQuery("?b=2&a=%7e%41&c&a=1+1&d=%zz")).toBe("a=1%2B1&a=~A&b=2&c=&d=%25zz");
    expect(
      canonicalQuery([
        ["key", "a b*c'(!)"],
        ["ሴ", "é"],
      ]),
    ).toBe("%E1%88%B4=%C3%A9&key=a%20b%2Ac%27%28%21%29");
    expect(canonicalQuery("")).toBe("");
    expect(uriEncode("\uD800x")).toBe("%EF%BF%BDx");
  });

  it("lowercases, sorts, trims and joins headers", () => {
    const { canonical, signedHeaders } = canonicalRequest({
      method: "POST",
      path: "/",
      query: [],
      headers: [
        ["X-B", "  one   two  "],
        ["Host", "h"],
        ["x-b", "three\n   four"],
      ],
      payloadHash: EMPTY_SHA256,
    });
    expect(signedHeaders).toBe("host;x-b");
    expect(canonical).toBe(`POST\n/\n\nhost:h\nx-b:one two,three four\n\nhost;x-b\n${EMPTY_SHA256}`);
  });
});

describe("signRequest", () => {
  // The expected values are the suite's .authz files.
  it("signs get-vanilla like the suite", async () => {
    const headers = await signRequest({ method: "GET", url: "https://example.amazonaws.com/", headers: {} }, suite);
    expect(headers).toEqual({
      host: "example.amazonaws.com",
      "x-amz-date": "20150830T123600Z",
      authorization:
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31",
    });
  });

  it("adds and signs the session token header (get-vanilla-with-session-token)", async () => {
    const sessionToken = "6e86291e8372ff2a2260956d9b8aae1d763fbf315fa00fa31553b73ebf194267";
    const headers = await signRequest(
      { method: "GET", url: "https://example.amazonaws.com/", headers: {} },
      { ...suite, credentials: { ...credentials, sessionToken } },
    );
    expect(headers["x-amz-security-token"]).toBe(sessionToken);
    expect(headers.authorization).toBe(
      "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date;x-amz-security-token, Signature=07ec1639c89043aa0e3e2de82b96708f198cceab042d4a97044c66dd9f74e7f8",
    );
  });

  it("hashes the body (post-x-www-form-urlencoded)", async () => {
    const request = {
      method: "POST",
      url: new URL("https://example.amazonaws.com/"),
      headers: { "Content-Type": "application/x-www-form-urlencoded", "User-Agent": "not signed" },
      body: "Param1=value1",
    };
    const headers = await signRequest(request, suite);
    expect(headers["user-agent"]).toBe("not signed");
    expect(headers.authorization).toBe(
      "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a",
    );
    // The same body as bytes signs the same.
    const fromBytes = await signRequest({ ...request, body: new TextEncoder().encode(request.body) }, suite);
    expect(fromBytes.authorization).toBe(headers.authorization);
  });

  it("signs UNSIGNED-PAYLOAD instead of the body hash, with or without the checksum header", async () => {
    const request = { method: "PUT", url: "https://example.amazonaws.com/key", headers: {}, body: "data" };
    const expected = async (extraHeaders: Record<string, string>): Promise<string> => {
      const { canonical, signedHeaders } = canonicalRequest({
        method: "PUT",
        path: "/key",
        query: "",
        headers: { host: "example.amazonaws.com", "x-amz-date": "20150830T123600Z", ...extraHeaders },
        payloadHash: UNSIGNED_PAYLOAD,
      });
      const scope = credentialScope("20150830", "us-east-1", "service");
      const key = await signingKey(credentials.secretAccessKey, "20150830", "us-east-1", "service");
      const sig = await signature(key, stringToSign("20150830T123600Z", scope, await sha256Hex(canonical)));
      return authorization("AKIDEXAMPLE", scope, signedHeaders, sig);
    };

    const plain = await signRequest(request, { ...suite, unsignedPayload: true });
    expect(plain["x-amz-content-sha256"]).toBeUndefined();
    expect(plain.authorization).toBe(await expected({}));

    const withHeader = await signRequest(request, { ...suite, unsignedPayload: true, applyChecksumHeader: true });
    expect(withHeader["x-amz-content-sha256"]).toBe("UNSIGNED-PAYLOAD");
    expect(withHeader.authorization).toBe(await expected({ "x-amz-content-sha256": "UNSIGNED-PAYLOAD" }));
  });

  it("sends the body hash as x-amz-content-sha256 when asked, and signs a given one as is", async () => {
    const request = { method: "PUT", url: "https://example.amazonaws.com/key", headers: {}, body: "data" };
    const bodyHash = createHash("sha256").update("data").digest("hex");
    const headers = await signRequest(request, { ...suite, applyChecksumHeader: true });
    expect(headers["x-amz-content-sha256"]).toBe(bodyHash);
    expect(headers.authorization).toContain("SignedHeaders=host;x-amz-content-sha256;x-amz-date,");

    const preset = await signRequest(
      { ...request, headers: { "X-Amz-Content-Sha256": bodyHash }, body: "ignored" },
      suite,
    );
    expect(preset.authorization).toBe(headers.authorization);
  });

  it("lowercases the request's headers, replaces authorization and x-amz-date, keeps a given host", async () => {
    const headers = await signRequest(
      {
        method: "get",
        url: "https://example.amazonaws.com:443/",
        headers: { Authorization: "old", "X-Amz-Date": "old", "X-A": "1", "x-a": "2", ["__proto__"]: "p" },
      },
      suite,
    );
    expect(Object.keys(headers).sort()).toEqual(["__proto__", "authorization", "host", "x-a", "x-amz-date"]);
    expect(headers["x-a"]).toBe("1, 2");
    expect(headers.host).toBe("example.amazonaws.com"); // the default port is not sent
    expect(headers["x-amz-date"]).toBe("20150830T123600Z");
    expect(headers.authorization).toContain("SignedHeaders=__proto__;host;x-a;x-amz-date,");

    const custom = await signRequest(
      { method: "GET", url: "https://127.0.0.1:8443/", headers: { Host: "example.amazonaws.com" } },
      suite,
    );
    expect(custom.host).toBe("example.amazonaws.com");
    expect(custom.authorization).toBe(
      (await signRequest({ method: "GET", url: "https://example.amazonaws.com/", headers: {} }, suite)).authorization,
    );
  });

  it("matches an independent node:crypto implementation", async () => {
    const url = "https://ivschat.us-west-2.amazonaws.com:8443/rooms/my%20room/./x/../tokens?b=2&a=x%20y&%E1%88%B4=1";
    const body = JSON.stringify({ roomIdentifier: "arn:aws:ivschat:us-west-2:123:room/abc", userId: "ü" });
    const headers = { "Content-Type": "application/json", "X-Amz-Target": "Op", "X-Custom": "  a   b " };
    const signed = await signRequest(
      { method: "POST", url, headers, body },
      { credentials: { ...credentials, sessionToken: "tok" }, region: "us-west-2", service: "ivschat", date },
    );
    expect(signed.authorization).toBe(
      independentAuthorization({
        host: "ivschat.us-west-2.amazonaws.com:8443",
        canonicalUri: "/rooms/my%2520room/tokens", // normalized, then each segment encoded again
        canonicalQuery: "%E1%88%B4=1&a=x%20y&b=2",
        headers: {
          "content-type": "application/json",
          "x-amz-target": "Op",
          "x-custom": "a b",
          "x-amz-security-token": "tok",
        },
        body,
      }),
    );
  });

  it("gives identical results on the WebCrypto path", async () => {
    const request = {
      method: "POST",
      url: "https://example.amazonaws.com/a/b?x=1",
      headers: { "content-type": "application/json" },
      body: '{"a":"é"}',
    };
    const options = { ...suite, credentials: { ...credentials, sessionToken: "tok" }, applyChecksumHeader: true };
    const viaNode = await signRequest(request, options);
    const nodeKey = hex(await signingKey(credentials.secretAccessKey, "20150830", "us-east-1", "service"));

    expect(useNodeCrypto(false)).toBe(false);
    expect(nodeCrypto()).toBeUndefined();
    clearSigningKeyCache(); // derive the key with WebCrypto too
    expect(hex(await signingKey(credentials.secretAccessKey, "20150830", "us-east-1", "service"))).toBe(nodeKey);
    clearSigningKeyCache();
    expect(await signRequest(request, options)).toEqual(viaNode);
    expect(await signRequest(request, options)).toEqual(viaNode); // with the cached key and CryptoKey
    expect(await sha256Hex("")).toBe(EMPTY_SHA256);
  });

  it("has WebCrypto primitives equal to Node's", async () => {
    useNodeCrypto(true);
    const node = nodeCrypto()!;
    for (const data of ["", "abc", "é ሴ 😀", new Uint8Array([0, 255, 1])]) {
      expect(await sha256HexWeb(data)).toBe(sha256HexNode(node, data));
    }
    expect(hex(await hmacWeb("key", "data"))).toBe(hex(hmacNode(node, "key", "data")));
    expect(hex(await hmacWeb(new Uint8Array([1, 2, 3]), "é"))).toBe(
      hex(hmacNode(node, new Uint8Array([1, 2, 3]), "é")),
    );
  });

  it("formats x-amz-date", () => {
    expect(amzDate(date)).toBe("20150830T123600Z");
    expect(amzDate(new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 678)))).toBe("20240102T030405Z");
  });
});

describe("templates/runtime stays dependency-free", () => {
  it("imports only relative modules, and nothing statically from node:*", () => {
    const dir = path.resolve(import.meta.dirname, "../../templates/runtime");
    for (const file of ["hash.ts", "sigv4.ts", "sigv4-canonical.ts", "sigv4-signing-key.ts"]) {
      const source = readFileSync(path.join(dir, file), "utf8");
      const specifiers = [...source.matchAll(/(?:import|export)\s[^;]*?from\s+"([^"]+)"/g)].map((m) => m[1]);
      for (const specifier of specifiers) expect(specifier, file).toMatch(/^\.\/.*\.js$/);
      expect(source, file).not.toMatch(/\brequire\(|import\(/);
    }
  });
});

/** SigV4 written out plainly with node:crypto, from already-canonical parts. */
function independentAuthorization(input: {
  host: string;
  canonicalUri: string;
  canonicalQuery: string;
  headers: Record<string, string>;
  body: string;
}): string {
  const sha256 = (data: string): string => createHash("sha256").update(data, "utf8").digest("hex");
  const hmac = (key: string | Buffer, data: string): Buffer => createHmac("sha256", key).update(data, "utf8").digest();
  const all: Record<string, string> = { ...input.headers, host: input.host, "x-amz-date": "20150830T123600Z" };
  const names = Object.keys(all).sort();
  const canonical = [
    "POST",
    input.canonicalUri,
    input.canonicalQuery,
    names.map((n) => `${n}:${all[n]}\n`).join(""),
    names.join(";"),
    sha256(input.body),
  ].join("\n");
  const scope = "20150830/us-west-2/ivschat/aws4_request";
  const toSign = ["AWS4-HMAC-SHA256", "20150830T123600Z", scope, sha256(canonical)].join("\n");
  let key = hmac(`AWS4${credentials.secretAccessKey}`, "20150830");
  for (const part of ["us-west-2", "ivschat", "aws4_request"]) key = hmac(key, part);
  const sig = createHmac("sha256", key).update(toSign).digest("hex");
  return `AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/${scope}, SignedHeaders=${names.join(";")}, Signature=${sig}`;
}
