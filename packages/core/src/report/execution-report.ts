// What happened in one execution, as plain JSON-able data: built from the progress
// events, the outcome and the Jobs' final state; rendered elsewhere (render-text.ts,
// render-mermaid.ts, the action's summary). Times are ISO 8601 strings.
import type { EngineName } from "../engine/engine.ts";
import type { ExecutionStatus } from "../workflow/progress-event.ts";

export interface StateVisit {
  readonly state: string;
  readonly enteredAt: string;
  readonly exitedAt?: string | undefined;
  readonly durationMs?: number | undefined;
  readonly status: "running" | "succeeded" | "failed" | "caught";
  readonly error?: string | undefined;
  readonly cause?: string | undefined;
  /** How many times Retry ran this state again. */
  readonly retries: number;
}

export interface JobCondition {
  readonly type: string;
  readonly status: string;
  readonly reason?: string | undefined;
  readonly message?: string | undefined;
}

export interface ContainerReport {
  readonly name: string;
  readonly state?: "waiting" | "running" | "terminated" | undefined;
  readonly exitCode?: number | undefined;
  readonly reason?: string | undefined;
  readonly message?: string | undefined;
  /** The log text as read (capped); absent when it could not be read. */
  readonly log?: string | undefined;
  /** True when the log was cut to the cap. */
  readonly logTruncated?: boolean | undefined;
  /** Why the log could not be read. */
  readonly logError?: string | undefined;
}

export interface PodReport {
  readonly name: string;
  /** The node the scheduler bound the pod to (`spec.nodeName`); absent before it was bound. */
  readonly node?: string | undefined;
  readonly phase: string;
  readonly reason?: string | undefined;
  readonly containers: readonly ContainerReport[];
}

export interface JobReport {
  readonly namespace: string;
  readonly name: string;
  readonly outcome: "complete" | "failed" | "running" | "unknown";
  readonly conditions: readonly JobCondition[];
  readonly pods: readonly PodReport[];
}

/** A known cause, named, with what to do about it (report/advice.ts). */
export interface Advice {
  /** A stable id: `EKS.401`, `job-backoff-limit-exceeded`, ... */
  readonly code: string;
  readonly title: string;
  readonly fix: string;
}

export interface ExecutionReport {
  readonly engine: EngineName;
  /** Execution ARN or `local:<name>`. */
  readonly executionId: string;
  readonly executionName: string;
  readonly stateMachineArn?: string | undefined;
  readonly status: ExecutionStatus;
  readonly startedAt: string;
  readonly stoppedAt?: string | undefined;
  readonly durationMs?: number | undefined;
  readonly error?: string | undefined;
  /** The cause, said briefly (a failed Job's JSON becomes its Failed reason and pods' exits). */
  readonly cause?: string | undefined;
  /** The cause as the engine gave it, when `cause` shortened it (JSON report only). */
  readonly rawCause?: string | undefined;
  /** The states taken, in order of entry (Map iterations and Parallel branches included). */
  readonly path: readonly StateVisit[];
  readonly jobs: readonly JobReport[];
  readonly advice: readonly Advice[];
  readonly output?: unknown;
}
