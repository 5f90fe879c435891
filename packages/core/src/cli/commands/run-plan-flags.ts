// The flags that shape what a run creates (its Jobs, its definition, the role and what it
// is granted, a temporary cluster), shared by `eks-sfn run` and `eks-sfn plan` so that
// plan renders exactly what run would use: one list, one help text, one reader.
import { UserInputError } from "@eks-sfn/rbac";
import {
  CLI_RUN_INPUTS,
  DEFAULT_LOG_TAIL_LINES,
  DEFAULT_STATE_MACHINE_NAME,
  MAX_CLUSTER_TTL_MINUTES,
  MAX_LOG_TAIL_LINES,
  MAX_MAP_CONCURRENCY,
  MAX_POLL_SECONDS,
  MIN_CLUSTER_TTL_MINUTES,
  type RunInputNames,
  type RunPlanInput,
  type SourceText,
  splitJobDocuments,
} from "../../run/run-plan.ts";
import { type FlagSpec, type FlagValues, readFlagFile, stringFlag } from "../flags.ts";

export const RUN_PLAN_FLAGS = {
  job: { type: "string", multiple: true },
  jobs: { type: "string" },
  "max-concurrency": { type: "string" },
  definition: { type: "string" },
  "cluster-name": { type: "string" },
  "create-cluster": { type: "boolean" },
  "cluster-role-arn": { type: "string" },
  "node-role-arn": { type: "string" },
  "subnet-ids": { type: "string" },
  "kubernetes-version": { type: "string" },
  "node-instance-types": { type: "string" },
  "node-count": { type: "string" },
  "cluster-ttl-minutes": { type: "string" },
  "role-arn": { type: "string" },
  namespace: { type: "string" },
  "access-strategy": { type: "string" },
  username: { type: "string" },
  "state-machine-name": { type: "string" },
  polling: { type: "string" },
  timeout: { type: "string" },
  "delete-job": { type: "string" },
  "no-logs": { type: "boolean" },
  "log-tail-lines": { type: "string" },
  tags: { type: "string" },
  "run-id": { type: "string" },
} as const satisfies FlagSpec;

/** The help lines of RUN_PLAN_FLAGS, for both commands' `--help`. */
export const RUN_PLAN_HELP = `what to run:
  --job FILE                 a batch/v1 Job manifest (YAML or JSON); repeat it to run
                             several Jobs as a matrix (a Map state)
  --jobs FILE                several Jobs, one per YAML document (---), as a matrix
  --max-concurrency N        with several Jobs, how many run at once (0 to ${MAX_MAP_CONCURRENCY};
                             default 0: all)
  --definition FILE          your own state machine definition (ASL JSON)
  --polling sync|SECONDS     .sync (Step Functions polls every 60-300 s) or an eks:call
                             loop every SECONDS, 1 to ${MAX_POLL_SECONDS} (generated definitions;
                             default sync)
  --timeout DURATION         stop the run after this long (default 1h; 90s, 15m, 2h; at
                             most 168h); a polling definition gives up after it too
  --delete-job P             always | on-success | never (default: always)
  --no-logs                  do not read the Job's logs
  --log-tail-lines N         read only the last N lines of each log (1 to ${MAX_LOG_TAIL_LINES}, default ${DEFAULT_LOG_TAIL_LINES})
  --state-machine-name N     the state machine created or updated on AWS (default:
                             ${DEFAULT_STATE_MACHINE_NAME})
  --tags k=v,...             tags for what the run creates
  --run-id ID                names and labels what the run creates (default:
                             run-<time>-<random>)
a temporary cluster:
  --create-cluster           the state machine creates a temporary EKS cluster, runs the
                             Job on it, and deletes it (its role is the cluster's admin:
                             no grant)
    --cluster-name N         its name (default: eks-sfn-<run id>)
    --cluster-role-arn ARN   the cluster's IAM role
    --node-role-arn ARN      the node group's IAM role
    --subnet-ids ID,ID       at least two subnets in two Availability Zones
    --kubernetes-version V   such as 1.33 (default: EKS's)
    --node-instance-types T  default t3.medium
    --node-count N           1 to 100 (default 1)
    --cluster-ttl-minutes M  its eks-sfn.io/expires-at tag for eks-sfn sweep
                             (${MIN_CLUSTER_TTL_MINUTES} to ${MAX_CLUSTER_TTL_MINUTES}; default 120)
access:
  --role-arn ARN             the state machine's IAM role
  --namespace NS             where the Job runs (default: default)
  --access-strategy S        auto | access-entry | aws-auth | none (default: auto)
  --username U               Kubernetes user for the role (default: eks-sfn-<role name>-<8 hex>)`;

/** The run plan's fields named by this command line's flags. */
export const RUN_PLAN_FLAG_NAMES: RunInputNames = { ...CLI_RUN_INPUTS, retrieveLogs: "--no-logs" };

/**
 * The part of a RunPlanInput the plan-shaping flags give, with the Job and definition
 * files read (each refused when missing, unreadable or too large), and the flag names
 * for parseRunPlan's errors (`--jobs` when the Jobs came from one file).
 * @throws UserInputError naming the flag, before anything is called.
 */
export function runPlanInputFromFlags(values: FlagValues): {
  readonly input: RunPlanInput;
  readonly names: RunInputNames;
} {
  const s = (name: keyof typeof RUN_PLAN_FLAGS) => stringFlag(values, name);
  const jobPaths = (values.job as string[] | undefined) ?? [];
  const jobsPath = s("jobs");
  if (jobsPath !== undefined && jobPaths.length > 0) {
    throw new UserInputError(
      "--jobs",
      "cannot be used together with --job",
      "Give the Jobs either as repeated --job FILE or as one --jobs FILE with one Job per YAML document.",
    );
  }
  const jobs =
    jobsPath !== undefined
      ? splitJobDocuments({ text: readFlagFile("--jobs", jobsPath), source: jobsPath })
      : jobPaths.map((path) => ({ text: readFlagFile("--job", path), source: path }));
  const definitionPath = s("definition");
  const definition: SourceText | undefined =
    definitionPath === undefined
      ? undefined
      : { text: readFlagFile("--definition", definitionPath), source: definitionPath };
  return {
    input: {
      clusterName: s("cluster-name"),
      jobs,
      maxConcurrency: s("max-concurrency"),
      definition,
      createCluster: values["create-cluster"] === true,
      clusterRoleArn: s("cluster-role-arn"),
      nodeRoleArn: s("node-role-arn"),
      subnetIds: s("subnet-ids"),
      kubernetesVersion: s("kubernetes-version"),
      nodeInstanceTypes: s("node-instance-types"),
      nodeCount: s("node-count"),
      clusterTtlMinutes: s("cluster-ttl-minutes"),
      roleArn: s("role-arn"),
      namespace: s("namespace"),
      accessStrategy: s("access-strategy"),
      username: s("username"),
      stateMachineName: s("state-machine-name"),
      polling: s("polling"),
      timeout: s("timeout"),
      deletePolicy: s("delete-job"),
      retrieveLogs: values["no-logs"] !== true,
      logTailLines: s("log-tail-lines"),
      tags: s("tags"),
      runId: s("run-id"),
    },
    names:
      jobsPath !== undefined ? { ...RUN_PLAN_FLAG_NAMES, jobs: "--jobs" } : RUN_PLAN_FLAG_NAMES,
  };
}
