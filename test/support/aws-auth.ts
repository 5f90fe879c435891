// kube-system/aws-auth as an EKS cluster with a managed node group has it: one node
// role mapping (which must survive every edit) and one user mapping. Tests put it
// back before they run, read it raw, or delete it to see a bare cluster.
import { CoreV1Api, type V1ConfigMap } from "@kubernetes/client-node";
import { adminKubeConfig, type StackState, testStack } from "./stack.ts";

export const NODE_ROLE_ARN = "arn:aws:iam::123456789012:role/eks-node-group-NodeInstanceRole";

/** Written as eksctl and EKS write it, comments and all: a rewrite must keep its meaning. */
export const SEED_MAP_ROLES = `- groups:
  - system:bootstrappers
  - system:nodes
  rolearn: ${NODE_ROLE_ARN}
  username: system:node:{{EC2PrivateDNSName}}
`;
export const SEED_MAP_USERS = `- userarn: arn:aws:iam::123456789012:user/ops
  username: ops
  groups:
  - system:masters
`;

function core(stack: StackState): CoreV1Api {
  return adminKubeConfig(stack).makeApiClient(CoreV1Api);
}

export async function readAwsAuth(
  stack: StackState = testStack(),
): Promise<V1ConfigMap | undefined> {
  try {
    return await core(stack).readNamespacedConfigMap({
      name: "aws-auth",
      namespace: "kube-system",
    });
  } catch (error) {
    if ((error as { code?: number }).code === 404) return undefined;
    throw error;
  }
}

export async function deleteAwsAuth(stack: StackState = testStack()): Promise<void> {
  try {
    await core(stack).deleteNamespacedConfigMap({ name: "aws-auth", namespace: "kube-system" });
  } catch (error) {
    if ((error as { code?: number }).code !== 404) throw error;
  }
}

/** Puts aws-auth back to the seed: the node mapping and the ops user, nothing else. */
export async function resetAwsAuth(stack: StackState = testStack()): Promise<V1ConfigMap> {
  await deleteAwsAuth(stack);
  return core(stack).createNamespacedConfigMap({
    namespace: "kube-system",
    body: {
      metadata: { name: "aws-auth", namespace: "kube-system" },
      data: { mapRoles: SEED_MAP_ROLES, mapUsers: SEED_MAP_USERS },
    },
  });
}
