// How a command reaches AWS and a cluster from its flags: the region, an EKS client,
// and connectToCluster with the flags' names, all loaded on demand.
import { UserInputError } from "@eks-sfn/rbac";
import type { ClusterTarget } from "../../cluster/cluster-target.ts";
import type { ClusterConnection, ConnectTarget } from "../../kube/connect.ts";
import type { CliWorld } from "../world.ts";

/** The region from `--region`, AWS_REGION or AWS_DEFAULT_REGION. */
export function regionFrom(world: CliWorld, flag: string | undefined): string | undefined {
  return flag ?? world.env.AWS_REGION ?? world.env.AWS_DEFAULT_REGION;
}

export function requireRegion(region: string | undefined): string {
  if (region === undefined) {
    throw new UserInputError(
      "--region",
      "is not set and neither is AWS_REGION",
      "Give --region (the cluster's AWS region).",
    );
  }
  return region;
}

/** AWS SDK clients for the CLI: the default credential chain, the given region. */
export async function awsClients(region: string) {
  const [{ EKSClient }, { SFNClient }, { STSClient }, { defaultProvider }] = await Promise.all([
    import("@aws-sdk/client-eks"),
    import("@aws-sdk/client-sfn"),
    import("@aws-sdk/client-sts"),
    import("@aws-sdk/credential-provider-node"),
  ]);
  const credentials = defaultProvider();
  return {
    region,
    credentials,
    eks: new EKSClient({ region, credentials }),
    sfn: new SFNClient({ region, credentials }),
    sts: new STSClient({ region, credentials }),
  };
}

/** Connects as the caller: the kubeconfig's user, or the AWS credentials' identity. */
export async function connectFromFlags(
  world: CliWorld,
  options: {
    readonly kubeconfig?: string | undefined;
    readonly context?: string | undefined;
    readonly clusterName?: string | undefined;
    readonly target?: ClusterTarget | undefined;
    readonly region?: string | undefined;
  },
): Promise<ClusterConnection & { eks?: import("@aws-sdk/client-eks").EKSClient | undefined }> {
  const { connectToCluster } = await import("../../kube/connect.ts");
  const inputNames = {
    name: "--cluster-name",
    tags: "--cluster-tags",
    endpoint: "--cluster-endpoint",
    certificateAuthorityData: "--cluster-ca-data",
    kubeconfig: "--kubeconfig",
    context: "--context",
  };
  if (options.kubeconfig !== undefined) {
    const target: ConnectTarget = {
      kind: "kubeconfig",
      path: options.kubeconfig,
      context: options.context,
      clusterName: options.clusterName,
    };
    const connection = await connectToCluster({ target, mask: world.mask, inputNames });
    const region = options.region;
    return { ...connection, eks: region ? (await awsClients(region)).eks : undefined };
  }
  const region = requireRegion(options.region);
  const aws = await awsClients(region);
  const { parseClusterTarget } = await import("../../cluster/cluster-target.ts");
  const target = options.target ?? parseClusterTarget({ name: options.clusterName }, inputNames);
  const connection = await connectToCluster({
    target: { kind: "eks", target },
    eks: aws.eks,
    credentials: aws.credentials,
    region,
    mask: world.mask,
    inputNames,
  });
  return { ...connection, eks: aws.eks };
}
