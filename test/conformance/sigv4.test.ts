// AWS SigV4 test suite (the project copy in suites/sigv4-testsuite). Each case is checked step by
// step, each step from the suite's expected output of the step before, so a failure names the step:
//   .req → canonicalRequest() = .creq → stringToSign() = .sts → signingKey/signature/authorization() = .authz
// A last check chains our own outputs from the .req alone.

import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  authorization,
  canonicalRequest,
  credentialScope,
  sha256Hex,
  signRequest,
  signature,
  signingKey,
  stringToSign,
} from "../../templates/runtime/sigv4.js";

const SUITE = path.resolve(import.meta.dirname, "../../suites/sigv4-testsuite");

// The suite's fixed inputs (see the AWS SigV4 test suite documentation).
const ACCESS_KEY_ID = "AKIDEXAMPLE";
const SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
const REGION = "us-east-1";
const SERVICE = "service";
const DATETIME = "20150830T123600Z";
const SCOPE = credentialScope(DATETIME.slice(0, 8), REGION, SERVICE);

// Cases whose credentials carry a session token, which the signer adds as X-Amz-Security-Token
// before signing: the .req lacks the header, the .creq signs it, the .sreq shows its value.
// (post-sts-header-after is the opposite: the token is added after signing, so it is not signed.)
const SIGNER_ADDS_SESSION_TOKEN = new Set(["get-vanilla-with-session-token"]);

interface RawRequest {
  method: string;
  path: string;
  query: string;
  headers: [string, string][];
  body: string;
}

/** Parses a raw HTTP/1.1 request; folded header lines are kept, joined with "\n". */
function parseRequest(text: string): RawRequest {
  const all = text.replace(/\r\n/g, "\n").split("\n");
  // Headers end at the first empty line (or the end of the file); the body follows.
  const end = all.indexOf("", 1);
  const [requestLine = "", ...lines] = end < 0 ? all : all.slice(0, end);
  const body = end < 0 ? "" : all.slice(end + 1).join("\n");
  // The target may contain spaces ("GET /example space/ HTTP/1.1").
  const method = requestLine.slice(0, requestLine.indexOf(" "));
  const target = requestLine.slice(method.length + 1, requestLine.lastIndexOf(" "));
  const q = target.indexOf("?");
  const headers: [string, string][] = [];
  for (const line of lines) {
    const previous = headers[headers.length - 1];
    if ((line.startsWith(" ") || line.startsWith("\t")) && previous) {
      previous[1] += `\n${line}`; // obs-fold: a continuation of the previous header's value
      continue;
    }
    const colon = line.indexOf(":");
    if (colon < 0) throw new Error(`bad header line: ${JSON.stringify(line)}`);
    headers.push([line.slice(0, colon), line.slice(colon + 1)]);
  }
  return {
    method,
    path: q < 0 ? target : target.slice(0, q),
    query: q < 0 ? "" : target.slice(q + 1),
    headers,
    body,
  };
}

function headerValue(rawRequest: string, name: string): string | undefined {
  return parseRequest(rawRequest)
    .headers.find(([n]) => n.toLowerCase() === name)?.[1]
    .trim();
}

interface Case {
  name: string; // path below the suite, e.g. "normalize-path/get-slash"
  file: (ext: string) => string;
}

function findCases(dir: string): Case[] {
  const found: Case[] = [];
  for (const entry of readdirSync(dir).sort()) {
    const full = path.join(dir, entry);
    if (!statSync(full).isDirectory()) continue;
    const req = path.join(full, `${entry}.req`);
    if (readdirSync(full).includes(`${entry}.req`)) {
      found.push({
        name: path.relative(SUITE, full).split(path.sep).join("/"),
        file: (ext) => readFileSync(req.slice(0, -".req".length) + ext, "utf8"),
      });
    }
    found.push(...findCases(full));
  }
  return found;
}

function requestOf(c: Case): RawRequest {
  const req = parseRequest(c.file(".req"));
  if (SIGNER_ADDS_SESSION_TOKEN.has(path.basename(c.name))) {
    const token = headerValue(c.file(".sreq"), "x-amz-security-token");
    if (token === undefined) throw new Error(`${c.name}: no X-Amz-Security-Token in .sreq`);
    req.headers.push(["X-Amz-Security-Token", token]);
  }
  return req;
}

