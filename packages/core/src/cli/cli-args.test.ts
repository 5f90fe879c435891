import { describe, expect, it } from "vitest";
import { parseCliArgs } from "./cli-args.ts";

describe("parseCliArgs", () => {
  it("reads a grant with its flags and defaults", () => {
    expect(
      parseCliArgs([
        "rbac",
        "grant",
        "--kubeconfig",
        "k.yaml",
        "--role-arn",
        "arn:aws:iam::123456789012:role/x",
      ]),
    ).toEqual({
      action: "grant",
      cluster: { clusterName: undefined, region: undefined, kubeconfig: "k.yaml" },
      roleArn: "arn:aws:iam::123456789012:role/x",
      namespace: "default",
      accessStrategy: "auto",
      username: undefined,
      receipt: "eks-sfn-receipt.json",
      dryRun: false,
    });
  });

  it("names an unknown command and lists the real ones", () => {
    expect(() => parseCliArgs(["rbac", "gant"])).toThrow(
      'command: "rbac gant" is not a command. Use one of: eks-sfn rbac render, eks-sfn rbac preflight, eks-sfn rbac grant, eks-sfn rbac revoke.',
    );
  });

  it("names an unknown flag", () => {
    expect(() => parseCliArgs(["rbac", "render", "--role", "x"])).toThrow(/^--role: /);
  });

  it("asks for a cluster before anything reaches one", () => {
    expect(() =>
      parseCliArgs(["rbac", "grant", "--role-arn", "arn:aws:iam::123456789012:role/x"]),
    ).toThrow(/^--cluster-name: is required to reach a cluster\./);
  });

  it("asks for the role except to revoke", () => {
    expect(() => parseCliArgs(["rbac", "preflight", "--cluster-name", "c"])).toThrow(
      /^--role-arn: is required/,
    );
    expect(parseCliArgs(["rbac", "revoke", "--cluster-name", "c"]).action).toBe("revoke");
  });
});
