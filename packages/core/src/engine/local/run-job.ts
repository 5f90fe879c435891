// eks:runJob and eks:runJob.sync as Step Functions documents them (connect-eks.html),
// and, where the docs are silent, as FACTS.md "Modelled, unconfirmed" models them: each
// such choice is one named constant below, listed in the README's "Local engine".
import type { KubeConfig, V1Job } from "@kubernetes/client-node";
import { z } from "zod";
import {
  createJob,
  JobGoneError,
  type JobObject,
  type JobRef,
  jobEnd,
  type LogParameters,
  listJobPods,
  readPodLog,
  watchJobToEnd,
} from "../../kube/job.ts";
import { kubeResponseOf } from "../../kube/kube-request.ts";
import { clusterParameters } from "./call.ts";
import { eksHttpError, TaskError } from "./eks-error.ts";

/**
 * Modelled (M): no source names the error of a `.sync` Job that ends `Failed`. The local
 * engine fails the task with this error and the final Job as JSON in `Cause`, as other
 * `.sync` integrations (ECS) do. Definitions should catch `States.ALL` and read `Cause`.
 */
export const FAILED_JOB_ERROR = "States.TaskFailed";

/**
 * Inferred (I): the `.sync` result is the whole Job as last read, with its `status` at the
 * top level (documented: the sample reads `$.status`) and `logs` beside it.
 */
export const SYNC_RESULT_IS_WHOLE_JOB = true;

/**
 * Inferred (I): a container's log is parsed as JSON only when its whole text parses
 * (one JSON value, trailing newline allowed); several JSON lines stay one string.
 */
export const LOG_PARSED_AS_WHOLE_TEXT = true;

/** Documented: a task's result may be at most 256 KiB of UTF-8, else States.DataLimitExceeded. */
export const TASK_RESULT_LIMIT_BYTES = 256 * 1024;

const LOG_PARAMETER_NAMES = [
  "tailLines",
  "limitBytes",
  "sinceSeconds",
  "timestamps",
  "previous",
] as const;

export const runJobParameters = z.object({
  ...clusterParameters,
  Namespace: z.string().min(1).default("default"),
  Job: z.union([z.string(), z.record(z.string(), z.unknown())]),
  LogOptions: z
    .object({
      RetrieveLogs: z.boolean().optional(),
      RawLogs: z.boolean().optional(),
      LogParameters: z.partialRecord(z.enum(LOG_PARAMETER_NAMES), z.array(z.string())).optional(),
    })
    .optional(),
});

export type RunJobParameters = z.infer<typeof runJobParameters>;

/** What the engine learns about the Jobs its tasks create (progress events, stop). */
export interface JobObserver {
  /** `waiting`: a `.sync` task now waits for it (a stop deletes it); request-response does not. */
  created(job: JobRef & { uid: string }, kube: KubeConfig, waiting: boolean): void;
  running(job: JobRef): void;
  ended(job: JobRef, end: "complete" | "failed" | "deleted", reason?: string): void;
}

type ContainerLog = { log: unknown } | { error: string; cause: string };

/**
 * Creates the task's Job and, with `sync`, waits for it to end (a watch) and builds the
 * result: the final Job with `status` on top and `logs.pods.<pod>.containers.<c>.log`
 * when `LogOptions.RetrieveLogs` is set. Without `sync` the result is the created Job.
 * @throws TaskError `EKS.<status>` when the API server refuses a request (401, 403, 409);
 *   `FAILED_JOB_ERROR` with the final Job as JSON in Cause when the Job ends Failed;
 *   `States.DataLimitExceeded` when the result is over 256 KiB.
 */
