// The states that run one Job and delete it by policy, shared by every definition: `.sync`
// or fast polling, each ending in a "succeeded" or a "failed" state the caller names, so
// a definition can end there (run-job) or go on to teardown (temporary-cluster) or to the
// next item's outcome (job-matrix).
import type { PayloadTemplate, State } from "@eks-sfn/rbac";
import type { JobManifest } from "../../kube/job-manifest.ts";
import type { JobLogPlan, JobRunPlan } from "./job-run-plan.ts";

export const RUN_JOB_SYNC = "arn:aws:states:::eks:runJob.sync";
export const RUN_JOB = "arn:aws:states:::eks:runJob";
export const EKS_CALL = "arn:aws:states:::eks:call";

/** The cluster fields, read from the article's input shape `{"cluster": {name, ca, endpoint}}`. */
export const CLUSTER_PARAMETERS: PayloadTemplate = {
  "ClusterName.$": "$.cluster.name",
  "CertificateAuthority.$": "$.cluster.ca",
  "Endpoint.$": "$.cluster.endpoint",
};

/**
 * Modelled, unconfirmed (FACTS.md): the `.sync` result and the request-response
 * `eks:runJob` result are the Job as Kubernetes returned it, so its name is here. Reading
 * the name from the result rather than the plan is what lets `metadata.generateName` work.
 */
export const JOB_NAME_IN_RESULT = "$.metadata.name";

/**
 * Where the created Job's uid is in the `eks:runJob` result (same model as
 * JOB_NAME_IN_RESULT). The polling definition finds the Job's pods by the
 * `batch.kubernetes.io/controller-uid` label Kubernetes puts on them, not by the Job's
 * name: pods an earlier Job of the same name orphaned (a DELETE without
 * `propagationPolicy`) carry the same `job-name` label and would be read as this Job's.
 */
export const JOB_UID_IN_RESULT = "$.metadata.uid";

/**
 * Modelled, unconfirmed (FACTS.md): a Job that ends Failed fails `.sync` with the final Job
 * as JSON in `Cause`. When the Cause starts like this, the failed Job's name is read from it.
 */
export const JOB_JSON_CAUSE_PATTERN = '{"apiVersion":"batch/v1"*';

export interface StatesFragment {
  startAt: string;
  states: Record<string, State>;
}

/** Where the Job comes from: the plan (one Job, in the definition) or each Map item's input. */
export type JobSource =
  | { kind: "plan"; job: JobManifest; namespace: string; logs: JobLogPlan }
  | {
      kind: "input";
      /** Path of the Job, the namespace and the LogParameters in the state input. */
      jobPath: string;
      namespacePath: string;
      logParametersPath: string;
      logs: JobLogPlan;
    };

export interface JobStatesOptions {
  source: JobSource;
  deleteJob: JobRunPlan["deleteJob"];
  /** The state after success; `$.result` holds `{name, status, logs?}`. */
  succeeded: string;
  /** The state after failure; `$.error` holds the first error's `{Error, Cause}`. */
  failed: string;
}

/** `LogParameters` of the read-log API, as runJob's `LogOptions` takes them (string lists). */
export function logParameters(logs: JobLogPlan): Record<string, string[]> {
  return { tailLines: [String(logs.tailLines)], limitBytes: [String(logs.limitBytes)] };
}

function jobParameters(source: JobSource): PayloadTemplate {
  return source.kind === "plan"
    ? { Namespace: source.namespace, Job: source.job as unknown as PayloadTemplate }
    : { "Namespace.$": source.namespacePath, "Job.$": source.jobPath };
}

/** The Job's name: known in the plan, or read at a path of the state input. */
type JobName = { known: string } | { path: string };

function namespaceArgument(source: JobSource): string {
  return source.kind === "plan" ? `'${source.namespace}'` : source.namespacePath;
}

