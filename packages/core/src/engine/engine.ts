// One interface for both engines (DESIGN.md): `aws` runs a definition as a Step
// Functions execution, `local` runs it in-process with aws-local-stepfunctions and
// performs the EKS tasks against a Kubernetes API. Front ends never ask which one ran.
import type { StateMachineDefinition } from "@eks-sfn/rbac";
import type { ExecutionStatus, ProgressEvent } from "../workflow/progress-event.ts";

export type EngineName = "aws" | "local";

export interface StartExecutionRequest {
  readonly definition: StateMachineDefinition;
  /** The execution input (JSON-serialisable). */
  readonly input: unknown;
  /** A valid StartExecution name (workflow/execution-name.ts); the local engine uses it too. */
  readonly name: string;
  /** Aborting it stops the execution as `stop` would. */
  readonly signal: AbortSignal;
  /** aws engine: the state machine to start (from ensureStateMachine or the user). */
  readonly stateMachineArn?: string | undefined;
}

export interface ExecutionOutcome {
  readonly status: ExecutionStatus;
  /** The parsed execution output, when it succeeded. */
  readonly output?: unknown;
  /**
   * The output as the engine got it, JSON text (aws: DescribeExecution's `output`): the
   * report looks in it for numbers longer than a double keeps.
   */
  readonly outputText?: string | undefined;
  readonly error?: string | undefined;
  readonly cause?: string | undefined;
  readonly startedAt: Date;
  readonly stoppedAt?: Date | undefined;
}

export interface ExecutionHandle {
  /** The execution ARN, or `local:<name>` for the local engine. */
  readonly id: string;
  readonly engine: EngineName;
  /** Progress as it happens; ends when the execution ends. Iterate once. */
  events(): AsyncIterable<ProgressEvent>;
  /** Resolves when the execution has ended (never rejects for a failed execution). */
  outcome(): Promise<ExecutionOutcome>;
  /** Stops the execution (StopExecution, or abort + delete the Job locally). Idempotent. */
  stop(reason: { error: string; cause: string }): Promise<void>;
}

export interface Engine {
  readonly name: EngineName;
  start(request: StartExecutionRequest): Promise<ExecutionHandle>;
}
