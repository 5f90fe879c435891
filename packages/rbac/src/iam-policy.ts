// The IAM policies of the state machine's role: the permissions its EKS integrations need
// (after the Step Functions developer guide's templates for EKS) and the trust policy.
import type { TaskStateEntry } from "./asl/task-states.ts";
import { isPartition, type Partition, parseAccountId, parseRoleArn } from "./names.ts";
import { UserInputError } from "./user-input-error.ts";

export type EksOperation =
  | "runJob"
  | "call"
  | "createCluster"
  | "deleteCluster"
  | "createNodegroup"
  | "deleteNodegroup"
  | "createFargateProfile"
  | "deleteFargateProfile";

export type IntegrationPattern = "request-response" | "sync";

export interface EksIntegration {
  resource: string;
  operation: EksOperation;
  pattern: IntegrationPattern;
}

// Which patterns each integration offers: no `.waitForTaskToken` anywhere, and `eks:call`
// is request-response only.
const PATTERNS: Record<EksOperation, readonly IntegrationPattern[]> = {
  runJob: ["request-response", "sync"],
  call: ["request-response"],
  createCluster: ["request-response", "sync"],
  deleteCluster: ["request-response", "sync"],
  createNodegroup: ["request-response", "sync"],
  deleteNodegroup: ["request-response", "sync"],
  createFargateProfile: ["request-response", "sync"],
  deleteFargateProfile: ["request-response", "sync"],
};

const EKS_RESOURCE =
  /^arn:(?<partition>[^:]+):states:::eks:(?<operation>[^.]*)(?:\.(?<suffix>.*))?$/;

/**
 * Reads a Task `Resource`: an `eks:` integration, or `undefined` for any other service
 * (including `aws-sdk:eks:*` SDK integrations, whose IAM needs are the SDK call's own).
 */
export function parseEksIntegration(input: string, resource: string): EksIntegration | undefined {
  const groups = EKS_RESOURCE.exec(resource)?.groups;
  if (groups === undefined) {
    return undefined;
  }
  const { operation = "", suffix } = groups;
  const pattern =
    suffix === undefined ? "request-response" : suffix === "sync" ? "sync" : undefined;
  if (!Object.hasOwn(PATTERNS, operation) || pattern === undefined) {
    throw new UserInputError(
      input,
      `${JSON.stringify(resource)} is not a Step Functions EKS integration`,
      `Use one of ${Object.keys(PATTERNS)
        .map((name) => `eks:${name}`)
        .join(", ")}, with ".sync" where it is offered.`,
    );
  }
  const known = operation as EksOperation;
  if (!PATTERNS[known].includes(pattern)) {
    throw new UserInputError(
      input,
      `${JSON.stringify(resource)}: eks:${known} has no ".${suffix}" pattern`,
      `Use arn:${groups.partition}:states:::eks:${known}.`,
    );
  }
  return { resource, operation: known, pattern };
}

export interface PolicyStatement {
  Sid: string;
  Effect: "Allow";
  Action: string[];
  Resource: string[];
  Condition?: Record<string, Record<string, string | string[]>>;
}

export interface PolicyDocument {
  Version: "2012-10-17";
  Statement: PolicyStatement[];
}

export interface StateMachinePolicyOptions {
  /**
   * Task `Resource` values (`findIntegrations`), or the Task states themselves
   * (`listTaskStates`), so an error names the state; non-EKS ones are ignored.
   */
  integrations: readonly (string | TaskStateEntry)[];
  partition: Partition;
  /** The clusters the workflow creates or deletes; default every cluster in region/account. Not empty. */
  clusterArns?: readonly string[];
  region?: string;
  accountId?: string;
  /** The cluster, node and pod execution roles it passes to EKS; default every role in the account. Not empty. */
  passRoleArns?: readonly string[];
}

/**
 * The permissions policy for the EKS integrations a state machine calls.
 *
 * `eks:runJob` and `eks:call` need no statement: Step Functions signs their Kubernetes
 * requests as the role itself, and what the role may do in the cluster comes from its
 * aws-auth mapping or access entry plus RBAC, not from IAM (unmapped: `EKS.401`).
 *
 * Not included: `iam:CreateServiceLinkedRole`, needed only in an account where EKS has not
 * yet created its service-linked roles. A policy with no statement (only runJob and call)
 * should not be attached at all: IAM rejects an empty Statement list.
 *
 * @throws UserInputError for an unknown EKS integration or pattern, an integration in
 * another partition, a malformed region, account id, cluster or role ARN, and an empty
 * `clusterArns` or `passRoleArns` (IAM rejects `"Resource": []`).
 */
