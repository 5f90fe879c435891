// Known causes of a failed run, named, with the fix: read from the execution's errors
// and causes (the EKS integration's `EKS.<status>` errors carry the Kubernetes Status in
// their Cause), the Jobs' conditions and the pods' states. Pure.
import { parseRoleArn } from "@eks-sfn/rbac";
import type { Advice, ExecutionReport, JobCondition } from "./execution-report.ts";

/** Significant digits a double keeps exactly (IEEE 754 binary64 round-trips 15; shows up to 17). */
export const DOUBLE_SIGNIFICANT_DIGITS = 15;

export interface AdviceInput {
  /** The report so far (its `advice` is ignored). */
  readonly report: Omit<ExecutionReport, "advice"> & { readonly advice?: readonly Advice[] };
  /** The execution output as JSON text, when the engine had it. */
  readonly outputText?: string | undefined;
  /**
   * The outputs of the states taken, when the engine had them (state-exited events): a
   * log parsed in one state may be gone from the execution's final output, as in the
   * article's definition, whose last state (an eks:call DELETE) replaces it.
   */
  readonly stateOutputs?: readonly unknown[] | undefined;
  /** The state machine's role ARN. */
  readonly roleArn?: string | undefined;
}

interface Failure {
  readonly error: string;
  readonly cause?: string | undefined;
}

/**
 * The advice that fits a report, each code once, in a stable order: `EKS.401` (role not
 * mapped; a role ARN with a path must be written without it in aws-auth), `EKS.403`
 * (which verb on which resource RBAC refused), `EKS.404`, `EKS.409` (Job name in use),
 * `States.DataLimitExceeded` (logs over 256 KiB), `States.Timeout`, a Job that failed
 * with `BackoffLimitExceeded` or `DeadlineExceeded`, pods in `ImagePullBackOff` /
 * `ErrImagePull` or `Unschedulable`, a container killed for going over its memory limit
 * (`OOMKilled`, the kubelet's reason), and a log parsed as a JSON number that lost digits
 * (in the output or in any state's output).
 */
export function adviseOn(input: AdviceInput): Advice[] {
  const { report } = input;
  const failures: Failure[] = [];
  if (report.error) failures.push({ error: report.error, cause: report.cause });
  for (const visit of report.path) {
    if (visit.error) failures.push({ error: visit.error, cause: visit.cause });
  }
  const advice = new Map<string, Advice>();
  const add = (item: Advice): void => {
    if (!advice.has(item.code)) advice.set(item.code, item);
  };

  for (const failure of failures) {
    for (const item of adviceForError(failure, input.roleArn)) add(item);
  }
  if (report.status === "TIMED_OUT") add(timeoutAdvice());

  const conditions: JobCondition[] = report.jobs.flatMap((job) => [...job.conditions]);
  for (const failure of failures) conditions.push(...jobConditionsInCause(failure.cause));
  for (const condition of conditions) {
    if (condition.type !== "Failed" || condition.status !== "True") continue;
    if (condition.reason === "BackoffLimitExceeded") {
      add({
        code: "job-backoff-limit-exceeded",
        title: "The Job failed: its pods failed more times than backoffLimit allows",
        fix: "Read the failing pod's exit code, reason and log in this report. Raise spec.backoffLimit (default 6) only for failures that a retry can fix.",
      });
    }
    if (condition.reason === "DeadlineExceeded") {
      add({
        code: "job-deadline-exceeded",
        title: "The Job ran longer than its activeDeadlineSeconds and was stopped",
        fix: "Raise spec.activeDeadlineSeconds, or make the work shorter; pods still running at the deadline were killed.",
      });
    }
  }

  for (const job of report.jobs) {
    for (const pod of job.pods) {
      for (const container of pod.containers) {
        if (container.reason === "ImagePullBackOff" || container.reason === "ErrImagePull") {
          add({
            code: "image-pull-failed",
            title: `Pod ${pod.name} cannot pull the image of container ${container.name} (${container.reason})`,
            fix: `Check the image name and tag${container.message ? ` (${container.message})` : ""}, that the nodes can reach the registry, and imagePullSecrets for a private one. An untagged or :latest image is pulled every time (imagePullPolicy Always).`,
          });
        }
        if (container.reason === "OOMKilled") {
          add({
            code: "container-oom-killed",
            title: `Container ${container.name} of pod ${pod.name} went over its memory limit and was killed (OOMKilled${container.exitCode === undefined ? "" : `, exit code ${container.exitCode}`})`,
            fix: "Raise the container's resources.limits.memory (and requests.memory with it), or make it use less memory; the kernel kills a container that goes over its limit.",
          });
        }
      }
      if (pod.reason === "Unschedulable") {
        add({
          code: "pod-unschedulable",
          title: `No node can run pod ${pod.name} (Unschedulable)`,
          fix: "Lower the pod's resource requests, check nodeSelector, affinity and tolerations against the nodes' labels and taints, or add nodes to the node group.",
        });
      }
    }
  }

  if (lostDigits(input)) {
    add({
      code: "log-lost-digits",
      title:
        "A container log was a number longer than a double holds: parsed as JSON, it lost digits",
      fix: 'Step Functions parses each log as JSON unless LogOptions.RawLogs is true: set "RawLogs": true to keep the log as text with every digit. A path into the parsed log (the article\'s $.logs..pi) then finds only text and fails with States.Runtime: select $.logs and read the number from the text.',
    });
  }
  return [...advice.values()];
}

