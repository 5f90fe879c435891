// The job-matrix definition at its largest, run on moto's interpreter, which enforces
// Step Functions' 256 KiB limit on each state's data (States.DataLimitExceeded): the most
// Jobs a plan allows, each "printing" more than its log budget. moto cannot run eks
// tasks, so each iteration's "Run job" becomes a Pass putting out what `eks:runJob.sync`
// with RetrieveLogs gives after the ResultSelector (the Job's name and status, a log cut
// to the Job's limitBytes, as the read-log API cuts it), and "Delete job" a Pass too.
import {
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  GetExecutionHistoryCommand,
  type HistoryEvent,
  SFNClient,
  StartExecutionCommand,
} from "@aws-sdk/client-sfn";
import type { State, StateMachineDefinition } from "@eks-sfn/rbac";
import { describe, expect, it } from "vitest";
import { motoClientConfig } from "../../../../../test/support/stack.ts";
import { jobReport } from "../../report/build-report.ts";
import { jobsFromEvents, markLogsCutAt } from "../../report/task-results.ts";
import { systemClock } from "../../time/clock.ts";
import type { ProgressEvent } from "../progress-event.ts";
import { watchExecution } from "../watch.ts";
import { piJob } from "./examples.test-support.ts";
import { MAX_MATRIX_JOBS, renderJobMatrixDefinition } from "./job-matrix.ts";
import { defaultLogPlan, TASK_RESULT_LIMIT_BYTES } from "./job-run-plan.ts";

const T = "2026-11-30T05:00:00Z";
/** A Complete Job's status as Kubernetes 1.37 writes it. */
const STATUS = {
  conditions: [
    {
      type: "SuccessCriteriaMet",
      status: "True",
      lastProbeTime: T,
      lastTransitionTime: T,
      reason: "CompletionsReached",
      message: "Reached expected number of succeeded pods",
    },
    {
      type: "Complete",
      status: "True",
      lastProbeTime: T,
      lastTransitionTime: T,
      reason: "CompletionsReached",
      message: "Reached expected number of succeeded pods",
    },
  ],
  startTime: T,
  completionTime: T,
  succeeded: 1,
  ready: 0,
  terminating: 0,
  uncountedTerminatedPods: {},
};

/** `bytes` of log with colour codes and quotes, which JSON escaping grows the most. */
function noisyLog(bytes: number): string {
  const line = '\u001b[32m2026-11-30T05:00:00Z\u001b[0m step "42" of 1000: loss=0.0123\n';
  return line.repeat(Math.ceil(bytes / line.length)).slice(0, bytes);
}

function withPassTasks(definition: StateMachineDefinition, log: string): StateMachineDefinition {
  const copy = structuredClone(definition);
  const map = copy.States["Run jobs"] as { ItemProcessor: { States: Record<string, State> } };
  const states = map.ItemProcessor.States;
  const next = (name: string) => (states[name] as { Next: string }).Next;
  states["Run job"] = {
    Type: "Pass",
    Parameters: {
      "name.$": "States.Format('job-{}', $.item.index)",
      status: STATUS,
      logs: { pods: { "job-x7k2p": { containers: { "pi-2000": { log } } } } },
    },
    ResultPath: "$.result",
    Next: next("Run job"),
  } as State;
  states["Delete job"] = { Type: "Pass", ResultPath: null, Next: next("Delete job") } as State;
  return copy;
}

function dataSizes(events: readonly HistoryEvent[]): number[] {
  return events.flatMap((event) =>
    Object.entries(event).flatMap(([key, value]) => {
      if (!key.endsWith("EventDetails") || typeof value !== "object" || value === null) return [];
      const details = value as { input?: string; output?: string };
      return [details.input, details.output]
        .filter((text) => text !== undefined)
        .map((text) => Buffer.byteLength(text as string, "utf8"));
    }),
  );
}

describe("the job matrix at the plan's largest, on moto", () => {
  it(`runs ${MAX_MATRIX_JOBS} Jobs with full logs with every state under 256 KiB; the report shows each Job's log, marked cut`, async () => {
    const jobs = Array.from({ length: MAX_MATRIX_JOBS }, (_, index) => {
      const job = piJob();
      return { ...job, metadata: { name: `job-${index}` } };
    });
    const budget = defaultLogPlan(jobs[0] ?? piJob()).limitBytes;
    const definition = withPassTasks(
      renderJobMatrixDefinition({
        jobs: jobs.map((job) => ({ job, namespace: "default", logs: defaultLogPlan(job) })),
        maxConcurrency: 0,
        deleteJob: "always",
        logs: { retrieve: true, raw: false },
        mode: { kind: "sync" },
      }),
      noisyLog(budget),
    );
    const sfn = new SFNClient(motoClientConfig());
    const machine = await sfn.send(
      new CreateStateMachineCommand({
        name: `matrix-largest-${process.pid}-${Date.now()}`,
        definition: JSON.stringify(definition),
        roleArn: "arn:aws:iam::123456789012:role/eks-sfn-state-machine",
      }),
    );
    const { executionArn = "" } = await sfn.send(
      new StartExecutionCommand({
        stateMachineArn: machine.stateMachineArn,
        name: "largest",
        input: JSON.stringify({
          // An EKS cluster's CA is about 1.5 KiB of base64.
          cluster: {
            name: "demo",
            ca: "Q".repeat(1500),
            endpoint: "https://0123456789ABCDEF.gr7.us-east-1.eks.amazonaws.com",
          },
        }),
      }),
    );
    const watch = watchExecution({
      sfn,
      clock: systemClock,
      sleep: (ms, signal) =>
        new Promise((resolve, reject) => {
          const timer = setTimeout(resolve, Math.min(ms, 500));
          signal?.addEventListener("abort", () => {
            clearTimeout(timer);
            reject(signal.reason);
          });
        }),
      executionArn,
      includeExecutionData: true,
      historyPageSize: 1000,
    });
    const events: ProgressEvent[] = [];
    for await (const event of watch.events) events.push(event);
    const done = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    expect([done.status, done.error, done.cause]).toEqual(["SUCCEEDED", undefined, undefined]);

    const history = await sfn.send(
      new GetExecutionHistoryCommand({ executionArn, maxResults: 1000 }),
    );
    const sizes = dataSizes(history.events ?? []);
    // With margin: the largest state's data is at most 3/4 of the limit.
    expect(Math.max(...sizes)).toBeLessThan(0.75 * TASK_RESULT_LIMIT_BYTES);

    const found = jobsFromEvents(events);
    expect(found.map((job) => job.job.metadata?.name).sort()).toEqual(
      jobs.map((job) => job.metadata.name).sort(),
    );
    for (const job of found) {
      const text = job.logs?.["job-x7k2p"]?.["pi-2000"];
      expect(text).toEqual({ text: noisyLog(budget) });
      // Each log came back at its budget: the report shows it whole and says it was cut.
      const [pod] = jobReport(markLogsCutAt(job, budget)).pods;
      expect(pod?.containers).toEqual([
        { name: "pi-2000", log: noisyLog(budget), logTruncated: true },
      ]);
    }
  });
});
