// Finds the EKS cluster a target names and turns it into a ClusterEndpoint: by name
// (DescribeCluster), by tags (every cluster in the region, described and matched), or
// as given. Waits for a cluster that is still being created or updated.
import {
  type Cluster,
  DescribeClusterCommand,
  type EKSClient,
  paginateListClusters,
  waitUntilClusterActive,
} from "@aws-sdk/client-eks";
import { UserInputError } from "@eks-sfn/rbac";
import { ClusterDiscoveryError, type ClusterDiscoveryFailure } from "./cluster-discovery-error.ts";
import type { AuthenticationMode, ClusterEndpoint } from "./cluster-endpoint.ts";
import {
  CLUSTER_TARGET_INPUTS,
  type ClusterTarget,
  type ClusterTargetInputNames,
} from "./cluster-target.ts";

export const DEFAULT_CLUSTER_WAIT_MS = 20 * 60 * 1000;
/** How many clusters a "not found" message names. */
const LISTED_CLUSTERS = 5;
/** DescribeCluster calls in flight at once while matching tags. */
const DESCRIBE_CONCURRENCY = 4;

export interface DiscoverClusterOptions {
  /** Needed to find a cluster by name or tags; an explicit target makes no AWS call. */
  readonly eks?: EKSClient | undefined;
  readonly target: ClusterTarget;
  readonly signal?: AbortSignal | undefined;
  /** How long to wait for a CREATING or UPDATING cluster to become ACTIVE; 20 minutes by default. */
  readonly timeoutMs?: number | undefined;
  /** Wait for a CREATING or UPDATING cluster (the default), or fail at once. */
  readonly waitForActive?: boolean | undefined;
  /** ListClusters page size while matching tags (1 to 100); the service default otherwise. */
  readonly pageSize?: number | undefined;
  /** The input names errors refer to; the action's by default. */
  readonly inputNames?: Partial<ClusterTargetInputNames> | undefined;
}

export async function discoverCluster(options: DiscoverClusterOptions): Promise<ClusterEndpoint> {
  const { target } = options;
  if (target.kind === "explicit") {
    return {
      name: target.name,
      endpoint: target.endpoint,
      certificateAuthorityData: target.certificateAuthorityData,
      source: "explicit",
    };
  }
  const { eks } = options;
  if (eks === undefined) {
    throw new Error("discoverCluster: finding a cluster by name or tags needs an EKS client");
  }
  const withEks: WithEks = { ...options, eks };
  const names = { ...CLUSTER_TARGET_INPUTS, ...options.inputNames };
  const described =
    target.kind === "name"
      ? await describeByName(withEks, target.name, names)
      : await findByTags(withEks, target.tags, names);
  return settle(withEks, described);
}

type WithEks = DiscoverClusterOptions & { readonly eks: EKSClient };

/** What a described cluster is good for: use it, wait for it, or stop with a reason. */
export type ClusterUsability =
  | { readonly kind: "usable"; readonly cluster: ClusterEndpoint }
  | { readonly kind: "wait"; readonly status: string }
  | {
      readonly kind: "unusable";
      readonly reason: ClusterDiscoveryFailure;
      readonly message: string;
    };

const WAITABLE = new Set(["CREATING", "UPDATING"]);