function adviceForError(failure: Failure, roleArn: string | undefined): Advice[] {
  const { error } = failure;
  const message = kubernetesMessage(failure.cause);
  switch (error) {
    case "EKS.401": {
      const withoutPath = roleWithoutPath(roleArn);
      return [
        {
          code: "EKS.401",
          title: "The cluster did not accept the state machine's role (401 Unauthorized)",
          fix:
            withoutPath === undefined
              ? "Map the state machine's role in the cluster: an access entry, or a mapRoles entry in kube-system/aws-auth (eks-sfn rbac grant does either), then bind it with RBAC."
              : `The role has a path: aws-auth must name it without the path, as ${withoutPath} (access entries take the full ARN). Map it with eks-sfn rbac grant, then bind it with RBAC.`,
        },
      ];
    }
    case "EKS.403": {
      const refused = forbidden(message);
      return [
        {
          code: "EKS.403",
          title: refused
            ? `RBAC does not let ${refused.user} ${refused.verb} ${refused.resource}${refused.namespace ? ` in namespace ${refused.namespace}` : ""} (403 Forbidden)`
            : "Kubernetes RBAC refused the state machine's role (403 Forbidden)",
          fix: refused
            ? `Bind a Role that allows "${refused.verb}" on ${refused.group ? `${refused.group}/` : ""}${refused.resource}${refused.namespace ? ` in ${refused.namespace}` : ""} to ${refused.user}: eks-sfn rbac grant creates the job runner's Role and RoleBinding.`
            : "Bind the job runner's Role (jobs, pods, pods/log) to the role's Kubernetes user in the Job's namespace: eks-sfn rbac grant creates it.",
        },
      ];
    }
    case "EKS.404":
      return [
        {
          code: "EKS.404",
          title: `Kubernetes found no such object${message ? `: ${message}` : ""} (404 Not Found)`,
          fix: "Check that the namespace exists and the names in the definition; a Job deleted early (ttlSecondsAfterFinished, another cleanup) cannot be read afterwards.",
        },
      ];
    case "EKS.409":
      return [
        {
          code: "EKS.409",
          title: `A Job of that name already exists${message ? `: ${message}` : ""} (409 Conflict)`,
          fix: 'Step Functions does not delete finished Jobs: use metadata.generateName instead of metadata.name, or set the delete-job policy to "always".',
        },
      ];
    case "States.DataLimitExceeded":
      return [
        {
          code: "States.DataLimitExceeded",
          title: "A state's input or result passed the 256 KiB limit, most likely the Job's logs",
          fix: "Cap the logs: set log-tail-lines (LogOptions.LogParameters tailLines) or limitBytes, or turn RetrieveLogs off and read the logs from the cluster.",
        },
      ];
    case "States.Timeout":
      return [timeoutAdvice()];
    default:
      return [];
  }
}

function timeoutAdvice(): Advice {
  return {
    code: "States.Timeout",
    title: "The execution or a state ran past its TimeoutSeconds",
    fix: "Raise the timeout (the definition's TimeoutSeconds, or the run's timeout), or the Job's activeDeadlineSeconds if the Job itself is slow; .sync checks the Job only every 1 to 5 minutes, so allow for that.",
  };
}

