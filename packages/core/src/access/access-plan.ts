// The validated plan of a grant: who gets access (the state machine's role), as which
// Kubernetes user, in which namespace, and through which strategy. Pure: the user's
// request and what discovery found in, plain data out; bad input stops here.
import { createHash } from "node:crypto";
import {
  type AccessPolicyChoice,
  DEFAULT_JOB_RUNNER_NAME,
  parseAccessEntryUsername,
  parseKubernetesGroup,
  parseNamespace,
  parseObjectName,
  parseRoleArn,
  type RoleArn,
  refuseIdentityTemplate,
  UserInputError,
} from "@eks-sfn/rbac";
import type { ClusterEndpoint } from "../cluster/cluster-endpoint.ts";
import type { GrantStrategy } from "./receipt.ts";

export const ACCESS_STRATEGIES = ["auto", "access-entry", "aws-auth", "none"] as const;
export type AccessStrategy = (typeof ACCESS_STRATEGIES)[number];

/** A group every job runner is put in, for audit; RBAC binds the user, not this group. */
export const JOB_RUNNER_GROUP = "eks-sfn-job-runners";

export interface AccessRequest {
  readonly roleArn: string;
  readonly namespace: string;
  readonly strategy?: AccessStrategy | string;
  /** Kubernetes user name for the role; defaults to `eks-sfn-<role name>-<8 hex>` (`defaultUsername`). */
  readonly username?: string;
  readonly accessPolicy?: AccessPolicyChoice;
  readonly roleName?: string;
  readonly bindingName?: string;
}

export interface AccessPlan {
  readonly clusterName: string;
  readonly role: RoleArn;
  readonly namespace: string;
  readonly strategy: GrantStrategy;
  readonly username: string;
  readonly groups: readonly string[];
  readonly accessPolicy: AccessPolicyChoice;
  readonly roleName: string;
  readonly bindingName: string;
  /** Why the plan is what it is, for the report (e.g. what "auto" chose). */
  readonly notes: readonly string[];
}

function parseStrategy(value: string | undefined): AccessStrategy {
  const strategy = value?.trim() || "auto";
  const match = ACCESS_STRATEGIES.find((s) => s === strategy);
  if (!match) {
    throw new UserInputError(
      "access-strategy",
      `"${strategy}" is not one of ${ACCESS_STRATEGIES.join(", ")}`,
      'Use "auto" unless you know the cluster needs another.',
    );
  }
  return match;
}

/**
 * Eight hex digits of SHA-256 over the role's identity: partition, account and the role
 * name in lower case (IAM role names are unique per account without regard to case, and
 * aws-auth may map roles of other accounts). The path is left out, as EKS leaves it out.
 */
export function roleIdentityHash(role: RoleArn): string {
  return createHash("sha256")
    .update(`${role.partition}:${role.accountId}:${role.roleName.toLowerCase()}`)
    .digest("hex")
    .slice(0, 8);
}

// The role name as DNS-1123 text: lower case, runs of other characters as one '-'.
function readableRoleName(role: RoleArn, maxLength: number): string {
  return role.roleName
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .slice(0, maxLength)
    .replace(/^-+|-+$/g, "");
}

/**
 * The Kubernetes user name a role gets by default: `eks-sfn-<role name>-<hash>`, the
 * same for every spelling of one role, different for roles that differ in account,
 * partition or name (`etl_runner` and `etl-runner` included). At most 63 characters.
 */
export function defaultUsername(role: RoleArn): string {
  const name = readableRoleName(role, 63 - "eks-sfn--".length - 8);
  return `eks-sfn-${name ? `${name}-` : ""}${roleIdentityHash(role)}`;
}

/**
 * `eks-sfn-job-runner-<role name>-<hash>`: the Role and RoleBinding of one IAM role, a
 * valid DNS-1123 label (so also a valid object name), unique per role as
 * `defaultUsername` is, and stable across runs.
 */
export function jobRunnerObjectName(role: RoleArn): string {
  const fixed = `${DEFAULT_JOB_RUNNER_NAME}--`.length + 8;
  const name = readableRoleName(role, 63 - fixed);
  return `${DEFAULT_JOB_RUNNER_NAME}-${name ? `${name}-` : ""}${roleIdentityHash(role)}`;
}

function resolveStrategy(
  requested: AccessStrategy,
  cluster: ClusterEndpoint,
): { strategy: GrantStrategy; note?: string } {
  const mode = cluster.authenticationMode;
  if (requested === "none") return { strategy: "none" };
  if (requested === "access-entry") {
    if (mode === "CONFIG_MAP") {
      throw new UserInputError(
        "access-strategy",
        `"access-entry" needs the EKS API, but cluster ${cluster.name} authenticates with CONFIG_MAP only`,
        'Use "aws-auth", or switch the cluster to API_AND_CONFIG_MAP (aws eks update-cluster-config --access-config authenticationMode=API_AND_CONFIG_MAP).',
      );
    }
    return { strategy: "access-entry" };
  }
  if (requested === "aws-auth") {
    if (mode === "API") {
      throw new UserInputError(
        "access-strategy",
        `"aws-auth" has no effect on cluster ${cluster.name}: its authentication mode is API, which ignores the aws-auth ConfigMap`,
        'Use "access-entry" or "auto".',
      );
    }
    return { strategy: "aws-auth" };
  }
  if (mode === "API" || mode === "API_AND_CONFIG_MAP") {
    return {
      strategy: "access-entry",
      note: `auto: access entries, because cluster ${cluster.name} allows the EKS API (${mode}).`,
    };
  }
  return {
    strategy: "aws-auth",
    note:
      mode === "CONFIG_MAP"
        ? `auto: aws-auth, because cluster ${cluster.name} authenticates with CONFIG_MAP only.`
        : `auto: aws-auth, because the authentication mode of cluster ${cluster.name} is not known (it was given explicitly); aws-auth works in CONFIG_MAP and API_AND_CONFIG_MAP mode.`,
  };
}

/**
 * Checks a grant request against what discovery found and returns the plan.
 *
 * @throws UserInputError naming the input (role-arn, namespace, access-strategy,
 *   username, role-name, binding-name) before any call is made, for a value EKS or
 *   Kubernetes would refuse or one that could never match (an authenticator template).
 */
export function planAccess(request: AccessRequest, cluster: ClusterEndpoint): AccessPlan {
  const role = parseRoleArn("role-arn", request.roleArn);
  const namespace = parseNamespace("namespace", request.namespace);
  const requested = parseStrategy(request.strategy);
  const username = refuseIdentityTemplate(
    "username",
    parseAccessEntryUsername("username", request.username ?? defaultUsername(role)),
  );
  const groups = [parseKubernetesGroup("groups", JOB_RUNNER_GROUP)];
  // One Role and RoleBinding per IAM role, so that granting or revoking one role never
  // touches the objects another role relies on.
  const objectName = jobRunnerObjectName(role);
  const roleName = parseObjectName("role-name", request.roleName ?? objectName);
  const bindingName = parseObjectName("binding-name", request.bindingName ?? objectName);
  const { strategy, note } = resolveStrategy(requested, cluster);
  const notes: string[] = note ? [note] : [];
  if (role.path !== "/" && strategy === "aws-auth") {
    notes.push(
      `aws-auth: the role's path (${role.path}) is left out of the mapping (${role.arnWithoutPath}), because aws-iam-authenticator matches roles without their path.`,
    );
  }
  return {
    clusterName: cluster.name,
    role,
    namespace,
    strategy,
    username,
    groups,
    accessPolicy: request.accessPolicy ?? "none",
    roleName,
    bindingName,
    notes,
  };
}
