import { type AwsAuthChange, parseRoleArn } from "@eks-sfn/rbac";
import { describe, expect, it } from "vitest";
import type { AccessPlan } from "../access/access-plan.ts";
import type { GrantReport } from "../access/grant.ts";
import type { PreflightFinding } from "../access/preflight.ts";
import {
  describePreflightFinding,
  renderGrantReport,
  renderPreflightReport,
  renderRevokeReport,
} from "./render-access.ts";

const entry = {
  rolearn: "arn:aws:iam::111122223333:role/sfn",
  username: "eks-sfn-sfn",
  groups: ["eks-sfn-job-runners"],
};

describe("renderRevokeReport", () => {
  it("says a changed entry is still mapped, changed by someone else, and left in place (issue 14, case 6)", () => {
    const [line] = renderRevokeReport({
      steps: [
        {
          kind: "aws-auth-mapping",
          entry,
          outcome: {
            kind: "changed",
            current: { ...entry, groups: ["eks-sfn-job-runners", "system:masters"] },
          },
        },
      ],
    });
    expect(line).toBe(
      'aws-auth: arn:aws:iam::111122223333:role/sfn is still mapped, to username "eks-sfn-sfn" with groups [eks-sfn-job-runners, system:masters]: someone else changed or replaced this run\'s entry (username "eks-sfn-sfn" with groups [eks-sfn-job-runners]), so it was left in place.',
    );
    expect(line).not.toContain("already gone");
  });

  it("says a mapping that is gone was already gone, and an empty receipt removes nothing", () => {
    expect(
      renderRevokeReport({
        steps: [{ kind: "aws-auth-mapping", entry, outcome: { kind: "absent" } }],
      }),
    ).toEqual(["aws-auth: the mapping of arn:aws:iam::111122223333:role/sfn was already gone."]);
    expect(renderRevokeReport({ steps: [] })).toEqual([
      "The receipt records no change: nothing to remove.",
    ]);
  });
});

const ROLE = parseRoleArn("role", "arn:aws:iam::111122223333:role/sfn");
const PATH_ROLE = parseRoleArn("role", "arn:aws:iam::111122223333:role/service-role/sfn");

function plan(overrides: Partial<AccessPlan> = {}): AccessPlan {
  return {
    clusterName: "demo",
    role: ROLE,
    namespace: "jobs",
    strategy: "aws-auth",
    username: "eks-sfn-sfn",
    groups: ["eks-sfn-job-runners"],
    accessPolicy: "none",
    roleName: "eks-sfn-job-runner",
    bindingName: "eks-sfn-job-runner",
    notes: [],
    ...overrides,
  };
}

function grant(overrides: Partial<GrantReport> = {}): GrantReport {
  return { plan: plan(), dryRun: false, objects: [], ...overrides };
}

const role = {
  apiVersion: "rbac.authorization.k8s.io/v1",
  kind: "Role",
  namespace: "jobs",
  name: "eks-sfn-job-runner",
} as const;
const binding = {
  apiVersion: "rbac.authorization.k8s.io/v1",
  kind: "RoleBinding",
  namespace: "jobs",
  name: "eks-sfn-job-runner",
} as const;

