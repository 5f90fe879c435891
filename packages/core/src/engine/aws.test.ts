import { DescribeExecutionCommand, ListExecutionsCommand } from "@aws-sdk/client-sfn";
import type { StateMachineDefinition } from "@eks-sfn/rbac";
import { describe, expect, it } from "vitest";
import { collectEvents } from "../../../../test/support/events.ts";
import { buildExecutionReport } from "../report/build-report.ts";
import { renderReportMermaid } from "../report/render-mermaid.ts";
import { renderReportText } from "../report/render-text.ts";
import { jobsFromEvents } from "../report/task-results.ts";
import { systemClock } from "../time/clock.ts";
import { exampleDefinitions } from "../workflow/definition/examples.test-support.ts";
import {
  FAILING,
  LONG_RUNNING,
  recordingSleep,
  SUCCEEDING,
  TEST_ROLE_ARN,
  TIMING_OUT,
  testSfnClient,
} from "../workflow/test-support/machines.ts";
import { CANCELLED_ERROR, createAwsEngine, RUN_TIMEOUT_ERROR } from "./aws.ts";

let counter = 0;
function engine(extra: { timeoutMs?: number } = {}) {
  counter += 1;
  return createAwsEngine({
    sfn: testSfnClient(),
    clock: systemClock,
    sleep: recordingSleep(100),
    stateMachine: {
      name: `engine-${process.pid}-${Date.now()}-${counter}`,
      roleArn: TEST_ROLE_ARN,
      // moto 5.2.5 answers HTTP 500 to StartExecution on a version ARN: these tests run
      // the latest revision; aws-versions.test.ts shows the versioned start.
      versions: false,
    },
    ...extra,
  });
}

/** Runs `definition` to its end on a fresh machine and builds the report from what it yields. */
async function runToReport(options: {
  definition: StateMachineDefinition;
  name: string;
  input?: unknown;
}) {
  const handle = await engine().start({
    definition: options.definition,
    input: options.input ?? {},
    name: options.name,
    signal: new AbortController().signal,
  });
  const events = await collectEvents(handle.events());
  const outcome = await handle.outcome();
  const report = buildExecutionReport({
    engine: "aws",
    executionId: handle.id,
    executionName: options.name,
    stateMachineArn: handle.stateMachineArn,
    events,
    outcome,
  });
  return { handle, events, outcome, report };
}