function jobPathParameters(source: JobSource, name: JobName): PayloadTemplate {
  if ("known" in name && source.kind === "plan") {
    return { Path: `/apis/batch/v1/namespaces/${source.namespace}/jobs/${name.known}` };
  }
  const nameArgument = "known" in name ? `'${name.known}'` : name.path;
  return {
    "Path.$": `States.Format('/apis/batch/v1/namespaces/{}/jobs/{}', ${namespaceArgument(source)}, ${nameArgument})`,
  };
}

/** The plan's `metadata.name`, else the given path (generateName, or a matrix item's Job). */
function jobName(source: JobSource, path: string): JobName {
  const known = source.kind === "plan" ? source.job.metadata.name : undefined;
  return known === undefined ? { path } : { known };
}

const CATCH_ALL = ["States.ALL"];

/** `eks:call` DELETE of the Job, Foreground so its pods go too; a Job already gone is fine. */
function deleteJobState(
  source: JobSource,
  name: JobName,
  next: string,
  onError: { next: string; resultPath: string },
): State {
  return {
    Type: "Task",
    Resource: EKS_CALL,
    Parameters: {
      ...CLUSTER_PARAMETERS,
      Method: "DELETE",
      ...jobPathParameters(source, name),
      QueryParameters: { propagationPolicy: ["Foreground"] },
    },
    ResultPath: null,
    Retry: [
      {
        ErrorEquals: ["EKS.429", "EKS.500", "EKS.502", "EKS.503", "EKS.504"],
        IntervalSeconds: 2,
        MaxAttempts: 3,
        BackoffRate: 2,
      },
    ],
    Catch: [
      { ErrorEquals: ["EKS.404"], Next: next, ResultPath: null },
      { ErrorEquals: CATCH_ALL, Next: onError.next, ResultPath: onError.resultPath },
    ],
    Next: next,
  };
}

/**
 * The failure path: delete the Job (when the policy is `always`) and go to `failed` with
 * the first error kept at `$.error`. A failed delete is kept at `$.deleteError`.
 *
 * The name of the failed Job: the plan's `metadata.name`; otherwise (generateName, a
 * matrix item) the name read when the Job was created (`nameFromCreate`), or, for `.sync`,
 * the failed Job in the error's Cause (JOB_JSON_CAUSE_PATTERN); with neither, nothing is
 * deleted here and the run's cleanup deletes it.
 */
function failurePath(
  options: JobStatesOptions,
  entry: string,
  nameFromCreate: string | undefined,
): Record<string, State> {
  const { source, deleteJob, failed } = options;
  if (deleteJob !== "always") {
    return { [entry]: { Type: "Pass", Next: failed } };
  }
  const onError = { next: failed, resultPath: "$.deleteError" };
  if (source.kind === "plan" && source.job.metadata.name !== undefined) {
    return {
      [entry]: deleteJobState(source, { known: source.job.metadata.name }, failed, onError),
    };
  }
  if (nameFromCreate !== undefined) {
    return { [entry]: deleteJobState(source, { path: nameFromCreate }, failed, onError) };
  }
  return {
    [entry]: {
      Type: "Choice",
      Comment: "Only a Job that ended Failed comes back as JSON in the Cause.",
      Choices: [
        {
          And: [
            { Variable: "$.error.Cause", IsPresent: true },
            { Variable: "$.error.Cause", StringMatches: JOB_JSON_CAUSE_PATTERN },
          ],
          Next: "Read failed job",
        },
      ],
      Default: failed,
    },
    "Read failed job": {
      Type: "Pass",
      Parameters: { "job.$": "States.StringToJson($.error.Cause)" },
      ResultPath: "$.failedJob",
      Next: "Delete failed job",
    },
    "Delete failed job": deleteJobState(
      source,
      { path: "$.failedJob.job.metadata.name" },
      failed,
      onError,
    ),
  };
}

