import { ApiException } from "@kubernetes/client-node";
import { describe, expect, it } from "vitest";
import { KubeHttpError } from "./kube-request.ts";
import { KubeRequestError } from "./kube-request-error.ts";
import { isTransientKubeError, retryAfterMs, retryKube } from "./kube-retry.ts";

const answer = (code: number, headers: Record<string, string> = {}) =>
  new ApiException(code, "", JSON.stringify({ message: `HTTP ${code}` }), headers);

describe("isTransientKubeError", () => {
  it.each([429, 500, 502, 503, 504])("retries HTTP %i", (code) => {
    expect(isTransientKubeError(answer(code))).toBe(true);
    expect(
      isTransientKubeError(new KubeHttpError("GET /x", { status: code, statusText: "", body: {} })),
    ).toBe(true);
  });

  it.each([400, 401, 403, 404, 409, 422])("takes HTTP %i as the answer", (code) => {
    expect(isTransientKubeError(answer(code))).toBe(false);
  });

  it("retries a connection that broke before an answer, found along cause", () => {
    const reset = Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" });
    expect(isTransientKubeError(new TypeError("fetch failed", { cause: reset }))).toBe(true);
    expect(isTransientKubeError(new Error("socket hang up"))).toBe(true);
    expect(isTransientKubeError(new Error("certificate has expired"))).toBe(false);
  });
});

describe("retryAfterMs", () => {
  it("reads Retry-After seconds from the answer, also through a KubeRequestError", () => {
    expect(retryAfterMs(answer(429, { "retry-after": "2" }))).toBe(2_000);
    expect(retryAfterMs(new KubeRequestError("GET x", answer(429, { "retry-after": "1" })))).toBe(
      1_000,
    );
    expect(retryAfterMs(answer(503))).toBeUndefined();
    expect(retryAfterMs(answer(429, { "retry-after": "soon" }))).toBeUndefined();
  });
});

describe("retryKube", () => {
  it("retries 429 after the Retry-After it names and returns the later answer", async () => {
    const slept: number[] = [];
    let calls = 0;
    const result = await retryKube(
      "GET jobs",
      async () => {
        calls += 1;
        if (calls === 1) throw answer(429, { "retry-after": "1" });
        return "ok";
      },
      { sleep: async (ms) => void slept.push(ms) },
    );
    expect(result).toBe("ok");
    expect(slept).toEqual([1_000]);
  });

  it("gives up after the policy's attempts with one line naming the request", async () => {
    let calls = 0;
    const error = await retryKube(
      "DELETE jobs ns/pi",
      async () => {
        calls += 1;
        throw answer(503);
      },
      { sleep: async () => {}, policy: { maxAttempts: 3, baseMs: 1, capMs: 1 } },
    ).catch((e: unknown) => e);
    expect(calls).toBe(3);
    expect(error).toBeInstanceOf(KubeRequestError);
    expect((error as Error).message).toBe("DELETE jobs ns/pi failed with HTTP 503: HTTP 503");
  });

  it("does not retry a refusal", async () => {
    let calls = 0;
    await retryKube(
      "GET jobs",
      async () => {
        calls += 1;
        throw answer(403);
      },
      { sleep: async () => {} },
    ).catch(() => undefined);
    expect(calls).toBe(1);
  });
});
