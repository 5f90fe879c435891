// A cluster that was found but cannot be used, or an EKS request that failed while
// looking for it. Mistakes in the inputs are UserInputErrors instead.

/** Why discovery stopped, for callers that react to it (a summary, an exit code). */
export type ClusterDiscoveryFailure =
  /** DELETING, FAILED, or a status this tool does not know. */
  | "not-active"
  /** The API endpoint is private only: the Step Functions EKS integrations cannot reach it. */
  | "private-endpoint"
  /** DescribeCluster gave no endpoint or CA. */
  | "incomplete"
  /** The cluster did not become ACTIVE in time. */
  | "timeout"
  /** An EKS request failed (permissions, throttling, the network). */
  | "request-failed";

export class ClusterDiscoveryError extends Error {
  override readonly name = "ClusterDiscoveryError";
  /** The cluster concerned; undefined when a search by tags failed before one was picked. */
  readonly clusterName: string | undefined;
  /** The EKS request that failed or gave the answer at fault, such as "DescribeCluster". */
  readonly request: string;
  readonly reason: ClusterDiscoveryFailure;

  constructor(options: {
    message: string;
    clusterName: string | undefined;
    request: string;
    reason: ClusterDiscoveryFailure;
    cause?: unknown;
  }) {
    super(options.message, options.cause === undefined ? undefined : { cause: options.cause });
    this.clusterName = options.clusterName;
    this.request = options.request;
    this.reason = options.reason;
  }
}
