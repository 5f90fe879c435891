// The names this package accepts from users: Kubernetes object names and identities,
// EKS cluster names and IAM role ARNs. Each parser returns the value it checked or
// throws a UserInputError that names the input.
import { UserInputError } from "./user-input-error.ts";

const DNS_1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

export function isDns1123Label(value: string): boolean {
  return value.length <= 63 && DNS_1123_LABEL.test(value);
}

export function isDns1123Subdomain(value: string): boolean {
  return value.length <= 253 && DNS_1123_SUBDOMAIN.test(value);
}

/** A namespace name: a DNS-1123 label. */
export function parseNamespace(input: string, value: string): string {
  if (!isDns1123Label(value)) {
    throw new UserInputError(
      input,
      `${JSON.stringify(value)} is not a valid Kubernetes namespace name (DNS-1123 label: lowercase letters, digits and '-', at most 63 characters)`,
      'Use a name like "ci-jobs".',
    );
  }
  return value;
}

/** The name of a namespaced object such as a Role or RoleBinding: a DNS-1123 subdomain. */
export function parseObjectName(
  input: string,
  value: string,
  example = "eks-sfn-job-runner",
): string {
  if (!isDns1123Subdomain(value)) {
    throw new UserInputError(
      input,
      `${JSON.stringify(value)} is not a valid Kubernetes object name (DNS-1123 subdomain: lowercase letters, digits, '-' and '.', at most 253 characters)`,
      `Use a name like ${JSON.stringify(example)}.`,
    );
  }
  return value;
}

// Control characters never belong in an identity; they are almost always a pasting slip.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching them is the point
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/;

function checkIdentity(input: string, value: string, what: string, example: string): string {
  if (value.length === 0) {
    throw new UserInputError(
      input,
      `the Kubernetes ${what} is empty`,
      `Give a ${what} such as ${JSON.stringify(example)}.`,
    );
  }
  if (value.trim() !== value || CONTROL_CHARACTER.test(value)) {
    throw new UserInputError(
      input,
      `${JSON.stringify(value)} is not a usable Kubernetes ${what}: it has leading or trailing whitespace or control characters`,
      `Remove them, for example ${JSON.stringify(example)}.`,
    );
  }
  return value;
}

/** A Kubernetes user name as RBAC subjects and aws-auth entries use it. */
export function parseKubernetesUsername(input: string, value: string): string {
  return checkIdentity(input, value, "username", "eks-sfn");
}

/** A Kubernetes group name as RBAC subjects, aws-auth entries and access entries use it. */
export function parseKubernetesGroup(input: string, value: string): string {
  return checkIdentity(input, value, "group", "eks-sfn-job-runners");
}

/**
 * Refuses a username or group with an aws-iam-authenticator template (`{{SessionName}}`,
 * `{{AccountID}}`, `{{EC2PrivateDNSName}}`, ...): the authenticator fills it in per
 * session, so a RoleBinding that names the template text never matches anyone.
 *
 * @throws UserInputError naming `input` when `value` holds "{{" or "}}".
 */
export function refuseIdentityTemplate(input: string, value: string): string {
  if (value.includes("{{") || value.includes("}}")) {
    throw new UserInputError(
      input,
      `${JSON.stringify(value)} holds an aws-iam-authenticator template; the authenticator replaces it for each session, so a RoleBinding naming this text would never match`,
      'Use a fixed name such as "eks-sfn-my-role".',
    );
  }
  return value;
}

/** Prefixes EKS reserves: an access entry's username may not start with any of them. */
export const RESERVED_ACCESS_ENTRY_PREFIXES = [
  "system:",
  "eks:",
  "aws:",
  "amazon:",
  "iam:",
] as const;

/** An access entry's username: a Kubernetes username outside the prefixes EKS reserves. */
export function parseAccessEntryUsername(input: string, value: string): string {
  parseKubernetesUsername(input, value);
  const reserved = RESERVED_ACCESS_ENTRY_PREFIXES.find((prefix) => value.startsWith(prefix));
  if (reserved !== undefined) {
    throw new UserInputError(
      input,
      `${JSON.stringify(value)} starts with "${reserved}", which EKS reserves for access entry usernames (${RESERVED_ACCESS_ENTRY_PREFIXES.join(", ")})`,
      'Use a username like "eks-sfn", or leave it empty to let EKS choose one.',
    );
  }
  return value;
}

