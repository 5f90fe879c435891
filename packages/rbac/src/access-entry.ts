// The EKS API requests that give the state machine's role a Kubernetes identity through an
// access entry, the successor of aws-auth. Two routes:
// - policy "edit": EKS authorizes the role itself with AmazonEKSEditPolicy, scoped to the
//   job namespaces (Edit covers jobs, pods and pods/log);
// - policy "none": the entry only puts the role in `kubernetesGroups`, and the job-runner
//   RoleBinding (subject kind Group) grants what it needs.
import {
  type Partition,
  parseAccessEntryUsername,
  parseClusterName,
  parseKubernetesGroup,
  parseNamespace,
  parseRoleArn,
  type RoleArn,
} from "./names.ts";
import { UserInputError } from "./user-input-error.ts";

/** The fields of @aws-sdk/client-eks CreateAccessEntryRequest that this package sets. */
export interface CreateAccessEntryRequest {
  clusterName: string;
  /** With its path: unlike aws-auth, access entries take the role's full ARN. */
  principalArn: string;
  kubernetesGroups?: string[];
  tags?: Record<string, string>;
  clientRequestToken?: string;
  username?: string;
  type?: string;
}

/** @aws-sdk/client-eks AccessScope. */
export interface AccessScope {
  type?: "cluster" | "namespace";
  namespaces?: string[];
}

/** The fields of @aws-sdk/client-eks AssociateAccessPolicyRequest. */
export interface AssociateAccessPolicyRequest {
  clusterName: string;
  principalArn: string;
  policyArn: string;
  accessScope: AccessScope;
}

export type AccessPolicyChoice = "edit" | "none";

export const EDIT_ACCESS_POLICY = "AmazonEKSEditPolicy";

export function accessPolicyArn(partition: Partition, policyName: string): string {
  return `arn:${partition}:eks::aws:cluster-access-policy/${policyName}`;
}

export interface AccessEntryOptions {
  clusterName: string;
  /** The state machine's role; a parsed ARN is not checked again. */
  principalArn: string | RoleArn;
  /** Left out, EKS derives one from the role. */
  username?: string;
  kubernetesGroups?: readonly string[];
  /** Where the jobs run: the scope of the Edit policy. */
  namespaces: readonly string[];
  policy: AccessPolicyChoice;
  tags?: Readonly<Record<string, string>>;
}

export interface AccessEntryRequests {
  createAccessEntry: CreateAccessEntryRequest;
  /** Present for policy "edit" only. */
  associateAccessPolicy?: AssociateAccessPolicyRequest;
}

export function renderAccessEntryRequests(options: AccessEntryOptions): AccessEntryRequests {
  const clusterName = parseClusterName("clusterName", options.clusterName);
  const role =
    typeof options.principalArn === "string"
      ? parseRoleArn("principalArn", options.principalArn)
      : options.principalArn;
  const policy = parsePolicyChoice(options.policy);
  const namespaces = unique(
    options.namespaces.map((namespace, index) => parseNamespace(`namespaces[${index}]`, namespace)),
  );
  const groups = unique(
    (options.kubernetesGroups ?? []).map((group, index) =>
      parseKubernetesGroup(`kubernetesGroups[${index}]`, group),
    ),
  );
  if (policy === "edit" && namespaces.length === 0) {
    throw new UserInputError(
      "namespaces",
      "is empty, so the Edit policy would have no namespace to apply to",
      'Give the namespaces the jobs run in, such as "ci-jobs".',
    );
  }
  if (policy === "none" && groups.length === 0) {
    throw new UserInputError(
      "kubernetesGroups",
      'is empty while policy is "none": the access entry would let the role in and allow it nothing',
      'Give the group the job-runner RoleBinding names (such as "eks-sfn-job-runners"), or use policy "edit".',
    );
  }

  const createAccessEntry: CreateAccessEntryRequest = { clusterName, principalArn: role.arn };
  if (groups.length > 0) {
    createAccessEntry.kubernetesGroups = groups;
  }
  if (options.username !== undefined) {
    createAccessEntry.username = parseAccessEntryUsername("username", options.username);
  }
  createAccessEntry.type = "STANDARD";
  if (options.tags !== undefined) {
    createAccessEntry.tags = parseTags(options.tags);
  }
  if (policy === "none") {
    return { createAccessEntry };
  }
  return {
    createAccessEntry,
    associateAccessPolicy: {
      clusterName,
      principalArn: role.arn,
      policyArn: accessPolicyArn(role.partition, EDIT_ACCESS_POLICY),
      accessScope: { type: "namespace", namespaces },
    },
  };
}

function parsePolicyChoice(value: string): AccessPolicyChoice {
  if (value !== "edit" && value !== "none") {
    throw new UserInputError(
      "policy",
      `${JSON.stringify(value)} is not an access policy choice`,
      'Use "edit" (AmazonEKSEditPolicy in the job namespaces) or "none" (Kubernetes groups and RBAC).',
    );
  }
  return value;
}

// EKS tag rules: at most 50; keys 1 to 128 characters and not starting with "aws:"; values
// at most 256 characters.
function parseTags(tags: Readonly<Record<string, string>>): Record<string, string> {
  const entries = Object.entries(tags);
  if (entries.length > 50) {
    throw new UserInputError(
      "tags",
      `has ${entries.length} tags; EKS allows at most 50`,
      "Remove some.",
    );
  }
  for (const [key, value] of entries) {
    if (key.length === 0 || key.length > 128 || key.toLowerCase().startsWith("aws:")) {
      throw new UserInputError(
        `tags[${JSON.stringify(key)}]`,
        'a tag key must have 1 to 128 characters and may not start with "aws:"',
        "Rename the tag.",
      );
    }
    if (value.length > 256) {
      throw new UserInputError(
        `tags[${JSON.stringify(key)}]`,
        "a tag value may have at most 256 characters",
        "Shorten it.",
      );
    }
  }
  return Object.fromEntries(entries);
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
