import { EventEmitter } from "node:events";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { RunLedger } from "@eks-sfn/core/plan";
import { describe, expect, it } from "vitest";
import { RecordingActionIo } from "./io.ts";
import { runMain } from "./main.ts";
import { LEDGER_STATE } from "./state.ts";
import { TEST_JOB } from "./test-support/job.ts";
import { failedReport, succeededReport } from "./test-support/reports.ts";
import { ScriptedFlow, type ScriptStep } from "./test-support/scripted-flow.ts";

const JOB = TEST_JOB;
const inputs = {
  "cluster-name": "c1",
  "role-arn": "arn:aws:iam::123456789012:role/sfn",
  namespace: "ci-jobs",
  job: JOB,
  "github-token": "ghs_secretTokenValue123456",
};
const ledger0: RunLedger = { version: 1, runId: "42-1-test", jobs: [] };
const ledger1: RunLedger = {
  ...ledger0,
  execution: { id: succeededReport.executionId, engine: "aws" },
};
const ledger2: RunLedger = { ...ledger1, jobs: [{ namespace: "ci-jobs", name: "pi-x7k2p" }] };
const at = (s: number) => new Date(Date.parse("2026-11-30T06:00:00Z") + s * 1000);

const script: ScriptStep[] = [
  { phase: "Connect" },
  { facts: { clusterName: "c1", clusterEndpoint: "https://c1.example" } },
  { ledger: ledger0 },
  { phase: "Start" },
  { ledger: ledger1 },
  { facts: { executionArn: succeededReport.executionId, executionName: "run-42-1-test" } },
  { progress: { type: "execution-started", at: at(0) } },
  { progress: { type: "state-entered", state: "Run a job on EKS", at: at(0.1) } },
  { ledger: ledger2 },
  { facts: { jobName: "pi-x7k2p" } },
  { log: { namespace: "ci-jobs", pod: "pi-x7k2p-5wq9z", container: "pi", text: "3.14\n159\n" } },
  { log: { namespace: "ci-jobs", pod: "pi-x7k2p-5wq9z", container: "pi", text: "2653\n" } },
  { progress: { type: "state-exited", state: "Run a job on EKS", at: at(63) } },
];

function world(extra: Record<string, string> = {}) {
  const temp = mkdtempSync(join(tmpdir(), "eks-sfn-main-"));
  return new RecordingActionIo({
    inputs: { ...inputs, ...extra },
    env: { RUNNER_TEMP: temp, GITHUB_RUN_ID: "42", GITHUB_RUN_ATTEMPT: "1", GITHUB_JOB: "test" },
  });
}

