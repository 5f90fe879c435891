// preflightAccess against the test cluster as a caller the cluster does not accept: the
// error is one line naming the request and the likely fix, not client-node's
// "HTTP-Code: 401 Message: Unknown API Status Code!".
import { parseRoleArn } from "@eks-sfn/rbac";
import { describe, expect, it } from "vitest";
import { tokenKubeConfig } from "../../../../test/support/stack.ts";
import { testClusterEndpoint } from "../../../../test/support/test-cluster.ts";
import { planAccess } from "./access-plan.ts";
import { preflightAccess } from "./preflight.ts";

describe("preflightAccess as a caller the cluster does not accept", () => {
  it("fails with one line that names the request, the 401 and what to check", async () => {
    const cluster = testClusterEndpoint();
    const plan = planAccess(
      {
        roleArn: parseRoleArn("role-arn", "arn:aws:iam::123456789012:role/Sfn").arn,
        namespace: "default",
        strategy: "aws-auth",
      },
      cluster,
    );
    const error = await preflightAccess({
      cluster,
      plan,
      kube: tokenKubeConfig("not-a-token-the-cluster-knows"),
    }).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(error?.message).toMatch(
      /^preflight: POST \/apis\/authorization\.k8s\.io\/v1\/subjectaccessreviews failed with HTTP 401: .*check the kubeconfig's user or the AWS credentials/,
    );
    expect(error?.message).not.toContain("\n");
    expect(error?.message).not.toContain("HTTP-Code");
  });
});