function roleWithoutPath(roleArn: string | undefined): string | undefined {
  if (!roleArn) return undefined;
  try {
    const parsed = parseRoleArn("role-arn", roleArn);
    return parsed.path === "/" ? undefined : parsed.arnWithoutPath;
  } catch {
    return undefined;
  }
}

// The Kubernetes Status message in an EKS error's Cause:
// {"ResponseBody": {"kind": "Status", "message": ...}, "StatusCode": 403, ...}.
function kubernetesMessage(cause: string | undefined): string | undefined {
  if (!cause) return undefined;
  const parsed = parseJson(cause) as { ResponseBody?: unknown } | undefined;
  const body =
    typeof parsed?.ResponseBody === "string"
      ? parseJson(parsed.ResponseBody)
      : parsed?.ResponseBody;
  const message = (body as { message?: unknown } | undefined)?.message;
  return typeof message === "string" ? message : cause;
}

const FORBIDDEN =
  /User "(?<user>[^"]+)" cannot (?<verb>\w+) resource "(?<resource>[^"]+)" in API group "(?<group>[^"]*)"(?: in the namespace "(?<namespace>[^"]+)")?/;

function forbidden(
  message: string | undefined,
):
  | { user: string; verb: string; resource: string; group: string; namespace?: string | undefined }
  | undefined {
  const groups = message ? FORBIDDEN.exec(message)?.groups : undefined;
  if (!groups) return undefined;
  return {
    user: groups.user ?? "",
    verb: groups.verb ?? "",
    resource: groups.resource ?? "",
    group: groups.group ?? "",
    namespace: groups.namespace,
  };
}

// A failed Job handed over as the Cause (the local engine's States.TaskFailed, and the
// definitions' Catch paths): its status.conditions.
function jobConditionsInCause(cause: string | undefined): JobCondition[] {
  const parsed = cause
    ? (parseJson(cause) as { status?: { conditions?: unknown } } | undefined)
    : undefined;
  const conditions = parsed?.status?.conditions;
  if (!Array.isArray(conditions)) return [];
  return conditions.filter(
    (c): c is JobCondition =>
      typeof c === "object" &&
      c !== null &&
      typeof c.type === "string" &&
      typeof c.status === "string",
  );
}

function lostDigits(input: AdviceInput): boolean {
  const numbers = input.outputText ? numberLiterals(input.outputText) : [];
  if (numbers.some((literal) => significantDigits(literal) > 17)) return true;
  const outputNumbers = new Set<number>();
  collectNumbers(input.report.output, outputNumbers);
  for (const output of input.stateOutputs ?? []) collectNumbers(output, outputNumbers);
  for (const job of input.report.jobs) {
    for (const pod of job.pods) {
      for (const container of pod.containers) {
        const text = container.log?.trim();
        if (!text || container.logTruncated || !isJson(text)) continue;
        // A log that is JSON (a bare number, or an object such as the article's
        // `{ "pi": 3.14159... }`) is parsed by default: a number in it with more digits
        // than a double keeps, found again to double precision in the output (or a state's
        // output), lost them.
        for (const literal of numberLiterals(text)) {
          if (significantDigits(literal) <= DOUBLE_SIGNIFICANT_DIGITS) continue;
          if (outputNumbers.has(Number(literal))) return true;
        }
      }
    }
  }
  return false;
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

// Number literals of JSON text (strings skipped).
function numberLiterals(text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(/"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/g)) {
    if (!match[0].startsWith('"')) found.push(match[0]);
  }
  return found;
}

function significantDigits(literal: string): number {
  const mantissa = literal.replace(/^-/, "").replace(/[eE].*$/, "");
  const digits = mantissa.replace(".", "").replace(/^0+/, "");
  // Trailing zeros of an integer are not significant for a double; of a fraction they are written digits.
  return (mantissa.includes(".") ? digits : digits.replace(/0+$/, "")).length;
}

function collectNumbers(value: unknown, into: Set<number>): void {
  if (typeof value === "number") into.add(value);
  else if (Array.isArray(value)) for (const item of value) collectNumbers(item, into);
  else if (typeof value === "object" && value !== null) {
    for (const item of Object.values(value)) collectNumbers(item, into);
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
