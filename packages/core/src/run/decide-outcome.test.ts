import { describe, expect, it } from "vitest";
import type { ExecutionOutcome } from "../engine/engine.ts";
import type { JobReport } from "../report/execution-report.ts";
import { decideOutcome, executionArnOf, RUN_EXIT_CODES } from "./run-workflow.ts";

const ended = (status: ExecutionOutcome["status"]): ExecutionOutcome => ({
  status,
  startedAt: new Date(0),
});
const job = (outcome: JobReport["outcome"]): JobReport => ({
  namespace: "n",
  name: "j",
  outcome,
  conditions: [],
  pods: [],
});

describe("decideOutcome", () => {
  it("succeeds only when the execution succeeded and no Job failed", () => {
    const ok = { cancelled: false, timedOut: false };
    expect(
      decideOutcome({ ...ok, outcome: ended("SUCCEEDED"), report: { jobs: [job("complete")] } }),
    ).toBe("succeeded");
    // A definition that caught the Job's failure still ran a failed Job.
    expect(
      decideOutcome({ ...ok, outcome: ended("SUCCEEDED"), report: { jobs: [job("failed")] } }),
    ).toBe("failed");
    expect(
      decideOutcome({ ...ok, outcome: ended("FAILED"), report: { jobs: [job("complete")] } }),
    ).toBe("failed");
    expect(decideOutcome({ ...ok, outcome: ended("ABORTED"), report: { jobs: [] } })).toBe(
      "failed",
    );
    expect(decideOutcome({ ...ok, outcome: ended("TIMED_OUT"), report: { jobs: [] } })).toBe(
      "timed-out",
    );
  });

  it("puts the user's cancel before the clock's timeout, and both before the status", () => {
    const report = { jobs: [job("failed")] };
    expect(
      decideOutcome({ outcome: ended("ABORTED"), report, cancelled: true, timedOut: true }),
    ).toBe("cancelled");
    expect(
      decideOutcome({ outcome: ended("ABORTED"), report, cancelled: false, timedOut: true }),
    ).toBe("timed-out");
  });

  it("maps outcomes to the documented exit codes", () => {
    expect(RUN_EXIT_CODES).toEqual({ succeeded: 0, failed: 1, "timed-out": 3, cancelled: 130 });
  });
});

describe("executionArnOf", () => {
  it("is StartExecution's ARN for a name on a state machine", () => {
    expect(
      executionArnOf("arn:aws:states:us-east-1:123456789012:stateMachine:eks-sfn-ci", "run-1"),
    ).toBe("arn:aws:states:us-east-1:123456789012:execution:eks-sfn-ci:run-1");
  });
});
