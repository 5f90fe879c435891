import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fullJitterDelay, retryWithBackoff } from "./backoff.ts";

const policy = { maxAttempts: 5, baseMs: 100, capMs: 1_000 };

describe("fullJitterDelay", () => {
  it("stays within [0, min(cap, base * 2^retry))", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.double({ min: 0, max: 0.999999, noNaN: true }),
        (retry, r) => {
          const delay = fullJitterDelay(policy, retry, () => r);
          expect(delay).toBeGreaterThanOrEqual(0);
          expect(delay).toBeLessThan(Math.min(policy.capMs, policy.baseMs * 2 ** retry));
        },
      ),
    );
  });
});

describe("retryWithBackoff", () => {
  it("retries a retryable failure and returns the later success", async () => {
    const slept: number[] = [];
    let calls = 0;
    const result = await retryWithBackoff({
      attempt: async () => {
        calls += 1;
        if (calls < 3) throw new Error("conflict");
        return "ok";
      },
      retryable: () => true,
      policy,
      sleep: async (ms) => {
        slept.push(ms);
      },
      random: () => 0.5,
    });
    expect(result).toBe("ok");
    expect(slept).toEqual([100, 200]);
  });

  it("throws a failure that is not retryable at once", async () => {
    let calls = 0;
    await expect(
      retryWithBackoff({
        attempt: async () => {
          calls += 1;
          throw new Error("forbidden");
        },
        retryable: () => false,
        policy,
        sleep: async () => {},
      }),
    ).rejects.toThrow("forbidden");
    expect(calls).toBe(1);
  });

  it("gives up after maxAttempts with the last error", async () => {
    let calls = 0;
    await expect(
      retryWithBackoff({
        attempt: async () => {
          calls += 1;
          throw new Error(`conflict ${calls}`);
        },
        retryable: () => true,
        policy,
        sleep: async () => {},
      }),
    ).rejects.toThrow("conflict 5");
    expect(calls).toBe(5);
  });
});
