// @eks-sfn/core/plan: the pure part of core (parsers, plans, definitions) for front ends
// that must start fast. It never imports the AWS SDK or @kubernetes/client-node, even
// through another module (plan.test.ts proves it), so checking inputs and rendering a
// definition loads in milliseconds; the effects come from "@eks-sfn/core" later.
// This is the one list of the pure exports: index.ts re-exports it whole.
export {
  parseClusterName,
  parseNamespace,
  parseRoleArn,
  parseStateMachineName,
  type RoleArn,
  UserInputError,
} from "@eks-sfn/rbac";
export {
  ACCESS_STRATEGIES,
  type AccessPlan,
  type AccessRequest,
  type AccessStrategy,
  defaultUsername,
  JOB_RUNNER_GROUP,
  jobRunnerObjectName,
  planAccess,
  roleIdentityHash,
} from "./access/access-plan.ts";
export {
  createReceiptRecorder,
  type GrantChange,
  type GrantReceipt,
  type GrantStrategy,
  type KubeObjectRef,
  parseReceipt,
  type ReceiptEntry,
  type ReceiptRecorder,
  type ReceiptWriter,
} from "./access/receipt.ts";
export {
  CLUSTER_TARGET_INPUTS,
  type ClusterTarget,
  type ClusterTargetInput,
  type ClusterTargetInputNames,
  parseClusterTarget,
  parseTags,
} from "./cluster/cluster-target.ts";
export type { EngineName } from "./engine/engine.ts";
export {
  type JobManifest,
  MAX_JOB_MANIFEST_ALIASES,
  MAX_JOB_MANIFEST_BYTES,
  parseJobManifest,
} from "./kube/job-manifest.ts";
export { MASK, SecretMask } from "./log/secret-mask.ts";
export type {
  Advice,
  ContainerReport,
  ExecutionReport,
  JobCondition,
  JobReport,
  PodReport,
  StateVisit,
} from "./report/execution-report.ts";
export {
  createLedgerRecorder,
  fileLedgerWriter,
  type LedgerRecorder,
  type LedgerWriter,
  parseLedger,
  type RunLedger,
} from "./run/ledger.ts";
export { type PlanFiles, renderPlanFiles } from "./run/plan-files.ts";
export {
  CLI_RUN_INPUTS,
  DEFAULT_STATE_MACHINE_NAME,
  DEFAULT_TIMEOUT_MS,
  DELETE_POLICIES,
  type DeletePolicy,
  ENGINES,
  MAX_CLUSTER_TTL_MINUTES,
  MAX_LOG_TAIL_LINES,
  MAX_MAP_CONCURRENCY,
  MAX_POLL_SECONDS,
  MIN_CLUSTER_TTL_MINUTES,
  newRunId,
  type Polling,
  parseDurationMs,
  parsePolling,
  parseRunPlan,
  type RunClusterTarget,
  type RunInputNames,
  type RunPlan,
  type RunPlanInput,
  type SourceText,
  type StateMachineChoice,
} from "./run/run-plan.ts";
export {
  type BringYourOwn,
  type ClusterInput,
  parseDefinitionFile,
  parseStateMachineArn,
  renderExecutionInput,
} from "./workflow/definition/bring-your-own.ts";
export {
  JOBS_FAILED_ERROR,
  type JobMatrixItem,
  type JobMatrixPlan,
  renderJobMatrixDefinition,
} from "./workflow/definition/job-matrix.ts";
export {
  DEFAULT_LOG_BUDGET_BYTES,
  DEFAULT_TAIL_LINES,
  DELETE_JOB_POLICIES,
  type DeleteJobPolicy,
  defaultLogPlan,
  type JobLogPlan,
  type JobRunPlan,
  MIN_LIMIT_BYTES,
  maxJobPods,
  planJobRun,
  TASK_RESULT_LIMIT_BYTES,
} from "./workflow/definition/job-run-plan.ts";
export {
  CLUSTER_PARAMETERS,
  EKS_CALL,
  JOB_DEADLINE_ERROR,
  JOB_FAILED_ERROR,
  JOB_JSON_CAUSE_PATTERN,
  JOB_NAME_IN_RESULT,
  RETHROWN_STATES_ERROR_PREFIX,
  RUN_JOB,
  RUN_JOB_SYNC,
} from "./workflow/definition/job-states.ts";
export {
  FAILED_STATE,
  renderRunJobDefinition,
  SUCCEEDED_STATE,
} from "./workflow/definition/run-job.ts";
export {
  DEFAULT_POLL_SECONDS,
  maxPolls,
  type PollingJobRunPlan,
  renderPollingRunJobDefinition,
} from "./workflow/definition/run-job-polling.ts";
export {
  CLUSTER_NOT_DELETED_ERROR,
  CREATE_CLUSTER_STATE,
  DELETE_CLUSTER_STATE,
  DELETE_NODEGROUP_STATE,
  type JobRun,
  NODEGROUP_NAME,
  renderTemporaryClusterDefinition,
  renderTemporaryClusterInput,
  type TemporaryClusterInput,
  type TemporaryClusterPlan,
} from "./workflow/definition/temporary-cluster.ts";
export {
  EXECUTION_NAME_MAX_LENGTH,
  executionNameForRun,
  executionNameFrom,
  type GitHubRunIdentity,
  isValidExecutionName,
  parseExecutionName,
} from "./workflow/execution-name.ts";
export type { ExecutionStatus, ProgressEvent } from "./workflow/progress-event.ts";
