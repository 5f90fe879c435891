// The one run flow every front end shares: connect -> preflight -> grant -> (ensure the
// state machine) -> start -> watch -> report -> clean up. Everything the run creates is
// written to the ledger before the step that creates it, so cleanUp(ledger) can undo it
// after a cancel or a crash at any step. The outcome comes from the execution's status
// and the Jobs' structured status, never from their logs.
import type { EKSClient } from "@aws-sdk/client-eks";
import type { SFNClient } from "@aws-sdk/client-sfn";
import { type StateMachineDefinition, UserInputError } from "@eks-sfn/rbac";
import { planAccess } from "../access/access-plan.ts";
import { type GrantReport, grantJobRunner } from "../access/grant.ts";
import { type PreflightReport, preflightAccess } from "../access/preflight.ts";
import { createReceiptRecorder } from "../access/receipt.ts";
import { CANCELLED_ERROR, RUN_TIMEOUT_ERROR } from "../engine/aws.ts";
import type { Engine, ExecutionHandle, ExecutionOutcome } from "../engine/engine.ts";
import type { ClusterConnection } from "../kube/connect.ts";
import { listJobPods, readJob, readPodLog } from "../kube/job.ts";
import type { JobManifest } from "../kube/job-manifest.ts";
import { KubeRequestError } from "../kube/kube-request-error.ts";
import { buildExecutionReport, type JobSnapshot } from "../report/build-report.ts";
import type { ExecutionReport } from "../report/execution-report.ts";
import { jobsFromEvents, markLogsCutAt, mergeSnapshots } from "../report/task-results.ts";
import type { Clock, Sleep } from "../time/clock.ts";
import { defaultLogPlan } from "../workflow/definition/job-run-plan.ts";
import { NODEGROUP_NAME } from "../workflow/definition/temporary-cluster.ts";
import { executionNameFrom } from "../workflow/execution-name.ts";
import type { ProgressEvent } from "../workflow/progress-event.ts";
import { type CleanUpReport, cleanUp } from "./clean-up.ts";
import {
  clusterInput,
  generatedDefinition,
  labelledJob,
  temporaryClusterDefinition,
} from "./generated-definition.ts";
import type { LedgerRecorder, RunLedger } from "./ledger.ts";
import { createLogFollower, type LogFollower } from "./log-follower.ts";
import { type PodTracker, trackJobPods } from "./pod-tracker.ts";
import type { RunPlan, TemporaryClusterSettings } from "./run-plan.ts";
import { type StuckPod, watchForStuckPods } from "./stuck-pods.ts";

export type RunPhase =
  | "connect"
  | "preflight"
  | "grant"
  | "start"
  | "watch"
  | "report"
  | "clean-up";

/** A piece of one container's log, as it is read. */
export interface LogChunk {
  readonly namespace: string;
  readonly pod: string;
  readonly container: string;
  readonly text: string;
}

/** What a front end shows while the run goes on; every method is optional to act on. */
export interface RunObserver {
  phase(name: RunPhase): void;
  /** The ledger after a step wrote it (before the step acts). */
  ledger(ledger: RunLedger): void;
  progress(event: ProgressEvent): void;
  log(chunk: LogChunk): void;
  preflight(report: PreflightReport): void;
  grant(report: GrantReport): void;
}

/** How a run ended, for exit codes and summaries. */
export type RunOutcome = "succeeded" | "failed" | "timed-out" | "cancelled";

/** Exit codes of the CLI (and the action's failure decision) for each outcome. */
export const RUN_EXIT_CODES: Readonly<Record<RunOutcome, 0 | 1 | 3 | 130>> = {
  succeeded: 0,
  failed: 1,
  "timed-out": 3,
  cancelled: 130,
};

export interface RunResult {
  readonly outcome: RunOutcome;
  readonly exitCode: 0 | 1 | 3 | 130;
  readonly cluster: ClusterConnection["cluster"];
  readonly report: ExecutionReport;
  /** The definition run (undefined when an existing state machine ARN was). */
  readonly definition?: StateMachineDefinition | undefined;
  readonly preflight?: PreflightReport | undefined;
  readonly grant?: GrantReport | undefined;
  /** Set when a pod was stuck (ImagePullBackOff, Unschedulable, ...) and the run stopped it. */
  readonly stuck?: StuckPod | undefined;
  readonly cleanUp: CleanUpReport;
}