const CLUSTER_NAME = /^[0-9A-Za-z][A-Za-z0-9_-]*$/;

/** An EKS cluster name: 1 to 100 letters, digits, '-' and '_', starting with a letter or digit. */
export function parseClusterName(input: string, value: string): string {
  if (value.length > 100 || !CLUSTER_NAME.test(value)) {
    throw new UserInputError(
      input,
      `${JSON.stringify(value)} is not a valid EKS cluster name (1 to 100 letters, digits, '-' and '_', starting with a letter or digit)`,
      'Use the name shown by "aws eks list-clusters", such as "my-cluster".',
    );
  }
  return value;
}

export type Partition = "aws" | "aws-cn" | "aws-us-gov";

export const PARTITIONS: readonly Partition[] = ["aws", "aws-cn", "aws-us-gov"];

export function isPartition(value: string): value is Partition {
  return (PARTITIONS as readonly string[]).includes(value);
}

/** An IAM role ARN taken apart. */
export interface RoleArn {
  readonly partition: Partition;
  readonly accountId: string;
  /** "/" when the role has no path, else like "/service-role/". */
  readonly path: string;
  readonly roleName: string;
  /** The ARN as IAM and access entries know it, path included. */
  readonly arn: string;
  /** The ARN aws-auth needs: aws-iam-authenticator matches roles without their path. */
  readonly arnWithoutPath: string;
}

// Path segments: printable ASCII except '/'. Role names: IAM's [\w+=,.@-]{1,64}.
const ROLE_ARN =
  /^arn:(?<partition>[^:]*):iam::(?<account>\d{12}):role(?<path>(?:\/[\x21-\x2e\x30-\x7e]+)*)\/(?<name>[\w+=,.@-]{1,64})$/;
const USER_ARN = /^arn:[^:]+:iam::\d*:user\//;
const ASSUMED_ROLE_ARN =
  /^arn:(?<partition>[^:]+):sts::(?<account>\d*):assumed-role\/(?<role>[^/]+)\//;

const ROLE_ARN_FORM =
  "arn:aws:iam::123456789012:role/MyRole or arn:aws:iam::123456789012:role/service-role/MyRole";

/** Parses an IAM role ARN; rejects user ARNs, STS session ARNs and anything else. */
export function parseRoleArn(input: string, value: string): RoleArn {
  const arn = value.trim();
  const match = ROLE_ARN.exec(arn);
  if (match?.groups === undefined) {
    throw new UserInputError(
      input,
      describeNotARoleArn(arn),
      `Give the ARN of an IAM role, like ${ROLE_ARN_FORM}.`,
    );
  }
  const { partition, account, path, name } = match.groups as Record<
    "partition" | "account" | "path" | "name",
    string
  >;
  if (!isPartition(partition)) {
    throw new UserInputError(
      input,
      `${JSON.stringify(arn)} is in the partition "${partition}", which is not supported (${PARTITIONS.join(", ")})`,
      "Use a role in one of those partitions.",
    );
  }
  if (path.length + 1 > 512) {
    throw new UserInputError(
      input,
      `${JSON.stringify(arn)} has a path longer than 512 characters`,
      "Check the ARN.",
    );
  }
  return {
    partition,
    accountId: account,
    path: `${path}/`,
    roleName: name,
    arn,
    arnWithoutPath: `arn:${partition}:iam::${account}:role/${name}`,
  };
}

function describeNotARoleArn(arn: string): string {
  const quoted = JSON.stringify(arn);
  if (USER_ARN.test(arn)) {
    return `${quoted} is an IAM user ARN, not a role ARN`;
  }
  const session = ASSUMED_ROLE_ARN.exec(arn);
  if (session?.groups !== undefined) {
    const { partition, account, role } = session.groups as Record<
      "partition" | "account" | "role",
      string
    >;
    return `${quoted} is an STS assumed-role session ARN, not a role ARN; the role itself is arn:${partition}:iam::${account}:role/${role} (plus its path, if it has one)`;
  }
  return `${quoted} is not an IAM role ARN`;
}

/** A 12-digit AWS account id. */
export function parseAccountId(input: string, value: string): string {
  if (!/^\d{12}$/.test(value)) {
    throw new UserInputError(
      input,
      `${JSON.stringify(value)} is not an AWS account id (12 digits)`,
      'Use an id like "123456789012".',
    );
  }
  return value;
}