describe("runMain", () => {
  it("sets each output the moment it is known, saves the ledger after every step, exits 0", async () => {
    const io = world();
    const flow = new ScriptedFlow(script, { report: succeededReport });
    const code = await runMain({ io, loadFlow: async () => flow });
    expect(code).toBe(0);
    expect(io.exitCode).toBe(0);
    const order = io.records.map((r) =>
      r.kind === "output" ? `output ${r.name}` : r.kind === "state" ? `state ${r.name}` : r.kind,
    );
    // execution-arn is out before the Job's logs and long before the run ends.
    expect(order.indexOf("output execution-arn")).toBeLessThan(order.indexOf("output job-name"));
    expect(order.indexOf("output console-url")).toBeLessThan(order.indexOf("output status"));
    expect(
      io.records
        .filter((r) => r.kind === "state")
        .map((r) => r.kind === "state" && JSON.parse(r.value)),
    ).toEqual([ledger0, ledger1, ledger2]);
    expect(io.state.get(LEDGER_STATE)).toBe(JSON.stringify(ledger2));
    expect(io.outputs).toMatchObject({
      "cluster-name": "c1",
      "cluster-endpoint": "https://c1.example",
      "execution-arn": succeededReport.executionId,
      "execution-name": "run-42-1-test",
      "job-name": "pi-x7k2p",
      status: "SUCCEEDED",
      "state-machine-arn": succeededReport.stateMachineArn,
    });
    expect(JSON.parse(io.outputs["job-status"] ?? "")[0]).toMatchObject({
      name: "pi-x7k2p",
      outcome: "complete",
    });
    expect(io.outputs.logs).toContain("==> ci-jobs/pi-x7k2p-5wq9z/pi <==\n3.14159");
    const report = JSON.parse(readFileSync(io.outputs["report-path"] ?? "", "utf8"));
    expect(report).toEqual(succeededReport);
    expect(io.records.filter((r) => r.kind === "error")).toEqual([]);
    expect(io.records.some((r) => r.kind === "summary" && r.markdown.includes("succeeded"))).toBe(
      true,
    );
  });

  it("writes one group per phase, one line per state change, and the logs grouped per container", async () => {
    const io = world();
    await runMain({
      io,
      loadFlow: async () => new ScriptedFlow(script, { report: succeededReport }),
    });
    expect(io.log.slice(1)).toEqual([
      "::group::Connect",
      "::endgroup::",
      "::group::Start",
      "::endgroup::",
      "+  0.0s ▶ execution started",
      "+  0.1s → Run a job on EKS",
      "::group::Logs of pi-x7k2p-5wq9z/pi",
      "3.14",
      "159",
      "2653",
      "::endgroup::",
      "+ 63.0s ✓ Run a job on EKS",
    ]);
    expect(io.log[0]).toBe(
      "eks-sfn-action: a Job on cluster c1, namespace ci-jobs, engine aws, access auto.",
    );
  });

  it("registers the token as a secret and never prints it", async () => {
    const io = world();
    await runMain({
      io,
      loadFlow: async () => new ScriptedFlow(script, { report: succeededReport }),
    });
    expect(io.records[0]).toEqual({ kind: "secret", value: "ghs_secretTokenValue123456" });
    const everything = JSON.stringify(io.records.filter((r) => r.kind !== "secret"));
    expect(everything).not.toContain("ghs_secretTokenValue123456");
  });

  it("exits 1 with one error annotation naming the cause when the Job failed", async () => {
    const io = world();
    const code = await runMain({
      io,
      loadFlow: async () => new ScriptedFlow(script, { report: failedReport }),
    });
    expect(code).toBe(1);
    expect(io.exitCode).toBe(1);
    const errors = io.records.filter((r) => r.kind === "error");
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({
      options: {
        title: "Job pi-fail failed: The Job's pods failed more often than its backoffLimit allows",
      },
    });
    expect(io.outputs.status).toBe("FAILED");
  });

  it("shows the run's own cleanup in the summary, tells post it is done, and takes the flow's exit code", async () => {
    const io = world();
    const code = await runMain({
      io,
      loadFlow: async () =>
        new ScriptedFlow(script, {
          report: succeededReport,
          cleanup: [{ what: "Job ci-jobs/pi-x7k2p", outcome: "done" }],
          exitCode: 3,
        }),
    });
    expect(code).toBe(3);
    expect(io.exitCode).toBe(3);
    expect(io.state.get("cleaned-up")).toBe("true");
    const summary = io.records.find((r) => r.kind === "summary");
    expect(summary?.kind === "summary" && summary.markdown).toContain(
      "<tr><td>Job ci-jobs/pi-x7k2p</td><td>✅ removed</td>",
    );
  });

  it("stops at a bad input with one error line and never loads the run flow", async () => {
    const io = world({ "delete-job": "sometimes" });
    let loaded = false;
    const code = await runMain({
      io,
      loadFlow: async () => {
        loaded = true;
        return new ScriptedFlow([], { report: succeededReport });
      },
    });
    expect(code).toBe(1);
    expect(loaded).toBe(false);
    expect(io.log).toEqual([
      '::error::delete-job: "sometimes" is not one of always, on-success, never. Set it to one of those, or leave it out for "always".',
    ]);
    expect(io.records.filter((r) => r.kind === "output" || r.kind === "state")).toEqual([]);
  });

  it("reports an infrastructure failure as one line with the failing request, no stack", async () => {
    const io = world();
    const failure = new Error(
      "DescribeCluster c1 in us-east-1 failed: AccessDeniedException: not authorized\n    at Foo (x.js:1:1)",
    );
    failure.name = "AwsRequestError";
    const code = await runMain({
      io,
      loadFlow: async () => new ScriptedFlow(script.slice(0, 3), failure),
    });
    expect(code).toBe(1);
    const errors = io.log.filter((line) => line.startsWith("::error::"));
    expect(errors).toEqual([
      "::error::eks-sfn-action failed: AwsRequestError: DescribeCluster c1 in us-east-1 failed: AccessDeniedException: not authorized",
    ]);
    // The ledger saved before the failure is there for post.
    expect(io.state.get(LEDGER_STATE)).toBe(JSON.stringify(ledger0));
  });

  it("on SIGINT stops the execution and deletes the Job through the ledger, then exits 130", async () => {
    const io = world();
    const signals = new EventEmitter();
    const flow = new ScriptedFlow(
      [...script.slice(0, 9), { waitForAbort: true }],
      { report: succeededReport },
      [
        { what: `execution ${succeededReport.executionId}`, outcome: "done" },
        { what: "Job ci-jobs/pi-x7k2p", outcome: "done" },
        { what: "grant aws-auth", outcome: "done" },
      ],
    );
    const exited = new Promise<number>((resolve) => {
      void runMain({
        io,
        loadFlow: async () => flow,
        signals: {
          on: (name, listener) => signals.on(name, listener),
          off: (name, listener) => signals.off(name, listener),
        },
        exit: resolve,
      });
    });
    await new Promise((resolve) => flow.started.once("waiting", resolve));
    signals.emit("SIGINT");
    expect(await exited).toBe(130);
    expect(flow.calls).toEqual(["run", `stopRun ${succeededReport.executionId}`]);
    expect(io.log).toContain(`eks-sfn-action: execution ${succeededReport.executionId}: removed`);
    expect(io.log).toContain("eks-sfn-action: Job ci-jobs/pi-x7k2p: removed");
    expect(io.log).toContain(
      "eks-sfn-action: left to the post step: revoking the grant and deleting a temporary cluster.",
    );
    expect(io.state.get(LEDGER_STATE)).toBe(JSON.stringify(ledger2));
  });
});
