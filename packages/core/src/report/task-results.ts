// What an execution itself says about its Jobs: the `eks:runJob(.sync)` task results in
// the states' outputs (`status`, `logs.pods.<pod>.containers.<container>.log`, or the
// polling definition's list form `logs.pods: [{name, containers: [{name, log}]}]`), and
// for a Job that failed under `.sync` the Job as JSON in the error's Cause (FACTS.md
// "Modelled, unconfirmed"; JOB_JSON_CAUSE_PATTERN). This is all the report has once the
// state machine deleted the Job (the default `delete-job: always`). Pure.
import type { V1Job, V1Pod } from "@kubernetes/client-node";
import type { ProgressEvent } from "../workflow/progress-event.ts";
import type { JobSnapshot } from "./build-report.ts";

type Logs = Record<string, Record<string, { text: string; parsed?: boolean } | { error: string }>>;

/** How deep into a state's output a task result is looked for (ResultPath nests it). */
const SEARCH_DEPTH = 6;

/**
 * The Jobs the execution's events show, each as last seen (later events win): its
 * `metadata` and `status`, no pods, and its logs per pod and container when the task
 * result has them (a log that was parsed as JSON is turned back into JSON text; a log
 * that could not be read keeps its `error`). Jobs are keyed by namespace and name.
 */
export function jobsFromEvents(events: readonly ProgressEvent[]): JobSnapshot[] {
  const found = new Map<string, JobSnapshot>();
  const keep = (snapshot: JobSnapshot): void => {
    const key = `${snapshot.job.metadata?.namespace ?? ""}/${snapshot.job.metadata?.name ?? ""}`;
    const earlier = found.get(key);
    // A Job seen ended is not replaced by an older or partial view of it.
    const job = earlier && ended(earlier.job) && !ended(snapshot.job) ? earlier.job : snapshot.job;
    found.set(key, { ...snapshot, job, logs: snapshot.logs ?? earlier?.logs });
  };
  // A generated definition's ResultSelector keeps only `name`, `status` and `logs`: the
  // namespace is the one the Job's own events name.
  const namespaces = new Map<string, string>();
  const heard = new Map<string, Extract<ProgressEvent, { type: "job" }>>();
  for (const event of events) {
    if (event.type === "job") {
      namespaces.set(event.job, event.namespace);
      const key = `${event.namespace}/${event.job}`;
      // "deleted" (the run stopped it) says nothing about how far the Job got.
      const earlier = heard.get(key);
      if (event.phase !== "deleted" || earlier === undefined)
        heard.set(key, { ...event, uid: event.uid ?? earlier?.uid });
    }
    if (event.type === "state-exited" && event.output !== undefined) {
      for (const snapshot of taskResultsIn(event.output, SEARCH_DEPTH)) {
        const name = snapshot.job.metadata?.name ?? "";
        const namespace = snapshot.job.metadata?.namespace ?? namespaces.get(name);
        keep({
          ...snapshot,
          job: {
            ...snapshot.job,
            metadata: { ...snapshot.job.metadata, name, ...(namespace ? { namespace } : {}) },
          },
        });
      }
    } else if (
      event.type === "state-failed" ||
      event.type === "state-caught" ||
      event.type === "execution-ended"
    ) {
      const job = jobInCause(event.cause);
      if (job) keep({ job, pods: [] });
    }
  }
  // A Job that only the engine's job events name (a ResultSelector without its name, as
  // the article's `{status, logs}`, or a stopped execution): what those events say, so the
  // pods seen while it ran still have a Job to be reported under (mergeSnapshots).
  for (const [key, event] of heard) {
    if (!found.has(key)) found.set(key, { job: jobFromEvent(event), pods: [] });
  }
  return [...found.values()];
}

