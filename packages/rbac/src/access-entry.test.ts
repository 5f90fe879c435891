import { describe, expect, it } from "vitest";
import { renderAccessEntryRequests } from "./access-entry.ts";
import { expectGolden } from "./test-support/golden.ts";
import { UserInputError } from "./user-input-error.ts";

const ROLE = "arn:aws:iam::123456789012:role/service-role/EKS_StepFunctions_Integration";

describe("renderAccessEntryRequests", () => {
  it("renders the Edit policy route scoped to the job namespaces", () => {
    const requests = renderAccessEntryRequests({
      clusterName: "EKSCluster",
      principalArn: ROLE,
      username: "eks-sfn",
      namespaces: ["ci-jobs", "nightly"],
      policy: "edit",
      tags: { "app.kubernetes.io/managed-by": "eks-sfn" },
    });
    expectGolden("access-entry-edit.json", `${JSON.stringify(requests, null, 2)}\n`);
  });

  it("renders the Kubernetes groups route without an access policy", () => {
    const requests = renderAccessEntryRequests({
      clusterName: "EKSCluster",
      principalArn: ROLE,
      kubernetesGroups: ["eks-sfn-job-runners"],
      namespaces: ["ci-jobs"],
      policy: "none",
    });
    expectGolden("access-entry-groups.json", `${JSON.stringify(requests, null, 2)}\n`);
    expect(requests.associateAccessPolicy).toBeUndefined();
  });

  it("keeps the role's path in principalArn, unlike aws-auth", () => {
    const { createAccessEntry, associateAccessPolicy } = renderAccessEntryRequests({
      clusterName: "c",
      principalArn: ROLE,
      namespaces: ["default"],
      policy: "edit",
    });
    expect(createAccessEntry.principalArn).toBe(ROLE);
    expect(associateAccessPolicy?.principalArn).toBe(ROLE);
  });

  it("leaves out the username, groups and tags it was not given, so EKS chooses", () => {
    const { createAccessEntry } = renderAccessEntryRequests({
      clusterName: "c",
      principalArn: ROLE,
      namespaces: ["default"],
      policy: "edit",
    });
    expect(createAccessEntry).toEqual({ clusterName: "c", principalArn: ROLE, type: "STANDARD" });
  });

  it("takes the policy ARN's partition from the role", () => {
    const { associateAccessPolicy } = renderAccessEntryRequests({
      clusterName: "c",
      principalArn: "arn:aws-cn:iam::123456789012:role/r",
      namespaces: ["default", "default"],
      policy: "edit",
    });
    expect(associateAccessPolicy).toEqual({
      clusterName: "c",
      principalArn: "arn:aws-cn:iam::123456789012:role/r",
      policyArn: "arn:aws-cn:eks::aws:cluster-access-policy/AmazonEKSEditPolicy",
      accessScope: { type: "namespace", namespaces: ["default"] },
    });
  });

  const base = {
    clusterName: "c",
    principalArn: ROLE,
    namespaces: ["default"],
    policy: "edit",
  } as const;
  it.each([
    [{ ...base, username: "system:eks-sfn" }, /^username: "system:eks-sfn" starts with "system:"/],
    [{ ...base, username: "eks:runner" }, /^username: "eks:runner" starts with "eks:"/],
    [
      { ...base, principalArn: "arn:aws:iam::123456789012:user/alice" },
      /^principalArn: .* is an IAM user ARN/,
    ],
    [
      { ...base, principalArn: "arn:aws:sts::123456789012:assumed-role/R/s" },
      /^principalArn: .* assumed-role/,
    ],
    [{ ...base, principalArn: "not-an-arn" }, /^principalArn: "not-an-arn" is not an IAM role ARN/],
    [
      { ...base, namespaces: ["ci_jobs"] },
      /^namespaces\[0\]: "ci_jobs" is not a valid Kubernetes namespace name/,
    ],
    [{ ...base, namespaces: [] }, /^namespaces: is empty/],
    [{ ...base, policy: "none" }, /^kubernetesGroups: is empty while policy is "none"/],
    [{ ...base, policy: "admin" }, /^policy: "admin" is not an access policy choice/],
    [
      { ...base, clusterName: "my cluster" },
      /^clusterName: "my cluster" is not a valid EKS cluster name/,
    ],
    [{ ...base, kubernetesGroups: [""] }, /^kubernetesGroups\[0\]: the Kubernetes group is empty/],
    [{ ...base, tags: { "aws:owner": "me" } }, /^tags\["aws:owner"\]: a tag key/],
  ])("rejects bad input %#, naming it", (options, message) => {
    const render = () =>
      renderAccessEntryRequests(options as Parameters<typeof renderAccessEntryRequests>[0]);
    expect(render).toThrow(UserInputError);
    expect(render).toThrow(message);
  });
});