async function canonicalOf(req: RawRequest): Promise<{ canonical: string; signedHeaders: string }> {
  return canonicalRequest({
    method: req.method,
    path: req.path,
    query: req.query,
    headers: req.headers,
    payloadHash: await sha256Hex(req.body),
  });
}

const cases = findCases(SUITE);

describe("SigV4 test suite", () => {
  it("finds the cases, nested ones included", () => {
    expect(cases.length).toBe(34);
    expect(cases.map((c) => c.name)).toContain("normalize-path/get-slash");
    expect(cases.map((c) => c.name)).toContain("post-sts-token/post-sts-header-before");
  });

  for (const c of cases) {
    describe(c.name, () => {
      it("canonical request (.creq)", async () => {
        expect((await canonicalOf(requestOf(c))).canonical).toBe(c.file(".creq"));
      });

      it("string to sign (.sts)", async () => {
        expect(stringToSign(DATETIME, SCOPE, await sha256Hex(c.file(".creq")))).toBe(c.file(".sts"));
      });

      it("authorization header (.authz)", async () => {
        const creqLines = c.file(".creq").split("\n");
        const signedHeaders = creqLines[creqLines.length - 2]!;
        const key = await signingKey(SECRET, DATETIME.slice(0, 8), REGION, SERVICE);
        const sig = await signature(key, c.file(".sts"));
        expect(authorization(ACCESS_KEY_ID, SCOPE, signedHeaders, sig)).toBe(c.file(".authz"));
      });

      it("all steps chained from the .req", async () => {
        const { canonical, signedHeaders } = await canonicalOf(requestOf(c));
        const key = await signingKey(SECRET, DATETIME.slice(0, 8), REGION, SERVICE);
        const sig = await signature(key, stringToSign(DATETIME, SCOPE, await sha256Hex(canonical)));
        expect(authorization(ACCESS_KEY_ID, SCOPE, signedHeaders, sig)).toBe(c.file(".authz"));
      });
    });
  }
});

// The same 34 cases through signRequest(), the function ClientCore's send signs every request
// with: the .req as a client would hand it over (URL, a header record, the body), the result
// compared with the suite's Authorization (.authz) and signed request (.sreq) headers.
describe("SigV4 test suite through signRequest (the client's signing path)", () => {
  for (const c of cases) {
    it(c.name, async () => {
      const req = parseRequest(c.file(".req"));
      const headers: Record<string, string> = {};
      for (const [name, value] of req.headers) {
        const key = name.toLowerCase();
        // Repeated headers reach the signer joined with "," (as a server joins the lines it got).
        headers[key] = key in headers ? `${headers[key]},${value.trim()}` : value.trim();
      }
      const host = headers["host"]!;
      const token = SIGNER_ADDS_SESSION_TOKEN.has(path.basename(c.name)) ? headerValue(c.file(".sreq"), "x-amz-security-token") : undefined;
      const signed = await signRequest(
        { method: req.method, url: `https://${host}${req.path}${req.query ? `?${req.query}` : ""}`, headers, body: req.body },
        {
          credentials: { accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET, ...(token ? { sessionToken: token } : {}) },
          region: REGION,
          service: SERVICE,
          date: new Date(Date.UTC(2015, 7, 30, 12, 36, 0)),
        },
      );
      expect(signed["authorization"]).toBe(c.file(".authz"));
      // Every header of the signed request the suite shows is one the signer sends, with that value.
      for (const [name, value] of parseRequest(c.file(".sreq")).headers) {
        const key = name.toLowerCase();
        if (key === "authorization") continue;
        // post-sts-header-after: the caller adds the token after signing (so it is not signed).
        if (key === "x-amz-security-token" && path.basename(c.name) === "post-sts-header-after") continue;
        expect(signed[key]?.split(",").map((v) => v.trim().replace(/\s+/g, " ")), key).toEqual(
          parseRequest(c.file(".sreq")).headers.filter(([n]) => n.toLowerCase() === key).flatMap(([, v]) => v.split(",")).map((v) => v.trim().replace(/\s+/g, " ")),
        );
        void value;
      }
    });
  }
});
