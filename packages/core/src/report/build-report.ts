// Builds the ExecutionReport (plain data) from what an engine saw: its progress events,
// its outcome, and, when the caller read them, the Jobs' and pods' final objects and
// logs. Pure: no AWS or Kubernetes calls here.
import type { V1Job, V1Pod } from "@kubernetes/client-node";
import type { EngineName, ExecutionOutcome } from "../engine/engine.ts";
import type { ProgressEvent } from "../workflow/progress-event.ts";
import { adviseOn } from "./advice.ts";
import type {
  ContainerReport,
  ExecutionReport,
  JobCondition,
  JobReport,
  PodReport,
  StateVisit,
} from "./execution-report.ts";
import { jobInCause } from "./task-results.ts";

/** How much of each container's log a report keeps by default: its last 64 KiB. */
export const DEFAULT_LOG_CAP_BYTES = 64 * 1024;

/** A Job as last read, its pods, and their logs (per pod, per container). */
export interface JobSnapshot {
  readonly job: V1Job;
  readonly pods: readonly V1Pod[];
  readonly logs?:
    | Readonly<
        Record<
          string,
          Readonly<
            Record<
              string,
              // `cut`: the log came back at its read's byte cap (limitBytes), so it may go on.
              // `parsed`: Step Functions parsed the log as JSON; `text` is that value re-serialised.
              | {
                  readonly text: string;
                  readonly cut?: boolean | undefined;
                  readonly parsed?: boolean | undefined;
                }
              | { readonly error: string }
            >
          >
        >
      >
    | undefined;
}

export interface BuildReportInput {
  readonly engine: EngineName;
  readonly executionId: string;
  readonly executionName: string;
  readonly stateMachineArn?: string | undefined;
  /** Every progress event of the execution, in order. */
  readonly events: readonly ProgressEvent[];
  readonly outcome: ExecutionOutcome;
  /**
   * The execution output as the engine got it (JSON text), to find numbers that lost
   * digits. Default: the outcome's `outputText`.
   */
  readonly outputText?: string | undefined;
  readonly jobs?: readonly JobSnapshot[] | undefined;
  /** The state machine's role, for advice on EKS.401 (an ARN with a path). */
  readonly roleArn?: string | undefined;
  /** The most of each container log kept, in bytes (UTF-8): the end is kept. */
  readonly logCapBytes?: number | undefined;
}

/**
 * The report of one execution: its status and times; the path of states in order of
 * entry with each one's duration, error, cause and retries; each Job's conditions and
 * pods (phase, exit codes, reasons, logs capped at `logCapBytes` from the end and marked
 * when cut); the advice that fits (advice.ts); the output.
 */
export function buildExecutionReport(input: BuildReportInput): ExecutionReport {
  const jobs = buildJobs(input);
  const path = buildPath(input.events);
  const { outcome } = input;
  const report: ExecutionReport = {
    engine: input.engine,
    executionId: input.executionId,
    executionName: input.executionName,
    stateMachineArn: input.stateMachineArn,
    status: outcome.status,
    startedAt: outcome.startedAt.toISOString(),
    stoppedAt: outcome.stoppedAt?.toISOString(),
    durationMs:
      outcome.stoppedAt === undefined
        ? undefined
        : outcome.stoppedAt.getTime() - outcome.startedAt.getTime(),
    error: outcome.error,
    cause: outcome.cause,
    path,
    jobs,
    advice: [],
    output: outcome.output,
  };
  // Advice reads the raw causes (a failed Job's conditions); what is shown is brief.
  const advice = adviseOn({
    report,
    outputText: input.outputText ?? outcome.outputText,
    stateOutputs: input.events.flatMap((event) =>
      event.type === "state-exited" && event.output !== undefined ? [event.output] : [],
    ),
    roleArn: input.roleArn,
  });
  const brief = briefCause(outcome.cause, jobs);
  return {
    ...report,
    cause: brief ?? outcome.cause,
    rawCause: brief === undefined ? undefined : outcome.cause,
    path: path.map((visit) => {
      const short = briefCause(visit.cause, jobs);
      return short === undefined ? visit : { ...visit, cause: short };
    }),
    advice,
  };
}

