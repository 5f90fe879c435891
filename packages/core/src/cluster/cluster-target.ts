// Which cluster the user means, parsed once from the inputs: by name (DescribeCluster),
// by tags (search the region), or given outright (endpoint and CA, no AWS call).
import { X509Certificate } from "node:crypto";
import { parseClusterName, UserInputError } from "@eks-sfn/rbac";

export type ClusterTarget =
  | { readonly kind: "name"; readonly name: string }
  | { readonly kind: "tags"; readonly tags: Readonly<Record<string, string>> }
  | {
      readonly kind: "explicit";
      readonly name: string;
      readonly endpoint: string;
      readonly certificateAuthorityData: string;
    };

export interface ClusterTargetInput {
  readonly name?: string | undefined;
  /** `key=value,key2=value2` (commas or newlines between pairs), or a map. */
  readonly tags?: string | Readonly<Record<string, string>> | undefined;
  readonly endpoint?: string | undefined;
  /** base64 of the cluster's PEM CA certificate, as DescribeCluster's `certificateAuthority.data`. */
  readonly certificateAuthorityData?: string | undefined;
}

/** What each field is called where the user typed it; errors name these. */
export interface ClusterTargetInputNames {
  readonly name: string;
  readonly tags: string;
  readonly endpoint: string;
  readonly certificateAuthorityData: string;
}

/** The action's input names; a CLI passes its flag names instead. */
export const CLUSTER_TARGET_INPUTS: ClusterTargetInputNames = {
  name: "cluster-name",
  tags: "cluster-tags",
  endpoint: "cluster-endpoint",
  certificateAuthorityData: "cluster-certificate-authority-data",
};

// EKS tag limits (TagResource): keys 1 to 128 characters, values up to 256.
const MAX_TAG_KEY = 128;
const MAX_TAG_VALUE = 256;
const PEM_CERTIFICATE = "-----BEGIN CERTIFICATE-----";

export function parseClusterTarget(
  input: ClusterTargetInput,
  inputNames: Partial<ClusterTargetInputNames> = {},
): ClusterTarget {
  const names = { ...CLUSTER_TARGET_INPUTS, ...inputNames };
  const name = given(input.name);
  const tags = input.tags === undefined ? undefined : parseTags(names.tags, input.tags);
  const endpoint = given(input.endpoint);
  const caData = given(input.certificateAuthorityData);

  if (name !== undefined && tags !== undefined) {
    throw new UserInputError(
      names.tags,
      `cannot be used together with \`${names.name}\``,
      `Give \`${names.name}\` to pick the cluster by name, or \`${names.tags}\` to find it by its tags, not both.`,
    );
  }
  if (tags !== undefined && (endpoint !== undefined || caData !== undefined)) {
    const other = endpoint !== undefined ? names.endpoint : names.certificateAuthorityData;
    throw new UserInputError(
      other,
      `cannot be used together with \`${names.tags}\``,
      `Give \`${names.name}\`, \`${names.endpoint}\` and \`${names.certificateAuthorityData}\` together to skip the lookup, or only \`${names.tags}\` to find the cluster.`,
    );
  }
  if (endpoint !== undefined && caData === undefined) {
    throw new UserInputError(
      names.certificateAuthorityData,
      `is required when \`${names.endpoint}\` is given`,
      `Set it to the cluster's certificateAuthority.data (\`aws eks describe-cluster --name <cluster> --query cluster.certificateAuthority.data\`), or leave out \`${names.endpoint}\` to look the cluster up.`,
    );
  }
  if (caData !== undefined && endpoint === undefined) {
    throw new UserInputError(
      names.endpoint,
      `is required when \`${names.certificateAuthorityData}\` is given`,
      `Set it to the cluster's API endpoint (\`aws eks describe-cluster --name <cluster> --query cluster.endpoint\`), or leave out \`${names.certificateAuthorityData}\` to look the cluster up.`,
    );
  }
  if (endpoint !== undefined && caData !== undefined) {
    if (name === undefined) {
      throw new UserInputError(
        names.name,
        `is required when \`${names.endpoint}\` is given: the Step Functions EKS integrations need the cluster name too`,
        `Set \`${names.name}\` to the EKS cluster's name.`,
      );
    }
    return {
      kind: "explicit",
      name: parseClusterName(names.name, name),
      endpoint: parseEndpoint(names.endpoint, endpoint),
      certificateAuthorityData: parseCertificateAuthorityData(
        names.certificateAuthorityData,
        caData,
      ),
    };
  }
  if (name !== undefined) return { kind: "name", name: parseClusterName(names.name, name) };
  if (tags !== undefined) return { kind: "tags", tags };
  throw new UserInputError(
    names.name,
    "no cluster was given",
    `Set \`${names.name}\` to the EKS cluster to run on, or \`${names.tags}\` to find it by its tags.`,
  );
}