export function renderStateMachinePolicy(options: StateMachinePolicyOptions): PolicyDocument {
  const { partition } = options;
  if (!isPartition(partition)) {
    throw new UserInputError(
      "partition",
      `${JSON.stringify(partition)} is not supported`,
      'Use "aws", "aws-cn" or "aws-us-gov".',
    );
  }
  const region = options.region === undefined ? "*" : parseRegion("region", options.region);
  const account =
    options.accountId === undefined ? "*" : parseAccountId("accountId", options.accountId);
  rejectEmpty("clusterArns", options.clusterArns, "cluster");
  rejectEmpty("passRoleArns", options.passRoleArns, "role");
  const clusters = options.clusterArns?.map((arn, index) =>
    parseClusterArn(`clusterArns[${index}]`, arn, partition),
  );
  const eksArns = (type: string, suffix: string) =>
    clusters === undefined
      ? [`arn:${partition}:eks:${region}:${account}:${type}/*`]
      : clusters.map((cluster) => `${cluster.prefix}:${type}/${cluster.name}${suffix}`);
  const roles = options.passRoleArns?.map(
    (arn, index) => parseRoleArn(`passRoleArns[${index}]`, arn).arn,
  ) ?? [`arn:${partition}:iam::${account}:role/*`];
  const scopes: Record<Scope, { resources: string[]; condition?: PolicyStatement["Condition"] }> = {
    AnyResource: { resources: ["*"] },
    Clusters: { resources: eksArns("cluster", "") },
    Nodegroups: { resources: eksArns("nodegroup", "/*") },
    FargateProfiles: { resources: eksArns("fargateprofile", "/*") },
    ReadRoles: { resources: roles },
    PassRoleToEks: {
      resources: roles,
      condition: { StringEquals: { "iam:PassedToService": "eks.amazonaws.com" } },
    },
    // Unconfirmed which service name EKS passes the pod execution role to: allow both.
    PassRoleToEksFargate: {
      resources: roles,
      condition: {
        StringEquals: {
          "iam:PassedToService": ["eks.amazonaws.com", "eks-fargate-pods.amazonaws.com"],
        },
      },
    },
  };

  const actions = new Map<Scope, Set<string>>();
  options.integrations.forEach((entry, index) => {
    const [input, resource] =
      typeof entry === "string"
        ? [`integrations[${index}]`, entry]
        : [`${entry.path}.Resource`, entry.resource];
    const integration = parseEksIntegration(input, resource);
    if (integration === undefined) {
      return;
    }
    const resourcePartition = resource.split(":")[1];
    if (resourcePartition !== partition) {
      throw new UserInputError(
        input,
        `${JSON.stringify(resource)} is in the partition "${resourcePartition}", not "${partition}"`,
        `Use arn:${partition}:states:::eks:${integration.operation} or the matching partition.`,
      );
    }
    for (const [scope, granted] of GRANTS[integration.operation]) {
      const set = actions.get(scope) ?? new Set<string>();
      for (const action of granted) {
        set.add(action);
      }
      actions.set(scope, set);
    }
  });

  const statements: PolicyStatement[] = [];
  for (const scope of SCOPE_ORDER) {
    const granted = actions.get(scope);
    if (granted === undefined) {
      continue;
    }
    const { resources, condition } = scopes[scope];
    const statement: PolicyStatement = {
      Sid: scope,
      Effect: "Allow",
      Action: [...granted].sort(),
      Resource: [...new Set(resources)].sort(),
    };
    if (condition !== undefined) {
      statement.Condition = condition;
    }
    statements.push(statement);
  }
  return { Version: "2012-10-17", Statement: mergeStatements(statements) };
}

// Each scope is one resource set and condition, so one statement; its name is the Sid.
type Scope =
  | "AnyResource"
  | "Clusters"
  | "Nodegroups"
  | "FargateProfiles"
  | "ReadRoles"
  | "PassRoleToEks"
  | "PassRoleToEksFargate";

const SCOPE_ORDER: readonly Scope[] = [
  "AnyResource",
  "Clusters",
  "Nodegroups",
  "FargateProfiles",
  "ReadRoles",
  "PassRoleToEks",
  "PassRoleToEksFargate",
];

