// @eks-sfn/core: everything that talks to AWS and Kubernetes. Front ends (the
// action, the CLI, other tools) import from here only.
export {
  parseClusterName,
  parseNamespace,
  parseRoleArn,
  type RoleArn,
  UserInputError,
} from "@eks-sfn/rbac";
export {
  type AccessEntryGrantResult,
  deleteAccessEntry,
  disassociateAccessPolicy,
  grantAccessEntry,
} from "./access/access-entry-grant.ts";
export {
  ACCESS_STRATEGIES,
  type AccessPlan,
  type AccessRequest,
  type AccessStrategy,
  defaultUsername,
  JOB_RUNNER_GROUP,
  jobRunnerObjectName,
  planAccess,
} from "./access/access-plan.ts";
export {
  type AwsAuthGrantResult,
  grantAwsAuthMapping,
  type RetryOptions,
  revokeAwsAuthMapping,
} from "./access/aws-auth-grant.ts";
export { type GrantReport, grantJobRunner } from "./access/grant.ts";
export { type AppliedObject, applyRbacObject, undoRbacObject } from "./access/job-runner-rbac.ts";
export {
  findMappingProblems,
  type PreflightFinding,
  type PreflightReport,
  preflightAccess,
} from "./access/preflight.ts";
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
export { type RevokeReport, revokeGrant } from "./access/revoke.ts";
export { AwsRequestError } from "./aws/aws-request-error.ts";
export {
  ClusterDiscoveryError,
  type ClusterDiscoveryFailure,
} from "./cluster/cluster-discovery-error.ts";
export type { AuthenticationMode, ClusterEndpoint } from "./cluster/cluster-endpoint.ts";
export {
  CLUSTER_TARGET_INPUTS,
  type ClusterTarget,
  type ClusterTargetInput,
  type ClusterTargetInputNames,
  parseClusterTarget,
} from "./cluster/cluster-target.ts";
export {
  type ClusterUsability,
  checkClusterUsable,
  DEFAULT_CLUSTER_WAIT_MS,
  type DiscoverClusterOptions,
  discoverCluster,
  waitForClusterActive,
} from "./cluster/discover.ts";
export {
  type Clock,
  createEksToken,
  createEksTokenSource,
  type EksToken,
  type EksTokenSource,
  TOKEN_PREFIX,
  TOKEN_REFRESH_AFTER_MS,
} from "./cluster/token.ts";
export {
  type ClusterTaskName,
  type ClusterTaskOptions,
  EKS_API_ERROR_PREFIX,
} from "./engine/local/cluster-tasks.ts";
export { type EksHttpCause, TaskError } from "./engine/local/eks-error.ts";
export {
  createLocalEngine,
  DEFAULT_TASK_TIMEOUT_SECONDS,
  type LocalEngineOptions,
  type LocalEngineOverrides,
  STOP_DELETES_RUNNING_JOBS,
} from "./engine/local/local.ts";
export {
  FAILED_JOB_ERROR,
  LOG_PARSED_AS_WHOLE_TEXT,
  SYNC_RESULT_IS_WHOLE_JOB,
} from "./engine/local/run-job.ts";
export type { KubeIdentity, TaskContext, TaskHandler } from "./engine/local/task-handlers.ts";
export {
  createJob,
  deleteJob,
  type JobEnd,
  JobGoneError,
  type JobObject,
  type JobRef,
  jobEnd,
  type LogParameters,
  listJobPods,
  readJob,
  readPodLog,
  watchJobToEnd,
} from "./kube/job.ts";
export {
  kubeConfigForCluster,
  kubeConfigFromFile,
  kubeConfigWithTokenSource,
  type TokenSource,
} from "./kube/kube-client.ts";
export {
  KubeHttpError,
  type KubeResponse,
  kubeRequest,
  sendKubeRequest,
} from "./kube/kube-request.ts";
export { KubeRequestError, kubeStatusOf } from "./kube/kube-request-error.ts";
export { type Logger, maskingLogger, silentLogger } from "./log/logger.ts";
export { MASK, SecretMask } from "./log/secret-mask.ts";
// The pure part (parsers, plans, definitions), also on its own as "@eks-sfn/core/plan".
export * from "./plan.ts";
export {
  type BackoffPolicy,
  DEFAULT_BACKOFF,
  fullJitterDelay,
  realSleep,
  retryWithBackoff,
  type Sleep,
} from "./retry/backoff.ts";