export async function performRunJob(options: {
  parameters: RunJobParameters;
  sync: boolean;
  kube: KubeConfig;
  signal: AbortSignal;
  observer: JobObserver;
  /** The longest one watch request stays open, in seconds (tests shorten it). */
  watchTimeoutSeconds?: number | undefined;
}): Promise<unknown> {
  const { parameters: p, kube, signal, observer } = options;
  const job = jobManifest(p.Job);
  signal.throwIfAborted();
  // No signal for the create itself: a Job the server made must come back to be tracked
  // (and deleted on stop), not be lost with an aborted response.
  const created = await kubeCall(() => createJob({ kube, namespace: p.Namespace, job }));
  const ref = {
    namespace: created.metadata.namespace,
    name: created.metadata.name,
    uid: created.metadata.uid,
  };
  observer.created(ref, kube, options.sync);
  if (!options.sync) return created;
  let announcedRunning = false;
  let final: JobObject;
  try {
    final = await kubeCall(() =>
      watchJobToEnd({
        kube,
        job: created,
        signal,
        watchTimeoutSeconds: options.watchTimeoutSeconds,
        onChange: (current) => {
          if (!announcedRunning && (current.status?.active ?? 0) > 0) {
            announcedRunning = true;
            observer.running(ref);
          }
        },
      }),
    );
  } catch (error) {
    if (error instanceof JobGoneError) {
      observer.ended(ref, "deleted");
      throw new TaskError("States.TaskFailed", `${error.message}; nothing in this run deleted it`);
    }
    throw error;
  }
  const end = jobEnd(final);
  const reason = final.status?.conditions?.find(
    (c) => (c.type === "Complete" || c.type === "Failed") && c.status === "True",
  )?.reason;
  observer.ended(ref, end === "failed" ? "failed" : "complete", reason);
  if (end === "failed") throw new TaskError(FAILED_JOB_ERROR, JSON.stringify(final));
  const result: Record<string, unknown> = SYNC_RESULT_IS_WHOLE_JOB
    ? { ...final, status: final.status ?? {} }
    : { status: final.status ?? {} };
  if (p.LogOptions?.RetrieveLogs) {
    result.logs = await collectLogs({
      kube,
      job: ref,
      raw: p.LogOptions.RawLogs ?? false,
      parameters: logParameters(p.LogOptions.LogParameters),
      signal,
    });
  }
  const size = Buffer.byteLength(JSON.stringify(result), "utf8");
  if (size > TASK_RESULT_LIMIT_BYTES) {
    throw new TaskError(
      "States.DataLimitExceeded",
      `The result of the Job ${ref.namespace}/${ref.name} is ${size} bytes, over the 256 KiB a task may return; cap the logs with LogOptions.LogParameters tailLines or limitBytes.`,
    );
  }
  return result;
}

function jobManifest(job: string | Record<string, unknown>): V1Job {
  if (typeof job !== "string") return job as V1Job;
  try {
    return JSON.parse(job) as V1Job;
  } catch (error) {
    throw new TaskError(
      "States.TaskFailed",
      `Parameters.Job is a string that is not JSON (${(error as Error).message}); give the Job as an object or JSON text.`,
    );
  }
}

/** Turns a refused Kubernetes request into the task error Step Functions raises. */
async function kubeCall<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    const response = kubeResponseOf(error);
    if (response) throw eksHttpError(response);
    throw error;
  }
}

function logParameters(
  map: Partial<Record<(typeof LOG_PARAMETER_NAMES)[number], string[]>> | undefined,
): LogParameters {
  const first = (key: (typeof LOG_PARAMETER_NAMES)[number]): string | undefined => map?.[key]?.[0];
  const number = (key: "tailLines" | "limitBytes" | "sinceSeconds"): number | undefined => {
    const value = first(key);
    if (value === undefined) return undefined;
    const n = Number(value);
    if (!Number.isInteger(n) || n < 0) {
      throw new TaskError(
        "States.TaskFailed",
        `LogOptions.LogParameters.${key} is ${JSON.stringify(value)}; it must be a whole number of ${key === "limitBytes" ? "bytes" : key === "tailLines" ? "lines" : "seconds"}.`,
      );
    }
    return n;
  };
  const flag = (key: "timestamps" | "previous"): boolean | undefined => {
    const value = first(key);
    return value === undefined ? undefined : value === "true";
  };
  return {
    tailLines: number("tailLines"),
    limitBytes: number("limitBytes"),
    sinceSeconds: number("sinceSeconds"),
    timestamps: flag("timestamps"),
    previous: flag("previous"),
  };
}

/**
 * `logs.pods.<pod>.containers.<container>.log` for every pod of the Job. Best-effort, as
 * documented: a log that cannot be read gets `error` and `cause` instead of `log`.
 */
async function collectLogs(options: {
  kube: KubeConfig;
  job: JobRef & { uid: string };
  raw: boolean;
  parameters: LogParameters;
  signal: AbortSignal;
}): Promise<{ pods: Record<string, { containers: Record<string, ContainerLog> }> }> {
  const pods = await kubeCall(() => listJobPods({ kube: options.kube, job: options.job }));
  const out: Record<string, { containers: Record<string, ContainerLog> }> = {};
  for (const pod of pods) {
    const podName = pod.metadata?.name;
    if (!podName) continue;
    const containers: Record<string, ContainerLog> = {};
    for (const container of pod.spec?.containers ?? []) {
      try {
        const text = await readPodLog({
          kube: options.kube,
          namespace: options.job.namespace,
          pod: podName,
          container: container.name,
          parameters: options.parameters,
          signal: options.signal,
        });
        containers[container.name] = { log: options.raw ? text : parseLog(text) };
      } catch (error) {
        options.signal.throwIfAborted();
        const response = kubeResponseOf(error);
        containers[container.name] = response
          ? { error: `EKS.${response.status}`, cause: JSON.stringify(response.body) }
          : { error: (error as Error).name, cause: (error as Error).message };
      }
    }
    out[podName] = { containers };
  }
  return { pods: out };
}

/** A log's whole text as JSON when it parses as one value, else the text unchanged. */
export function parseLog(text: string): unknown {
  if (!LOG_PARSED_AS_WHOLE_TEXT) return text;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
