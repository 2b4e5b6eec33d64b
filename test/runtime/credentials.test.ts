import { describe, expect, it } from "vitest";
import { cachedCredentials } from "../../templates/runtime/credentials.js";
import { REDACTED, redact } from "../../templates/runtime/redact.js";
import type { StructureSchema } from "../../templates/runtime/schema.js";

describe("cachedCredentials", () => {
  it("asks the provider once, and again only near expiry", async () => {
    let now = 0;
    let calls = 0;
    const provider = cachedCredentials(async () => {
      calls++;
      return { accessKeyId: `AK${calls}`, secretAccessKey: "s", expiration: new Date(60 * 60 * 1000) };
    }, () => now);
    const [a, b] = await Promise.all([provider(), provider()]);
    expect(calls).toBe(1);
    expect(a).toBe(b);
    now = 50 * 60 * 1000; // 10 minutes left: still good
    expect((await provider()).accessKeyId).toBe("AK1");
    now = 56 * 60 * 1000; // 4 minutes left: refreshed
    expect((await provider()).accessKeyId).toBe("AK2");
  });

  it("does not cache a failure", async () => {
    let calls = 0;
    const provider = cachedCredentials(async () => {
      calls++;
      if (calls === 1) throw new Error("transient");
      return { accessKeyId: "AK", secretAccessKey: "s" };
    });
    await expect(provider()).rejects.toThrow("transient");
    expect((await provider()).accessKeyId).toBe("AK");
  });

  it("rejects fixed credentials without a secret at the first call", async () => {
    const provider = cachedCredentials({ accessKeyId: "AK" } as never);
    await expect(provider()).rejects.toThrow(/needs both accessKeyId and secretAccessKey/);
  });

  it("rejects a provider answer without keys", async () => {
    const provider = cachedCredentials(async () => ({ accessKeyId: "", secretAccessKey: "" }));
    await expect(provider()).rejects.toThrow(/no accessKeyId/);
  });
});

describe("redact", () => {
  const schema: StructureSchema = {
    type: "structure",
    name: "Req",
    members: {
      userId: { target: { type: "string", sensitive: true } },
      name: { target: { type: "string" } },
      attributes: { target: { type: "map", key: { target: { type: "string" } }, value: { target: { type: "string" } }, sensitive: true } },
      items: {
        target: {
          type: "list",
          member: { target: { type: "structure", name: "I", members: { token: { target: { type: "string", sensitive: true } } } } },
        },
      },
    },
  };

  it("replaces sensitive values at any depth and keeps the rest", () => {
    expect(redact(schema, { userId: "alice", name: "room", attributes: { k: "v" }, items: [{ token: "t" }] })).toEqual({
      userId: REDACTED,
      name: "room",
      attributes: REDACTED,
      items: [{ token: REDACTED }],
    });
  });
});