/**
 * A step of the run failed for a reason the user cannot fix in an input: AWS or
 * Kubernetes refused, kept failing after the retries, or the credentials expired. Its
 * one-line message says the step and the failing request (the `cause`'s message);
 * before it was thrown, cleanUp undid what the ledger recorded, and `cleanUp` says how
 * that went (undefined when nothing had been created yet).
 */
export class RunFailedError extends Error {
  override readonly name = "RunFailedError";
  readonly phase: RunPhase;
  readonly cleanUp: CleanUpReport | undefined;
  constructor(phase: RunPhase, cause: unknown, cleanUp: CleanUpReport | undefined) {
    const reason =
      cause instanceof Error
        ? `${cause.name && cause.name !== "Error" ? `${cause.name}: ` : ""}${cause.message.split("\n")[0] ?? ""}`
        : String(cause);
    super(`the run failed at ${PHASE_WORDS[phase]}: ${reason}`, { cause });
    this.phase = phase;
    this.cleanUp = cleanUp;
  }
}

const PHASE_WORDS: Readonly<Record<RunPhase, string>> = {
  connect: "connecting to the cluster",
  preflight: "the access preflight",
  grant: "granting access",
  start: "starting the execution",
  watch: "watching the execution",
  report: "reading the Jobs for the report",
  "clean-up": "cleaning up",
};

/** The `error` of an execution stopped because a pod of its Job was stuck. */
export const POD_STUCK_ERROR = "EksSfn.PodStuck";

export interface RunWorkflowDeps {
  /** Reaches the cluster as the caller (who grants, revokes, reads Jobs and logs). */
  readonly connect: () => Promise<ClusterConnection>;
  /**
   * The engine for this plan, once the cluster is known (engine.name === plan.engine);
   * without a connection for a temporary cluster, which does not exist yet.
   */
  readonly engine: (context: {
    readonly connection: ClusterConnection | undefined;
    readonly ledger: LedgerRecorder;
  }) => Engine | Promise<Engine>;
  /** The name the execution input is given under, for its errors (`--input`). */
  readonly inputName?: string | undefined;
  /** Waits until a fresh grant is seen by the API server (settle-grant.ts); optional. */
  readonly settleGrant?:
    | ((context: {
        readonly connection: ClusterConnection;
        readonly roleArn: string;
      }) => Promise<unknown>)
    | undefined;
  /** For the access-entry strategy and EKS preflight checks. */
  readonly eks?: EKSClient | undefined;
  /**
   * Step Functions, for cleanUp: to stop an execution whose handle this process does not
   * hold, and delete a state machine the run created. Without it those are skipped.
   */
  readonly sfn?: SFNClient | undefined;
  readonly ledger: LedgerRecorder;
  /** A temporary cluster's region, for the ledger (default the ledger's region). */
  readonly region?: string | undefined;
  readonly observer?: Partial<RunObserver> | undefined;
  readonly clock: Clock;
  readonly sleep: Sleep;
  /** Aborting it cancels the run: the execution is stopped and everything cleaned up. */
  readonly signal: AbortSignal;
}

/**
 * Runs `plan` to the end and cleans up what it made (Jobs by the plan's delete policy,
 * the grant always). Resolves with the report also when the Job or the execution
 * failed, was cancelled or timed out; the outcome and exit code say which.
 *
 * @throws UserInputError for a mistake found only once the cluster is known (a namespace
 *   that does not exist, an aws-auth conflict), before anything was created.
 * @throws RunFailedError when AWS or Kubernetes refuse a step or keep failing after the
 *   retries (exit code 3): the execution is stopped and what the ledger records is
 *   cleaned up first, and the error carries that cleanup's report.
 */
