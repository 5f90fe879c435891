// ExecutionReports as core builds them, for the renderers' tests: the article's pi Job
// succeeding on AWS, and failing (exit 3, BackoffLimitExceeded) on the local engine.
import type { ExecutionReport } from "@eks-sfn/core/plan";

const ARN = "arn:aws:states:us-east-1:123456789012:execution:eks-sfn-run-job:run-42-1-test";

export const succeededReport: ExecutionReport = {
  engine: "aws",
  executionId: ARN,
  executionName: "run-42-1-test",
  stateMachineArn: "arn:aws:states:us-east-1:123456789012:stateMachine:eks-sfn-run-job",
  status: "SUCCEEDED",
  startedAt: "2026-11-30T06:00:00.000Z",
  stoppedAt: "2026-11-30T06:01:04.500Z",
  durationMs: 64_500,
  path: [
    {
      state: "Run a job on EKS",
      enteredAt: "2026-11-30T06:00:00.100Z",
      exitedAt: "2026-11-30T06:01:03.000Z",
      durationMs: 62_900,
      status: "succeeded",
      retries: 0,
    },
    {
      state: "Delete job",
      enteredAt: "2026-11-30T06:01:03.000Z",
      exitedAt: "2026-11-30T06:01:04.400Z",
      durationMs: 1_400,
      status: "succeeded",
      retries: 0,
    },
  ],
  jobs: [
    {
      namespace: "ci-jobs",
      name: "pi-x7k2p",
      outcome: "complete",
      conditions: [
        { type: "SuccessCriteriaMet", status: "True" },
        { type: "Complete", status: "True" },
      ],
      pods: [
        {
          name: "pi-x7k2p-5wq9z",
          phase: "Succeeded",
          containers: [
            {
              name: "pi",
              state: "terminated",
              exitCode: 0,
              reason: "Completed",
              log: "3.14159265358979323846264338327950288419716939937510\n",
            },
          ],
        },
      ],
    },
  ],
  advice: [],
  output: { status: "Complete" },
};

export const failedReport: ExecutionReport = {
  engine: "local",
  executionId: "local:run-43-1-test",
  executionName: "run-43-1-test",
  status: "FAILED",
  startedAt: "2026-11-30T06:10:00.000Z",
  stoppedAt: "2026-11-30T06:10:09.000Z",
  durationMs: 9_000,
  error: "EKS.JobFailed",
  cause:
    'Job ci-jobs/pi-fail failed: BackoffLimitExceeded: Job has reached the specified backoff limit <script>alert("x")</script>',
  path: [
    {
      state: "Run a job on EKS",
      enteredAt: "2026-11-30T06:10:00.100Z",
      exitedAt: "2026-11-30T06:10:07.000Z",
      durationMs: 6_900,
      status: "caught",
      error: "EKS.JobFailed",
      retries: 1,
    },
    {
      state: "Delete job after failure",
      enteredAt: "2026-11-30T06:10:07.000Z",
      exitedAt: "2026-11-30T06:10:08.900Z",
      durationMs: 1_900,
      status: "succeeded",
      retries: 0,
    },
    {
      state: "Fail",
      enteredAt: "2026-11-30T06:10:08.900Z",
      status: "failed",
      error: "EKS.JobFailed",
      retries: 0,
    },
  ],
  jobs: [
    {
      namespace: "ci-jobs",
      name: "pi-fail",
      outcome: "failed",
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
      pods: [
        {
          name: "pi-fail-abcde",
          phase: "Failed",
          containers: [
            {
              name: "pi",
              state: "terminated",
              exitCode: 3,
              reason: "Error",
              log: "computing pi\nError: <out of digits> & gave up\n",
              logTruncated: true,
            },
            {
              name: "sidecar",
              state: "terminated",
              exitCode: 0,
              logError: "pods/log: 403 Forbidden",
            },
          ],
        },
      ],
    },
  ],
  advice: [
    {
      code: "job-backoff-limit-exceeded",
      title: "The Job's pods failed more often than its backoffLimit allows",
      fix: "Read the pod's log below; raise spec.backoffLimit only if the failure is transient.",
    },
  ],
};

export const failedMermaid = `flowchart TD
  s0["Run a job on EKS"]:::caught --> s1["Delete job after failure"]:::taken
  s1 --> s2["Fail"]:::failed
  classDef taken fill:#d4edda
  classDef caught fill:#fff3cd
  classDef failed fill:#f8d7da`;
