// What every Job-running definition needs to know, as plain data: the user's Job, where
// it runs, what to delete, and how much log to bring back without breaking the 256 KiB
// limit on a task's result.
import { UserInputError } from "@eks-sfn/rbac";
import type { JobManifest } from "../../kube/job-manifest.ts";

/** When to delete the Job (Foreground, so its pods go too): `always`, `on-success`, `never`. */
export type DeleteJobPolicy = "always" | "on-success" | "never";

export const DELETE_JOB_POLICIES: readonly DeleteJobPolicy[] = ["always", "on-success", "never"];

/** `LogOptions` of `eks:runJob.sync`, and the same caps for the polling variant's log reads. */
export interface JobLogPlan {
  /** `RetrieveLogs`. */
  retrieve: boolean;
  /** `RawLogs`: keep each log as text instead of parsing it as JSON when it parses. */
  raw: boolean;
  /** The read-log API's `tailLines`: lines from the end of each container's log. */
  tailLines: number;
  /** The read-log API's `limitBytes`: bytes read per container log (from the tail's start). */
  limitBytes: number;
}

export interface JobRunPlan {
  job: JobManifest;
  /** The namespace the Job runs in (a DNS-1123 label). */
  namespace: string;
  deleteJob: DeleteJobPolicy;
  logs: JobLogPlan;
}

/** A task's input or result is at most 256 KiB (262,144 bytes of UTF-8). */
export const TASK_RESULT_LIMIT_BYTES = 256 * 1024;

/**
 * The bytes of log, summed over every pod and container, a run brings back by default:
 * 32 KiB. JSON escaping can grow text up to 6 times (a control character becomes
 * `\u001b`), so even 32 KiB of the worst log stays under 192 KiB, leaving 64 KiB for the
 * Job object the `.sync` result carries beside the logs.
 */
export const DEFAULT_LOG_BUDGET_BYTES = 32 * 1024;

/** Default `tailLines`: the end of a log is where a failure shows. */
export const DEFAULT_TAIL_LINES = 200;

/** No container's share of the budget goes below 1 KiB (a stack trace's last lines). */
export const MIN_LIMIT_BYTES = 1024;

/**
 * The most pods a Job can leave behind to read logs from: its completions (or parallelism)
 * plus one more pod per allowed failure (`backoffLimit`, default 6).
 */
export function maxJobPods(job: JobManifest): number {
  const spec = job.spec;
  const completions = positive(spec.completions) ?? positive(spec.parallelism) ?? 1;
  const backoffLimit = typeof spec.backoffLimit === "number" ? spec.backoffLimit : 6;
  return completions + Math.max(0, backoffLimit);
}

/**
 * Default log options for a Job: `limitBytes` is the log budget (32 KiB) shared among
 * every container of every pod the Job can make (at least 1 KiB each), `tailLines` 200.
 * A Job with many pods gets less log per container rather than a failed execution
 * (`States.DataLimitExceeded`).
 */
export function defaultLogPlan(job: JobManifest): JobLogPlan {
  const podSpec = job.spec.template.spec as { containers: unknown[]; initContainers?: unknown };
  const containers =
    podSpec.containers.length +
    (Array.isArray(podSpec.initContainers) ? podSpec.initContainers.length : 0);
  const share = Math.floor(DEFAULT_LOG_BUDGET_BYTES / (maxJobPods(job) * containers));
  return {
    retrieve: true,
    raw: false,
    tailLines: DEFAULT_TAIL_LINES,
    limitBytes: Math.max(MIN_LIMIT_BYTES, share),
  };
}

function positive(value: unknown): number | undefined {
  return typeof value === "number" && Number.isInteger(value) && value > 0 ? value : undefined;
}

/**
 * A JobRunPlan from a parsed Job (`parseJobManifest`) and the run's choices; logs default
 * to `defaultLogPlan(job)`, and given caps replace the defaults one by one.
 *
 * @throws UserInputError (input `namespace`) when the Job names another namespace in its
 *   metadata: `eks:runJob` sends both and Kubernetes refuses a mismatch.
 */
export function planJobRun(options: {
  job: JobManifest;
  namespace: string;
  deleteJob: DeleteJobPolicy;
  logs?: Partial<JobLogPlan> | undefined;
}): JobRunPlan {
  const { job, namespace } = options;
  const own = job.metadata.namespace;
  if (own !== undefined && own !== namespace) {
    throw new UserInputError(
      "namespace",
      `is ${JSON.stringify(namespace)} but the Job's metadata.namespace is ${JSON.stringify(own)}`,
      "Remove metadata.namespace from the Job file, or run it in that namespace.",
    );
  }
  return {
    job,
    namespace,
    deleteJob: options.deleteJob,
    logs: { ...defaultLogPlan(job), ...definedOnly(options.logs ?? {}) },
  };
}

function definedOnly(logs: Partial<JobLogPlan>): Partial<JobLogPlan> {
  return Object.fromEntries(
    Object.entries(logs).filter(([, value]) => value !== undefined),
  ) as Partial<JobLogPlan>;
}