/** Classifies a DescribeCluster answer; pure, so every status can be tested. */
export function checkClusterUsable(described: Cluster): ClusterUsability {
  const name = described.name ?? "(unnamed)";
  const status = described.status ?? "UNKNOWN";
  const describeCommand = `\`aws eks describe-cluster --name ${name}\``;
  if (status === "DELETING") {
    return {
      kind: "unusable",
      reason: "not-active",
      message: `cluster "${name}" is DELETING and cannot run Jobs. Use another cluster, or create it again.`,
    };
  }
  if (status === "FAILED") {
    const issues = (described.health?.issues ?? [])
      .map((issue) => [issue.code, issue.message].filter(Boolean).join(": "))
      .filter((text) => text !== "");
    const health = issues.length > 0 ? ` (health: ${issues.join("; ")})` : "";
    return {
      kind: "unusable",
      reason: "not-active",
      message: `cluster "${name}" is FAILED${health}. Its creation or last update failed; see ${describeCommand} (cluster.health) or the EKS console, and fix or replace the cluster.`,
    };
  }
  // An UPDATING cluster may be the very update that turns public access on: wait and look again.
  if (described.resourcesVpcConfig?.endpointPublicAccess === false && status !== "UPDATING") {
    return {
      kind: "unusable",
      reason: "private-endpoint",
      message:
        `cluster "${name}" has no public API endpoint (endpointPublicAccess is false), and the Step Functions EKS integrations (eks:runJob, eks:call) only support clusters whose API endpoint has public access. ` +
        `Turn public access on with \`aws eks update-cluster-config --name ${name} --resources-vpc-config endpointPublicAccess=true\` (private access can stay on for traffic from inside the VPC), or in the EKS console under Networking > Manage endpoint access.`,
    };
  }
  if (WAITABLE.has(status)) return { kind: "wait", status };
  if (status !== "ACTIVE") {
    return {
      kind: "unusable",
      reason: "not-active",
      message: `cluster "${name}" is ${status}, not ACTIVE, and cannot run Jobs. See ${describeCommand}.`,
    };
  }
  const endpoint = described.endpoint;
  const certificateAuthorityData = described.certificateAuthority?.data;
  if (!endpoint || !certificateAuthorityData) {
    const missing = !endpoint ? "an API endpoint" : "certificateAuthority.data";
    return {
      kind: "unusable",
      reason: "incomplete",
      message: `DescribeCluster gave no ${missing} for ACTIVE cluster "${name}". See ${describeCommand}.`,
    };
  }
  return {
    kind: "usable",
    cluster: toClusterEndpoint(described, name, endpoint, certificateAuthorityData),
  };
}

function toClusterEndpoint(
  described: Cluster,
  name: string,
  endpoint: string,
  certificateAuthorityData: string,
): ClusterEndpoint {
  // Clusters created before access entries existed report no accessConfig: aws-auth only.
  const authenticationMode: AuthenticationMode =
    described.accessConfig?.authenticationMode ?? "CONFIG_MAP";
  const publicAccess = described.resourcesVpcConfig?.endpointPublicAccess;
  return {
    name,
    endpoint,
    certificateAuthorityData,
    ...(described.arn !== undefined ? { arn: described.arn } : {}),
    ...(described.version !== undefined ? { version: described.version } : {}),
    ...(described.status !== undefined ? { status: described.status } : {}),
    authenticationMode,
    ...(publicAccess !== undefined ? { endpointPublicAccess: publicAccess } : {}),
    tags: { ...described.tags },
    source: "describe",
  };
}

/** Uses the cluster, waits for it first, or throws why it cannot be used. */
async function settle(options: WithEks, described: Cluster): Promise<ClusterEndpoint> {
  let verdict = checkClusterUsable(described);
  const name = described.name ?? "(unnamed)";
  if (verdict.kind === "wait") {
    if (options.waitForActive === false) {
      throw new ClusterDiscoveryError({
        message: `cluster "${name}" is ${verdict.status}, not yet ACTIVE. Run again once it is ACTIVE, or let discovery wait for it.`,
        clusterName: name,
        request: "DescribeCluster",
        reason: "not-active",
      });
    }
    const waited = await waitForClusterActive({
      eks: options.eks,
      name,
      timeoutMs: options.timeoutMs,
      signal: options.signal,
      lastStatus: verdict.status,
    });
    verdict = checkClusterUsable(waited);
  }
  switch (verdict.kind) {
    case "usable":
      return verdict.cluster;
    case "wait":
      throw new ClusterDiscoveryError({
        message: `cluster "${name}" is ${verdict.status}, not ACTIVE, after waiting for it. Run again once it is ACTIVE.`,
        clusterName: name,
        request: "DescribeCluster",
        reason: "not-active",
      });
    case "unusable":
      throw new ClusterDiscoveryError({
        message: verdict.message,
        clusterName: name,
        request: "DescribeCluster",
        reason: verdict.reason,
      });
  }
}