/**
 * Run the Job with `eks:runJob.sync` (Step Functions polls it every 1 to 5 minutes), then
 * delete it by policy. `$.result` gets `{name, status, logs}`; a `Catch` on `States.ALL`
 * deletes the Job (policy `always`) and goes to `failed` with the error at `$.error`.
 */
export function syncJobStates(options: JobStatesOptions): StatesFragment {
  const { source, deleteJob, succeeded, failed } = options;
  const logs = source.logs;
  const deleteOnSuccess = deleteJob !== "never";
  const states: Record<string, State> = {
    "Run job": {
      Type: "Task",
      Resource: RUN_JOB_SYNC,
      Parameters: {
        ...CLUSTER_PARAMETERS,
        ...jobParameters(source),
        LogOptions: {
          RetrieveLogs: logs.retrieve,
          RawLogs: logs.raw,
          ...(source.kind === "plan"
            ? { LogParameters: logParameters(logs) }
            : { "LogParameters.$": source.logParametersPath }),
        },
      },
      ResultSelector: {
        "name.$": JOB_NAME_IN_RESULT,
        "status.$": "$.status",
        ...(logs.retrieve ? { "logs.$": "$.logs" } : {}),
      },
      ResultPath: "$.result",
      Catch: [{ ErrorEquals: CATCH_ALL, Next: "Job failed", ResultPath: "$.error" }],
      Next: deleteOnSuccess ? "Delete job" : succeeded,
    },
    ...(deleteOnSuccess
      ? {
          "Delete job": deleteJobState(source, jobName(source, "$.result.name"), succeeded, {
            next: failed,
            resultPath: "$.error",
          }),
        }
      : {}),
    ...failurePath(options, "Job failed", undefined),
  };
  return { startAt: "Run job", states };
}

export interface PollingOptions extends JobStatesOptions {
  /** Seconds between two reads of the Job. */
  pollSeconds: number;
  /** Reads before the loop gives up: the deadline divided by `pollSeconds`, rounded up. */
  maxPolls: number;
  /** The Job's container names, whose logs are read; or their path in the state input. */
  containers: readonly string[] | { path: string };
}

/** The error a polling loop ends with when the deadline passes before the Job ends. */
export const JOB_DEADLINE_ERROR = "EksSfn.JobDeadlineExceeded";
/** The error a polling loop ends with when the Job has a `Failed` condition. */
export const JOB_FAILED_ERROR = "EksSfn.JobFailed";

/**
 * Create the Job with request-response `eks:runJob`, then loop `Wait` -> `eks:call` GET ->
 * a Choice on the Job's conditions (FACTS.md "Deciding a Job's end inside a definition":
 * `States.JsonToString` of the status, then `StringMatches`), at most `maxPolls` times;
 * then read each pod's container logs with `eks:call` GET on `pods/log` (capped like
 * `.sync`), best-effort. `$.result` gets `{name, status, logs: {pods: [{name, containers:
 * [{name, log}]}]}}`: pods and containers are lists, not keyed by name as `.sync` does,
 * because a JSONPath definition cannot make object keys from data; a log that could not
 * be read has `error` and `cause` instead of `log`, as with `.sync`.
 */