describe("the aws engine on moto", () => {
  it("ensures the machine, runs the definition to SUCCEEDED and yields what the report needs", async () => {
    const { handle, outcome, report } = await runToReport({
      definition: SUCCEEDING,
      input: { run: 1 },
      name: "engine-success",
    });
    expect(handle.engine).toBe("aws");
    expect(handle.id).toMatch(/:execution:engine-.*:engine-success$/);
    expect(outcome.status).toBe("SUCCEEDED");
    const states = report.path.map((visit) => visit.state);
    // Parallel branches run concurrently: Left and Right may come in either order.
    expect(states.slice(0, 6)).toEqual(["Prepare", "Pause", "Each item", "Item", "Item", "Item"]);
    expect([...states.slice(6, 9)].sort()).toEqual(["Both", "Left", "Right"]);
    expect(states.slice(9)).toEqual(["Decide", "Done"]);
    expect(report.path.every((visit) => visit.status === "succeeded")).toBe(true);
    expect(report.path.find((visit) => visit.state === "Pause")?.durationMs).toBeGreaterThanOrEqual(
      900,
    );
    expect(renderReportText(report)).toContain("Execution engine-success: SUCCEEDED");
  });

  it("gives state-exited events the state's output, so a Job's task result reaches the report", async () => {
    // moto cannot run eks:runJob.sync: a Pass state returns a result of its shape.
    const taskResult = {
      name: "pi",
      status: { succeeded: 1, conditions: [{ type: "Complete", status: "True" }] },
      logs: { pods: { "pi-abcde": { containers: { pi: { log: "3.14159" } } } } },
    };
    const handle = await engine().start({
      definition: {
        StartAt: "Run job",
        States: {
          "Run job": { Type: "Pass", Result: taskResult, ResultPath: "$.result", End: true },
        },
      },
      input: { cluster: { name: "c" } },
      name: "engine-output",
      signal: new AbortController().signal,
    });
    const events = await collectEvents(handle.events());
    const exited = events.find((e) => e.type === "state-exited");
    expect(exited).toMatchObject({ state: "Run job", output: { result: taskResult } });
    expect(jobsFromEvents(events)[0]?.logs).toEqual({ "pi-abcde": { pi: { text: "3.14159" } } });
  });

  it("starts one execution when started twice with the same name and input", async () => {
    const aws = engine();
    const request = {
      definition: LONG_RUNNING,
      input: { a: 1 },
      name: "twice",
      signal: new AbortController().signal,
    };
    const first = await aws.start(request);
    const second = await aws.start(request);
    expect(second.id).toBe(first.id);
    const sfn = testSfnClient();
    const listed = await sfn.send(
      new ListExecutionsCommand({ stateMachineArn: first.stateMachineArn }),
    );
    expect(listed.executions).toHaveLength(1);
    await first.stop({ error: "Test.Done", cause: "cleanup" });
    expect((await first.outcome()).status).toBe("ABORTED");
  });

  it("reports a failing run with the failing state, retries and the error", async () => {
    const { report } = await runToReport({ definition: FAILING, name: "engine-failure" });
    expect(report).toMatchObject({ status: "FAILED", error: "Job.Failed" });
    expect(report.path.find((visit) => visit.state === "Call")).toMatchObject({
      status: "caught",
      retries: 1,
    });
    expect(report.path.at(-1)).toMatchObject({
      state: "Give up",
      status: "failed",
      error: "Job.Failed",
    });
    expect(report.advice.map((advice) => advice.code)).toEqual([]);
  });

  it("reports an execution that passed its TimeoutSeconds with the timeout's advice", async () => {
    const { report } = await runToReport({ definition: TIMING_OUT, name: "engine-timed-out" });
    expect(report.status).toBe("TIMED_OUT");
    expect(report.path).toEqual([
      expect.objectContaining({ state: "Long wait", status: "failed", error: "States.Timeout" }),
    ]);
    expect(report.advice.map((advice) => advice.code)).toEqual(["States.Timeout"]);
  });

  it("stops the execution when the caller's signal aborts, and ends ABORTED", async () => {
    const controller = new AbortController();
    const handle = await engine().start({
      definition: LONG_RUNNING,
      input: {},
      name: "engine-abort",
      signal: controller.signal,
    });
    controller.abort(new Error("Ctrl-C"));
    const outcome = await handle.outcome();
    expect(outcome.status).toBe("ABORTED");
    const described = await testSfnClient().send(
      new DescribeExecutionCommand({ executionArn: handle.id }),
    );
    expect(described.status).toBe("ABORTED");
    const events = await collectEvents(handle.events());
    expect(events.at(-1)).toMatchObject({ type: "execution-ended", status: "ABORTED" });
    expect(CANCELLED_ERROR).toBe("EksSfn.Cancelled");
  });

  it("stops the execution when the run's timeout passes", async () => {
    // The engine's timeout sleeps through the injected sleep, which here waits at most
    // 100 ms of real time: the execution (a minute-long Wait) is stopped at once.
    const handle = await engine({ timeoutMs: 30 * 60_000 }).start({
      definition: LONG_RUNNING,
      input: {},
      name: "engine-timeout",
      signal: new AbortController().signal,
    });
    const outcome = await handle.outcome();
    expect(outcome.status).toBe("ABORTED");
    expect(RUN_TIMEOUT_ERROR).toBe("EksSfn.RunTimedOut");
  });

  it("runs the generated fast-polling definition as far as moto can and marks where it failed", async () => {
    // moto has no EKS integration: the eks:runJob task fails with States.Runtime, which
    // the definition's Catch takes to its Fail state.
    const definition = exampleDefinitions()["run-job-polling.json"];
    if (!definition) throw new Error("no run-job-polling example");
    const { report } = await runToReport({
      definition,
      input: { cluster: { name: "c1", ca: "Y2E=", endpoint: "https://127.0.0.1:1" } },
      name: "engine-run-job",
    });
    expect(report.status).toBe("FAILED");
    expect(report.path[0]).toMatchObject({
      state: "Create job",
      status: "caught",
      error: "States.Runtime",
    });
    // The definition's own failure route ends in a Fail state, which failed the execution.
    expect(report.path.at(-1)).toMatchObject({ status: "failed", error: report.error });
    const chart = renderReportMermaid({ definition, report });
    expect(chart).toMatch(/class s\d+ failed/);
    expect(chart).toMatch(/class s\d+ caught/);
  });
});
