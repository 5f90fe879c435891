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
  roleIdentityHash,
} from "./access/access-plan.ts";
export {
  type AwsAuthGrantResult,
  type AwsAuthRevokeOutcome,
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
  type PreflightStatus,
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
export { type RevokeReport, type RevokeStep, revokeGrant } from "./access/revoke.ts";
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
  type AwsEngine,
  type AwsEngineOptions,
  type AwsExecutionHandle,
  CANCELLED_ERROR,
  createAwsEngine,
  RUN_TIMEOUT_ERROR,
} from "./engine/aws.ts";
export type {
  Engine,
  EngineName,
  ExecutionHandle,
  ExecutionOutcome,
  StartExecutionRequest,
} from "./engine/engine.ts";
export {
  kubeConfigForCluster,
  kubeConfigFromFile,
  kubeConfigWithTokenSource,
  type TokenSource,
} from "./kube/kube-client.ts";
export { KubeRequestError, kubeStatusOf } from "./kube/kube-request-error.ts";
export { type Logger, maskingLogger, silentLogger } from "./log/logger.ts";
export { MASK, SecretMask } from "./log/secret-mask.ts";
// The pure part (parsers, plans, definitions), also on its own as "@eks-sfn/core/plan".
export * from "./plan.ts";
export { type AdviceInput, adviseOn } from "./report/advice.ts";
export {
  type BuildReportInput,
  buildExecutionReport,
  capTail,
  DEFAULT_LOG_CAP_BYTES,
  type JobSnapshot,
  jobReport,
} from "./report/build-report.ts";
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
  describePreflightFinding,
  type PreflightFindingText,
  renderGrantReport,
  renderPreflightReport,
  renderRevokeReport,
} from "./report/render-access.ts";
export { renderReportMermaid } from "./report/render-mermaid.ts";
export { type RenderTextOptions, renderReportText } from "./report/render-text.ts";
export {
  type BackoffPolicy,
  DEFAULT_BACKOFF,
  fullJitterDelay,
  realSleep,
  retryWithBackoff,
  type Sleep,
} from "./retry/backoff.ts";
export type { RunLedger } from "./run/ledger.ts";
export { systemClock } from "./time/clock.ts";
export {
  EXECUTION_NAME_MAX_LENGTH,
  executionNameForRun,
  executionNameFrom,
  type GitHubRunIdentity,
  isValidExecutionName,
  parseExecutionName,
} from "./workflow/execution-name.ts";
export {
  BRANCH_FAILED,
  createHistoryMapper,
  createHistoryReader,
  HISTORY_MAX_PAGE_SIZE,
  type HistoryMapper,
  type HistoryReader,
} from "./workflow/history.ts";
export type { ExecutionStatus, ProgressEvent } from "./workflow/progress-event.ts";
export { executionArnFor, type StartedExecution, startExecution } from "./workflow/start.ts";
export {
  canonicalJson,
  type EnsuredStateMachine,
  type EnsureStateMachineRequest,
  ensureStateMachine,
} from "./workflow/state-machine.ts";
export {
  redriveExecution,
  STOP_CAUSE_MAX_LENGTH,
  STOP_ERROR_MAX_LENGTH,
  type StopResult,
  stopExecution,
} from "./workflow/stop.ts";
export {
  type ExecutionWatch,
  FINAL_HISTORY_READS,
  isThrottleOrServerError,
  outcomeOf,
  WATCH_BACKOFF,
  type WatchExecutionOptions,
  WatchTimeoutError,
  watchExecution,
} from "./workflow/watch.ts";
export {
  boundedSchedule,
  CALLS_PER_MINUTE_BUDGET,
  CALLS_PER_POLL,
  DEFAULT_WATCH_SCHEDULE,
  MIN_FACTOR,
  MIN_STEADY_INTERVAL_MS,
  pollDelayMs,
  type WatchSchedule,
} from "./workflow/watch-schedule.ts";
