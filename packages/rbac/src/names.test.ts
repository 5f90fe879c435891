import { describe, expect, it } from "vitest";
import {
  parseAccessEntryUsername,
  parseAccountId,
  parseClusterName,
  parseKubernetesGroup,
  parseKubernetesUsername,
  parseNamespace,
  parseObjectName,
  parseRoleArn,
  refuseIdentityTemplate,
} from "./names.ts";
import { thrown } from "./test-support/thrown.ts";
import { UserInputError } from "./user-input-error.ts";

describe("parseNamespace", () => {
  it("accepts DNS-1123 labels up to 63 characters", () => {
    expect(parseNamespace("namespace", "ci-jobs")).toBe("ci-jobs");
    expect(parseNamespace("namespace", "a".repeat(63))).toBe("a".repeat(63));
  });

  it("rejects an empty namespace and names the input", () => {
    const error = thrown(() => parseNamespace("namespace", ""));
    expect(error.input).toBe("namespace");
    expect(error.message).toMatch(/^namespace: "" is not a valid Kubernetes namespace name/);
  });

  it.each(["Foo_bar", "-leading", "trailing-", "has.dot", "UPPER", "a".repeat(64)])(
    "rejects %j with the rule and an example",
    (value) => {
      const error = thrown(() => parseNamespace("namespace", value));
      expect(error.message).toBe(
        `namespace: ${JSON.stringify(value)} is not a valid Kubernetes namespace name (DNS-1123 label: lowercase letters, digits and '-', at most 63 characters). Use a name like "ci-jobs".`,
      );
    },
  );
});