describe("renderGrantReport", () => {
  it("starts with the plan's notes and says what happened to each RBAC object", () => {
    expect(
      renderGrantReport(
        grant({
          plan: plan({ notes: ["auto chose aws-auth: the cluster uses CONFIG_MAP"] }),
          objects: [
            { object: role, outcome: "created" },
            { object: binding, outcome: "unchanged" },
          ],
        }),
      ),
    ).toEqual([
      "auto chose aws-auth: the cluster uses CONFIG_MAP",
      "Role jobs/eks-sfn-job-runner: created.",
      "RoleBinding jobs/eks-sfn-job-runner: unchanged.",
    ]);
  });

  it("says a dry run would create or replace objects, and leaves unchanged ones as they are", () => {
    expect(
      renderGrantReport(
        grant({
          dryRun: true,
          objects: [
            { object: role, outcome: "replaced" },
            { object: binding, outcome: "unchanged" },
          ],
        }),
      ),
    ).toEqual([
      "Role jobs/eks-sfn-job-runner: would be replaced.",
      "RoleBinding jobs/eks-sfn-job-runner: unchanged.",
    ]);
  });

  const mapping = { rolearn: ROLE.arn, username: "eks-sfn-sfn", groups: ["eks-sfn-job-runners"] };
  const base = { requestedRoleArn: ROLE.arn, pathStripped: false };

  it("says an aws-auth mapping was added, or would be on a dry run", () => {
    const awsAuth = { ...base, kind: "added", entry: mapping } as const;
    expect(renderGrantReport(grant({ awsAuth }))).toEqual([
      'aws-auth: mapped arn:aws:iam::111122223333:role/sfn to username "eks-sfn-sfn" with groups [eks-sfn-job-runners].',
    ]);
    expect(renderGrantReport(grant({ awsAuth, dryRun: true }))).toEqual([
      'aws-auth: would map arn:aws:iam::111122223333:role/sfn to username "eks-sfn-sfn" with groups [eks-sfn-job-runners].',
    ]);
  });

  it("names the ARN asked for when aws-auth got it without its path", () => {
    const stripped = { requestedRoleArn: PATH_ROLE.arn, pathStripped: true };
    const note =
      " (ARN written without its path, as aws-auth requires; asked for arn:aws:iam::111122223333:role/service-role/sfn)";
    expect(
      renderGrantReport(grant({ awsAuth: { ...stripped, kind: "added", entry: mapping } })),
    ).toEqual([
      `aws-auth: mapped arn:aws:iam::111122223333:role/sfn to username "eks-sfn-sfn" with groups [eks-sfn-job-runners]${note}.`,
    ]);
    expect(
      renderGrantReport(
        grant({ dryRun: true, awsAuth: { ...stripped, kind: "added", entry: mapping } }),
      ),
    ).toEqual([
      `aws-auth: would map arn:aws:iam::111122223333:role/sfn to username "eks-sfn-sfn" with groups [eks-sfn-job-runners]${note}.`,
    ]);
    expect(
      renderGrantReport(grant({ awsAuth: { ...stripped, kind: "unchanged", entry: mapping } })),
    ).toEqual([
      `aws-auth: arn:aws:iam::111122223333:role/sfn is already mapped to username "eks-sfn-sfn" with groups [eks-sfn-job-runners]; nothing changed${note}.`,
    ]);
  });

  it("says an existing mapping was kept, and a conflicting one left unchanged", () => {
    expect(
      renderGrantReport(grant({ awsAuth: { ...base, kind: "unchanged", entry: mapping } })),
    ).toEqual([
      'aws-auth: arn:aws:iam::111122223333:role/sfn is already mapped to username "eks-sfn-sfn" with groups [eks-sfn-job-runners]; nothing changed.',
    ]);
    expect(
      renderGrantReport(
        grant({
          awsAuth: {
            ...base,
            kind: "conflict",
            existing: { rolearn: ROLE.arn, groups: [] },
            requested: mapping,
          },
        }),
      ),
    ).toEqual([
      'aws-auth: arn:aws:iam::111122223333:role/sfn is already mapped to no username with no groups, not username "eks-sfn-sfn" with groups [eks-sfn-job-runners]; left it unchanged.',
    ]);
  });

  it("lists a mapping's groups separated by commas and says when it has none", () => {
    const awsAuth: AwsAuthChange = {
      ...base,
      kind: "added",
      entry: { rolearn: ROLE.arn, username: "u", groups: ["a", "b"] },
    };
    expect(renderGrantReport(grant({ awsAuth }))).toEqual([
      'aws-auth: mapped arn:aws:iam::111122223333:role/sfn to username "u" with groups [a, b].',
    ]);
    const bare = { ...base, kind: "added", entry: { rolearn: ROLE.arn, username: "u" } } as const;
    expect(renderGrantReport(grant({ awsAuth: bare }))).toEqual([
      'aws-auth: mapped arn:aws:iam::111122223333:role/sfn to username "u" with no groups.',
    ]);
  });

  it("says what became of the access entry and its policy", () => {
    const accessEntry = {
      entry: "created",
      username: "eks-sfn-sfn",
      kubernetesGroups: [],
      policy: "associated",
    } as const;
    const p = plan({ strategy: "access-entry" });
    expect(renderGrantReport(grant({ plan: p, accessEntry }))).toEqual([
      'access entry for arn:aws:iam::111122223333:role/sfn: created (username "eks-sfn-sfn").',
      "AmazonEKSEditPolicy in jobs: associated.",
    ]);
    expect(renderGrantReport(grant({ plan: p, accessEntry, dryRun: true }))).toEqual([
      'access entry for arn:aws:iam::111122223333:role/sfn: would be created (username "eks-sfn-sfn").',
      "AmazonEKSEditPolicy in jobs: associated.",
    ]);
    expect(
      renderGrantReport(
        grant({
          plan: p,
          dryRun: true,
          accessEntry: {
            ...accessEntry,
            entry: "reused",
            username: undefined,
            policy: "not-requested",
          },
        }),
      ),
    ).toEqual(['access entry for arn:aws:iam::111122223333:role/sfn: reused (username "").']);
  });

  it("says strategy none leaves the role's Kubernetes identity alone", () => {
    expect(renderGrantReport(grant({ plan: plan({ strategy: "none" }) }))).toEqual([
      "access-strategy none: the role's Kubernetes identity is left as it is.",
    ]);
    expect(renderGrantReport(grant())).toEqual([]);
  });
});

