import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildExecutionReport, capTail } from "./build-report.ts";
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