export async function runWorkflow(plan: RunPlan, deps: RunWorkflowDeps): Promise<RunResult> {
  if (plan.cluster.kind === "create")
    return runOnTemporaryCluster(plan, plan.cluster.temporary, deps);
  const observer = withPhase(deps.observer ?? {});
  const { ledger } = deps;
  const note = () => observer.ledger?.(ledger.current());
  let connection: ClusterConnection | undefined;
  let handle: ExecutionHandle | undefined;
  try {
    observer.phase?.("connect");
    connection = await deps.connect();
    const { cluster } = connection;

    const jobs = plan.jobs.map((job) => labelledJob(job, plan.runId));
    // Every definition reads the cluster from the input, as the article's does.
    const chosen =
      plan.stateMachine.kind === "generated" && jobs.length > 0
        ? generatedDefinition({ plan, jobs, cluster })
        : {
            definition:
              plan.stateMachine.kind === "definition" ? plan.stateMachine.definition : undefined,
            input: clusterInput(cluster, plan.input ?? {}, deps.inputName),
          };

    let preflight: PreflightReport | undefined;
    let grant: GrantReport | undefined;
    if (plan.role !== undefined) {
      const access = planAccess(
        {
          roleArn: plan.role.arn,
          namespace: plan.namespace,
          strategy: plan.accessStrategy,
          ...(plan.username ? { username: plan.username } : {}),
        },
        cluster,
      );
      observer.phase?.("preflight");
      preflight = await preflightAccess({
        cluster,
        plan: access,
        kube: connection.kube,
        ...(deps.eks ? { eks: deps.eks } : {}),
      });
      observer.preflight?.(preflight);
      if (access.strategy !== "none") {
        observer.phase?.("grant");
        const recorder = createReceiptRecorder(
          {
            clusterName: cluster.name,
            roleArn: access.role.arn,
            namespace: access.namespace,
            strategy: access.strategy,
            startedAt: deps.clock().toISOString(),
          },
          async (receipt) => {
            await ledger.recordGrant(receipt);
            note();
          },
        );
        grant = await grantJobRunner({
          plan: access,
          kube: connection.kube,
          recorder,
          ...(deps.eks ? { eks: deps.eks } : {}),
        });
        observer.grant?.(grant);
        await deps.settleGrant?.({ connection, roleArn: access.role.arn });
      }
    }

    observer.phase?.("start");
    const engine = await deps.engine({ connection, ledger });
    const name = executionNameFrom(plan.runId);
    for (const job of jobs) {
      const jobName = job.metadata.name;
      if (jobName) await ledger.recordJob({ namespace: plan.namespace, name: jobName });
    }
    const executionId =
      plan.engine === "local"
        ? `local:${name}`
        : plan.stateMachine.kind === "arn"
          ? executionArnOf(plan.stateMachine.arn, name)
          : undefined;
    if (executionId !== undefined)
      await ledger.recordExecution({ id: executionId, engine: plan.engine });
    note();

    const run = new AbortController();
    const stopWith = { error: CANCELLED_ERROR, cause: "Cancelled by the user." };
    const onCancel = () => run.abort(deps.signal.reason);
    deps.signal.addEventListener("abort", onCancel, { once: true });
    try {
      deps.signal.throwIfAborted();
      handle = await engine.start({
        definition: chosen.definition ?? { StartAt: "", States: {} },
        input: chosen.input,
        name,
        signal: run.signal,
        stateMachineArn: plan.stateMachine.kind === "arn" ? plan.stateMachine.arn : undefined,
      });
    } catch (error) {
      deps.signal.removeEventListener("abort", onCancel);
      throw error;
    }
    if (ledger.current().execution?.id !== handle.id) {
      await ledger.recordExecution({ id: handle.id, engine: handle.engine });
      note();
    }

    observer.phase?.("watch");
    const watched = await watchRun({ plan, deps, connection, handle, stopWith });
    deps.signal.removeEventListener("abort", onCancel);

    observer.phase?.("report");
    const followed = [...watched.pods.values()].map((tracked) => tracked.logs);
    await Promise.all(followed.map((follower) => follower?.settle()));
    const snapshots = reportedJobs({
      read: await snapshotJobs(connection, ledger.current().jobs, plan),
      returned: jobsFromEvents(watched.events).map((snapshot) =>
        markLogsCutAt(snapshot, logLimitOf(plan, jobs, snapshot)),
      ),
      tracked: watched.pods,
    });
    // What was not streamed while the Job ran is shown now.
    const streamed = new Set<string>();
    for (const [key, tracked] of watched.pods) {
      for (const [pod, containers] of Object.entries(tracked.logs?.logs() ?? {})) {
        for (const [container, log] of Object.entries(containers)) {
          if ("text" in log && log.text !== "")
            streamed.add(`${key.split("/")[0]}/${pod}/${container}`);
        }
      }
    }
    for (const snapshot of snapshots) emitLogs(observer, snapshot, streamed);
    const report = buildExecutionReport({
      engine: handle.engine,
      executionId: handle.id,
      executionName: name,
      stateMachineArn:
        ledger.current().stateMachine?.arn ??
        (plan.stateMachine.kind === "arn" ? plan.stateMachine.arn : undefined),
      events: watched.events,
      outcome: watched.outcome,
      jobs: snapshots,
      roleArn: plan.role?.arn,
    });
    const outcome = decideOutcome({
      outcome: watched.outcome,
      report,
      cancelled: deps.signal.aborted,
      timedOut: watched.timedOut,
    });

    observer.phase?.("clean-up");
    const cleaned = await cleanUpAfter(plan, ledger.current(), connection, deps, outcome);
    return {
      outcome,
      exitCode: RUN_EXIT_CODES[outcome],
      cluster,
      report,
      definition: chosen.definition,
      preflight,
      grant,
      stuck: watched.stuck,
      cleanUp: cleaned,
    };
  } catch (error) {
    // A step failed: stop the execution (through its live handle when there is one) and
    // undo what the ledger says was made, then say which step failed and how cleanup went.
    const failedAt = observer.current();
    let cleaned: CleanUpReport | undefined;
    if (connection !== undefined) {
      observer.phase?.("clean-up");
      cleaned = await cleanUp(ledger.current(), {
        kube: connection.kube,
        eks: deps.eks,
        sfn: deps.sfn,
        execution: handle,
        sleep: deps.sleep,
      });
    }
    if (error instanceof UserInputError) throw error;
    throw new RunFailedError(failedAt, error, cleaned);
  }
}

