// Fixed runs for the report's tests: the events, outcome and Job snapshots an engine
// would hand to buildExecutionReport, with fixed times so renderings are stable.
import type { V1Job, V1Pod } from "@kubernetes/client-node";
import type { ProgressEvent } from "../../workflow/progress-event.ts";
import type { BuildReportInput } from "../build-report.ts";

const T0 = Date.parse("2026-11-30T06:00:00.000Z");
const at = (ms: number): Date => new Date(T0 + ms);

/** The article's pi: 2,001 characters when printed with bpi(2000); here 40 digits. */
export const PI_40 = "3.141592653589793238462643383279502884197";

export function piJob(outcome: "complete" | "failed"): V1Job {
  return {
    apiVersion: "batch/v1",
    kind: "Job",
    metadata: { namespace: "ci", name: "pi-7f2kq" },
    spec: {
      backoffLimit: 0,
      template: {
        spec: { containers: [{ name: "pi-2000", image: "perl" }], restartPolicy: "Never" },
      },
    },
    status:
      outcome === "complete"
        ? { succeeded: 1, conditions: [{ type: "Complete", status: "True" }] }
        : {
            failed: 1,
            conditions: [
              {
                type: "FailureTarget",
                status: "True",
                reason: "BackoffLimitExceeded",
                message: "Job has reached the specified backoff limit",
              },
              {
                type: "Failed",
                status: "True",
                reason: "BackoffLimitExceeded",
                message: "Job has reached the specified backoff limit",
              },
            ],
          },
  } as V1Job;
}

export function piPod(exitCode: number): V1Pod {
  return {
    metadata: { namespace: "ci", name: "pi-7f2kq-x8d9z" },
    spec: { containers: [{ name: "pi-2000", image: "perl" }] },
    status: {
      phase: exitCode === 0 ? "Succeeded" : "Failed",
      containerStatuses: [
        {
          name: "pi-2000",
          image: "perl",
          imageID: "",
          ready: false,
          restartCount: 0,
          state: { terminated: { exitCode, reason: exitCode === 0 ? "Completed" : "Error" } },
        },
      ],
    },
  } as V1Pod;
}

/** The run-job definition's shape: run the Job, delete it, or on failure delete and fail. */
export const RUN_JOB_DEFINITION = {
  StartAt: "Run job",
  States: {
    "Run job": {
      Type: "Task",
      Resource: "arn:aws:states:::eks:runJob.sync",
      Parameters: { ClusterName: "c1" },
      Catch: [
        { ErrorEquals: ["States.ALL"], ResultPath: "$.error", Next: "Delete job after failure" },
      ],
      Next: "Delete job",
    },
    "Delete job": {
      Type: "Task",
      Resource: "arn:aws:states:::eks:call",
      Parameters: { Method: "DELETE" },
      End: true,
    },
    "Delete job after failure": {
      Type: "Task",
      Resource: "arn:aws:states:::eks:call",
      Parameters: { Method: "DELETE" },
      ResultPath: null,
      Next: "Fail with the Job's error",
    },
    "Fail with the Job's error": {
      Type: "Fail",
      ErrorPath: "$.error.Error",
      CausePath: "$.error.Cause",
    },
  },
} as const;

const base = {
  engine: "aws" as const,
  executionId: "arn:aws:states:us-east-1:123456789012:execution:eks-sfn-run-job:gh-1234567890-1-pi",
  executionName: "gh-1234567890-1-pi",
  stateMachineArn: "arn:aws:states:us-east-1:123456789012:stateMachine:eks-sfn-run-job",
};

type Untimed = ProgressEvent extends infer E
  ? E extends ProgressEvent
    ? Omit<E, "at">
    : never
  : never;

function events(list: [number, Untimed][]): ProgressEvent[] {
  return list.map(([ms, event]) => ({ ...event, at: at(ms) }) as ProgressEvent);
}