describe("parseObjectName", () => {
  it("accepts DNS-1123 subdomains with dots up to 253 characters", () => {
    expect(parseObjectName("roleName", "eks-sfn.job-runner")).toBe("eks-sfn.job-runner");
    const long = `${"a".repeat(63)}.${"b".repeat(63)}.${"c".repeat(63)}.${"d".repeat(61)}`;
    expect(long).toHaveLength(253);
    expect(parseObjectName("roleName", long)).toBe(long);
  });

  it.each(["run_job", "", "Job", "a..b", ".a", `${"a".repeat(254)}`])(
    "rejects %j naming the input",
    (value) => {
      const error = thrown(() => parseObjectName("roleName", value));
      expect(error.message).toMatch(
        /^roleName: .* is not a valid Kubernetes object name \(DNS-1123 subdomain/,
      );
    },
  );
});

describe("parseRoleArn", () => {
  it("takes a role ARN apart", () => {
    expect(
      parseRoleArn("roleArn", "arn:aws:iam::123456789012:role/EKS_StepFunctions_Integration"),
    ).toEqual({
      partition: "aws",
      accountId: "123456789012",
      path: "/",
      roleName: "EKS_StepFunctions_Integration",
      arn: "arn:aws:iam::123456789012:role/EKS_StepFunctions_Integration",
      arnWithoutPath: "arn:aws:iam::123456789012:role/EKS_StepFunctions_Integration",
    });
  });

  it("keeps the path in arn and drops it from arnWithoutPath", () => {
    const role = parseRoleArn(
      "roleArn",
      "arn:aws-us-gov:iam::123456789012:role/service-role/team/MySFNRole",
    );
    expect(role.partition).toBe("aws-us-gov");
    expect(role.path).toBe("/service-role/team/");
    expect(role.roleName).toBe("MySFNRole");
    expect(role.arn).toBe("arn:aws-us-gov:iam::123456789012:role/service-role/team/MySFNRole");
    expect(role.arnWithoutPath).toBe("arn:aws-us-gov:iam::123456789012:role/MySFNRole");
  });

  it("accepts the China partition", () => {
    expect(parseRoleArn("roleArn", "arn:aws-cn:iam::123456789012:role/r").partition).toBe("aws-cn");
  });

  it("rejects an IAM user ARN and says it is a user", () => {
    const error = thrown(() => parseRoleArn("roleArn", "arn:aws:iam::123456789012:user/alice"));
    expect(error.input).toBe("roleArn");
    expect(error.message).toMatch(
      /^roleArn: "arn:aws:iam::123456789012:user\/alice" is an IAM user ARN, not a role ARN/,
    );
  });

  it("rejects an assumed-role session ARN and points at the role", () => {
    const error = thrown(() =>
      parseRoleArn("roleArn", "arn:aws:sts::123456789012:assumed-role/MySFNRole/session-1"),
    );
    expect(error.message).toMatch(/^roleArn: .* is an STS assumed-role session ARN/);
    expect(error.message).toContain("arn:aws:iam::123456789012:role/MySFNRole");
  });

  it.each([
    "",
    "MySFNRole",
    "arn:aws:iam::12345:role/short-account",
    "arn:aws:iam::123456789012:role/",
    "arn:aws:iam::123456789012:policy/MyPolicy",
    "arn:aws:s3:::bucket",
    "arn:aws:iam::123456789012:role/has space",
  ])("rejects %j naming the input", (value) => {
    const error = thrown(() => parseRoleArn("role-arn", value));
    expect(error.message).toMatch(
      /^role-arn: .* is not an IAM role ARN\. Give the ARN of an IAM role/,
    );
  });

  it("rejects partitions it does not support", () => {
    const error = thrown(() => parseRoleArn("roleArn", "arn:aws-iso:iam::123456789012:role/r"));
    expect(error.message).toContain('partition "aws-iso"');
  });
});

describe("Kubernetes identities", () => {
  it("accepts usernames with colons and templates for aws-auth", () => {
    expect(parseKubernetesUsername("username", "system:node:{{EC2PrivateDNSName}}")).toBe(
      "system:node:{{EC2PrivateDNSName}}",
    );
  });

  it("rejects an empty username naming the input", () => {
    expect(thrown(() => parseKubernetesUsername("username", "")).message).toMatch(
      /^username: the Kubernetes username is empty/,
    );
  });

  it("rejects a group with surrounding whitespace", () => {
    expect(thrown(() => parseKubernetesGroup("groups[0]", " ops")).message).toMatch(
      /^groups\[0\]: " ops" is not a usable Kubernetes group/,
    );
  });

  it.each(["system:eks-sfn", "eks:runner", "aws:x", "amazon:x", "iam:x"])(
    "rejects the reserved access entry username %j",
    (value) => {
      const error = thrown(() => parseAccessEntryUsername("username", value));
      expect(error.message).toMatch(/^username: ".*" starts with ".*:", which EKS reserves/);
    },
  );

  it("accepts an ordinary access entry username", () => {
    expect(parseAccessEntryUsername("username", "eks-sfn")).toBe("eks-sfn");
  });
});

describe("AWS names", () => {
  it("accepts cluster names EKS accepts and rejects others", () => {
    expect(parseClusterName("cluster", "EKSCluster_1-a")).toBe("EKSCluster_1-a");
    expect(thrown(() => parseClusterName("cluster", "-x")).message).toMatch(
      /^cluster: "-x" is not a valid EKS cluster name/,
    );
    expect(() => parseClusterName("cluster", "a".repeat(101))).toThrow(UserInputError);
  });

  it("accepts only 12-digit account ids", () => {
    expect(parseAccountId("accountId", "012345678901")).toBe("012345678901");
    expect(thrown(() => parseAccountId("accountId", "12345")).message).toMatch(
      /^accountId: "12345" is not an AWS account id/,
    );
  });
});

describe("names: the whole messages and the edges of each form", () => {
  it("takes one-character segments after a dot in an object name", () => {
    expect(parseObjectName("name", "a.b.c")).toBe("a.b.c");
  });

  it("suggests the default example name, or the one given", () => {
    expect(thrown(() => parseObjectName("name", "A")).message).toMatch(
      /\. Use a name like "eks-sfn-job-runner"\.$/,
    );
    expect(thrown(() => parseObjectName("name", "A", "my-role")).message).toMatch(
      /\. Use a name like "my-role"\.$/,
    );
  });

  it("says how to fix a group with whitespace around it", () => {
    expect(thrown(() => parseKubernetesGroup("groups[0]", " g")).message).toBe(
      'groups[0]: " g" is not a usable Kubernetes group: it has leading or trailing whitespace or control characters. Remove them, for example "eks-sfn-job-runners".',
    );
  });

  it("refuses text with either half of a template, saying why", () => {
    expect(thrown(() => refuseIdentityTemplate("username", "a}}")).message).toBe(
      'username: "a}}" holds an aws-iam-authenticator template; the authenticator replaces it for each session, so a RoleBinding naming this text would never match. Use a fixed name such as "eks-sfn-my-role".',
    );
    expect(thrown(() => refuseIdentityTemplate("username", "{{a")).input).toBe("username");
    expect(refuseIdentityTemplate("username", "a{b}")).toBe("a{b}");
  });

  it("checks an access entry username as a Kubernetes username first", () => {
    expect(thrown(() => parseAccessEntryUsername("username", "eks-sfn ")).message).toMatch(
      /leading or trailing whitespace/,
    );
    expect(thrown(() => parseAccessEntryUsername("username", "aws:x")).message).toBe(
      'username: "aws:x" starts with "aws:", which EKS reserves for access entry usernames (system:, eks:, aws:, amazon:, iam:). Use a username like "eks-sfn", or leave it empty to let EKS choose one.',
    );
  });

  it("trims a role ARN and refuses text before arn:", () => {
    expect(parseRoleArn("roleArn", " arn:aws:iam::123456789012:role/R\n").arn).toBe(
      "arn:aws:iam::123456789012:role/R",
    );
    expect(thrown(() => parseRoleArn("roleArn", "xarn:aws:iam::123456789012:role/R")).message).toBe(
      'roleArn: "xarn:aws:iam::123456789012:role/R" is not an IAM role ARN. Give the ARN of an IAM role, like arn:aws:iam::123456789012:role/MyRole or arn:aws:iam::123456789012:role/service-role/MyRole.',
    );
  });

  it("calls text around a user or session ARN not a role ARN, without naming it a user or session", () => {
    expect(thrown(() => parseRoleArn("roleArn", "x:arn:aws:iam::1:user/u")).message).toMatch(
      /^roleArn: "x:arn:aws:iam::1:user\/u" is not an IAM role ARN\./,
    );
    expect(
      thrown(() => parseRoleArn("roleArn", "x:arn:aws:sts::1:assumed-role/R/s")).message,
    ).toMatch(/^roleArn: "x:arn:aws:sts::1:assumed-role\/R\/s" is not an IAM role ARN\./);
  });

  it("says which partitions it supports and how to fix a long path", () => {
    expect(
      thrown(() => parseRoleArn("roleArn", "arn:aws-iso:iam::123456789012:role/R")).message,
    ).toBe(
      'roleArn: "arn:aws-iso:iam::123456789012:role/R" is in the partition "aws-iso", which is not supported (aws, aws-cn, aws-us-gov). Use a role in one of those partitions.',
    );
    expect(
      thrown(() => parseRoleArn("roleArn", `arn:aws:iam::123456789012:role/${"p".repeat(511)}/R`))
        .message,
    ).toMatch(/has a path longer than 512 characters\. Check the ARN\.$/);
    expect(
      parseRoleArn("roleArn", `arn:aws:iam::123456789012:role/${"p".repeat(510)}/R`).path,
    ).toHaveLength(512);
  });

  it("refuses account ids with text before or after the 12 digits", () => {
    expect(() => parseAccountId("accountId", "1234567890123")).toThrow(UserInputError);
    expect(() => parseAccountId("accountId", "x123456789012")).toThrow(UserInputError);
  });
});