/**
 * Waits with the EKS waiter until the cluster is ACTIVE, and returns it as described
 * then. A cluster that turns DELETING or FAILED is returned as it is, for
 * checkClusterUsable to explain. Throws a ClusterDiscoveryError after `timeoutMs`, and
 * the signal's reason when it aborts.
 */
export async function waitForClusterActive(options: {
  eks: EKSClient;
  name: string;
  timeoutMs?: number | undefined;
  signal?: AbortSignal | undefined;
  /** The status seen before waiting, for the timeout message if no later one is known. */
  lastStatus?: string | undefined;
}): Promise<Cluster> {
  const { eks, name, signal } = options;
  const timeoutMs = options.timeoutMs ?? DEFAULT_CLUSTER_WAIT_MS;
  const maxWaitTime = timeoutMs / 1000;
  // EKS's defaults (30 s, then up to 120 s) unless the wait is too short for them: the
  // waiter refuses a minimum delay that is not below the whole wait.
  const minDelay = Math.min(30, maxWaitTime / 4);
  const maxDelay = Math.max(minDelay, Math.min(120, maxWaitTime / 2));
  signal?.throwIfAborted();
  if (timeoutMs > 0) {
    try {
      const result = await waitUntilClusterActive(
        {
          client: eks,
          maxWaitTime,
          minDelay,
          maxDelay,
          ...(signal ? { abortSignal: signal } : {}),
        },
        { name },
      );
      return result.final?.cluster ?? (await describeOrThrow({ eks, name, signal }));
    } catch (error) {
      signal?.throwIfAborted();
      // Anything but a timeout means the waiter gave up on DELETING or FAILED:
      // describe once more, so that checkClusterUsable can say which.
      if (!(error instanceof Error && error.name === "TimeoutError")) {
        return describeOrThrow({ eks, name, signal });
      }
    }
  }
  const status = await describeOrThrow({ eks, name, signal }).then(
    (cluster) => cluster.status ?? options.lastStatus ?? "UNKNOWN",
    () => options.lastStatus ?? "UNKNOWN",
  );
  throw new ClusterDiscoveryError({
    message: `cluster "${name}" is still ${status} after waiting ${formatDuration(timeoutMs)} for it to become ACTIVE. Check its progress with \`aws eks describe-cluster --name ${name}\`, then run again or allow a longer wait.`,
    clusterName: name,
    request: "DescribeCluster",
    reason: "timeout",
  });
}

async function describeByName(
  options: WithEks,
  name: string,
  names: ClusterTargetInputNames,
): Promise<Cluster> {
  try {
    return await describe(options.eks, name, options.signal);
  } catch (error) {
    options.signal?.throwIfAborted();
    if (!isNotFound(error)) throw requestFailed("DescribeCluster", name, error);
    const region = await options.eks.config.region();
    const others = await listedClusters(options);
    throw new UserInputError(
      names.name,
      `cluster "${name}" not found in ${region}; ${others}`,
      `Check \`${names.name}\` and the region.`,
    );
  }
}

async function findByTags(
  options: WithEks,
  tags: Readonly<Record<string, string>>,
  names: ClusterTargetInputNames,
): Promise<Cluster> {
  const all = await listClusterNames(options);
  const described = await mapConcurrently(all, DESCRIBE_CONCURRENCY, async (name) => {
    try {
      return await describe(options.eks, name, options.signal);
    } catch (error) {
      options.signal?.throwIfAborted();
      // Deleted between ListClusters and DescribeCluster: it cannot be the one.
      if (isNotFound(error)) return undefined;
      throw requestFailed("DescribeCluster", name, error);
    }
  });
  const wanted = Object.entries(tags);
  const matches = described.filter(
    (cluster): cluster is Cluster =>
      cluster !== undefined && wanted.every(([key, value]) => cluster.tags?.[key] === value),
  );
  const region = await options.eks.config.region();
  const shown = wanted.map(([key, value]) => `${key}=${value}`).join(", ");
  const [first, second] = matches;
  if (first === undefined) {
    throw new UserInputError(
      names.tags,
      `no cluster in ${region} has all of the tags ${shown}; ${describeList(all)}`,
      `Check \`${names.tags}\` and the region, or give \`${names.name}\` instead.`,
    );
  }
  if (second !== undefined) {
    throw new UserInputError(
      names.tags,
      `${matches.length} clusters in ${region} have all of the tags ${shown}: ${matches.map((cluster) => cluster.name).join(", ")}`,
      `Add a tag that only one of them has, or give \`${names.name}\` instead.`,
    );
  }
  return first;
}

