import { describe, expect, it } from "vitest";
import { renderAccessEntryRequests } from "./access-entry.ts";
import { expectGolden } from "./test-support/golden.ts";
import { userInputErrorOf } from "./test-support/user-input.ts";
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
    userInputErrorOf(render);
  });
});

describe("renderAccessEntryRequests at EKS's limits", () => {
  const base = {
    clusterName: "c",
    principalArn: ROLE,
    namespaces: ["default"],
    policy: "edit",
  } as const;
  const tagsOf = (count: number) =>
    Object.fromEntries(Array.from({ length: count }, (_, i) => [`key-${i}`, `value-${i}`]));
  const render = (options: Partial<Parameters<typeof renderAccessEntryRequests>[0]>) =>
    renderAccessEntryRequests({ ...base, ...options });
  const inputError = (action: () => unknown): UserInputError => {
    try {
      action();
    } catch (error) {
      if (error instanceof UserInputError) return error;
      throw error;
    }
    throw new Error("expected a UserInputError, but nothing was thrown");
  };

  it("takes 50 tags and refuses 51, counting them", () => {
    expect(Object.keys(render({ tags: tagsOf(50) }).createAccessEntry.tags ?? {})).toHaveLength(50);
    const error = inputError(() => render({ tags: tagsOf(51) }));
    expect(error.input).toBe("tags");
    expect(error.message).toBe("tags: has 51 tags; EKS allows at most 50. Remove some.");
  });

  it("takes tag keys of 1 and 128 characters and refuses 0 and 129", () => {
    const tags = { k: "v", ["k".repeat(128)]: "v" };
    expect(render({ tags }).createAccessEntry.tags).toEqual(tags);
    for (const key of ["", "k".repeat(129)]) {
      const error = inputError(() => render({ tags: { [key]: "v" } }));
      expect(error.input).toBe(`tags[${JSON.stringify(key)}]`);
      expect(error.message).toMatch(/a tag key must have 1 to 128 characters/);
    }
  });

  it('refuses a tag key starting with "aws:" in any case, and allows "aws" elsewhere', () => {
    for (const key of ["aws:owner", "AWS:owner", "Aws:x"]) {
      expect(inputError(() => render({ tags: { [key]: "v" } })).input).toBe(
        `tags[${JSON.stringify(key)}]`,
      );
    }
    expect(render({ tags: { "team-aws:x": "v", aws: "v" } }).createAccessEntry.tags).toEqual({
      "team-aws:x": "v",
      aws: "v",
    });
  });

  it("takes tag values of 0 and 256 characters and refuses 257", () => {
    const tags = { empty: "", long: "v".repeat(256) };
    expect(render({ tags }).createAccessEntry.tags).toEqual(tags);
    const error = inputError(() => render({ tags: { long: "v".repeat(257) } }));
    expect(error.message).toBe(
      'tags["long"]: a tag value may have at most 256 characters. Shorten it.',
    );
  });

  it("takes a role whose path makes 512 characters with its slashes and refuses 513", () => {
    // The path of /a.../ with its two slashes: IAM's limit is 512 characters.
    const withPath = (length: number) =>
      `arn:aws:iam::123456789012:role/${"p".repeat(length - 2)}/runner`;
    expect(render({ principalArn: withPath(512) }).createAccessEntry.principalArn).toBe(
      withPath(512),
    );
    expect(inputError(() => render({ principalArn: withPath(513) })).message).toMatch(
      /^principalArn: .* has a path longer than 512 characters/,
    );
  });

  it("takes a one-character namespace and refuses one of 64 characters", () => {
    expect(render({ namespaces: ["a"] }).associateAccessPolicy?.accessScope.namespaces).toEqual([
      "a",
    ]);
    expect(render({ namespaces: ["a".repeat(63)] }).associateAccessPolicy?.accessScope).toEqual({
      type: "namespace",
      namespaces: ["a".repeat(63)],
    });
    expect(inputError(() => render({ namespaces: ["a".repeat(64)] })).input).toBe("namespaces[0]");
  });

  it("lists each Kubernetes group once, in the order given", () => {
    expect(
      render({ policy: "none", kubernetesGroups: ["runners", "auditors", "runners"] })
        .createAccessEntry.kubernetesGroups,
    ).toEqual(["runners", "auditors"]);
  });

  it("takes an already parsed role ARN as it is", () => {
    const role = {
      arn: "arn:aws-us-gov:iam::123456789012:role/r",
      partition: "aws-us-gov",
    } as unknown as Parameters<typeof renderAccessEntryRequests>[0]["principalArn"];
    expect(render({ principalArn: role }).associateAccessPolicy?.policyArn).toBe(
      "arn:aws-us-gov:eks::aws:cluster-access-policy/AmazonEKSEditPolicy",
    );
  });

  it("needs no namespace for the groups route, which has no access policy to scope", () => {
    expect(render({ policy: "none", namespaces: [], kubernetesGroups: ["runners"] })).toEqual({
      createAccessEntry: {
        clusterName: "c",
        principalArn: ROLE,
        kubernetesGroups: ["runners"],
        type: "STANDARD",
      },
    });
  });
});