describe("renderRevokeReport, every step", () => {
  it("says a removed mapping was removed, with the ConfigMap it created and another entry still mapping the role", () => {
    const removed = (outcome: { configMapDeleted: boolean; stillMappedBy?: typeof entry }) =>
      renderRevokeReport({
        steps: [{ kind: "aws-auth-mapping", entry, outcome: { kind: "removed", ...outcome } }],
      });
    expect(removed({ configMapDeleted: false })).toEqual([
      "aws-auth: removed this run's mapping of arn:aws:iam::111122223333:role/sfn.",
    ]);
    expect(removed({ configMapDeleted: true })).toEqual([
      "aws-auth: removed this run's mapping of arn:aws:iam::111122223333:role/sfn and the ConfigMap this run created.",
    ]);
    expect(
      removed({ configMapDeleted: false, stillMappedBy: { ...entry, username: "admin" } }),
    ).toEqual([
      'aws-auth: removed this run\'s mapping of arn:aws:iam::111122223333:role/sfn; the role is still mapped by another entry, to username "admin" with groups [eks-sfn-job-runners], which was left in place.',
    ]);
  });

  it("says what became of Kubernetes objects, the access entry and its policy, in the receipt's order", () => {
    expect(
      renderRevokeReport({
        steps: [
          { kind: "kube-object", object: binding, outcome: "deleted" },
          { kind: "kube-object", object: role, outcome: "restored" },
          {
            kind: "access-policy",
            principalArn: ROLE.arn,
            policyArn: "arn:aws:eks::aws:cluster-access-policy/AmazonEKSEditPolicy",
            outcome: "disassociated",
          },
          { kind: "access-entry", principalArn: ROLE.arn, outcome: "absent" },
        ],
      }),
    ).toEqual([
      "RoleBinding jobs/eks-sfn-job-runner: deleted.",
      "Role jobs/eks-sfn-job-runner: restored.",
      "arn:aws:eks::aws:cluster-access-policy/AmazonEKSEditPolicy for arn:aws:iam::111122223333:role/sfn: disassociated.",
      "access entry for arn:aws:iam::111122223333:role/sfn: absent.",
    ]);
  });
});

