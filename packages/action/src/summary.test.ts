import { describe, expect, it } from "vitest";
import { renderFailureAnnotation } from "./annotations.ts";
import {
  formatDuration,
  renderCleanupSummary,
  renderStatusLine,
  renderSummary,
} from "./summary.ts";
import { expectGolden } from "./test-support/golden.ts";
import { failedMermaid, failedReport, succeededReport } from "./test-support/reports.ts";

describe("renderSummary", () => {
  it("shows a succeeded run: status, console link, states, Job, pod, logs, access", () => {
    expectGolden(
      "summary-succeeded.md",
      renderSummary({
        report: succeededReport,
        access: {
          granted: [
            "aws-auth mapping for arn:aws:iam::123456789012:role/sfn",
            "Role and RoleBinding ci-jobs/eks-sfn-job-runner-sfn",
          ],
          revoked: [],
        },
      }),
    );
  });

  it("shows a failed run: named cause, advice, path chart with the failing state, exit codes, escaped logs, cleanup", () => {
    expectGolden(
      "summary-failed.md",
      renderSummary({
        report: failedReport,
        mermaid: failedMermaid,
        cleanup: [
          { what: "Job ci-jobs/pi-fail", outcome: "already-gone" },
          { what: "aws-auth mapping for arn:aws:iam::123456789012:role/sfn", outcome: "done" },
        ],
      }),
    );
  });

  it("escapes what the Job and the cause say, so a log cannot inject HTML", () => {
    const markdown = renderSummary({ report: failedReport });
    expect(markdown).not.toContain("<script>");
    expect(markdown).toContain("&lt;out of digits&gt; &amp; gave up");
  });

  it("cuts each log to its end and stays under the limit with a huge log", () => {
    const line = "digit ".repeat(20);
    const huge = `${Array.from({ length: 200_000 }, (_, i) => `${i} ${line}`).join("\n")}\n`;
    const report = {
      ...failedReport,
      jobs: failedReport.jobs.map((job) => ({
        ...job,
        pods: job.pods.map((pod) => ({
          ...pod,
          containers: pod.containers.map((c) => ({ ...c, log: huge })),
        })),
      })),
    };
    const markdown = renderSummary({ report });
    expect(Buffer.byteLength(markdown)).toBeLessThanOrEqual(1024 * 1024);
    expect(markdown).toContain("199999 digit");
    expect(markdown).not.toContain("\n0 digit");
    const tiny = renderSummary({ report }, 20_000);
    expect(Buffer.byteLength(tiny)).toBeLessThanOrEqual(20_000);
    expect(tiny).toContain("Run a job on EKS");
  });

  it("names the cause in the status line", () => {
    expect(renderStatusLine(succeededReport)).toBe("✅ Job pi-x7k2p succeeded in 1 min 05 s");
    expect(renderStatusLine(failedReport)).toBe(
      "❌ Job pi-fail failed: The Job's pods failed more often than its backoffLimit allows",
    );
    expect(
      renderStatusLine({ ...failedReport, status: "ABORTED", advice: [], error: undefined }),
    ).toBe("⏹️ Job pi-fail was stopped: BackoffLimitExceeded");
  });

  it("formats durations in the unit a person reads", () => {
    expect([850, 4_200, 187_000, 3_720_000].map(formatDuration)).toEqual([
      "850 ms",
      "4.2 s",
      "3 min 07 s",
      "1 h 02 min",
    ]);
  });

  it("says so when there was nothing to clean up", () => {
    expect(renderCleanupSummary([])).toContain("Nothing to clean up.");
  });
});

describe("renderFailureAnnotation", () => {
  it("gives none for a run that succeeded", () => {
    expect(renderFailureAnnotation(succeededReport)).toBeUndefined();
  });

  it("gives the cause, the failing containers and the fix", () => {
    expect(renderFailureAnnotation(failedReport)).toEqual({
      title: "Job pi-fail failed: The Job's pods failed more often than its backoffLimit allows",
      message: [
        `EKS.JobFailed: ${failedReport.cause}`,
        "pi-fail-abcde/pi exited 3 (Error)",
        "Fix: Read the pod's log below; raise spec.backoffLimit only if the failure is transient.",
      ].join("\n"),
    });
  });

  it("fails a run whose execution succeeded but whose Job failed", () => {
    const annotation = renderFailureAnnotation({
      ...failedReport,
      status: "SUCCEEDED",
      error: undefined,
      cause: undefined,
      advice: [],
    });
    expect(annotation?.message).toBe(
      "Job has reached the specified backoff limit\npi-fail-abcde/pi exited 3 (Error)",
    );
  });
});
