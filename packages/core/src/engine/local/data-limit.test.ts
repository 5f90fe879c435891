// The local engine fails a run whose state data passes 256 KiB as Step Functions does
// (States.DataLimitExceeded, caught by no Catch), so a definition that passes locally
// does not fail on AWS for size. Pure: Pass and Map states, and Task states given
// handlers of the test's own, no cluster.
import type { StateMachineDefinition } from "@eks-sfn/rbac";
import { KubeConfig } from "@kubernetes/client-node";
import { describe, expect, it } from "vitest";
import { piJob } from "../../workflow/definition/examples.test-support.ts";
import {
  MAX_MATRIX_JOBS,
  renderJobMatrixDefinition,
} from "../../workflow/definition/job-matrix.ts";
import { defaultLogPlan } from "../../workflow/definition/job-run-plan.ts";
import type { ProgressEvent } from "../../workflow/progress-event.ts";
import { createLocalEngine, DATA_LIMIT_ERROR } from "./local.ts";
import type { TaskHandler } from "./task-handlers.ts";

const identity = { type: "kubeconfig", kubeConfig: new KubeConfig() } as const;

async function runLocally(
  definition: StateMachineDefinition,
  handlers: Record<string, TaskHandler> = {},
) {
  const engine = createLocalEngine({ identity, handlers });
  const handle = await engine.start({
    definition,
    input: { cluster: { name: "demo", ca: "Q".repeat(1500), endpoint: "https://127.0.0.1:1" } },
    name: `limit-${Date.now()}`,
    signal: new AbortController().signal,
  });
  const events: ProgressEvent[] = [];
  for await (const event of handle.events()) events.push(event);
  return { outcome: await handle.outcome(), events };
}

const KIB_60 = "x".repeat(60 * 1024);

describe("the local engine's 256 KiB limit on state data", () => {
  it("fails the run when a Map gathers more than 256 KiB, though a Catch on States.ALL is there", async () => {
    const { outcome, events } = await runLocally({
      StartAt: "Items",
      States: {
        Items: { Type: "Pass", Result: [1, 2, 3, 4, 5], Next: "Gather" },
        Gather: {
          Type: "Map",
          ItemProcessor: {
            ProcessorConfig: { Mode: "INLINE" },
            StartAt: "Big",
            States: { Big: { Type: "Pass", Result: { log: KIB_60 }, End: true } },
          },
          Catch: [{ ErrorEquals: ["States.ALL"], Next: "Caught" }],
          Next: "After",
        },
        After: { Type: "Pass", End: true },
        Caught: { Type: "Succeed" },
      },
    } as StateMachineDefinition);
    expect(outcome.status).toBe("FAILED");
    expect(outcome.error).toBe(DATA_LIMIT_ERROR);
    expect(outcome.cause).toContain('The output of state "Gather" is');
    expect(events).toContainEqual(
      expect.objectContaining({ type: "state-failed", state: "Gather", error: DATA_LIMIT_ERROR }),
    );
    const entered = events.flatMap((e) => (e.type === "state-entered" ? [e.state] : []));
    expect(entered).not.toContain("Caught");
    expect(events.at(-1)).toMatchObject({ type: "execution-ended", status: "FAILED" });
  });

  it("fails the run when a task's result passes 256 KiB, without taking the task's Catch", async () => {
    const { outcome } = await runLocally(
      {
        StartAt: "Run job",
        States: {
          "Run job": {
            Type: "Task",
            Resource: "arn:aws:states:::eks:runJob.sync",
            Parameters: { Job: {} },
            Catch: [{ ErrorEquals: ["States.ALL"], Next: "Caught" }],
            End: true,
          },
          Caught: { Type: "Succeed" },
        },
      } as StateMachineDefinition,
      { "Run job": async () => ({ logs: KIB_60.repeat(5) }) },
    );
    expect([outcome.status, outcome.error]).toEqual(["FAILED", DATA_LIMIT_ERROR]);
    expect(outcome.cause).toContain('The task result of state "Run job" is');
  });

  it(`runs the job matrix's ${MAX_MATRIX_JOBS} Jobs, each log at its full budget, to SUCCEEDED`, async () => {
    const jobs = Array.from({ length: MAX_MATRIX_JOBS }, (_, index) => ({
      ...piJob(),
      metadata: { name: `job-${index}` },
    }));
    const budget = defaultLogPlan(jobs[0] ?? piJob()).limitBytes;
    // What eks:runJob.sync returns: the whole Job, its status, the log cut to limitBytes.
    const runJob: TaskHandler = async (input) => ({
      ...(input as { Job: object }).Job,
      status: { succeeded: 1, conditions: [{ type: "Complete", status: "True" }] },
      logs: {
        pods: { "job-x": { containers: { "pi-2000": { log: '\u001b[0m"'.repeat(budget / 5) } } } },
      },
    });
    const { outcome } = await runLocally(
      renderJobMatrixDefinition({
        jobs: jobs.map((job) => ({ job, namespace: "default", logs: defaultLogPlan(job) })),
        maxConcurrency: 0,
        deleteJob: "always",
        logs: { retrieve: true, raw: false },
        mode: { kind: "sync" },
      }),
      { "Run job": runJob, "Delete job": async () => ({}) },
    );
    expect([outcome.status, outcome.error, outcome.cause]).toEqual([
      "SUCCEEDED",
      undefined,
      undefined,
    ]);
    expect((outcome.output as { outcomes: unknown[] }).outcomes).toHaveLength(MAX_MATRIX_JOBS);
  });
});
