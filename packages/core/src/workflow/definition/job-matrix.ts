// Several Jobs in one execution: a Map over the Jobs with a concurrency cap, where one
// Job's failure neither stops the others nor hides their results.
//
// Why a per-item Catch and not ToleratedFailurePercentage: ToleratedFailurePercentage
// applies only to a Map in DISTRIBUTED mode (child executions, S3 results); in an INLINE
// Map the first failed item fails the Map and stops the items still running. Each item
// here catches its own error (deleting its Job by policy, as a single run does) and
// returns an outcome instead, so the Map always finishes with one outcome per Job; a
// Choice then fails the execution if any outcome is "failed".
import { type StateMachineDefinition, UserInputError } from "@eks-sfn/rbac";
import type { JobManifest } from "../../kube/job-manifest.ts";
import type { DeleteJobPolicy, JobLogPlan } from "./job-run-plan.ts";
import { type JobSource, logParameters, pollingJobStates, syncJobStates } from "./job-states.ts";
import { SUCCEEDED_STATE } from "./run-job.ts";

export interface JobMatrixItem {
  job: JobManifest;
  namespace: string;
  /** `tailLines` and `limitBytes` for this Job (`retrieve` and `raw` are the matrix's). */
  logs: JobLogPlan;
}

export interface JobMatrixPlan {
  jobs: readonly JobMatrixItem[];
  /** Jobs in flight at once (Map `MaxConcurrency`); 0 means no limit. */
  maxConcurrency: number;
  deleteJob: DeleteJobPolicy;
  /** `RetrieveLogs` and `RawLogs` for every Job. */
  logs: Pick<JobLogPlan, "retrieve" | "raw">;
  mode: { kind: "sync" } | { kind: "polling"; pollSeconds: number; maxPolls: number };
}

/** The error the execution fails with when at least one Job failed. */
export const JOBS_FAILED_ERROR = "EksSfn.JobsFailed";

/** The most Jobs one matrix runs: every state's data stays well under 256 KiB (FACTS.md). */
export const MAX_MATRIX_JOBS = 50;

/**
 * The most bytes the matrix's Jobs may take as JSON (the "List jobs" result, which every
 * state of the execution carries beside the outcomes): 96 KiB. With MAX_MATRIX_JOBS
 * outcomes of about 1 KiB (a Job's `.status`) and the cluster (about 4 KiB), the largest
 * state stays near 150 KiB, under the 256 KiB limit with margin.
 */
export const MATRIX_JOBS_LIMIT_BYTES = 96 * 1024;

/**
 * Refuses a matrix whose state data could pass Step Functions' 256 KiB limit: more than
 * MAX_MATRIX_JOBS Jobs, or Jobs over MATRIX_JOBS_LIMIT_BYTES as JSON together. A single
 * Job is not a matrix and is not checked here. Pure.
 * @throws UserInputError (named `input`, the front end's name for the Jobs) when so.
 */
export function checkMatrixSize(input: string, jobs: readonly JobManifest[]): void {
  if (jobs.length < 2) return;
  if (jobs.length > MAX_MATRIX_JOBS) {
    throw new UserInputError(
      input,
      `holds ${jobs.length} Jobs; a matrix runs at most ${MAX_MATRIX_JOBS} (every Job's outcome is gathered into one Step Functions state, at most 256 KiB)`,
      `Split the Jobs into runs of at most ${MAX_MATRIX_JOBS}.`,
    );
  }
  const bytes = jobs.reduce((sum, job) => sum + Buffer.byteLength(JSON.stringify(job), "utf8"), 0);
  if (bytes > MATRIX_JOBS_LIMIT_BYTES) {
    throw new UserInputError(
      input,
      `holds Jobs of ${bytes} bytes as JSON together; a matrix carries them in every state, so they may take at most ${MATRIX_JOBS_LIMIT_BYTES} bytes (Step Functions' limit is 256 KiB a state)`,
      "Make the Jobs smaller (move long scripts or data into a ConfigMap or the image), or split them into several runs.",
    );
  }
}

