// A grant takes effect a few seconds after it is made: aws-iam-authenticator (and EKS)
// read aws-auth and access entries asynchronously. Before the first Kubernetes call as
// the role, wait until the API server knows the role, so the run does not fail with an
// EKS.401 that a moment later would not happen.

import { AssumeRoleCommand, type STSClient } from "@aws-sdk/client-sts";
import { AuthenticationV1Api } from "@kubernetes/client-node";
import { AwsRequestError } from "../aws/aws-request-error.ts";
import type { ClusterEndpoint } from "../cluster/cluster-endpoint.ts";
import { clusterClientAs } from "../kube/connect.ts";
import { kubeStatusOf } from "../kube/kube-request-error.ts";
import type { SecretMask } from "../log/secret-mask.ts";
import type { Sleep } from "../time/clock.ts";

/** How long a grant may take to be seen before the run goes on regardless. */
export const GRANT_SETTLE_MS = 30_000;
const SETTLE_POLL_MS = 250;

/**
 * Asks the API server who the role is (SelfSubjectReview, which every authenticated
 * identity may create) until it stops answering 401, or `timeoutMs` passes. Resolves
 * true when the role was recognised. Never throws for a refusal: the run then reports
 * what the task itself gets.
 * @throws AwsRequestError when STS refuses AssumeRole (expired credentials, no trust).
 */
export async function settleGrant(options: {
  readonly cluster: ClusterEndpoint;
  readonly roleArn: string;
  readonly sts: STSClient;
  readonly region: string;
  readonly sleep: Sleep;
  readonly mask?: SecretMask | undefined;
  readonly timeoutMs?: number | undefined;
}): Promise<boolean> {
  const assumed = await options.sts
    .send(
      new AssumeRoleCommand({ RoleArn: options.roleArn, RoleSessionName: "eks-sfn-settle-grant" }),
    )
    .catch((error: unknown) => {
      throw new AwsRequestError("sts:AssumeRole", error);
    });
  const c = assumed.Credentials;
  if (!c?.AccessKeyId || !c.SecretAccessKey) return false;
  options.mask?.add(c.SecretAccessKey);
  options.mask?.add(c.SessionToken);
  const kube = clusterClientAs({
    cluster: options.cluster,
    credentials: {
      accessKeyId: c.AccessKeyId,
      secretAccessKey: c.SecretAccessKey,
      ...(c.SessionToken ? { sessionToken: c.SessionToken } : {}),
    },
    region: options.region,
    mask: options.mask,
  });
  const api = kube.makeApiClient(AuthenticationV1Api);
  const until = Date.now() + (options.timeoutMs ?? GRANT_SETTLE_MS);
  for (;;) {
    try {
      await api.createSelfSubjectReview({ body: {} });
      return true;
    } catch (error) {
      if (kubeStatusOf(error) !== 401 || Date.now() >= until) return kubeStatusOf(error) !== 401;
    }
    await options.sleep(SETTLE_POLL_MS);
  }
}
