import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ProgressEvent } from "../workflow/progress-event.ts";
import { briefCause, buildExecutionReport, capTail, jobReport } from "./build-report.ts";
import type { JobReport } from "./execution-report.ts";
import {
  forbiddenScenario,
  jobFailedScenario,
  PI_40,
  succeededScenario,
  withPiLog,
} from "./test-support/scenarios.ts";

describe("buildExecutionReport", () => {
  it("lists the states taken in order with their durations", () => {
    const report = buildExecutionReport(succeededScenario());
    expect(report.status).toBe("SUCCEEDED");
    expect(report.durationMs).toBe(61_910);
    expect(report.path).toEqual([
      expect.objectContaining({
        state: "Run job",
        status: "succeeded",
        durationMs: 61_490,
        retries: 0,
      }),
      expect.objectContaining({
        state: "Delete job",
        status: "succeeded",
        durationMs: 390,
        retries: 0,
      }),
    ]);
  });

  it("counts retries and marks a caught state apart from the state that failed the execution", () => {
    const report = buildExecutionReport(forbiddenScenario());
    expect(
      report.path.map((visit) => [visit.state, visit.status, visit.retries, visit.error]),
    ).toEqual([
      ["Run job", "caught", 1, "EKS.403"],
      ["Delete job after failure", "failed", 0, "EKS.403"],
    ]);
    expect(report.path[1]?.exitedAt).toBeUndefined();
  });

  it("reports each pod's phase, exit code, reason and log from the Job snapshot", () => {
    const report = buildExecutionReport(jobFailedScenario());
    expect(report.jobs).toHaveLength(1);
    const [job] = report.jobs;
    expect(job).toMatchObject({ namespace: "ci", name: "pi-7f2kq", outcome: "failed" });
    expect(job?.pods[0]).toMatchObject({ name: "pi-7f2kq-x8d9z", phase: "Failed" });
    expect(job?.pods[0]?.containers[0]).toMatchObject({
      name: "pi-2000",
      state: "terminated",
      exitCode: 3,
      reason: "Error",
      logTruncated: false,
    });
    expect(job?.pods[0]?.containers[0]?.log).toContain("out of memory");
  });

  it("names the node each pod was bound to", () => {
    const input = jobFailedScenario();
    const [snapshot] = input.jobs ?? [];
    if (!snapshot) throw new Error("the scenario has a Job");
    const pod = snapshot.pods[0];
    const bound = { ...pod, spec: { ...pod?.spec, containers: [], nodeName: "real-node" } };
    const report = buildExecutionReport({ ...input, jobs: [{ ...snapshot, pods: [bound] }] });
    expect(report.jobs[0]?.pods[0]?.node).toBe("real-node");
    expect(buildExecutionReport(input).jobs[0]?.pods[0]?.node).toBeUndefined();
  });

  it("finds a log's lost digits in a state's output, not only in the execution's", () => {
    const input = succeededScenario();
    const digits = "3.14159265358979323846264338327950288419716939937510";
    const deleted = {
      ...withPiLog(input, `{ "pi": ${digits} }`),
      outcome: { ...input.outcome, output: { StatusCode: 200 }, outputText: '{"StatusCode":200}' },
    };
    expect(buildExecutionReport(deleted).advice).toEqual([]);
    const report = buildExecutionReport({
      ...deleted,
      events: [
        ...input.events,
        {
          type: "state-exited",
          state: "Run job",
          at: new Date("2026-11-30T06:01:00.000Z"),
          output: { RunJobResult: { logs: [Number(digits)] } },
        },
      ],
    });
    expect(report.advice.map((a) => a.code)).toEqual(["log-lost-digits"]);
  });

  it("keeps the end of a long log and marks it cut", () => {
    const input = succeededScenario();
    const long = Array.from({ length: 1000 }, (_, i) => `line ${i}`).join("\n");
    const report = buildExecutionReport({ ...withPiLog(input, long), logCapBytes: 100 });
    const container = report.jobs[0]?.pods[0]?.containers[0];
    expect(container?.logTruncated).toBe(true);
    expect(container?.log?.endsWith("line 999")).toBe(true);
    expect(Buffer.byteLength(container?.log ?? "")).toBeLessThanOrEqual(100);
  });

  it("reports a Job it only heard of through job events", () => {
    const input = jobFailedScenario();
    const report = buildExecutionReport({ ...input, jobs: [] });
    expect(report.jobs).toEqual([
      {
        namespace: "ci",
        name: "pi-7f2kq",
        outcome: "failed",
        conditions: [{ type: "Failed", status: "True", reason: "BackoffLimitExceeded" }],
        pods: [],
      },
    ]);
  });

  it("names the advice that fits each run", () => {
    expect(buildExecutionReport(succeededScenario()).advice.map((a) => a.code)).toEqual([
      "log-lost-digits",
    ]);
    expect(buildExecutionReport(jobFailedScenario()).advice.map((a) => a.code)).toEqual([
      "job-backoff-limit-exceeded",
    ]);
    expect(buildExecutionReport(forbiddenScenario()).advice.map((a) => a.code)).toEqual([
      "EKS.403",
    ]);
    expect(PI_40.length).toBe(41);
  });
});

