// The test stack's Kubernetes API server as the code under test sees an EKS cluster:
// named as aws-iam-authenticator's cluster id (so EKS tokens for it are accepted), with
// the API server's URL and CA.
import { type StackState, testStack } from "./stack.ts";

/** The test cluster in core's ClusterEndpoint shape, as if given explicitly. */
export function testClusterEndpoint(stack: StackState = testStack()) {
  return {
    name: stack.authenticator.clusterId,
    endpoint: stack.kube.server,
    certificateAuthorityData: stack.kube.caData,
    source: "explicit" as const,
  };
}

/** The execution input the article's state machine reads: `$.cluster.name`, `.ca`, `.endpoint`. */
export function testClusterInput(stack: StackState = testStack()) {
  return {
    cluster: {
      name: stack.authenticator.clusterId,
      ca: stack.kube.caData,
      endpoint: stack.kube.server,
    },
  };
}