/** A Job as one job event tells it: Complete or Failed with the reason, or active. */
function jobFromEvent(event: Extract<ProgressEvent, { type: "job" }>): V1Job {
  const end =
    event.phase === "complete" ? "Complete" : event.phase === "failed" ? "Failed" : undefined;
  return {
    metadata: {
      namespace: event.namespace,
      name: event.job,
      ...(event.uid === undefined ? {} : { uid: event.uid }),
    },
    // "running" is announced once the Job has an active pod.
    status:
      end !== undefined
        ? {
            conditions: [
              { type: end, status: "True", ...(event.reason ? { reason: event.reason } : {}) },
            ],
          }
        : event.phase === "running"
          ? { active: 1 }
          : {},
  };
}

/**
 * `snapshot` with each log that is `limitBytes` bytes or more (UTF-8) marked `cut`: the
 * read-log API stops at `limitBytes`, so such a log was (most likely) cut there. Without
 * a limit the snapshot is returned as it is. Pure.
 */
export function markLogsCutAt(snapshot: JobSnapshot, limitBytes: number | undefined): JobSnapshot {
  if (limitBytes === undefined || snapshot.logs === undefined) return snapshot;
  const logs = Object.fromEntries(
    Object.entries(snapshot.logs).map(([pod, containers]) => [
      pod,
      Object.fromEntries(
        Object.entries(containers).map(([name, log]) => [
          name,
          "text" in log && Buffer.byteLength(log.text, "utf8") >= limitBytes
            ? { ...log, cut: true }
            : log,
        ]),
      ),
    ]),
  );
  return { ...snapshot, logs };
}

/** The Job a `.sync` failure's Cause holds as JSON, or undefined when it holds none. */
export function jobInCause(cause: string | undefined): V1Job | undefined {
  if (cause === undefined || !cause.trimStart().startsWith("{")) return undefined;
  try {
    const parsed = JSON.parse(cause) as unknown;
    return isJob(parsed) ? (parsed as V1Job) : undefined;
  } catch {
    return undefined;
  }
}

function isJob(value: unknown): value is V1Job {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const v = value as { kind?: unknown; apiVersion?: unknown; metadata?: { name?: unknown } };
  return (v.kind === "Job" || v.apiVersion === "batch/v1") && typeof v.metadata?.name === "string";
}

/** A task result cut down to `{name, status, logs?}` (the generated definitions' ResultSelector). */
function isSelectedResult(
  value: object,
): value is { name: string; status: NonNullable<V1Job["status"]>; logs?: unknown } {
  const v = value as { name?: unknown; status?: unknown };
  if (typeof v.name !== "string" || typeof v.status !== "object" || v.status === null) return false;
  const status = v.status as Record<string, unknown>;
  return ["conditions", "succeeded", "failed", "active", "startTime"].some((key) => key in status);
}

function taskResultsIn(value: unknown, depth: number): JobSnapshot[] {
  if (typeof value !== "object" || value === null || depth < 0) return [];
  if (Array.isArray(value)) return value.flatMap((item) => taskResultsIn(item, depth - 1));
  if (isJob(value)) {
    // A manifest (the Job as the user wrote it, in an input or a matrix) has no status:
    // only a Job the API server returned does.
    const status = (value as V1Job).status;
    if (typeof status !== "object" || status === null || Object.keys(status).length === 0)
      return [];
    const result = value as V1Job & { logs?: unknown };
    const { logs, ...job } = result;
    return [{ job, pods: [], logs: logsOf(logs) }];
  }
  if (isSelectedResult(value)) {
    return [
      {
        job: { metadata: { name: value.name }, status: value.status },
        pods: [],
        logs: logsOf(value.logs),
      },
    ];
  }
  return Object.values(value).flatMap((item) => taskResultsIn(item, depth - 1));
}