/** The observer, also remembering the phase the run is in (for RunFailedError). */
function withPhase(observer: Partial<RunObserver>): Partial<RunObserver> & { current(): RunPhase } {
  let current: RunPhase = "connect";
  return {
    ...observer,
    phase(name) {
      current = name;
      observer.phase?.(name);
    },
    current: () => current,
  };
}

/**
 * Runs `plan`'s one Job on a temporary cluster: the generated definition creates the
 * cluster and node group, runs the Job and deletes both. The cluster is written to the
 * ledger before the execution starts (write-ahead), so a cancel, a failed step or a
 * killed process still leads to its node group and cluster being deleted (cleanUp here,
 * or `eks-sfn cleanup` from the ledger; Step Functions does not delete them when an
 * execution is stopped). No access is granted: the state machine's role creates the
 * cluster and is its admin. The Job lives and dies with the cluster, so it is not
 * recorded, and the report's Jobs come from the execution's events.
 */
async function runOnTemporaryCluster(
  plan: RunPlan,
  temporary: TemporaryClusterSettings,
  deps: RunWorkflowDeps,
): Promise<RunResult> {
  const observer = withPhase(deps.observer ?? {});
  const { ledger } = deps;
  const note = () => observer.ledger?.(ledger.current());
  // Its endpoint and CA are known only inside the execution (the create result).
  const cluster = {
    name: temporary.name,
    endpoint: "",
    certificateAuthorityData: "",
    source: "explicit" as const,
  };
  const job = plan.jobs[0];
  if (job === undefined) throw new Error("runWorkflow: a temporary cluster needs a Job");
  const chosen = temporaryClusterDefinition({
    plan,
    temporary,
    job: labelledJob(job, plan.runId),
    now: deps.clock(),
  });
  const region = deps.region ?? ledger.current().region ?? plan.region;
  if (region === undefined) {
    throw new UserInputError(
      "--region",
      "is needed to create a temporary cluster",
      "Give the AWS region (or set AWS_REGION).",
    );
  }
  let handle: ExecutionHandle | undefined;
  try {
    observer.phase?.("start");
    await ledger.recordTemporaryCluster({
      name: temporary.name,
      region,
      nodegroup: NODEGROUP_NAME,
    });
    note();
    const engine = await deps.engine({ connection: undefined, ledger });
    const name = executionNameFrom(plan.runId);
    if (plan.engine === "local") {
      await ledger.recordExecution({ id: `local:${name}`, engine: "local" });
      note();
    }
    const run = new AbortController();
    const onCancel = () => run.abort(deps.signal.reason);
    deps.signal.addEventListener("abort", onCancel, { once: true });
    try {
      deps.signal.throwIfAborted();
      handle = await engine.start({
        definition: chosen.definition,
        input: chosen.input,
        name,
        signal: run.signal,
      });
    } finally {
      deps.signal.removeEventListener("abort", onCancel);
    }
    if (ledger.current().execution?.id !== handle.id) {
      await ledger.recordExecution({ id: handle.id, engine: handle.engine });
      note();
    }
    observer.phase?.("watch");
    const watched = await watchRun({
      plan,
      deps,
      connection: undefined,
      handle,
      stopWith: { error: CANCELLED_ERROR, cause: "Cancelled by the user." },
    });
    observer.phase?.("report");
    const report = buildExecutionReport({
      engine: handle.engine,
      executionId: handle.id,
      executionName: name,
      stateMachineArn: ledger.current().stateMachine?.arn,
      events: watched.events,
      outcome: watched.outcome,
      jobs: [],
      roleArn: plan.role?.arn,
    });
    const outcome = decideOutcome({
      outcome: watched.outcome,
      report,
      cancelled: deps.signal.aborted,
      timedOut: watched.timedOut,
    });
    observer.phase?.("clean-up");
    // The definition deleted node group and cluster unless the execution was stopped;
    // cleanUp makes sure (an already deleted one counts as gone).
    const cleaned = await cleanUp(
      { ...ledger.current(), execution: undefined, jobs: [] },
      { eks: deps.eks, sfn: deps.sfn },
    );
    return {
      outcome,
      exitCode: RUN_EXIT_CODES[outcome],
      cluster,
      report,
      definition: chosen.definition,
      cleanUp: cleaned,
    };
  } catch (error) {
    const failedAt = observer.current();
    observer.phase?.("clean-up");
    const cleaned = await cleanUp(
      { ...ledger.current(), jobs: [] },
      { eks: deps.eks, sfn: deps.sfn, execution: handle, sleep: deps.sleep },
    );
    if (error instanceof UserInputError) throw error;
    throw new RunFailedError(failedAt, error, cleaned);
  }
}

