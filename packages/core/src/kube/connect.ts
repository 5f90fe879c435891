// One way for every front end to reach the cluster a run targets: an EKS cluster (by
// name, by tags, or given as endpoint + CA) with a token signed from AWS credentials, or
// a kubeconfig and context. Either way the result carries the API server's real
// endpoint and CA (the EKS integrations need them) and a Kubernetes client.
import { readFileSync } from "node:fs";
import type { EKSClient } from "@aws-sdk/client-eks";
import { UserInputError } from "@eks-sfn/rbac";
import { KubeConfig } from "@kubernetes/client-node";
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from "@smithy/types";
import type { ClusterEndpoint } from "../cluster/cluster-endpoint.ts";
import type { ClusterTarget, ClusterTargetInputNames } from "../cluster/cluster-target.ts";
import { discoverCluster } from "../cluster/discover.ts";
import { createEksTokenSource } from "../cluster/token.ts";
import type { SecretMask } from "../log/secret-mask.ts";
import { kubeConfigWithTokenSource } from "./kube-client.ts";

/** Where the cluster is: an EKS target (cluster/cluster-target.ts) or a kubeconfig file. */
export type ConnectTarget =
  | { readonly kind: "eks"; readonly target: ClusterTarget }
  | {
      readonly kind: "kubeconfig";
      readonly path: string;
      /** A context in the file; its current-context when absent. */
      readonly context?: string | undefined;
      /** The EKS cluster name to use in definitions; the kubeconfig cluster's name when absent. */
      readonly clusterName?: string | undefined;
    };

export interface ClusterConnection {
  /** Name, https endpoint and base64 CA of the API server, as the EKS integrations take them. */
  readonly cluster: ClusterEndpoint;
  /** A client acting as the caller (the kubeconfig's user, or the AWS credentials' identity). */
  readonly kube: KubeConfig;
  /** How the client authenticates: "eks-token" (signed per request) or "kubeconfig". */
  readonly auth: "eks-token" | "kubeconfig";
}

/** The input names a front end uses for the kubeconfig fields; errors name them. */
export interface ConnectInputNames extends Partial<ClusterTargetInputNames> {
  readonly kubeconfig?: string | undefined;
  readonly context?: string | undefined;
}

/**
 * Reaches the cluster `target` names.
 *
 * EKS targets are found with DescribeCluster (or ListClusters + tags) unless given
 * explicitly, and the client sends a bearer token that `aws eks get-token` would make,
 * signed again before it expires; each token is added to `mask`. Kubeconfig targets use
 * the file's server, CA and user exactly as kubectl would; a bearer token in the file is
 * added to `mask` too.
 *
 * @throws UserInputError when the kubeconfig file is missing, unreadable, or has no such
 *   context, or lacks a server or CA; ClusterDiscoveryError when EKS cannot find the cluster.
 */
export async function connectToCluster(options: {
  readonly target: ConnectTarget;
  /** Needed for EKS targets found by name or tags. */
  readonly eks?: EKSClient | undefined;
  /** Signs EKS tokens; needed for EKS targets. */
  readonly credentials?: AwsCredentialIdentityProvider | AwsCredentialIdentity | undefined;
  readonly region?: string | undefined;
  readonly mask?: SecretMask | undefined;
  readonly inputNames?: ConnectInputNames | undefined;
  readonly signal?: AbortSignal | undefined;
}): Promise<ClusterConnection> {
  const { target } = options;
  if (target.kind === "kubeconfig") return connectWithKubeconfig(target, options);
  const cluster = await discoverCluster({
    eks: options.eks,
    target: target.target,
    signal: options.signal,
    inputNames: options.inputNames,
  });
  if (options.credentials === undefined || options.region === undefined) {
    throw new Error("connectToCluster: an EKS target needs AWS credentials and a region");
  }
  return {
    cluster,
    kube: clusterClientAs({
      cluster,
      credentials: options.credentials,
      region: options.region,
      mask: options.mask,
    }),
    auth: "eks-token",
  };
}