function buildPath(events: readonly ProgressEvent[]): StateVisit[] {
  type Visit = { -readonly [K in keyof StateVisit]: StateVisit[K] };
  const visits: Visit[] = [];
  const latest = (state: string): Visit | undefined =>
    visits.findLast((visit) => visit.state === state && visit.exitedAt === undefined) ??
    visits.findLast((visit) => visit.state === state);
  for (const event of events) {
    switch (event.type) {
      case "state-entered":
        visits.push({
          state: event.state,
          enteredAt: event.at.toISOString(),
          status: "running",
          retries: 0,
        });
        break;
      case "state-exited": {
        const visit = latest(event.state);
        if (!visit) break;
        visit.exitedAt = event.at.toISOString();
        visit.durationMs = event.at.getTime() - Date.parse(visit.enteredAt);
        if (visit.status === "running") visit.status = "succeeded";
        break;
      }
      case "state-failed": {
        const visit = latest(event.state);
        if (!visit) break;
        visit.status = "failed";
        visit.error = event.error;
        visit.cause = event.cause;
        break;
      }
      case "state-retried": {
        const visit = latest(event.state);
        if (!visit) break;
        visit.retries += 1;
        visit.status = "running";
        break;
      }
      case "state-caught": {
        const visit = latest(event.state);
        if (!visit) break;
        visit.status = "caught";
        visit.error = event.error;
        visit.cause = event.cause;
        break;
      }
      default:
        break;
    }
  }
  return visits;
}

function buildJobs(input: BuildReportInput): JobReport[] {
  const cap = input.logCapBytes ?? DEFAULT_LOG_CAP_BYTES;
  const reports = (input.jobs ?? []).map((snapshot) => jobReport(snapshot, cap));
  // Jobs the events name but the caller did not read: what the events tell.
  const seen = new Set(reports.map((job) => `${job.namespace}/${job.name}`));
  const fromEvents = new Map<string, JobReport>();
  for (const event of input.events) {
    if (event.type !== "job") continue;
    const key = `${event.namespace}/${event.job}`;
    if (seen.has(key)) continue;
    const outcome =
      event.phase === "complete" ? "complete" : event.phase === "failed" ? "failed" : "running";
    const conditions: JobCondition[] =
      event.phase === "failed" || event.phase === "complete"
        ? [
            {
              type: event.phase === "failed" ? "Failed" : "Complete",
              status: "True",
              reason: event.reason,
            },
          ]
        : [];
    if (event.phase === "deleted" && fromEvents.has(key)) continue;
    fromEvents.set(key, {
      namespace: event.namespace,
      name: event.job,
      outcome,
      conditions,
      pods: [],
    });
  }
  return [...reports, ...fromEvents.values()];
}

/** A JobReport from a Job object, its pods and their logs. */
export function jobReport(snapshot: JobSnapshot, logCapBytes = DEFAULT_LOG_CAP_BYTES): JobReport {
  const { job } = snapshot;
  const conditions: JobCondition[] = (job.status?.conditions ?? []).map((condition) => ({
    type: condition.type,
    status: condition.status,
    reason: condition.reason,
    message: condition.message,
  }));
  const isTrue = (type: string): boolean =>
    conditions.some((condition) => condition.type === type && condition.status === "True");
  const outcome = isTrue("Complete")
    ? "complete"
    : isTrue("Failed")
      ? "failed"
      : (job.status?.active ?? 0) > 0 || job.status?.startTime
        ? "running"
        : "unknown";
  // Pods only the execution's logs name (the Job was deleted before anyone read them).
  const named = new Set(snapshot.pods.map((pod) => pod.metadata?.name ?? ""));
  const logOnly: V1Pod[] = Object.keys(snapshot.logs ?? {})
    .filter((name) => !named.has(name))
    .map((name) => ({ metadata: { name } }));
  const pods = [...snapshot.pods, ...logOnly]
    .sort((a, b) => (a.metadata?.name ?? "").localeCompare(b.metadata?.name ?? ""))
    .map((pod) => podReport(pod, snapshot.logs?.[pod.metadata?.name ?? ""], logCapBytes));
  return {
    namespace: job.metadata?.namespace ?? "default",
    name: job.metadata?.name ?? "",
    outcome,
    conditions,
    pods,
  };
}

