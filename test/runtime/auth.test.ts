import { describe, expect, it } from "vitest";
import { cachedToken, chooseAuth, onlyScheme, type AuthSchemeId } from "../../templates/runtime/auth.js";
import { ConfigurationError } from "../../templates/runtime/errors.js";

describe("onlyScheme: a service with nothing to choose", () => {
  const cases: [AuthSchemeId[], AuthSchemeId | RegExp][] = [
    [["sigv4"], "sigv4"],
    [["none"], "none"],
    [["sigv4a", "sigv4"], "sigv4"],
    [["sigv2"], /sigv2: SigV2 \(SimpleDB's signature\) is not implemented/],
    [["sigv4a"], /sigv4a: SigV4a is not implemented by this runtime yet/],
  ];
  for (const [allowed, want] of cases) {
    it(`${allowed.join(", ")} → ${want}`, () => {
      if (typeof want === "string") expect(onlyScheme(allowed, "Op")).toBe(want);
      else expect(() => onlyScheme(allowed, "Op")).toThrow(want);
    });
  }
  it("the refusal is a ConfigurationError naming the operation", () => {
    expect(() => onlyScheme(["sigv2"], "PutAttributes")).toThrow(ConfigurationError);
    expect(() => onlyScheme(["sigv2"], "PutAttributes")).toThrow(/^PutAttributes: no auth scheme/);
  });
});

describe("chooseAuth: services that allow several schemes or a token", () => {
  const both: AuthSchemeId[] = ["sigv4", "bearer"];
  const cases: { given: string; config?: object; env?: Record<string, string>; allowed: AuthSchemeId[]; want: AuthSchemeId | RegExp }[] = [
    { given: "no token: the first usable in the model's order", allowed: both, want: "sigv4" },
    { given: "a configured token: bearer first", config: { token: "t" }, allowed: both, want: "bearer" },
    { given: "the service's token variable", env: { AWS_BEARER_TOKEN_BEDROCK: "t" }, allowed: both, want: "bearer" },
    { given: "an empty token variable is no token", env: { AWS_BEARER_TOKEN_BEDROCK: "" }, allowed: both, want: "sigv4" },
    { given: "a preference overrides the token", config: { token: "t", authSchemePreference: ["sigv4"] }, allowed: both, want: "sigv4" },
    { given: "AWS_AUTH_SCHEME_PREFERENCE in the SDKs' names", config: { token: "t" }, env: { AWS_AUTH_SCHEME_PREFERENCE: " aws.auth#sigv4 , httpBearerAuth" }, allowed: both, want: "sigv4" },
    { given: "a preference for a scheme the operation lacks is ignored", config: { authSchemePreference: ["bearer"] }, allowed: ["sigv4"], want: "sigv4" },
    { given: "bearer only, no token", allowed: ["bearer"], want: /bearer: no bearer token is configured/ },
    { given: "noAuth preferred", config: { authSchemePreference: ["noAuth"] }, allowed: ["sigv4", "none"], want: "none" },
  ];
  for (const { given, config = {}, env = {}, allowed, want } of cases) {
    it(given, () => {
      const choice = chooseAuth(config, "AWS_BEARER_TOKEN_BEDROCK", env);
      if (typeof want === "string") expect(choice.scheme(allowed, "Converse")).toBe(want);
      else expect(() => choice.scheme(allowed, "Converse")).toThrow(want);
    });
  }
  it("hands out the configured token", async () => {
    expect(await chooseAuth({ token: "abc" }, undefined, {}).token()).toEqual({ token: "abc" });
  });
});

describe("cachedToken", () => {
  it("asks a provider once while the token is fresh, again shortly before it expires", async () => {
    let now = 0;
    let asked = 0;
    const provider = cachedToken(async () => ({ token: `t${++asked}`, expiration: new Date(now + 10 * 60_000) }), () => now);
    expect((await provider()).token).toBe("t1");
    now += 4 * 60_000;
    expect((await provider()).token).toBe("t1");
    now += 2 * 60_000; // 4 minutes left: inside the 5-minute window
    expect((await provider()).token).toBe("t2");
  });
  it("shares one pending request, and does not cache a failure", async () => {
    let asked = 0;
    const provider = cachedToken(async () => {
      asked++;
      if (asked === 1) throw new Error("down");
      return { token: "ok" };
    });
    const [a, b] = await Promise.allSettled([provider(), provider()]);
    expect([a.status, b.status, asked]).toEqual(["rejected", "rejected", 1]);
    expect((await provider()).token).toBe("ok");
  });
  it("an empty token is a ConfigurationError at the first call", async () => {
    await expect(cachedToken({ token: "" })()).rejects.toThrow(ConfigurationError);
  });
});