async function watchRun(options: {
  plan: RunPlan;
  deps: RunWorkflowDeps;
  /** Undefined on a temporary cluster: its pods are not watched and its Jobs not recorded. */
  connection: ClusterConnection | undefined;
  handle: ExecutionHandle;
  stopWith: { error: string; cause: string };
}): Promise<{
  events: ProgressEvent[];
  outcome: ExecutionOutcome;
  stuck?: StuckPod | undefined;
  timedOut: boolean;
  /** The pods of each Job (`namespace/name`) as last seen while it ran, and their logs. */
  pods: ReadonlyMap<string, { pods: PodTracker; logs?: LogFollower | undefined }>;
}> {
  const { plan, deps, connection, handle } = options;
  const observer = deps.observer ?? {};
  const events: ProgressEvent[] = [];
  const watchers = new AbortController();
  let stuck: StuckPod | undefined;
  let timedOut = false;
  const pods = new Map<string, { pods: PodTracker; logs?: LogFollower | undefined }>();
  // A stop that fails (after its retries) ends the watch at once: waiting for an
  // execution nobody could stop may take hours. cleanUp then tries the stop again.
  let stopFailed: (error: unknown) => void = () => {};
  const stopFailure = new Promise<never>((_, reject) => {
    stopFailed = reject;
  });
  stopFailure.catch(() => undefined);
  const stop = (reason: { error: string; cause: string }) => {
    // The report shows the pods as they were when the run stopped the execution.
    for (const tracked of pods.values()) tracked.pods.freeze();
    handle.stop(reason).catch(stopFailed);
  };
  const timer = setTimeout(() => {
    timedOut = true;
    stop({
      error: RUN_TIMEOUT_ERROR,
      cause: `The run took longer than ${plan.timeoutMs / 1000} s.`,
    });
  }, plan.timeoutMs);
  const cancelled = () => stop(options.stopWith);
  deps.signal.addEventListener("abort", cancelled, { once: true });
  const watched = new Set<string>();
  // Logs outlive the watch by a little (the report phase settles them); a cancel ends them.
  const following = new AbortController();
  const endFollowing = () => following.abort();
  deps.signal.addEventListener("abort", endFollowing, { once: true });
  following.signal.addEventListener(
    "abort",
    () => deps.signal.removeEventListener("abort", endFollowing),
    { once: true },
  );
  try {
    const iterator = handle.events()[Symbol.asyncIterator]();
    for (;;) {
      const next = await Promise.race([iterator.next(), stopFailure]);
      if (next.done) break;
      const event = next.value;
      events.push(event);
      if (
        connection !== undefined &&
        event.type === "job" &&
        event.phase === "created" &&
        !watched.has(event.job)
      ) {
        watched.add(event.job);
        // Before anyone hears of it, so a kill right after still leaves it in the ledger;
        // with its uid, so cleanUp finds the pods a delete without propagation orphaned.
        await deps.ledger.recordJob({
          namespace: event.namespace,
          name: event.job,
          uid: event.uid,
        });
        const logs = plan.logs.retrieve
          ? createLogFollower({
              kube: connection.kube,
              namespace: event.namespace,
              signal: following.signal,
              tailLines: plan.logs.tailLines,
              onLines: (lines) => observer.log?.(lines),
            })
          : undefined;
        pods.set(`${event.namespace}/${event.job}`, {
          logs,
          pods: trackJobPods({
            kube: connection.kube,
            namespace: event.namespace,
            job: event.job,
            uid: event.uid,
            signal: watchers.signal,
            onPod: (pod) => logs?.see(pod),
          }),
        });
        void watchForStuckPods({
          kube: connection.kube,
          namespace: event.namespace,
          job: event.job,
          uid: event.uid,
          signal: watchers.signal,
          graceMs: plan.stuckGraceMs,
          clock: deps.clock,
          sleep: deps.sleep,
        }).then((found) => {
          if (found && stuck === undefined) {
            stuck = found;
            stop({
              error: POD_STUCK_ERROR,
              cause: `Pod ${found.pod} of Job ${event.namespace}/${event.job}: ${found.reason}${found.message ? ` (${found.message})` : ""}`,
            });
          }
        });
      }
      observer.progress?.(event);
      if (event.type === "job" && (event.phase === "complete" || event.phase === "failed")) {
        (handle as { pollNow?: () => void }).pollNow?.();
      }
    }
    const outcome = await Promise.race([handle.outcome(), stopFailure]);
    return { events, outcome, stuck, timedOut, pods };
  } catch (error) {
    following.abort();
    throw error;
  } finally {
    clearTimeout(timer);
    watchers.abort();
    deps.signal.removeEventListener("abort", cancelled);
  }
}