function podReport(
  pod: V1Pod,
  logs: NonNullable<JobSnapshot["logs"]>[string] | undefined,
  logCapBytes: number,
): PodReport {
  const unschedulable = pod.status?.conditions?.find(
    (condition) => condition.type === "PodScheduled" && condition.status === "False",
  );
  const statuses = [
    ...(pod.status?.initContainerStatuses ?? []),
    ...(pod.status?.containerStatuses ?? []),
  ];
  const names = [
    ...(pod.spec?.initContainers ?? []).map((c) => c.name),
    ...(pod.spec?.containers ?? []).map((c) => c.name),
  ];
  for (const status of statuses) if (!names.includes(status.name)) names.push(status.name);
  for (const name of Object.keys(logs ?? {})) if (!names.includes(name)) names.push(name);
  const containers: ContainerReport[] = names.map((name) => {
    const status = statuses.find((s) => s.name === name);
    const state = status?.state;
    const log = logs?.[name];
    const base: ContainerReport = state?.terminated
      ? {
          name,
          state: "terminated",
          exitCode: state.terminated.exitCode,
          reason: state.terminated.reason,
          message: state.terminated.message,
        }
      : state?.waiting
        ? { name, state: "waiting", reason: state.waiting.reason, message: state.waiting.message }
        : state?.running
          ? { name, state: "running" }
          : { name };
    if (log === undefined) return base;
    if ("error" in log) return { ...base, logError: log.error };
    const capped = capTail(log.text, logCapBytes);
    return { ...base, log: capped.text, logTruncated: capped.truncated || log.cut === true };
  });
  return {
    name: pod.metadata?.name ?? "",
    node: pod.spec?.nodeName,
    phase: pod.status?.phase ?? "Unknown",
    reason: pod.status?.reason ?? unschedulable?.reason,
    containers,
  };
}

/** The last `maxBytes` bytes of `text` (UTF-8), never splitting a character. */
export function capTail(text: string, maxBytes: number): { text: string; truncated: boolean } {
  const bytes = Buffer.from(text, "utf8");
  if (bytes.length <= maxBytes) return { text, truncated: false };
  let start = bytes.length - Math.max(0, maxBytes);
  // Skip continuation bytes (10xxxxxx) so the cut falls on a character boundary.
  while (start < bytes.length && ((bytes[start] ?? 0) & 0xc0) === 0x80) start += 1;
  return { text: bytes.subarray(start).toString("utf8"), truncated: true };
}

/**
 * A failure Cause that is a whole Job as JSON (a `.sync` Job that ended Failed, FACTS.md
 * "Modelled, unconfirmed"), said briefly: the Job, its Failed condition's reason and
 * message, and each failed pod's exit code and reason (from `jobs`, the report's Jobs).
 * Undefined for any other cause.
 */
export function briefCause(
  cause: string | undefined,
  jobs: readonly JobReport[],
): string | undefined {
  const job = jobInCause(cause);
  if (job === undefined) return undefined;
  const namespace = job.metadata?.namespace ?? "";
  const name = job.metadata?.name ?? "";
  const failed = job.status?.conditions?.find((c) => c.type === "Failed" && c.status === "True");
  const parts = [
    `Job ${namespace ? `${namespace}/` : ""}${name} failed` +
      (failed ? `: ${[failed.reason, failed.message].filter(Boolean).join(": ")}` : ""),
  ];
  const report = jobs.find((j) => j.name === name && (!namespace || j.namespace === namespace));
  for (const pod of report?.pods ?? []) {
    for (const container of pod.containers) {
      const bad =
        (container.exitCode !== undefined && container.exitCode !== 0) ||
        (container.state === "waiting" && container.reason !== undefined);
      if (!bad) continue;
      const exit = container.exitCode === undefined ? "" : ` exited ${container.exitCode}`;
      parts.push(
        `pod ${pod.name} container ${container.name}${exit}${container.reason ? ` (${container.reason})` : ""}`,
      );
    }
  }
  return parts.join("; ");
}
