import { getEventListeners } from "node:events";
import fc from "fast-check";
import { describe, expect, it, vi } from "vitest";
import { DEFAULT_BACKOFF, fullJitterDelay, realSleep, retryWithBackoff } from "./backoff.ts";

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

describe("retryWithBackoff without a policy", () => {
  it("makes 8 attempts in all, doubling from 100 ms up to the 5 s cap", async () => {
    const slept: number[] = [];
    const attempts: number[] = [];
    await expect(
      retryWithBackoff({
        attempt: async (attempt) => {
          attempts.push(attempt);
          throw new Error(`throttled ${attempt}`);
        },
        retryable: () => true,
        sleep: async (ms) => {
          slept.push(ms);
        },
        random: () => 0.5,
      }),
    ).rejects.toThrow("throttled 8");
    expect(attempts).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(slept).toEqual([100, 200, 400, 800, 1_600, 2_500, 2_500]);
  });

  it("draws each delay from Math.random when no random source is given", async () => {
    const slept: number[] = [];
    let calls = 0;
    await retryWithBackoff({
      attempt: async () => {
        calls += 1;
        if (calls < 3) throw new Error("conflict");
        return calls;
      },
      retryable: () => true,
      policy,
      sleep: async (ms) => {
        slept.push(ms);
      },
    });
    expect(slept).toHaveLength(2);
    expect(slept[0]).toBeGreaterThanOrEqual(0);
    expect(slept[0]).toBeLessThan(200);
    expect(slept[1]).toBeLessThan(400);
  });

  it("waits with a real timer when no sleep is given", async () => {
    let calls = 0;
    const started = Date.now();
    const result = await retryWithBackoff({
      attempt: async () => {
        calls += 1;
        if (calls < 2) throw new Error("conflict");
        return "ok";
      },
      retryable: () => true,
      policy: { maxAttempts: 2, baseMs: 20, capMs: 20 },
      random: () => 0.99,
    });
    expect(result).toBe("ok");
    expect(Date.now() - started).toBeGreaterThanOrEqual(15);
  });
});

describe("retryWithBackoff with an AbortSignal", () => {
  it("makes no attempt when the signal is already aborted", async () => {
    let calls = 0;
    const controller = new AbortController();
    controller.abort(new Error("cancelled by the user"));
    await expect(
      retryWithBackoff({
        attempt: async () => {
          calls += 1;
          return "ok";
        },
        retryable: () => true,
        policy,
        sleep: async () => {},
        signal: controller.signal,
      }),
    ).rejects.toThrow("cancelled by the user");
    expect(calls).toBe(0);
  });

  it("hands the signal to the sleep and stops retrying once it is aborted", async () => {
    const controller = new AbortController();
    const signals: (AbortSignal | undefined)[] = [];
    let calls = 0;
    await expect(
      retryWithBackoff({
        attempt: async () => {
          calls += 1;
          throw new Error("conflict");
        },
        retryable: () => true,
        policy,
        sleep: async (_ms, signal) => {
          signals.push(signal);
          controller.abort(new Error("cancelled while waiting"));
        },
        signal: controller.signal,
      }),
    ).rejects.toThrow("cancelled while waiting");
    expect(calls).toBe(1);
    expect(signals).toEqual([controller.signal]);
  });

  it("cuts a real sleep short when the signal is aborted", async () => {
    const controller = new AbortController();
    const started = Date.now();
    const retried = retryWithBackoff({
      attempt: async () => {
        throw new Error("conflict");
      },
      retryable: () => true,
      policy: { maxAttempts: 2, baseMs: 60_000, capMs: 60_000 },
      random: () => 0.99,
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(new Error("cancelled")), 10);
    await expect(retried).rejects.toThrow("cancelled");
    expect(Date.now() - started).toBeLessThan(30_000);
  });
});

describe("realSleep", () => {
  it("rejects at once with the reason of a signal aborted before it starts", async () => {
    const controller = new AbortController();
    controller.abort(new Error("already cancelled"));
    await expect(realSleep(60_000, controller.signal)).rejects.toThrow("already cancelled");
  });

  it("resolves after the time and stops listening to a signal that was never aborted", async () => {
    const controller = new AbortController();
    await expect(realSleep(1, controller.signal)).resolves.toBeUndefined();
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(0);
  });

  it("clears its timer when the signal is aborted mid-sleep", async () => {
    vi.useFakeTimers();
    try {
      const controller = new AbortController();
      const sleeping = realSleep(60_000, controller.signal);
      expect(vi.getTimerCount()).toBe(1);
      controller.abort(new Error("cancelled"));
      await expect(sleeping).rejects.toThrow("cancelled");
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it("rejects with the abort reason mid-sleep and stops listening", async () => {
    const controller = new AbortController();
    const sleeping = realSleep(60_000, controller.signal);
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(1);
    controller.abort(new Error("cancelled mid-sleep"));
    await expect(sleeping).rejects.toThrow("cancelled mid-sleep");
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(0);
  });
});

describe("DEFAULT_BACKOFF", () => {
  it("is 8 attempts from 100 ms, capped at 5 s", () => {
    expect(DEFAULT_BACKOFF).toEqual({ maxAttempts: 8, baseMs: 100, capMs: 5_000 });
  });
});

describe("retryWithBackoff with a server's delay and a lower layer's attempts", () => {
  it("waits what the server asked instead of the jitter, cut to the cap", async () => {
    const slept: number[] = [];
    let calls = 0;
    const asked = [300, 60_000];
    await retryWithBackoff({
      attempt: async () => {
        calls += 1;
        if (calls <= asked.length)
          throw Object.assign(new Error("busy"), { after: asked[calls - 1] });
        return "ok";
      },
      retryable: () => true,
      serverDelayMs: (error) => (error as { after?: number }).after,
      policy,
      sleep: async (ms) => {
        slept.push(ms);
      },
      random: () => 0.5,
    });
    expect(slept).toEqual([300, policy.capMs]);
  });

  it("falls back to the jitter when the answer asked for nothing", async () => {
    const slept: number[] = [];
    let calls = 0;
    await retryWithBackoff({
      attempt: async () => {
        calls += 1;
        if (calls < 2) throw new Error("busy");
        return "ok";
      },
      retryable: () => true,
      serverDelayMs: () => undefined,
      policy,
      sleep: async (ms) => {
        slept.push(ms);
      },
      random: () => 0.5,
    });
    expect(slept).toEqual([fullJitterDelay(policy, 1, () => 0.5)]);
  });

  it("counts the requests a lower layer already made against maxAttempts", async () => {
    fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 5 }),
        async (maxAttempts, perCall) => {
          let calls = 0;
          await retryWithBackoff({
            attempt: async () => {
              calls += 1;
              throw new Error("down");
            },
            retryable: () => true,
            attemptsUsed: () => perCall,
            policy: { maxAttempts, baseMs: 1, capMs: 1 },
            sleep: async () => {},
          }).catch(() => undefined);
          // Requests made in all: never more than the budget plus one call's worth.
          expect(calls).toBe(Math.ceil(maxAttempts / perCall));
          expect((calls - 1) * perCall).toBeLessThan(maxAttempts);
        },
      ),
    );
  });
});