function logsOf(logs: unknown): Logs | undefined {
  const pods = (logs as { pods?: unknown } | undefined)?.pods;
  if (typeof pods !== "object" || pods === null) return undefined;
  const out: Logs = {};
  const entries: [string, unknown][] = Array.isArray(pods)
    ? pods.map((pod: { name?: unknown; containers?: unknown }) => [
        String(pod?.name ?? ""),
        pod?.containers,
      ])
    : Object.entries(pods).map(([name, pod]) => [
        name,
        (pod as { containers?: unknown })?.containers,
      ]);
  for (const [pod, containers] of entries) {
    if (typeof containers !== "object" || containers === null) continue;
    const list: [string, unknown][] = Array.isArray(containers)
      ? containers.map((c: { name?: unknown }) => [String(c?.name ?? ""), c])
      : Object.entries(containers);
    const byName: Logs[string] = {};
    for (const [name, container] of list) {
      const c = (container ?? {}) as { log?: unknown; error?: unknown; cause?: unknown };
      if ("log" in c)
        byName[name] =
          typeof c.log === "string"
            ? { text: c.log }
            : { text: JSON.stringify(c.log), parsed: true };
      else if (c.error !== undefined || c.cause !== undefined)
        byName[name] = { error: [c.error, c.cause].filter((x) => x !== undefined).join(": ") };
    }
    out[pod] = byName;
  }
  return out;
}

/**
 * One Job's snapshot from what the cluster still showed (`read`, undefined when the Job
 * was gone or unreadable), what the execution returned (`returned`) and the pods seen
 * while it ran (`tracked`): the Job object and pods the cluster shows win, then the
 * execution's; logs read from the cluster win, then the execution's, then those followed.
 * A log the execution returned parsed as JSON (a number in it may have lost digits) gives
 * way to the text followed from that container, which is what the container printed.
 * A pod the cluster shows being deleted gives way to the tracked one of that name: a
 * kubelet rewrites the statuses of a pod it kills (an ErrImagePull container turns
 * ContainerCreating), and the tracker keeps the pod as it was when the run stopped.
 */
export function mergeSnapshots(options: {
  readonly read?: JobSnapshot | undefined;
  readonly returned?: JobSnapshot | undefined;
  readonly tracked?: readonly V1Pod[] | undefined;
  /** The logs followed while the Job ran (run/log-follower.ts). */
  readonly followed?: JobSnapshot["logs"];
}): JobSnapshot | undefined {
  const { read, returned, tracked, followed } = options;
  const job = read?.job ?? returned?.job;
  if (job === undefined) return undefined;
  const pods =
    read && read.pods.length > 0
      ? read.pods.map((pod) =>
          pod.metadata?.deletionTimestamp === undefined
            ? pod
            : (tracked?.find((seen) => seen.metadata?.name === pod.metadata?.name) ?? pod),
        )
      : (tracked ?? []);
  const readLogs = read?.logs && Object.keys(read.logs).length > 0 ? read.logs : undefined;
  const followedLogs = followed && Object.keys(followed).length > 0 ? followed : undefined;
  const returnedLogs =
    returned?.logs && followedLogs ? printedText(returned.logs, followedLogs) : returned?.logs;
  return { job, pods, logs: readLogs ?? returnedLogs ?? followedLogs };
}

/** `returned`, with each parsed log replaced by the text followed from its container. */
function printedText(
  returned: NonNullable<JobSnapshot["logs"]>,
  followed: NonNullable<JobSnapshot["logs"]>,
): NonNullable<JobSnapshot["logs"]> {
  return Object.fromEntries(
    Object.entries(returned).map(([pod, containers]) => [
      pod,
      Object.fromEntries(
        Object.entries(containers).map(([name, log]) => {
          const printed = followed[pod]?.[name];
          const parsed = "text" in log && log.parsed === true;
          return [name, parsed && printed !== undefined && "text" in printed ? printed : log];
        }),
      ),
    ]),
  );
}

function ended(job: V1Job): boolean {
  return (job.status?.conditions ?? []).some(
    (c) => (c.type === "Complete" || c.type === "Failed") && c.status === "True",
  );
}
