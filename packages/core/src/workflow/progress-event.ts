// The one event type both engines emit while an execution runs: from a Step Functions
// execution history (engine/aws.ts over workflow/history.ts) or from
// aws-local-stepfunctions' event logs (engine/local/). It lives below engine/ so that
// workflow/ never imports upward.

export type ProgressEvent =
  | { readonly type: "execution-started"; readonly at: Date }
  | { readonly type: "state-entered"; readonly state: string; readonly at: Date }
  | {
      readonly type: "state-exited";
      readonly state: string;
      readonly at: Date;
      /** The state's output, when the engine has it (history with execution data). */
      readonly output?: unknown;
    }
  | {
      readonly type: "state-failed" | "state-retried" | "state-caught";
      readonly state: string;
      readonly at: Date;
      readonly error: string;
      readonly cause?: string | undefined;
    }
  | {
      readonly type: "map-item";
      readonly state: string;
      readonly index: number;
      readonly status: "started" | "succeeded" | "failed";
      readonly at: Date;
    }
  | {
      readonly type: "job";
      readonly namespace: string;
      readonly job: string;
      /** The Job's uid, when the engine knows it (the local engine: from its create call). */
      readonly uid?: string | undefined;
      readonly phase: "created" | "running" | "complete" | "failed" | "deleted";
      readonly at: Date;
      readonly reason?: string | undefined;
    }
  | {
      readonly type: "execution-ended";
      readonly status: ExecutionStatus;
      readonly at: Date;
      readonly error?: string | undefined;
      readonly cause?: string | undefined;
    };

/** DescribeExecution's `status` values (FACTS.md "Step Functions API"). */
export type ExecutionStatus =
  | "RUNNING"
  | "SUCCEEDED"
  | "FAILED"
  | "TIMED_OUT"
  | "ABORTED"
  | "PENDING_REDRIVE";
