// A batch/v1 Job's life through the Kubernetes API: create it, watch it to Complete or
// Failed (a watch, resumed from the last resourceVersion when the connection drops,
// never a poll loop), list its pods, read their logs, delete it with its pods.
// Objects come back as the API server's JSON (not client-node's classes with Dates), so
// they can be handed on as Step Functions hands them on.
import {
  ApiException,
  BatchV1Api,
  CoreV1Api,
  type KubeConfig,
  type V1Job,
  type V1Pod,
  Watch,
} from "@kubernetes/client-node";
import { KubeHttpError, kubeRequest } from "./kube-request.ts";
import { type KubeRetryOptions, retryKube } from "./kube-retry.ts";

/** A Job as the API server returns it (plain JSON). */
export type JobObject = V1Job & { metadata: { name: string; namespace: string; uid: string } };

export interface JobRef {
  readonly namespace: string;
  readonly name: string;
  readonly uid?: string | undefined;
}

/** Where a watched Job ended: its `Complete` or `Failed` condition. */
export type JobEnd = "complete" | "failed";

/** A Job's terminal state from its conditions, or undefined while it still runs. */
export function jobEnd(job: V1Job): JobEnd | undefined {
  const conditions = job.status?.conditions ?? [];
  if (conditions.some((c) => c.type === "Complete" && c.status === "True")) return "complete";
  if (conditions.some((c) => c.type === "Failed" && c.status === "True")) return "failed";
  return undefined;
}

function jobsPath(namespace: string): string {
  return `/apis/batch/v1/namespaces/${encodeURIComponent(namespace)}/jobs`;
}

/**
 * Creates `job` in `namespace` (POST /apis/batch/v1/namespaces/{namespace}/jobs). A Job
 * with only `metadata.generateName` gets its name from the API server: follow the
 * returned `metadata.name` and `uid`, never the input.
 * @throws KubeHttpError when the API server refuses (401, 403, 409, ...).
 */
export async function createJob(options: {
  kube: KubeConfig;
  namespace: string;
  job: V1Job;
  signal?: AbortSignal | undefined;
}): Promise<JobObject> {
  return kubeRequest<JobObject>({
    kube: options.kube,
    method: "POST",
    path: jobsPath(options.namespace),
    body: options.job,
    signal: options.signal,
  });
}

/**
 * Reads a Job (GET); undefined when it does not exist. Transient failures (429, 5xx, a
 * broken connection) are retried (kube-retry.ts).
 * @throws KubeRequestError when the API server refuses or keeps failing.
 */
export async function readJob(options: {
  kube: KubeConfig;
  job: JobRef;
  retry?: KubeRetryOptions | undefined;
}): Promise<JobObject | undefined> {
  const path = `${jobsPath(options.job.namespace)}/${encodeURIComponent(options.job.name)}`;
  return retryKube(
    `GET ${path}`,
    async () => {
      try {
        return await kubeRequest<JobObject>({ kube: options.kube, method: "GET", path });
      } catch (error) {
        if (error instanceof KubeHttpError && error.response.status === 404) return undefined;
        throw error;
      }
    },
    options.retry,
  );
}

/** The Job was deleted (or replaced by another of the same name) while it was watched. */
export class JobGoneError extends Error {
  override readonly name = "JobGoneError";
  constructor(job: JobRef) {
    super(`Job ${job.namespace}/${job.name} was deleted before it completed`);
  }
}

/**
 * Watches a Job until its `Complete` or `Failed` condition is True and returns the Job
 * as last seen. One watch (GET .../jobs?watch=true&fieldSelector=metadata.name=...)
 * from `resourceVersion` (the create response's, so no change is missed); when the
 * connection ends it resumes from the last resourceVersion seen, and after `410 Gone`
 * (that version compacted away) it reads the Job once and watches from there
 * (kubernetes.io/docs/reference/using-api/api-concepts/#efficient-detection-of-changes).
 * `onChange` sees every version.
 * @throws JobGoneError when the Job is deleted (or its uid changes) first;
 *   the signal's reason when `signal` aborts; KubeHttpError or ApiException when the
 *   API server refuses the read or the watch.
 */