/** A trimmed value, or undefined when it is missing or blank (an unset action input is ""). */
function given(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === "" ? undefined : trimmed;
}

/** Tags to match; undefined when none were given. */
export function parseTags(
  input: string,
  value: string | Readonly<Record<string, string>>,
): Readonly<Record<string, string>> | undefined {
  const pairs: [string, string][] =
    typeof value === "string" ? splitTagText(input, value) : Object.entries(value);
  if (pairs.length === 0) return undefined;
  const tags: Record<string, string> = {};
  for (const [rawKey, rawValue] of pairs) {
    const key = rawKey.trim();
    if (typeof rawValue !== "string") {
      throw new UserInputError(
        input,
        `the value of tag ${JSON.stringify(key)} is not a string`,
        'Give each tag as "key=value".',
      );
    }
    const tagValue = rawValue.trim();
    if (key === "" || key.length > MAX_TAG_KEY) {
      throw new UserInputError(
        input,
        `${JSON.stringify(key)} is not a valid tag key (1 to ${MAX_TAG_KEY} characters)`,
        'Give each tag as "key=value", for example "team=ci,env=test".',
      );
    }
    if (tagValue.length > MAX_TAG_VALUE) {
      throw new UserInputError(
        input,
        `the value of tag ${JSON.stringify(key)} is longer than ${MAX_TAG_VALUE} characters`,
        "Use the tag value as it is set on the cluster.",
      );
    }
    const earlier = tags[key];
    if (earlier !== undefined && earlier !== tagValue) {
      throw new UserInputError(
        input,
        `tag ${JSON.stringify(key)} is given twice, as ${JSON.stringify(earlier)} and ${JSON.stringify(tagValue)}`,
        "Give each tag key once.",
      );
    }
    tags[key] = tagValue;
  }
  return tags;
}

function splitTagText(input: string, text: string): [string, string][] {
  return text
    .split(/[,\n]/)
    .map((entry) => entry.trim())
    .filter((entry) => entry !== "")
    .map((entry) => {
      const equals = entry.indexOf("=");
      if (equals < 0) {
        throw new UserInputError(
          input,
          `${JSON.stringify(entry)} is not a "key=value" pair`,
          'Give tags as "key=value" pairs separated by commas or new lines, for example "team=ci,env=test".',
        );
      }
      return [entry.slice(0, equals), entry.slice(equals + 1)];
    });
}

/** The Kubernetes API server URL: https, a host, no credentials, query or fragment. */
export function parseEndpoint(input: string, value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UserInputError(
      input,
      `${JSON.stringify(value)} is not a URL`,
      'Give the cluster\'s API endpoint as DescribeCluster shows it, such as "https://ABCDEF0123456789.gr7.us-east-1.eks.amazonaws.com".',
    );
  }
  if (url.protocol !== "https:") {
    throw new UserInputError(
      input,
      `${JSON.stringify(value)} is not an https URL`,
      "The Kubernetes API endpoint of an EKS cluster is https; give it as DescribeCluster shows it.",
    );
  }
  if (url.username !== "" || url.password !== "" || url.search !== "" || url.hash !== "") {
    throw new UserInputError(
      input,
      "has credentials, a query or a fragment, which an API endpoint never has",
      "Give only the scheme and host (and port, if any), as DescribeCluster shows the endpoint.",
    );
  }
  return value.replace(/\/+$/, "");
}

/**
 * The cluster CA as base64 of a PEM certificate (what DescribeCluster returns and the
 * EKS integrations take unchanged). Whitespace from line-wrapped pastes is dropped.
 */
export function parseCertificateAuthorityData(input: string, value: string): string {
  const compact = value.replace(/\s+/g, "");
  const fix =
    "Give the cluster's certificateAuthority.data as DescribeCluster shows it (`aws eks describe-cluster --name <cluster> --query cluster.certificateAuthority.data`).";
  if (value.includes(PEM_CERTIFICATE)) {
    throw new UserInputError(input, "is a PEM certificate, not its base64", fix);
  }
  if (compact.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(compact)) {
    throw new UserInputError(input, "is not base64", fix);
  }
  const pem = Buffer.from(compact, "base64").toString("utf8");
  if (!pem.includes(PEM_CERTIFICATE)) {
    throw new UserInputError(input, "is base64, but not of a PEM certificate", fix);
  }
  try {
    new X509Certificate(pem);
  } catch {
    throw new UserInputError(input, "decodes to a PEM block that is not a valid certificate", fix);
  }
  return compact;
}