const GRANTS: Record<EksOperation, readonly (readonly [Scope, readonly string[]])[]> = {
  runJob: [],
  call: [],
  createCluster: [
    ["AnyResource", ["eks:CreateCluster"]],
    ["Clusters", ["eks:DescribeCluster", "eks:DeleteCluster"]],
    ["PassRoleToEks", ["iam:PassRole"]],
  ],
  deleteCluster: [["Clusters", ["eks:DeleteCluster", "eks:DescribeCluster"]]],
  createNodegroup: [
    ["AnyResource", ["ec2:DescribeSubnets", "eks:CreateNodegroup"]],
    ["Nodegroups", ["eks:DescribeNodegroup", "eks:DeleteNodegroup"]],
    ["ReadRoles", ["iam:GetRole", "iam:ListAttachedRolePolicies"]],
    ["PassRoleToEks", ["iam:PassRole"]],
  ],
  deleteNodegroup: [["Nodegroups", ["eks:DeleteNodegroup", "eks:DescribeNodegroup"]]],
  createFargateProfile: [
    ["AnyResource", ["eks:CreateFargateProfile"]],
    ["FargateProfiles", ["eks:DescribeFargateProfile", "eks:DeleteFargateProfile"]],
    ["PassRoleToEksFargate", ["iam:PassRole"]],
  ],
  deleteFargateProfile: [
    ["FargateProfiles", ["eks:DeleteFargateProfile", "eks:DescribeFargateProfile"]],
  ],
};

// IAM rejects a statement whose Resource is an empty list; leaving the option out is how
// "every cluster" or "every role" is asked for.
function rejectEmpty(input: string, value: readonly string[] | undefined, what: string): void {
  if (value !== undefined && value.length === 0) {
    throw new UserInputError(
      input,
      "is empty, so its statements would name no resource, which IAM rejects",
      `Give the ${what} ARNs, or leave ${input} out to allow every one in the account.`,
    );
  }
}

/**
 * Statements with the same resources and condition become one, under the first Sid,
 * with the union of their actions (sorted); the others keep their order.
 */
export function mergeStatements(statements: readonly PolicyStatement[]): PolicyStatement[] {
  const merged = new Map<string, PolicyStatement>();
  for (const statement of statements) {
    const key = JSON.stringify([statement.Effect, statement.Resource, statement.Condition ?? null]);
    const existing = merged.get(key);
    if (existing === undefined) {
      merged.set(key, { ...statement, Action: [...statement.Action] });
    } else {
      existing.Action = [...new Set([...existing.Action, ...statement.Action])].sort();
    }
  }
  return [...merged.values()];
}

const CLUSTER_ARN =
  /^arn:(?<partition>[^:]+):eks:(?<region>[^:]+):(?<account>\d{12}):cluster\/(?<name>[0-9A-Za-z][A-Za-z0-9_-]{0,99})$/;

function parseClusterArn(
  input: string,
  value: string,
  partition: Partition,
): { prefix: string; name: string } {
  const groups = CLUSTER_ARN.exec(value)?.groups;
  if (groups === undefined || groups.partition !== partition) {
    throw new UserInputError(
      input,
      `${JSON.stringify(value)} is not an EKS cluster ARN in the partition "${partition}"`,
      `Use an ARN like arn:${partition}:eks:us-east-1:123456789012:cluster/my-cluster.`,
    );
  }
  const { region = "", account = "", name = "" } = groups;
  parseRegion(input, region);
  return { prefix: `arn:${partition}:eks:${region}:${account}`, name };
}

const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;

function parseRegion(input: string, value: string): string {
  if (!REGION.test(value)) {
    throw new UserInputError(
      input,
      `${JSON.stringify(value)} is not an AWS region`,
      'Use a region like "us-east-1".',
    );
  }
  return value;
}

export interface TrustPolicyStatement {
  Sid: string;
  Effect: "Allow";
  Principal: { Service: string };
  Action: "sts:AssumeRole";
  Condition?: Record<string, Record<string, string>>;
}

export interface TrustPolicyDocument {
  Version: "2012-10-17";
  Statement: TrustPolicyStatement[];
}

/**
 * Lets Step Functions assume the role. With an account id, only on behalf of state
 * machines in that account (`aws:SourceAccount`), against the confused deputy.
 */
export function renderStateMachineTrustPolicy(
  options: { accountId?: string } = {},
): TrustPolicyDocument {
  const statement: TrustPolicyStatement = {
    Sid: "StepFunctionsAssumeRole",
    Effect: "Allow",
    Principal: { Service: "states.amazonaws.com" },
    Action: "sts:AssumeRole",
  };
  if (options.accountId !== undefined) {
    statement.Condition = {
      StringEquals: { "aws:SourceAccount": parseAccountId("accountId", options.accountId) },
    };
  }
  return { Version: "2012-10-17", Statement: [statement] };
}
