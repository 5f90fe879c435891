import { describe, expect, it } from "vitest";
import { expectGolden } from "../test-support/golden.ts";
import { buildExecutionReport } from "./build-report.ts";
import type { ExecutionReport } from "./execution-report.ts";
import { renderReportText } from "./render-text.ts";
import {
  forbiddenScenario,
  jobFailedScenario,
  succeededScenario,
  withPiLog,
} from "./test-support/scenarios.ts";

describe("renderReportText", () => {
  it.each([
    ["succeeded.txt", succeededScenario],
    ["job-failed.txt", jobFailedScenario],
    ["forbidden.txt", forbiddenScenario],
  ])("renders %s", (file, scenario) => {
    expectGolden(
      import.meta.url,
      `text/${file}`,
      renderReportText(buildExecutionReport(scenario())),
    );
  });

  it("says which node each pod ran on, when it was bound to one", () => {
    const report = buildExecutionReport(jobFailedScenario());
    const [job] = report.jobs;
    const [pod] = job?.pods ?? [];
    if (!job || !pod) throw new Error("the scenario has a pod");
    const text = renderReportText({
      ...report,
      jobs: [{ ...job, pods: [{ ...pod, node: "real-node" }] }],
    });
    expect(text).toContain(`  pod ${pod.name} on real-node: Failed\n`);
    expect(renderReportText(report)).toContain(`  pod ${pod.name}: Failed\n`);
  });

  it("shows only the last log lines and cuts a long output, saying so", () => {
    const input = succeededScenario();
    const log = Array.from({ length: 50 }, (_, i) => `line ${i + 1}`).join("\n");
    const report = buildExecutionReport({
      ...withPiLog(input, log),
      outcome: { ...input.outcome, output: { text: "x".repeat(500) } },
    });
    const text = renderReportText(report, { logLines: 3, outputChars: 100 });
    expect(text).toContain(
      "log (last 3 lines):\n        line 48\n        line 49\n        line 50\n",
    );
    expect(text).not.toContain("line 47\n");
    expect(text).toContain("Output (first 100 of 516 characters)");
  });
});

describe("renderReportText, every part", () => {
  const long = `Container   pi\n failed: ${"x".repeat(220)}`;
  const full: ExecutionReport = {
    engine: "aws",
    executionId: "arn:aws:states:us-east-1:111122223333:execution:m:run-1",
    executionName: "run-1",
    stateMachineArn: "arn:aws:states:us-east-1:111122223333:stateMachine:m",
    status: "FAILED",
    startedAt: "2026-11-30T06:00:00.000Z",
    stoppedAt: "2026-11-30T06:00:12.345Z",
    durationMs: 12_345,
    error: "States.TaskFailed",
    cause: "the Job failed\nBackoffLimitExceeded",
    path: [
      {
        state: "Run job",
        enteredAt: "x",
        durationMs: 9_999,
        status: "caught",
        retries: 2,
        error: "EKS.429",
        cause: long,
      },
      { state: "Delete", enteredAt: "x", durationMs: 10_000, status: "succeeded", retries: 0 },
      {
        state: "Fail",
        enteredAt: "x",
        status: "failed",
        retries: 0,
        error: "States.TaskFailed",
        cause: "the Job failed\nBackoffLimitExceeded",
      },
    ],
    jobs: [
      {
        namespace: "default",
        name: "pi",
        outcome: "failed",
        conditions: [
          {
            type: "Failed",
            status: "True",
            reason: "BackoffLimitExceeded",
            message: "Job has reached the specified backoff limit",
          },
          { type: "Suspended", status: "False" },
        ],
        pods: [
          {
            name: "pi-abc",
            node: "node-1",
            phase: "Failed",
            reason: "Evicted",
            containers: [
              {
                name: "pi",
                state: "terminated",
                exitCode: 0,
                reason: "Completed",
                message: "done\n  now",
                log: "a\nb\n",
              },
              { name: "side", logError: "pods/log 403" },
            ],
          },
          {
            name: "pi-def",
            phase: "Pending",
            containers: [{ name: "pi", state: "waiting", log: "only line", logTruncated: true }],
          },
        ],
      },
    ],
    advice: [
      {
        code: "job-backoff-limit-exceeded",
        title: "The Job ran out of retries",
        fix: "Read the pod's log.\nRaise backoffLimit.",
      },
    ],
    output: { ok: false },
  };

  it("prints every part of a full report, each line as the reader sees it", () => {
    expect(renderReportText(full).split("\n")).toEqual([
      "Execution run-1: FAILED in 12 s (aws engine)",
      "  id       arn:aws:states:us-east-1:111122223333:execution:m:run-1",
      "  machine  arn:aws:states:us-east-1:111122223333:stateMachine:m",
      "  started  2026-11-30T06:00:00.000Z",
      "  stopped  2026-11-30T06:00:12.345Z",
      "  error    States.TaskFailed",
      "  cause    the Job failed",
      "           BackoffLimitExceeded",
      "",
      "Path",
      "  caught Run job   10.0 s  retried 2x  EKS.429",
      `           Container pi failed: ${"x".repeat(176)}...`,
      "  ok     Delete      10 s",
      "  FAILED Fail              States.TaskFailed",
      "",
      "Job default/pi: failed",
      "  condition Failed=True (BackoffLimitExceeded: Job has reached the specified backoff limit)",
      "  condition Suspended=False",
      "  pod pi-abc on node-1: Failed (Evicted)",
      "    container pi: terminated, exit code 0, Completed, done now",
      "      log:",
      "        a",
      "        b",
      "    container side: unknown",
      "      log unavailable: pods/log 403",
      "  pod pi-def: Pending",
      "    container pi: waiting",
      "      log (last 1 lines, cut to its byte cap):",
      "        only line",
      "",
      "Advice",
      "  [job-backoff-limit-exceeded] The Job ran out of retries",
      "    fix: Read the pod's log.",
      "         Raise backoffLimit.",
      "",
      "Output",
      "  {",
      '    "ok": false',
      "  }",
      "",
    ]);
  });

  it("leaves out every part a report does not have", () => {
    expect(
      renderReportText({
        engine: "local",
        executionId: "local:r",
        executionName: "r",
        status: "RUNNING",
        startedAt: "t",
        path: [],
        jobs: [],
        advice: [],
      }),
    ).toBe("Execution r: RUNNING (local engine)\n  id       local:r\n  started  t\n");
  });

  it("cuts an output longer than the limit to its first characters and keeps one that fits", () => {
    const output = { text: "y".repeat(40) }; // 56 characters as JSON
    const fits = renderReportText({ ...full, output }, { outputChars: 56 });
    expect(fits).toContain(`\nOutput\n  {\n    "text": "${"y".repeat(40)}"\n  }\n`);
    const cut = renderReportText({ ...full, output }, { outputChars: 50 });
    expect(cut).toContain(
      `\nOutput (first 50 of 56 characters)\n  {\n    "text": "${"y".repeat(37)}\n`,
    );
  });

  it("shows a state's own cause on one trimmed line, whole up to 200 characters", () => {
    const withCause = (cause: string) =>
      renderReportText({
        ...full,
        path: [{ state: "Run", enteredAt: "x", status: "failed", retries: 0, cause }],
      }).split("\n")[11];
    expect(withCause("  spaced\n  out  ")).toBe("           spaced out");
    const exact = "y".repeat(200);
    expect(withCause(exact)).toBe(`           ${exact}`);
    expect(withCause(`${exact}z`)).toBe(`           ${"y".repeat(197)}...`);
  });
});