/** Reads each Job of the run, its pods and their logs, as the caller, for the report. */
async function snapshotJobs(
  connection: ClusterConnection,
  jobs: RunLedger["jobs"],
  plan: RunPlan,
): Promise<JobSnapshot[]> {
  const snapshots: JobSnapshot[] = [];
  for (const ref of jobs) {
    let job: Awaited<ReturnType<typeof readJob>>;
    try {
      job = await readJob({ kube: connection.kube, job: ref });
    } catch {
      continue; // The caller may not read Jobs; the report then has the execution only.
    }
    if (job === undefined) continue;
    const pods = await listJobPods({
      kube: connection.kube,
      job: { ...ref, uid: job.metadata.uid },
    }).catch(() => []);
    const logs: Record<string, Record<string, { text: string } | { error: string }>> = {};
    if (plan.logs.retrieve) {
      for (const pod of pods) {
        const podName = pod.metadata?.name ?? "";
        const containers: Record<string, { text: string } | { error: string }> = {};
        for (const container of pod.spec?.containers ?? []) {
          try {
            containers[container.name] = {
              text: await readPodLog({
                kube: connection.kube,
                namespace: ref.namespace,
                pod: podName,
                container: container.name,
                parameters: { tailLines: plan.logs.tailLines },
              }),
            };
          } catch (error) {
            // The API server's reason ("container ... is waiting to start: trying and
            // failing to pull image"), not client-node's first line ("HTTP-Code: 400").
            containers[container.name] = {
              error: new KubeRequestError(`GET pods/${podName}/log`, error).message,
            };
          }
        }
        logs[podName] = containers;
      }
    }
    snapshots.push({ job, pods, logs });
  }
  return snapshots;
}

