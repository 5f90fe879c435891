// @eks-sfn/core: everything that talks to AWS and Kubernetes. Front ends (the
// action, the CLI, other tools) import from here only. The pure part is listed once,
// in plan.ts, and re-exported whole below: add a pure (no SDK) export there, not here.
export {
  type AccessEntryGrantResult,
  deleteAccessEntry,
  disassociateAccessPolicy,
  grantAccessEntry,
} from "./access/access-entry-grant.ts";
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
  preflightRequestError,
} from "./access/preflight.ts";
export {
  RevokeIncompleteError,
  type RevokeReport,
  type RevokeStep,
  revokeGrant,
} from "./access/revoke.ts";
export { AwsRequestError } from "./aws/aws-request-error.ts";
export {
  ClusterDiscoveryError,
  type ClusterDiscoveryFailure,
} from "./cluster/cluster-discovery-error.ts";
export type { AuthenticationMode, ClusterEndpoint } from "./cluster/cluster-endpoint.ts";
export {
  type ClusterUsability,
  checkClusterUsable,
  DEFAULT_CLUSTER_WAIT_MS,
  type DiscoverClusterOptions,
  discoverCluster,
  waitForClusterActive,
} from "./cluster/discover.ts";
export {
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
  ExecutionHandle,
  ExecutionOutcome,
  StartExecutionRequest,
} from "./engine/engine.ts";
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
  type ClusterConnection,
  type ConnectInputNames,
  type ConnectTarget,
  clusterClientAs,
  connectToCluster,
} from "./kube/connect.ts";
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
export {
  isTransientKubeError,
  KUBE_BACKOFF,
  type KubeRetryOptions,
  retryAfterMs,
  retryKube,
} from "./kube/kube-retry.ts";
export { type Logger, maskingLogger, silentLogger } from "./log/logger.ts";
// The pure part (parsers, plans, definitions), also on its own as "@eks-sfn/core/plan".
export * from "./plan.ts";
export { type AdviceInput, adviseOn } from "./report/advice.ts";
export {
  type BuildReportInput,
  briefCause,
  buildExecutionReport,
  capTail,
  DEFAULT_LOG_CAP_BYTES,
  type JobSnapshot,
  jobReport,
} from "./report/build-report.ts";
export {
  describePreflightFinding,
  type PreflightFindingText,
  renderGrantReport,
  renderPreflightReport,
  renderRevokeReport,
} from "./report/render-access.ts";
export { renderReportMermaid } from "./report/render-mermaid.ts";
export { type RenderTextOptions, renderReportText } from "./report/render-text.ts";
export { jobInCause, jobsFromEvents, mergeSnapshots } from "./report/task-results.ts";
export {
  type BackoffPolicy,
  DEFAULT_BACKOFF,
  fullJitterDelay,
  realSleep,
  retryWithBackoff,
  type Sleep,
} from "./retry/backoff.ts";
export {
  type CleanUpClients,
  type CleanUpReport,
  type CleanUpStep,
  cleanUp,
  NODEGROUP_DELETE_WAIT_S,
  RUN_ID_LABEL,
} from "./run/clean-up.ts";
export {
  type AwsContext,
  ENGINE_BUILDERS,
  type EngineContext,
  engineFor,
  stateMachineName,
} from "./run/engine-for.ts";
export { clusterInput, generatedDefinition } from "./run/generated-definition.ts";
export {
  createLogFollower,
  FOLLOW_SETTLE_MS,
  FOLLOW_STREAM_CAP_BYTES,
  type FollowedLine,
  type LogFollower,
} from "./run/log-follower.ts";
export { type PodTracker, trackJobPods } from "./run/pod-tracker.ts";
export {
  decideOutcome,
  executionArnOf,
  type LogChunk,
  POD_STUCK_ERROR,
  RUN_EXIT_CODES,
  RunFailedError,
  type RunObserver,
  type RunOutcome,
  type RunPhase,
  type RunResult,
  type RunWorkflowDeps,
  runWorkflow,
} from "./run/run-workflow.ts";
export { GRANT_SETTLE_MS, settleGrant } from "./run/settle-grant.ts";
export {
  DEFAULT_STUCK_GRACE_MS,
  findStuckPod,
  STUCK_WAITING_REASONS,
  type StuckMemory,
  type StuckPod,
  watchForStuckPods,
} from "./run/stuck-pods.ts";
export {
  CREATED_BY_TAG,
  EXPIRES_AT_TAG,
  isExpired,
  RUN_ID_TAG,
  type SweepReport,
  type SweptCluster,
  sweepTemporaryClusters,
  temporaryClusterTags,
} from "./run/sweep.ts";
export { type Clock, systemClock } from "./time/clock.ts";
export {
  BRANCH_FAILED,
  createHistoryMapper,
  createHistoryReader,
  HISTORY_MAX_PAGE_SIZE,
  type HistoryMapper,
  type HistoryReader,
} from "./workflow/history.ts";
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