describe("capTail", () => {
  it("never exceeds the cap, never splits a character, and keeps a suffix of the text", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 300 }), fc.nat(400), (text, cap) => {
        const { text: kept, truncated } = capTail(text, cap);
        if (truncated) expect(Buffer.byteLength(kept)).toBeLessThanOrEqual(cap);
        else expect(kept).toBe(text);
        expect(text.endsWith(kept)).toBe(true);
        expect(truncated).toBe(Buffer.byteLength(text) > cap);
        // A cut through a character would show as U+FFFD.
        expect(kept.includes("\uFFFD") && !text.includes("\uFFFD")).toBe(false);
      }),
    );
  });
});

describe("buildExecutionReport, the path", () => {
  const t = (s: number) => new Date(Date.UTC(2026, 10, 30, 6, 0, s));
  const build = (events: ProgressEvent[]) =>
    buildExecutionReport({
      engine: "local",
      executionId: "local:e",
      executionName: "e",
      events,
      outcome: { status: "SUCCEEDED", startedAt: t(0), stoppedAt: t(30) },
    });

  it("gives each entry its own visit and closes the latest open one on exit, for Map iterations", () => {
    const { path } = build([
      { type: "state-entered", state: "Item", at: t(0) },
      { type: "state-entered", state: "Item", at: t(1) },
      { type: "state-exited", state: "Item", at: t(3) },
      { type: "state-exited", state: "Item", at: t(5) },
      { type: "state-entered", state: "Next", at: t(6) },
    ]);
    expect(path.map((v) => [v.state, v.status, v.durationMs])).toEqual([
      ["Item", "succeeded", 5_000],
      ["Item", "succeeded", 2_000],
      ["Next", "running", undefined],
    ]);
  });

  it("counts retries, and a retried state that then exits succeeded", () => {
    const { path } = build([
      { type: "state-entered", state: "Run", at: t(0) },
      { type: "state-failed", state: "Run", at: t(1), error: "EKS.429", cause: "slow down" },
      { type: "state-retried", state: "Run", at: t(2), error: "EKS.429" },
      { type: "state-retried", state: "Run", at: t(4), error: "EKS.429" },
      { type: "state-exited", state: "Run", at: t(9) },
    ]);
    expect(path).toEqual([
      {
        state: "Run",
        enteredAt: t(0).toISOString(),
        exitedAt: t(9).toISOString(),
        durationMs: 9_000,
        status: "succeeded",
        error: "EKS.429",
        cause: "slow down",
        retries: 2,
      },
    ]);
  });

  it("marks a caught state with its error and keeps it caught when it exits", () => {
    const { path } = build([
      { type: "state-entered", state: "Run", at: t(0) },
      { type: "state-caught", state: "Run", at: t(1), error: "States.ALL", cause: "why" },
      { type: "state-exited", state: "Run", at: t(2) },
      { type: "state-entered", state: "Fail", at: t(2) },
      { type: "state-failed", state: "Fail", at: t(3), error: "Gave.Up" },
    ]);
    expect(path.map((v) => [v.state, v.status, v.error, v.cause])).toEqual([
      ["Run", "caught", "States.ALL", "why"],
      ["Fail", "failed", "Gave.Up", undefined],
    ]);
  });

  it("ignores events for a state never entered", () => {
    const { path } = build([
      { type: "state-exited", state: "Ghost", at: t(1) },
      { type: "state-failed", state: "Ghost", at: t(1), error: "E" },
      { type: "state-retried", state: "Ghost", at: t(1), error: "E" },
      { type: "state-caught", state: "Ghost", at: t(1), error: "E" },
    ]);
    expect(path).toEqual([]);
  });

  it("reports Jobs only the events name, as far as their last event says", () => {
    const { jobs } = build([
      { type: "job", namespace: "ci", job: "a", phase: "created", at: t(0) },
      { type: "job", namespace: "ci", job: "a", phase: "running", at: t(1) },
      { type: "job", namespace: "ci", job: "b", phase: "complete", at: t(2) },
      {
        type: "job",
        namespace: "ci",
        job: "c",
        phase: "failed",
        at: t(2),
        reason: "BackoffLimitExceeded",
      },
      { type: "job", namespace: "ci", job: "c", phase: "deleted", at: t(3) },
      { type: "job", namespace: "ci", job: "d", phase: "deleted", at: t(3) },
    ]);
    expect(jobs).toEqual([
      { namespace: "ci", name: "a", outcome: "running", conditions: [], pods: [] },
      {
        namespace: "ci",
        name: "b",
        outcome: "complete",
        conditions: [{ type: "Complete", status: "True", reason: undefined }],
        pods: [],
      },
      {
        namespace: "ci",
        name: "c",
        outcome: "failed",
        conditions: [{ type: "Failed", status: "True", reason: "BackoffLimitExceeded" }],
        pods: [],
      },
      { namespace: "ci", name: "d", outcome: "running", conditions: [], pods: [] },
    ]);
  });
});