/**
 * The Jobs for the report: each Job the cluster still showed, or the execution returned
 * (task results, a failed Job's Cause), with the pods seen while it ran (mergeSnapshots).
 */
/**
 * The `limitBytes` the generated definition read `snapshot`'s logs with (each Job's
 * defaultLogPlan), or undefined when the run's definition is not generated or the Job is
 * not known by name (a lone Job made with generateName is the plan's only Job).
 */
function logLimitOf(
  plan: RunPlan,
  jobs: readonly JobManifest[],
  snapshot: JobSnapshot,
): number | undefined {
  if (plan.stateMachine.kind !== "generated") return undefined;
  const name = snapshot.job.metadata?.name;
  const job =
    jobs.find((j) => j.metadata.name === name) ?? (jobs.length === 1 ? jobs[0] : undefined);
  return job === undefined ? undefined : defaultLogPlan(job).limitBytes;
}

function reportedJobs(options: {
  read: readonly JobSnapshot[];
  returned: readonly JobSnapshot[];
  tracked: ReadonlyMap<string, { pods: PodTracker; logs?: LogFollower | undefined }>;
}): JobSnapshot[] {
  const keyOf = (s: JobSnapshot) =>
    `${s.job.metadata?.namespace ?? ""}/${s.job.metadata?.name ?? ""}`;
  const keys = [...new Set([...options.read.map(keyOf), ...options.returned.map(keyOf)])];
  return keys.flatMap((key) => {
    const merged = mergeSnapshots({
      read: options.read.find((s) => keyOf(s) === key),
      returned: options.returned.find((s) => keyOf(s) === key),
      tracked: options.tracked.get(key)?.pods.pods(),
      followed: options.tracked.get(key)?.logs?.logs(),
    });
    return merged ? [merged] : [];
  });
}

function emitLogs(
  observer: Partial<RunObserver>,
  snapshot: JobSnapshot,
  streamed: ReadonlySet<string>,
): void {
  const namespace = snapshot.job.metadata?.namespace ?? "";
  for (const [pod, containers] of Object.entries(snapshot.logs ?? {})) {
    for (const [container, log] of Object.entries(containers)) {
      if (streamed.has(`${namespace}/${pod}/${container}`)) continue;
      if ("text" in log && log.text !== "")
        observer.log?.({ namespace, pod, container, text: log.text });
    }
  }
}

/**
 * The run's outcome: cancelled and timed out first (the user's and the clock's say),
 * then the execution's status, then the Jobs' own conditions (a Job that failed fails
 * the run even when a definition caught the error). Pure.
 */
export function decideOutcome(options: {
  readonly outcome: ExecutionOutcome;
  readonly report: Pick<ExecutionReport, "jobs">;
  readonly cancelled: boolean;
  readonly timedOut: boolean;
}): RunOutcome {
  if (options.cancelled) return "cancelled";
  if (options.timedOut || options.outcome.status === "TIMED_OUT") return "timed-out";
  if (options.outcome.status !== "SUCCEEDED") return "failed";
  return options.report.jobs.some((j) => j.outcome === "failed") ? "failed" : "succeeded";
}

async function cleanUpAfter(
  plan: RunPlan,
  ledger: RunLedger,
  connection: ClusterConnection,
  deps: RunWorkflowDeps,
  outcome: RunOutcome,
): Promise<CleanUpReport> {
  const deleteJobs =
    plan.deletePolicy === "always" ||
    outcome === "cancelled" ||
    (plan.deletePolicy === "on-success" && outcome === "succeeded");
  return cleanUp(
    { ...ledger, execution: undefined, jobs: deleteJobs ? ledger.jobs : [] },
    { kube: connection.kube, eks: deps.eks, sfn: deps.sfn, sleep: deps.sleep },
  );
}

/** StartExecution's ARN for `name` on `stateMachineArn` (arn:...:execution:<machine>:<name>). */
export function executionArnOf(stateMachineArn: string, name: string): string {
  return `${stateMachineArn.replace(":stateMachine:", ":execution:")}:${name}`;
}
