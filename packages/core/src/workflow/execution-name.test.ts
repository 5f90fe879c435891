import { createHash } from "node:crypto";
import { UserInputError } from "@eks-sfn/rbac";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  EXECUTION_NAME_MAX_LENGTH,
  executionNameForRun,
  executionNameFrom,
  isValidExecutionName,
  parseExecutionName,
} from "./execution-name.ts";

const identity = fc.record({
  runId: fc.bigInt({ min: 1n, max: 10n ** 20n }).map(String),
  attempt: fc.integer({ min: 1, max: 1000 }),
  job: fc.string({ unit: "grapheme", maxLength: 120 }),
  discriminator: fc.option(fc.string({ maxLength: 40 }), { nil: undefined }),
});

describe("executionNameForRun", () => {
  it("names a plain run gh-<run id>-<attempt>-<job>", () => {
    expect(executionNameForRun({ runId: "1234567890", attempt: 2, job: "deploy_pi" })).toBe(
      "gh-1234567890-2-deploy_pi",
    );
  });

  it("always gives a name StartExecution accepts", () => {
    fc.assert(
      fc.property(identity, (id) => {
        const name = executionNameForRun(id);
        expect(isValidExecutionName(name)).toBe(true);
        expect(name).toMatch(/^[\x21-\x7e]+$/);
      }),
    );
  });

  it("gives the same name for the same identity", () => {
    fc.assert(
      fc.property(identity, (id) => {
        expect(executionNameForRun({ ...id })).toBe(executionNameForRun(id));
      }),
    );
  });

  it("gives different names to different identities", () => {
    fc.assert(
      fc.property(identity, identity, (a, b) => {
        fc.pre(
          a.runId !== b.runId ||
            a.attempt !== b.attempt ||
            a.job !== b.job ||
            a.discriminator !== b.discriminator,
        );
        expect(executionNameForRun(a)).not.toBe(executionNameForRun(b));
      }),
    );
  });

  it("tells apart attempts of one run and jobs whose keys clean to the same text", () => {
    const base = { runId: "77", job: "build" };
    expect(executionNameForRun({ ...base, attempt: 1 })).not.toBe(
      executionNameForRun({ ...base, attempt: 2 }),
    );
    expect(executionNameForRun({ runId: "77", attempt: 1, job: "a b" })).not.toBe(
      executionNameForRun({ runId: "77", attempt: 1, job: "a:b" }),
    );
  });

  it("keeps the name within 80 characters for a long job key", () => {
    const name = executionNameForRun({ runId: "9".repeat(20), attempt: 3, job: "j".repeat(200) });
    expect(name).toHaveLength(EXECUTION_NAME_MAX_LENGTH);
    expect(name.startsWith(`gh-${"9".repeat(20)}-3-jjj`)).toBe(true);
  });

  it("refuses a run id that is not digits, naming GITHUB_RUN_ID", () => {
    expect(() => executionNameForRun({ runId: "abc", attempt: 1, job: "x" })).toThrow(
      expect.objectContaining({ name: "UserInputError", input: "GITHUB_RUN_ID" }),
    );
  });

  it.each(["12a", "a12", "1 2", ""])(
    "refuses the run id %j: digits from its first character to its last",
    (runId) => {
      expect(() => executionNameForRun({ runId, attempt: 1, job: "x" })).toThrow(
        expect.objectContaining({
          input: "GITHUB_RUN_ID",
          message: `GITHUB_RUN_ID: ${JSON.stringify(runId)} is not a run id (digits). Run inside GitHub Actions, or give the execution a name of your own.`,
        }),
      );
    },
  );

  it.each([0, -1, 1.5, Number.NaN])(
    "refuses the run attempt %d, naming GITHUB_RUN_ATTEMPT",
    (attempt) => {
      expect(() => executionNameForRun({ runId: "77", attempt, job: "x" })).toThrow(
        expect.objectContaining({
          input: "GITHUB_RUN_ATTEMPT",
          message: `GITHUB_RUN_ATTEMPT: ${attempt} is not a run attempt (a whole number from 1). Run inside GitHub Actions, or give the execution a name of your own.`,
        }),
      );
    },
  );

  it("follows the name with - and the first 8 hex digits of the discriminator's SHA-256", () => {
    const sha = (text: string) => createHash("sha256").update(text).digest("hex").slice(0, 8);
    expect(
      executionNameForRun({ runId: "77", attempt: 1, job: "build", discriminator: "os=linux" }),
    ).toBe(`gh-77-1-build-${sha("os=linux")}`);
    expect(executionNameForRun({ runId: "77", attempt: 1, job: "build", discriminator: "" })).toBe(
      `gh-77-1-build-${sha("")}`,
    );
  });

  it("keeps a job key that exactly fills the room, and cuts one character more to 80 with a hash", () => {
    const head = "gh-1-1-";
    const room = EXECUTION_NAME_MAX_LENGTH - head.length;
    expect(executionNameForRun({ runId: "1", attempt: 1, job: "k".repeat(room) })).toBe(
      head + "k".repeat(room),
    );
    const cut = executionNameForRun({ runId: "1", attempt: 1, job: "k".repeat(room + 1) });
    expect(cut).toHaveLength(EXECUTION_NAME_MAX_LENGTH);
    expect(cut).toMatch(/^gh-1-1-k+-[0-9a-f]{8}$/);
  });

  it("fits a long job key and a discriminator hash together into exactly 80 characters", () => {
    const name = executionNameForRun({
      runId: "123",
      attempt: 1,
      job: "j".repeat(200),
      discriminator: "matrix",
    });
    expect(name).toHaveLength(EXECUTION_NAME_MAX_LENGTH);
    expect(name).toMatch(/^gh-123-1-j+-[0-9a-f]{8}-[0-9a-f]{8}$/);
  });
});

describe("executionNameFrom", () => {
  it("keeps a valid ASCII name unchanged and makes anything else valid", () => {
    expect(executionNameFrom("nightly-2026-11-30")).toBe("nightly-2026-11-30");
    const hash = createHash("sha256").update("a b/c").digest("hex").slice(0, 8);
    expect(executionNameFrom("a b/c")).toBe(`a-b-c-${hash}`);
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 200 }), (text) => {
        expect(isValidExecutionName(executionNameFrom(text))).toBe(true);
      }),
    );
  });
});

describe("parseExecutionName", () => {
  it.each([
    ["", "empty"],
    ["a".repeat(81), "81 characters"],
    ["has space", "whitespace"],
    ["a/b", "slash"],
    ["a:b", "colon"],
    ["tab\there", "a tab"],
    ["bell\u0007", "a control character"],
    ["c1\u0085", "a C1 control character"],
  ])("refuses %j (%s) naming the input", (value) => {
    let error: unknown;
    try {
      parseExecutionName("execution-name", value);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(UserInputError);
    expect((error as UserInputError).input).toBe("execution-name");
    expect((error as UserInputError).message).toContain(
      `${JSON.stringify(value)} is not a valid Step Functions execution name (1 to 80 characters`,
    );
    expect((error as UserInputError).message).toContain(
      'Use letters, digits, "-" and "_", like "nightly-2026-11-30".',
    );
  });

  it("accepts names of 1 and 80 characters", () => {
    expect(parseExecutionName("execution-name", "a")).toBe("a");
    expect(parseExecutionName("execution-name", "b".repeat(80))).toBe("b".repeat(80));
  });
});