describe("describePreflightFinding and renderPreflightReport", () => {
  const cases: [string, PreflightFinding, string[]][] = [
    [
      "a private-only endpoint, with the command that opens it",
      {
        check: "endpoint",
        status: "problem",
        cluster: "demo",
        endpoint: "https://x",
        publicAccess: false,
      },
      [
        "PROBLEM  endpoint: cluster demo has a private-only API endpoint; Step Functions' EKS integrations reach it over the internet",
        "         causes: every eks:runJob and eks:call task fails",
        "         fix: aws eks update-cluster-config --name demo --resources-vpc-config endpointPublicAccess=true",
      ],
    ],
    [
      "a public endpoint",
      {
        check: "endpoint",
        status: "ok",
        cluster: "demo",
        endpoint: "https://x",
        publicAccess: true,
      },
      ["ok  endpoint: public endpoint https://x"],
    ],
    [
      "an endpoint whose public access is not known",
      {
        check: "endpoint",
        status: "unknown",
        cluster: "demo",
        endpoint: "https://x",
        publicAccess: undefined,
      },
      [
        "unknown  endpoint: endpoint https://x (public access not known for a cluster given explicitly)",
      ],
    ],
    [
      "the authentication mode and where the identity comes from",
      { check: "authentication-mode", status: "ok", mode: "API", strategy: "access-entry" },
      [
        "ok  authentication-mode: authentication mode API; the role's identity comes from access-entry",
      ],
    ],
    [
      "an unknown authentication mode",
      { check: "authentication-mode", status: "unknown", mode: undefined, strategy: "aws-auth" },
      ["unknown  authentication-mode: authentication mode not known; planned strategy aws-auth"],
    ],
    [
      "a role aws-auth maps",
      {
        check: "identity",
        status: "ok",
        source: "aws-auth",
        role: PATH_ROLE,
        found: { kind: "mapped", entry: { rolearn: ROLE.arn, username: "eks-sfn-sfn" } },
      },
      ['ok  identity: aws-auth maps arn:aws:iam::111122223333:role/sfn to username "eks-sfn-sfn"'],
    ],
    [
      "a mapping with no username",
      {
        check: "identity",
        status: "ok",
        source: "aws-auth",
        role: ROLE,
        found: { kind: "mapped", entry: { rolearn: ROLE.arn } },
      },
      ['ok  identity: aws-auth maps arn:aws:iam::111122223333:role/sfn to username ""'],
    ],
    [
      "a mapping written with the role's path, which never matches",
      {
        check: "identity",
        status: "problem",
        source: "aws-auth",
        role: PATH_ROLE,
        found: { kind: "mapped-with-path", entry: { rolearn: PATH_ROLE.arn } },
      },
      [
        "PROBLEM  identity: aws-auth maps arn:aws:iam::111122223333:role/service-role/sfn with its path (/service-role/); aws-iam-authenticator compares role ARNs without the path, so this entry never matches",
        "         causes: EKS.401 (Unauthorized) on the first Kubernetes call",
        "         fix: write the entry as rolearn: arn:aws:iam::111122223333:role/sfn (eks-sfn rbac grant does this)",
      ],
    ],
    [
      "a role aws-auth does not map",
      {
        check: "identity",
        status: "problem",
        source: "aws-auth",
        role: PATH_ROLE,
        found: { kind: "not-mapped" },
      },
      [
        "PROBLEM  identity: arn:aws:iam::111122223333:role/sfn is not mapped in kube-system/aws-auth",
        "         causes: EKS.401 (Unauthorized) on the first Kubernetes call",
        "         fix: grant access (eks-sfn rbac grant, or access-strategy aws-auth)",
      ],
    ],
    [
      "an aws-auth that could not be read, with its HTTP status",
      {
        check: "identity",
        status: "unknown",
        source: "aws-auth",
        role: ROLE,
        found: { kind: "unreadable", httpStatus: 403 },
      },
      ["unknown  identity: could not read kube-system/aws-auth (HTTP 403)"],
    ],
    [
      "an aws-auth that could not be read, with no status",
      {
        check: "identity",
        status: "unknown",
        source: "aws-auth",
        role: ROLE,
        found: { kind: "unreadable", httpStatus: undefined },
      },
      ["unknown  identity: could not read kube-system/aws-auth (HTTP error)"],
    ],
    [
      "an access entry, named by the ARN with its path",
      {
        check: "identity",
        status: "ok",
        source: "access-entry",
        role: PATH_ROLE,
        cluster: "demo",
        found: { kind: "entered", username: "eks-sfn-sfn" },
      },
      [
        'ok  identity: access entry for arn:aws:iam::111122223333:role/service-role/sfn with username "eks-sfn-sfn"',
      ],
    ],
    [
      "an access entry with no username",
      {
        check: "identity",
        status: "ok",
        source: "access-entry",
        role: ROLE,
        cluster: "demo",
        found: { kind: "entered", username: undefined },
      },
      ['ok  identity: access entry for arn:aws:iam::111122223333:role/sfn with username ""'],
    ],
    [
      "a role with no access entry",
      {
        check: "identity",
        status: "problem",
        source: "access-entry",
        role: ROLE,
        cluster: "demo",
        found: { kind: "no-entry" },
      },
      [
        "PROBLEM  identity: arn:aws:iam::111122223333:role/sfn has no access entry on demo",
        "         causes: EKS.401 (Unauthorized) on the first Kubernetes call",
        "         fix: grant access (eks-sfn rbac grant, or access-strategy access-entry)",
      ],
    ],
    [
      "an access entry that could not be described",
      {
        check: "identity",
        status: "unknown",
        source: "access-entry",
        role: ROLE,
        cluster: "demo",
        found: { kind: "unreadable", errorName: "AccessDeniedException" },
      },
      ["unknown  identity: could not describe the access entry (AccessDeniedException)"],
    ],
    [
      "a missing namespace, with the command that creates it",
      { check: "namespace", status: "problem", namespace: "jobs", found: "missing" },
      [
        "PROBLEM  namespace: namespace jobs does not exist",
        "         causes: EKS.404 (NotFound) when the task creates the Job",
        "         fix: kubectl create namespace jobs",
      ],
    ],
    [
      "a namespace that exists",
      { check: "namespace", status: "ok", namespace: "jobs", found: "exists" },
      ["ok  namespace: namespace jobs exists"],
    ],
    [
      "a namespace that could not be read",
      { check: "namespace", status: "unknown", namespace: "jobs", found: "unreadable" },
      ["unknown  namespace: could not read namespace jobs"],
    ],
    [
      "RBAC that allows the job runner everything",
      { check: "rbac", status: "ok", username: "eks-sfn-sfn", namespace: "jobs", missing: [] },
      ['ok  rbac: "eks-sfn-sfn" may run Jobs and read their logs in jobs'],
    ],
    [
      "RBAC that is missing verbs, each named",
      {
        check: "rbac",
        status: "problem",
        username: "eks-sfn-sfn",
        namespace: "jobs",
        missing: ["create jobs", "get pods/log"],
      },
      [
        'PROBLEM  rbac: "eks-sfn-sfn" may not create jobs, get pods/log in jobs',
        "         causes: EKS.403 (Forbidden) when the task creates the Job or reads its logs",
        "         fix: apply the job runner Role and RoleBinding (eks-sfn rbac grant)",
      ],
    ],
  ];

  it.each(cases)("words %s", (_, finding, lines) => {
    expect(
      renderPreflightReport({ ok: finding.status !== "problem", findings: [finding] }),
    ).toEqual(lines);
  });

  it("words a finding that needs nothing done with no consequence and no fix", () => {
    const text = describePreflightFinding({
      check: "namespace",
      status: "ok",
      namespace: "jobs",
      found: "exists",
    });
    expect(text).toEqual({ detail: "namespace jobs exists" });
  });

  it("prints findings in the order they were checked", () => {
    const findings = cases.map(([, finding]) => finding);
    expect(renderPreflightReport({ ok: false, findings })).toEqual(
      cases.flatMap(([, , lines]) => lines),
    );
    expect(renderPreflightReport({ ok: true, findings: [] })).toEqual([]);
  });
});
