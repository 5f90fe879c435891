// The run flow as the action sees it: what main, cancel and post need from core's
// `runWorkflow` and `cleanUp` (packages/core/src/run/). The action codes against this
// port; `loadRunFlow` binds it to core with `await import()`, after the inputs are
// checked, so the Kubernetes client and the AWS SDK never load for a typo.
import type {
  ExecutionReport,
  ProgressEvent,
  RunLedger,
  RunPlan,
  SecretMask,
} from "@eks-sfn/core/plan";
import type { ActionInputs } from "./inputs.ts";

/** What becomes known while a run goes on; each field is set as an output the moment it is. */
export interface RunFacts {
  readonly clusterName?: string | undefined;
  readonly clusterEndpoint?: string | undefined;
  readonly stateMachineArn?: string | undefined;
  readonly executionArn?: string | undefined;
  readonly executionName?: string | undefined;
  readonly jobName?: string | undefined;
}

/** A piece of one container's log, as it arrives. */
export interface LogChunk {
  readonly namespace: string;
  readonly pod: string;
  readonly container: string;
  readonly text: string;
}

/** What access the run gave and took back, one line per object, for the summary. */
export interface AccessSummary {
  readonly granted: readonly string[];
  readonly revoked: readonly string[];
}

/** One thing cleanUp undid, found already gone, skipped, or could not undo (core's CleanUpStep). */
export interface CleanupStep {
  /** What it is: `execution <arn>`, `Job ci-jobs/pi-x7k2`, `grant for <role> in <namespace>`. */
  readonly what: string;
  readonly outcome: "done" | "already-gone" | "skipped" | "failed";
  readonly detail?: string | undefined;
}

export interface RunObserver {
  /** A new phase started: connect, preflight, grant, state machine, start, watch, report. */
  phase(name: string): void;
  facts(facts: RunFacts): void;
  /** The ledger after a step wrote to it (before the step acts). */
  ledger(ledger: RunLedger): void;
  progress(event: ProgressEvent): void;
  log(chunk: LogChunk): void;
  /** A line for the current phase's group (preflight findings, what the grant did). */
  note(line: string): void;
}

export interface RunResult {
  readonly report: ExecutionReport;
  /** The Mermaid flowchart of the definition with the path taken (report/render-mermaid.ts). */
  readonly mermaid?: string | undefined;
  readonly access?: AccessSummary | undefined;
  /** What the run already cleaned up at its end (the Job by its delete policy, the grant). */
  readonly cleanup?: readonly CleanupStep[] | undefined;
  /** The run's exit code when the flow decides it (0, 1, 3 infrastructure, 130 cancelled). */
  readonly exitCode?: number | undefined;
}

export interface RunFlow {
  /** The whole run; resolves with the report also when the Job failed. */
  run(request: {
    inputs: ActionInputs;
    /** Every token, key or credential the run makes or reads goes in (onAdd registers it). */
    mask: SecretMask;
    runId: string;
    observer: RunObserver;
    signal: AbortSignal;
  }): Promise<RunResult>;
  /** Cancel's share of cleanUp: stop the execution and delete the Job, nothing else. */
  stopRun(request: { ledger: RunLedger; signal: AbortSignal }): Promise<CleanupStep[]>;
  /** Undo everything the ledger names; idempotent. */
  cleanUp(request: {
    ledger: RunLedger;
    mask: SecretMask;
    /** The plan main ran (read again from the inputs), to reach the same cluster. */
    plan?: RunPlan | undefined;
    signal: AbortSignal;
  }): Promise<CleanupStep[]>;
}

/**
 * Loads core's run flow (`runWorkflow`, `cleanUp`) on demand, with `await import()` so
 * that the AWS SDK and the Kubernetes client load only after the inputs are checked.
 */
export async function loadRunFlow(): Promise<RunFlow> {
  const { createCoreRunFlow } = await import("./flow-core.ts");
  return createCoreRunFlow();
}