async function describe(
  eks: EKSClient,
  name: string,
  signal: AbortSignal | undefined,
): Promise<Cluster> {
  const output = await eks.send(
    new DescribeClusterCommand({ name }),
    signal ? { abortSignal: signal } : {},
  );
  if (!output.cluster) {
    throw new ClusterDiscoveryError({
      message: `DescribeCluster gave no cluster for "${name}".`,
      clusterName: name,
      request: "DescribeCluster",
      reason: "request-failed",
    });
  }
  return output.cluster;
}

async function describeOrThrow(options: {
  eks: EKSClient;
  name: string;
  signal: AbortSignal | undefined;
}): Promise<Cluster> {
  try {
    return await describe(options.eks, options.name, options.signal);
  } catch (error) {
    options.signal?.throwIfAborted();
    if (error instanceof ClusterDiscoveryError) throw error;
    throw requestFailed("DescribeCluster", options.name, error);
  }
}

async function listClusterNames(options: WithEks): Promise<string[]> {
  const names: string[] = [];
  try {
    const pages = paginateListClusters(
      {
        client: options.eks,
        ...(options.pageSize !== undefined ? { pageSize: options.pageSize } : {}),
      },
      {},
    );
    for await (const page of pages) {
      options.signal?.throwIfAborted();
      names.push(...(page.clusters ?? []));
    }
  } catch (error) {
    options.signal?.throwIfAborted();
    throw requestFailed("ListClusters", undefined, error);
  }
  return names;
}

/** "clusters there: a, b" for a not-found message; never fails the message itself. */
async function listedClusters(options: WithEks): Promise<string> {
  try {
    return describeList(await listClusterNames(options));
  } catch (error) {
    options.signal?.throwIfAborted();
    const cause = error instanceof ClusterDiscoveryError ? error.cause : error;
    return `the clusters there could not be listed (ListClusters: ${errorName(cause)})`;
  }
}

function describeList(names: readonly string[]): string {
  if (names.length === 0) return "there are no clusters there";
  const shown = names.slice(0, LISTED_CLUSTERS).join(", ");
  const more = names.length - LISTED_CLUSTERS;
  return `clusters there: ${shown}${more > 0 ? ` and ${more} more` : ""}`;
}

function isNotFound(error: unknown): boolean {
  return error instanceof Error && error.name === "ResourceNotFoundException";
}

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : String(error);
}

function requestFailed(
  request: string,
  clusterName: string | undefined,
  error: unknown,
): ClusterDiscoveryError {
  if (error instanceof ClusterDiscoveryError) return error;
  const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  const what = clusterName === undefined ? request : `${request} for cluster "${clusterName}"`;
  return new ClusterDiscoveryError({
    message: `${what} failed: ${detail}`,
    clusterName,
    request,
    reason: "request-failed",
    cause: error,
  });
}

async function mapConcurrently<T, R>(
  items: readonly T[],
  limit: number,
  map: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next;
      next += 1;
      results[index] = await map(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

function formatDuration(ms: number): string {
  if (ms >= 60_000 && ms % 60_000 === 0) {
    const minutes = ms / 60_000;
    return `${minutes} minute${minutes === 1 ? "" : "s"}`;
  }
  return `${Number((ms / 1000).toFixed(1))} s`;
}