/** The pi Job succeeded; its log was parsed as JSON and kept only double precision. */
export function succeededScenario(): BuildReportInput {
  return {
    ...base,
    events: events([
      [0, { type: "execution-started" }],
      [10, { type: "state-entered", state: "Run job" }],
      [61_500, { type: "state-exited", state: "Run job" }],
      [61_510, { type: "state-entered", state: "Delete job" }],
      [61_900, { type: "state-exited", state: "Delete job" }],
      [61_910, { type: "execution-ended", status: "SUCCEEDED" }],
    ]),
    outcome: {
      status: "SUCCEEDED",
      output: {
        status: { succeeded: 1 },
        logs: { pods: { "pi-7f2kq-x8d9z": { containers: { "pi-2000": { log: Number(PI_40) } } } } },
      },
      startedAt: at(0),
      stoppedAt: at(61_910),
    },
    jobs: [
      {
        job: piJob("complete"),
        pods: [piPod(0)],
        logs: { "pi-7f2kq-x8d9z": { "pi-2000": { text: `${PI_40}\n` } } },
      },
    ],
  };
}

/** The Job failed (exit 3, BackoffLimitExceeded); the Catch deleted it and failed with its error. */
export function jobFailedScenario(): BuildReportInput {
  const cause = JSON.stringify(piJob("failed"));
  return {
    ...base,
    events: events([
      [0, { type: "execution-started" }],
      [10, { type: "state-entered", state: "Run job" }],
      [20, { type: "job", namespace: "ci", job: "pi-7f2kq", phase: "created" }],
      [
        30_000,
        {
          type: "job",
          namespace: "ci",
          job: "pi-7f2kq",
          phase: "failed",
          reason: "BackoffLimitExceeded",
        },
      ],
      [60_100, { type: "state-failed", state: "Run job", error: "States.TaskFailed", cause }],
      [60_100, { type: "state-caught", state: "Run job", error: "States.TaskFailed", cause }],
      [60_110, { type: "state-exited", state: "Run job" }],
      [60_120, { type: "state-entered", state: "Delete job after failure" }],
      [60_500, { type: "state-exited", state: "Delete job after failure" }],
      [60_510, { type: "state-entered", state: "Fail with the Job's error" }],
      [
        60_510,
        {
          type: "state-failed",
          state: "Fail with the Job's error",
          error: "States.TaskFailed",
          cause,
        },
      ],
      [60_520, { type: "execution-ended", status: "FAILED", error: "States.TaskFailed", cause }],
    ]),
    outcome: {
      status: "FAILED",
      error: "States.TaskFailed",
      cause,
      startedAt: at(0),
      stoppedAt: at(60_520),
    },
    jobs: [
      {
        job: piJob("failed"),
        pods: [piPod(3)],
        logs: {
          "pi-7f2kq-x8d9z": {
            "pi-2000": { text: "starting\ncomputing 2000 digits\nout of memory: giving up\n" },
          },
        },
      },
    ],
  };
}

/** RBAC refused to create the Job; the first try was retried once. */
export function forbiddenScenario(): BuildReportInput {
  const cause = JSON.stringify({
    ResponseBody: {
      kind: "Status",
      apiVersion: "v1",
      status: "Failure",
      message:
        'jobs.batch is forbidden: User "eks-sfn-runner" cannot create resource "jobs" in API group "batch" in the namespace "ci"',
      reason: "Forbidden",
      code: 403,
    },
    StatusCode: 403,
    StatusText: "Forbidden",
  });
  return {
    ...base,
    roleArn: "arn:aws:iam::123456789012:role/service-role/StepFunctions-eks",
    events: events([
      [0, { type: "execution-started" }],
      [10, { type: "state-entered", state: "Run job" }],
      [400, { type: "state-failed", state: "Run job", error: "EKS.403", cause }],
      [2_400, { type: "state-retried", state: "Run job", error: "EKS.403", cause }],
      [2_800, { type: "state-failed", state: "Run job", error: "EKS.403", cause }],
      [2_800, { type: "state-caught", state: "Run job", error: "EKS.403", cause }],
      [2_810, { type: "state-exited", state: "Run job" }],
      [2_820, { type: "state-entered", state: "Delete job after failure" }],
      [3_100, { type: "state-failed", state: "Delete job after failure", error: "EKS.403", cause }],
      [3_110, { type: "execution-ended", status: "FAILED", error: "EKS.403", cause }],
    ]),
    outcome: { status: "FAILED", error: "EKS.403", cause, startedAt: at(0), stoppedAt: at(3_110) },
  };
}

/** `input` with the pi Job's one container log replaced by `text`. */
export function withPiLog(input: BuildReportInput, text: string): BuildReportInput {
  return {
    ...input,
    jobs: [
      {
        job: piJob("complete"),
        pods: [piPod(0)],
        logs: { "pi-7f2kq-x8d9z": { "pi-2000": { text } } },
      },
    ],
  };
}
