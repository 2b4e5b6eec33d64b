import { describe, expect, it } from "vitest";
import { RetryQuota, backoffDelay, isRetryable, isThrottling, sleep } from "../../templates/runtime/retry.js";

describe("standard retry mode", () => {
  it.each([
    [{ network: true }, true],
    [{ timeout: true }, true],
    [{ status: 500 }, true],
    [{ status: 503 }, true],
    [{ status: 429 }, true],
    [{ code: "ThrottlingException", status: 400 }, true],
    [{ code: "RequestTimeout", status: 408 }, true],
    [{ retryable: true, status: 400 }, true],
    [{ code: "InvalidSignatureException", status: 403 }, false],
    [{ code: "InvalidSignatureException", status: 403, clockSkewCorrected: true }, true],
    [{ code: "AccessDeniedException", status: 403 }, false],
    [{ code: "ValidationException", status: 400 }, false],
    [{ status: 501 }, false],
  ])("isRetryable(%o) is %s", (failure, expected) => {
    expect(isRetryable(failure)).toBe(expected);
  });

  it("recognises throttling by model trait, code or 429", () => {
    expect(isThrottling({ throttling: true })).toBe(true);
    expect(isThrottling({ code: "TooManyRequestsException" })).toBe(true);
    expect(isThrottling({ status: 429 })).toBe(true);
    expect(isThrottling({ status: 500 })).toBe(false);
  });

  it("backs off with full jitter under a doubling cap", () => {
    expect(backoffDelay(1, false, () => 0.999)).toBe(99);
    expect(backoffDelay(3, false, () => 0.999)).toBe(399);
    expect(backoffDelay(1, true, () => 0.999)).toBe(499);
    expect(backoffDelay(30, false, () => 0.999)).toBe(19_980);
    expect(backoffDelay(2, false, () => 0)).toBe(0);
  });

  it("spends and refunds a bounded retry quota", () => {
    const quota = new RetryQuota();
    let granted = 0;
    while (quota.acquire({ status: 500 }) !== undefined) granted++;
    expect(granted).toBe(100); // 500 / 5
    expect(quota.acquire({ timeout: true })).toBeUndefined();
    quota.release(5);
    expect(quota.available).toBe(5);
    quota.release(undefined);
    expect(quota.available).toBe(6);
  });

  it("sleep ends early with the abort reason", async () => {
    const controller = new AbortController();
    const started = Date.now();
    const pending = sleep(10_000, controller.signal);
    controller.abort(new Error("stop"));
    await expect(pending).rejects.toThrow("stop");
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