export function pollingJobStates(options: PollingOptions): StatesFragment {
  const { source, deleteJob, succeeded, failed, pollSeconds, maxPolls, containers } = options;
  const logs = source.logs;
  const afterSuccess = deleteJob === "never" ? succeeded : "Delete job";
  const afterLogs = afterSuccess;
  const states: Record<string, State> = {
    "Create job": {
      Type: "Task",
      Resource: RUN_JOB,
      Parameters: { ...CLUSTER_PARAMETERS, ...jobParameters(source) },
      ResultSelector: { "name.$": JOB_NAME_IN_RESULT, "uid.$": JOB_UID_IN_RESULT },
      ResultPath: "$.job",
      Catch: [{ ErrorEquals: CATCH_ALL, Next: failed, ResultPath: "$.error" }],
      Next: "Start polling",
    },
    "Start polling": {
      Type: "Pass",
      Result: { count: 0 },
      ResultPath: "$.polls",
      Next: "Wait for job",
    },
    "Wait for job": { Type: "Wait", Seconds: pollSeconds, Next: "Read job" },
    "Read job": {
      Type: "Task",
      Resource: EKS_CALL,
      Parameters: {
        ...CLUSTER_PARAMETERS,
        Method: "GET",
        ...jobPathParameters(source, { path: "$.job.name" }),
      },
      ResultSelector: {
        "name.$": "$.ResponseBody.metadata.name",
        "status.$": "$.ResponseBody.status",
      },
      ResultPath: "$.result",
      Retry: [{ ErrorEquals: CATCH_ALL, IntervalSeconds: 2, MaxAttempts: 3, BackoffRate: 2 }],
      Catch: [{ ErrorEquals: CATCH_ALL, Next: "Job failed", ResultPath: "$.error" }],
      Next: "Read job status",
    },
    "Read job status": {
      Type: "Pass",
      Parameters: {
        "text.$": "States.JsonToString($.result.status)",
        "count.$": "States.MathAdd($.polls.count, 1)",
      },
      ResultPath: "$.polls",
      Next: "Job ended?",
    },
    "Job ended?": {
      Type: "Choice",
      Choices: [
        { Variable: "$.polls.text", StringMatches: '*"type":"Complete"*', Next: "Find pods" },
        {
          Variable: "$.polls.text",
          StringMatches: '*"type":"Failed"*',
          Next: "Job condition failed",
        },
        {
          Variable: "$.polls.count",
          NumericGreaterThanEquals: maxPolls,
          Next: "Job deadline passed",
        },
      ],
      Default: "Wait for job",
    },
    "Job condition failed": {
      Type: "Pass",
      Parameters: { Error: JOB_FAILED_ERROR, "Cause.$": "$.polls.text" },
      ResultPath: "$.error",
      Next: "Job failed",
    },
    "Job deadline passed": {
      Type: "Pass",
      Parameters: {
        Error: JOB_DEADLINE_ERROR,
        "Cause.$": `States.Format('The Job did not end within {} polls of ${pollSeconds} s: {}', $.polls.count, $.polls.text)`,
      },
      ResultPath: "$.error",
      Next: "Job failed",
    },
    "Find pods": {
      Type: "Task",
      Resource: EKS_CALL,
      Parameters: {
        ...CLUSTER_PARAMETERS,
        Method: "GET",
        "Path.$": `States.Format('/api/v1/namespaces/{}/pods', ${namespaceArgument(source)})`,
        QueryParameters: {
          "labelSelector.$":
            "States.Array(States.Format('batch.kubernetes.io/controller-uid={}', $.job.uid))",
        },
      },
      ResultSelector: { "pods.$": "$.ResponseBody.items[*].metadata.name" },
      ResultPath: "$.pods",
      Catch: [{ ErrorEquals: CATCH_ALL, Next: afterLogs, ResultPath: "$.logError" }],
      Next: "Read logs",
    },
    "Read logs": {
      Type: "Map",
      ItemsPath: "$.pods.pods",
      ItemSelector: {
        "pod.$": "$$.Map.Item.Value",
        ...(source.kind === "plan"
          ? { namespace: source.namespace }
          : { "namespace.$": source.namespacePath }),
        ...(Array.isArray(containers)
          ? { containers: [...containers] }
          : { "containers.$": (containers as { path: string }).path }),
        ...(source.kind === "plan"
          ? { logParameters: logParameters(logs) }
          : { "logParameters.$": source.logParametersPath }),
        "cluster.$": "$.cluster",
      },
      MaxConcurrency: 5,
      ItemProcessor: {
        StartAt: "Read pod logs",
        States: {
          "Read pod logs": {
            Type: "Map",
            ItemsPath: "$.containers",
            ItemSelector: {
              "container.$": "$$.Map.Item.Value",
              "pod.$": "$.pod",
              "namespace.$": "$.namespace",
              "logParameters.$": "$.logParameters",
              "cluster.$": "$.cluster",
            },
            MaxConcurrency: 1,
            ItemProcessor: {
              StartAt: "Read container log",
              States: {
                "Read container log": {
                  Type: "Task",
                  Resource: EKS_CALL,
                  Parameters: {
                    ...CLUSTER_PARAMETERS,
                    Method: "GET",
                    "Path.$":
                      "States.Format('/api/v1/namespaces/{}/pods/{}/log', $.namespace, $.pod)",
                    QueryParameters: {
                      "container.$": "States.Array($.container)",
                      "tailLines.$": "$.logParameters.tailLines",
                      "limitBytes.$": "$.logParameters.limitBytes",
                    },
                  },
                  ResultSelector: { "log.$": "$.ResponseBody" },
                  ResultPath: "$.read",
                  Catch: [
                    {
                      ErrorEquals: CATCH_ALL,
                      Next: "Container log not read",
                      ResultPath: "$.read",
                    },
                  ],
                  Next: "Container log read",
                },
                "Container log read": {
                  Type: "Pass",
                  Parameters: { "name.$": "$.container", "log.$": "$.read.log" },
                  End: true,
                },
                "Container log not read": {
                  Type: "Pass",
                  Parameters: {
                    "name.$": "$.container",
                    "error.$": "$.read.Error",
                    "cause.$": "$.read.Cause",
                  },
                  End: true,
                },
              },
            },
            ResultPath: "$.containers",
            Next: "Pod logs read",
          },
          "Pod logs read": {
            Type: "Pass",
            Parameters: { "name.$": "$.pod", "containers.$": "$.containers" },
            End: true,
          },
        },
      },
      ResultPath: "$.result.logs.pods",
      Catch: [{ ErrorEquals: CATCH_ALL, Next: afterLogs, ResultPath: "$.logError" }],
      Next: afterLogs,
    },
    ...(deleteJob === "never"
      ? {}
      : {
          "Delete job": deleteJobState(source, { path: "$.job.name" }, succeeded, {
            next: failed,
            resultPath: "$.error",
          }),
        }),
    ...failurePath(options, "Job failed", "$.job.name"),
  };
  return { startAt: "Create job", states };
}