describe("jobReport", () => {
  const named = { metadata: { name: "pi", namespace: "ci" } };

  it("calls a Job running when it has an active pod or a start time, unknown otherwise", () => {
    expect(jobReport({ job: { ...named, status: { active: 1 } }, pods: [] }).outcome).toBe(
      "running",
    );
    expect(
      jobReport({ job: { ...named, status: { active: 0, startTime: new Date() } }, pods: [] })
        .outcome,
    ).toBe("running");
    expect(jobReport({ job: { ...named, status: { active: 0 } }, pods: [] }).outcome).toBe(
      "unknown",
    );
    expect(jobReport({ job: named, pods: [] }).outcome).toBe("unknown");
    expect(
      jobReport({
        job: { ...named, status: { conditions: [{ type: "Failed", status: "False" }] } },
        pods: [],
      }).outcome,
    ).toBe("unknown");
  });

  it("names a Job without a namespace in default", () => {
    expect(jobReport({ job: { metadata: { name: "pi" } }, pods: [] })).toMatchObject({
      namespace: "default",
      name: "pi",
    });
  });

  it("lists pods by name, init containers first, each container's state, log or log error", () => {
    const report = jobReport({
      job: named,
      pods: [
        {
          metadata: { name: "pi-b" },
          spec: {
            initContainers: [{ name: "init" }],
            containers: [{ name: "pi" }],
          },
          status: {
            phase: "Pending",
            conditions: [
              { type: "Ready", status: "False", reason: "NotReady" },
              { type: "PodScheduled", status: "False", reason: "Unschedulable" },
            ],
            initContainerStatuses: [
              {
                name: "init",
                image: "x",
                imageID: "",
                ready: false,
                restartCount: 0,
                state: { running: {} },
              },
            ],
            containerStatuses: [
              {
                name: "pi",
                image: "x",
                imageID: "",
                ready: false,
                restartCount: 0,
                state: { waiting: { reason: "ErrImagePull", message: "no such image" } },
              },
            ],
          },
        },
        { metadata: { name: "pi-a" }, status: { phase: "Failed", reason: "Evicted" } },
      ],
      logs: { "pi-b": { init: { error: "EKS.403" } }, "pi-c": { pi: { text: "3.14" } } },
    });
    expect(report.pods).toEqual([
      { name: "pi-a", node: undefined, phase: "Failed", reason: "Evicted", containers: [] },
      {
        name: "pi-b",
        node: undefined,
        phase: "Pending",
        reason: "Unschedulable",
        containers: [
          { name: "init", state: "running", logError: "EKS.403" },
          { name: "pi", state: "waiting", reason: "ErrImagePull", message: "no such image" },
        ],
      },
      {
        name: "pi-c",
        node: undefined,
        phase: "Unknown",
        reason: undefined,
        containers: [{ name: "pi", log: "3.14", logTruncated: false }],
      },
    ]);
  });
});

describe("briefCause", () => {
  const failedJob = (metadata: object, conditions: object[]) =>
    JSON.stringify({ kind: "Job", metadata, status: { conditions } });
  const pod = (containers: JobReport["pods"][number]["containers"]) => ({
    name: "pi-1",
    phase: "Failed",
    containers,
  });
  const jobs: JobReport[] = [
    {
      namespace: "other",
      name: "pi",
      outcome: "failed",
      conditions: [],
      pods: [pod([{ name: "x", exitCode: 9 }])],
    },
    {
      namespace: "ci",
      name: "pi",
      outcome: "failed",
      conditions: [],
      pods: [
        pod([
          { name: "ok", state: "terminated", exitCode: 0 },
          { name: "bad", state: "terminated", exitCode: 3, reason: "Error" },
          { name: "pull", state: "waiting", reason: "ImagePullBackOff" },
          { name: "idle", state: "waiting" },
          { name: "gone" },
        ]),
      ],
    },
  ];

  it("names the Job's Failed condition and each pod container that failed, of that Job only", () => {
    expect(
      briefCause(
        failedJob({ name: "pi", namespace: "ci" }, [
          { type: "Complete", status: "False", reason: "NotYet" },
          { type: "Failed", status: "False", reason: "Earlier" },
          { type: "Failed", status: "True", reason: "BackoffLimitExceeded", message: "limit" },
        ]),
        jobs,
      ),
    ).toBe(
      "Job ci/pi failed: BackoffLimitExceeded: limit; pod pi-1 container bad exited 3 (Error); pod pi-1 container pull (ImagePullBackOff)",
    );
  });

  it("says a Job without a namespace or Failed condition failed, with the first Job of its name", () => {
    expect(
      briefCause(
        failedJob({ name: "pi" }, [{ type: "Failed", status: "True", reason: "DeadlineExceeded" }]),
        jobs,
      ),
    ).toBe("Job pi failed: DeadlineExceeded; pod pi-1 container x exited 9");
    expect(briefCause(failedJob({ name: "lost" }, []), jobs)).toBe("Job lost failed");
    expect(briefCause("not a job", jobs)).toBeUndefined();
  });
});