/**
 * A definition that runs every Job of `plan.jobs` in a Map (`MaxConcurrency`), each as
 * `.sync` or polling (job-states.ts), on the cluster in the execution input. Each item's
 * result is `{index, outcome: "succeeded", name, status}` or `{index, outcome: "failed",
 * error}`: no logs and no Cause, so the gathered outcomes stay small whatever the Jobs
 * print (each Job's logs are in its iteration's "Run job" output, its Cause in the
 * iteration's failure events). The output (on success) is `{outcomes: [...]}` in the
 * Jobs' order. If any Job failed the execution fails with `EksSfn.JobsFailed`; the Map
 * state's output in the history still lists every outcome. Pure.
 */
export function renderJobMatrixDefinition(plan: JobMatrixPlan): StateMachineDefinition {
  const logs: JobLogPlan = { ...plan.logs, tailLines: 0, limitBytes: 0 };
  const source: JobSource = {
    kind: "input",
    jobPath: "$.item.job",
    namespacePath: "$.item.namespace",
    logParametersPath: "$.item.logParameters",
    logs,
  };
  const exits = { succeeded: "Record success", failed: "Record failure" };
  const run =
    plan.mode.kind === "sync"
      ? syncJobStates({ source, deleteJob: plan.deleteJob, ...exits })
      : pollingJobStates({
          source,
          deleteJob: plan.deleteJob,
          ...exits,
          pollSeconds: plan.mode.pollSeconds,
          maxPolls: plan.mode.maxPolls,
          containers: { path: "$.item.containers" },
        });
  return {
    Comment: `Run ${plan.jobs.length} Jobs (${plan.mode.kind}), at most ${plan.maxConcurrency || "all"} at once; fail at the end if any failed.`,
    StartAt: "List jobs",
    States: {
      "List jobs": {
        Type: "Pass",
        Result: plan.jobs.map((item, index) => ({
          index,
          job: item.job as never,
          namespace: item.namespace,
          logParameters: logParameters(item.logs),
          containers: item.job.spec.template.spec.containers.map((container) => container.name),
        })),
        ResultPath: "$.matrix",
        Next: "Run jobs",
      },
      "Run jobs": {
        Type: "Map",
        ItemsPath: "$.matrix",
        ItemSelector: { "item.$": "$$.Map.Item.Value", "cluster.$": "$.cluster" },
        MaxConcurrency: plan.maxConcurrency,
        ItemProcessor: {
          StartAt: run.startAt,
          States: {
            ...run.states,
            // An outcome holds no logs and no Cause (a failed Job's Cause is the whole Job):
            // the Map gathers every outcome into one state, which must stay under 256 KiB.
            // Each Job's logs and Cause stay in its own iteration's events, where the
            // report reads them (report/task-results.ts).
            "Record success": {
              Type: "Pass",
              Parameters: {
                "index.$": "$.item.index",
                outcome: "succeeded",
                "name.$": "$.result.name",
                "status.$": "$.result.status",
              },
              End: true,
            },
            "Record failure": {
              Type: "Pass",
              Parameters: {
                "index.$": "$.item.index",
                outcome: "failed",
                "error.$": "$.error.Error",
              },
              End: true,
            },
          },
        },
        ResultPath: "$.outcomes",
        Next: "Summarise outcomes",
      },
      "Summarise outcomes": {
        Type: "Pass",
        Parameters: { "text.$": "States.JsonToString($.outcomes[*].outcome)" },
        ResultPath: "$.summary",
        Next: "Any job failed?",
      },
      "Any job failed?": {
        Type: "Choice",
        Choices: [
          {
            Variable: "$.summary.text",
            StringMatches: '*"failed"*',
            Next: "Some jobs failed",
          },
        ],
        Default: SUCCEEDED_STATE,
      },
      "Some jobs failed": {
        Type: "Fail",
        Error: JOBS_FAILED_ERROR,
        Cause:
          "At least one Job of the matrix failed; the \"Run jobs\" Map state's output lists each Job's outcome.",
      },
      [SUCCEEDED_STATE]: {
        Type: "Pass",
        Parameters: { "outcomes.$": "$.outcomes" },
        End: true,
      },
    },
  };
}
