import { isDns1123Label, parseRoleArn, UserInputError } from "@eks-sfn/rbac";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ClusterEndpoint } from "../cluster/cluster-endpoint.ts";
import { defaultUsername, jobRunnerObjectName, planAccess } from "./access-plan.ts";

const cluster: ClusterEndpoint = {
  name: "c1",
  endpoint: "https://127.0.0.1",
  certificateAuthorityData: "",
  authenticationMode: "CONFIG_MAP",
  source: "explicit",
};

const plan = (roleArn: string, extra: { username?: string } = {}) =>
  planAccess({ roleArn, namespace: "jobs", strategy: "aws-auth", ...extra }, cluster);

describe("planAccess names (issue 14, case 7)", () => {
  it("gives role/etl_runner and role/etl-runner different object names and usernames", () => {
    const a = plan("arn:aws:iam::111122223333:role/etl_runner");
    const b = plan("arn:aws:iam::111122223333:role/etl-runner");
    expect(a.roleName).not.toBe(b.roleName);
    expect(a.bindingName).not.toBe(b.bindingName);
    expect(a.username).not.toBe(b.username);
  });

  it("gives the same role name in two accounts different object names and usernames", () => {
    const a = plan("arn:aws:iam::111122223333:role/sfn");
    const b = plan("arn:aws:iam::444455556666:role/sfn");
    expect(a.roleName).not.toBe(b.roleName);
    expect(a.username).not.toBe(b.username);
  });

  it("gives every spelling of one role (case, path) the same names", () => {
    const a = plan("arn:aws:iam::111122223333:role/sfn");
    const b = plan("arn:aws:iam::111122223333:role/service-role/SFN");
    expect([b.roleName, b.bindingName, b.username]).toEqual([
      a.roleName,
      a.bindingName,
      a.username,
    ]);
  });

  it("refuses an authenticator template as the username before any call", () => {
    const error = (() => {
      try {
        plan("arn:aws:iam::111122223333:role/sfn", { username: "ci-{{SessionName}}" });
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(UserInputError);
    expect((error as UserInputError).input).toBe("username");
  });

  it("derives valid, bounded, distinct names for any two roles (property)", () => {
    const role = fc
      .record({
        partition: fc.constantFrom("aws", "aws-cn", "aws-us-gov"),
        account: fc.stringMatching(/^\d{12}$/),
        name: fc.stringMatching(/^[A-Za-z0-9_+=,.@-]{1,64}$/),
      })
      .map(({ partition, account, name }) =>
        parseRoleArn("role", `arn:${partition}:iam::${account}:role/${name}`),
      );
    fc.assert(
      fc.property(role, role, (a, b) => {
        for (const r of [a, b]) {
          expect(isDns1123Label(jobRunnerObjectName(r))).toBe(true);
          expect(defaultUsername(r).length).toBeLessThanOrEqual(63);
        }
        const same =
          a.partition === b.partition &&
          a.accountId === b.accountId &&
          a.roleName.toLowerCase() === b.roleName.toLowerCase();
        expect(jobRunnerObjectName(a) === jobRunnerObjectName(b)).toBe(same);
        expect(defaultUsername(a) === defaultUsername(b)).toBe(same);
      }),
    );
  });
});