/**
 * A Fail state cannot re-raise a Step Functions error (`States.*`): the ASL spec reserves
 * the prefix for Step Functions, and moto refuses it at run time ("Custom Error Names MUST
 * NOT begin with the prefix 'States.'"). Such an error ends the execution as
 * `EksSfn.<original>` (`EksSfn.States.Timeout`) with the original Cause; any other error
 * (`EKS.403`, `EksSfn.JobFailed`) ends it unchanged.
 */
export const RETHROWN_STATES_ERROR_PREFIX = "EksSfn.";

/**
 * The end of a failed run: `entry` is a Choice that fails with `$.error` as it was
 * caught, or renamed by RETHROWN_STATES_ERROR_PREFIX when it is a `States.*` error.
 */
export function failWithCaughtError(entry: string): Record<string, State> {
  return {
    [entry]: {
      Type: "Choice",
      Choices: [
        {
          Variable: "$.error.Error",
          StringMatches: "States.*",
          Next: `${entry} in Step Functions`,
        },
      ],
      Default: `${entry} with the error`,
    },
    [`${entry} with the error`]: {
      Type: "Fail",
      ErrorPath: "$.error.Error",
      CausePath: "$.error.Cause",
    },
    [`${entry} in Step Functions`]: {
      Type: "Fail",
      ErrorPath: `States.Format('${RETHROWN_STATES_ERROR_PREFIX}{}', $.error.Error)`,
      CausePath: "$.error.Cause",
    },
  };
}
