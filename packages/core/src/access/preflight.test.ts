import { parseAwsAuth, parseRoleArn } from "@eks-sfn/rbac";
import { describe, expect, it } from "vitest";
import { findMappingProblems } from "./preflight.ts";

const plan = (arn: string) => ({ role: parseRoleArn("role-arn", arn), username: "eks-sfn" });

describe("findMappingProblems", () => {
  it("finds the entry of a role asked for in another case, as EKS does (issue 14, case 1)", () => {
    const awsAuth = parseAwsAuth({
      mapRoles: "- rolearn: arn:aws:iam::111122223333:role/sfn\n  username: eks-sfn-sfn\n",
    });
    expect(findMappingProblems(awsAuth, plan("arn:aws:iam::111122223333:role/SFN")).mapped).toEqual(
      {
        rolearn: "arn:aws:iam::111122223333:role/sfn",
        username: "eks-sfn-sfn",
      },
    );
  });

  it("reports the last entry for the role, the one EKS uses", () => {
    const awsAuth = parseAwsAuth({
      mapRoles:
        "- {rolearn: arn:aws:iam::111122223333:role/sfn, username: first}\n- {RoleArn: arn:aws:iam::111122223333:role/Sfn, username: second}\n",
    });
    expect(
      findMappingProblems(awsAuth, plan("arn:aws:iam::111122223333:role/sfn")).mapped?.username,
    ).toBe("second");
  });

  it("points out an entry written with the role's path, which never matches", () => {
    const awsAuth = parseAwsAuth({
      mapRoles: "- rolearn: arn:aws:iam::111122223333:role/service-role/SFN\n  username: x\n",
    });
    const found = findMappingProblems(
      awsAuth,
      plan("arn:aws:iam::111122223333:role/service-role/sfn"),
    );
    expect(found.mapped).toBeUndefined();
    expect(found.mappedWithPath?.username).toBe("x");
  });
});