/**
 * A Kubernetes client for `cluster` acting as the identity of `credentials` (an assumed
 * role, for instance), authenticated the way Step Functions' EKS integrations are: an
 * EKS bearer token for that identity, refreshed before it expires. Each token is masked.
 */
export function clusterClientAs(options: {
  readonly cluster: ClusterEndpoint;
  readonly credentials: AwsCredentialIdentityProvider | AwsCredentialIdentity;
  readonly region: string;
  readonly mask?: SecretMask | undefined;
}): KubeConfig {
  const tokenSource = createEksTokenSource({
    credentials: options.credentials,
    region: options.region,
    clusterName: options.cluster.name,
    onToken: (token) => options.mask?.add(token),
  });
  return kubeConfigWithTokenSource({ cluster: options.cluster, tokenSource });
}

function connectWithKubeconfig(
  target: Extract<ConnectTarget, { kind: "kubeconfig" }>,
  options: {
    readonly mask?: SecretMask | undefined;
    readonly inputNames?: ConnectInputNames | undefined;
  },
): ClusterConnection {
  const flag = options.inputNames?.kubeconfig ?? "kubeconfig";
  const contextFlag = options.inputNames?.context ?? "context";
  let text: string;
  try {
    text = readFileSync(target.path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UserInputError(
      flag,
      code === "ENOENT"
        ? `${target.path} does not exist`
        : `${target.path} cannot be read (${code})`,
      "Give the path of a kubeconfig file.",
    );
  }
  const kube = new KubeConfig();
  try {
    kube.loadFromString(text);
  } catch (error) {
    throw new UserInputError(
      flag,
      `${target.path} is not a kubeconfig (${(error as Error).message.split("\n")[0]})`,
      "Give the path of a kubeconfig file (`kubectl config view --raw` shows one).",
    );
  }
  if (target.context !== undefined) {
    if (!kube.getContexts().some((c) => c.name === target.context)) {
      throw new UserInputError(
        contextFlag,
        `${target.path} has no context "${target.context}"`,
        `Use one of: ${kube
          .getContexts()
          .map((c) => c.name)
          .join(", ")}.`,
      );
    }
    kube.setCurrentContext(target.context);
  }
  const cluster = kube.getCurrentCluster();
  const user = kube.getCurrentUser();
  if (cluster === null || user === null) {
    throw new UserInputError(
      target.context === undefined ? flag : contextFlag,
      `${target.path} has no usable current context (current-context: ${JSON.stringify(kube.getCurrentContext() || null)})`,
      "Set one with `kubectl config use-context`, or name one with the context flag.",
    );
  }
  if (!cluster.server.startsWith("https://")) {
    throw new UserInputError(
      flag,
      `the cluster "${cluster.name}" in ${target.path} has no https server (${JSON.stringify(cluster.server)})`,
      "Point the kubeconfig at the API server's https endpoint.",
    );
  }
  let caData = cluster.caData;
  if (caData === undefined && cluster.caFile !== undefined) {
    try {
      caData = readFileSync(cluster.caFile).toString("base64");
    } catch {
      throw new UserInputError(
        flag,
        `the certificate-authority file ${cluster.caFile} of cluster "${cluster.name}" cannot be read`,
        "Fix the path in the kubeconfig, or embed certificate-authority-data.",
      );
    }
  }
  if (caData === undefined || caData === "") {
    throw new UserInputError(
      flag,
      `the cluster "${cluster.name}" in ${target.path} has no certificate authority`,
      "Add certificate-authority-data (the EKS integrations verify the API server with it).",
    );
  }
  options.mask?.add(user.token);
  return {
    cluster: {
      name: target.clusterName ?? cluster.name,
      endpoint: cluster.server.replace(/\/+$/, ""),
      certificateAuthorityData: caData,
      source: "explicit",
    },
    kube,
    auth: "kubeconfig",
  };
}
