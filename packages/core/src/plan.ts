// @eks-sfn/core/plan: the pure entry. Parsers and plans only: no AWS SDK, no
// Kubernetes client, no interpreter, so a front end can check its inputs before it
// loads any of them (the action rejects a typo in milliseconds).
export {
  parseClusterName,
  parseNamespace,
  parseRoleArn,
  parseStateMachineName,
  type RoleArn,
  UserInputError,
} from "@eks-sfn/rbac";
export {
  CLUSTER_TARGET_INPUTS,
  type ClusterTarget,
  type ClusterTargetInput,
  type ClusterTargetInputNames,
  parseClusterTarget,
  parseTags,
} from "./cluster/cluster-target.ts";
export type { EngineName } from "./engine/engine.ts";
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
export type { RunLedger } from "./run/ledger.ts";
export type { ExecutionStatus, ProgressEvent } from "./workflow/progress-event.ts";