export async function watchJobToEnd(options: {
  kube: KubeConfig;
  job: JobObject;
  signal: AbortSignal;
  onChange?: ((job: JobObject) => void) | undefined;
  /** The longest one watch request may stay open, in seconds; the server closes it then. */
  watchTimeoutSeconds?: number | undefined;
}): Promise<JobObject> {
  const { kube, signal } = options;
  const ref: JobRef = {
    namespace: options.job.metadata.namespace,
    name: options.job.metadata.name,
    uid: options.job.metadata.uid,
  };
  let last = options.job;
  let resourceVersion = last.metadata.resourceVersion;
  if (jobEnd(last)) return last;
  const watch = new Watch(kube);
  const path = jobsPath(ref.namespace);
  for (;;) {
    signal.throwIfAborted();
    const outcome = await new Promise<
      | { kind: "ended"; job: JobObject }
      | { kind: "dropped" }
      | { kind: "gone" }
      | { kind: "expired" }
    >((resolve, reject) => {
      let settled = false;
      let controller: AbortController | undefined;
      const settle = (value: Parameters<typeof resolve>[0] | Error): void => {
        if (settled) return;
        settled = true;
        signal.removeEventListener("abort", onAbort);
        controller?.abort();
        if (value instanceof Error) reject(value);
        else resolve(value);
      };
      const onAbort = (): void => settle(signal.reason as Error);
      signal.addEventListener("abort", onAbort, { once: true });
      watch
        .watch(
          path,
          {
            fieldSelector: `metadata.name=${ref.name}`,
            resourceVersion,
            allowWatchBookmarks: true,
            timeoutSeconds: options.watchTimeoutSeconds ?? 300,
          },
          (type: string, object: JobObject & { code?: number }) => {
            if (type === "ERROR") {
              if (object.code === 410) settle({ kind: "expired" });
              else settle({ kind: "dropped" });
              return;
            }
            const version = object.metadata?.resourceVersion;
            if (version) resourceVersion = version;
            if (type === "BOOKMARK") return;
            if (object.metadata?.uid !== ref.uid) return;
            if (type === "DELETED") {
              settle({ kind: "gone" });
              return;
            }
            last = object;
            options.onChange?.(object);
            if (jobEnd(object)) settle({ kind: "ended", job: object });
          },
          (error: { statusCode?: unknown; message?: string } | null) => {
            // A refused watch (403 without the watch verb, 401) is an answer, not a drop.
            if (typeof error?.statusCode === "number") {
              settle(new ApiException(error.statusCode, error.message ?? "", "", {}));
            } else settle({ kind: "dropped" });
          },
        )
        .then(
          (c) => {
            controller = c;
            if (settled) c.abort();
          },
          (error: unknown) => settle(error instanceof Error ? error : new Error(String(error))),
        );
    });
    if (outcome.kind === "ended") return outcome.job;
    if (outcome.kind === "gone") throw new JobGoneError(ref);
    if (outcome.kind === "expired" || outcome.kind === "dropped") {
      // Read once: the Job may have ended (or gone) while no watch was open.
      const current = await readJob({ kube, job: ref });
      if (!current || current.metadata.uid !== ref.uid) throw new JobGoneError(ref);
      last = current;
      resourceVersion = current.metadata.resourceVersion;
      if (jobEnd(current)) return current;
      if (outcome.kind === "dropped") await pause(200, signal);
    }
  }
}

function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener("abort", onAbort, { once: true });
  });
}

/**
 * Deletes a Job with `propagationPolicy: Foreground`, so its pods go first and the
 * Job object last (kubernetes.io/docs/concepts/architecture/garbage-collection/); a Job
 * deleted without it leaves its pods behind. With `uid`, only that Job is deleted
 * (a precondition), not a later one of the same name. Returns false when it was
 * already gone. Transient failures (429, 5xx, a broken connection) are retried
 * (kube-retry.ts); a retried delete that finds the Job gone counts as done.
 * @throws KubeRequestError when the API server refuses or keeps failing.
 */
export async function deleteJob(options: {
  kube: KubeConfig;
  job: JobRef;
  retry?: KubeRetryOptions | undefined;
}): Promise<boolean> {
  const batch = options.kube.makeApiClient(BatchV1Api);
  return retryKube(
    `DELETE jobs ${options.job.namespace}/${options.job.name}`,
    async () => {
      try {
        await batch.deleteNamespacedJob({
          namespace: options.job.namespace,
          name: options.job.name,
          propagationPolicy: "Foreground",
          body: {
            propagationPolicy: "Foreground",
            ...(options.job.uid ? { preconditions: { uid: options.job.uid } } : {}),
          },
        });
        return true;
      } catch (error) {
        if (error instanceof ApiException && (error.code === 404 || error.code === 409))
          return false;
        throw error;
      }
    },
    options.retry,
  );
}

/** The Job's pods (label `batch.kubernetes.io/controller-uid`, which only this Job's pods carry). */
export async function listJobPods(options: {
  kube: KubeConfig;
  job: JobRef & { uid: string };
}): Promise<V1Pod[]> {
  const list = await kubeRequest<{ items: V1Pod[] }>({
    kube: options.kube,
    method: "GET",
    path: `/api/v1/namespaces/${encodeURIComponent(options.job.namespace)}/pods`,
    query: { labelSelector: [`batch.kubernetes.io/controller-uid=${options.job.uid}`] },
  });
  return list.items;
}

/** The read-log API's query parameters that a caller may set (api/core/v1 PodLogOptions). */
export interface LogParameters {
  readonly tailLines?: number | undefined;
  readonly limitBytes?: number | undefined;
  readonly sinceSeconds?: number | undefined;
  readonly timestamps?: boolean | undefined;
  readonly previous?: boolean | undefined;
}

/**
 * One container's log text (GET /api/v1/namespaces/{ns}/pods/{pod}/log), capped by
 * `tailLines` (last lines) and `limitBytes` (bytes from the start) as the API does.
 * @throws ApiException when the read is refused or the container has no log.
 */
export async function readPodLog(options: {
  kube: KubeConfig;
  namespace: string;
  pod: string;
  container: string;
  parameters?: LogParameters | undefined;
  signal?: AbortSignal | undefined;
}): Promise<string> {
  options.signal?.throwIfAborted();
  const p = options.parameters ?? {};
  return options.kube.makeApiClient(CoreV1Api).readNamespacedPodLog({
    namespace: options.namespace,
    name: options.pod,
    container: options.container,
    ...(p.tailLines === undefined ? {} : { tailLines: p.tailLines }),
    ...(p.limitBytes === undefined ? {} : { limitBytes: p.limitBytes }),
    ...(p.sinceSeconds === undefined ? {} : { sinceSeconds: p.sinceSeconds }),
    ...(p.timestamps === undefined ? {} : { timestamps: p.timestamps }),
    ...(p.previous === undefined ? {} : { previous: p.previous }),
  });
}
