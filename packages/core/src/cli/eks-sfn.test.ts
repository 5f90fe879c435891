// The `eks-sfn` command as a user runs it, against the local cluster: a separate
// process, its output and exit code, the receipt file it writes.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseAwsAuth } from "@eks-sfn/rbac";
import { beforeEach, describe, expect, it } from "vitest";
import { readAwsAuth, resetAwsAuth, SEED_MAP_ROLES } from "../../../../test/support/aws-auth.ts";
import { eksSfn as eksSfnWith } from "../../../../test/support/eks-sfn-cli.ts";
import { createTestNamespace, testStack } from "../../../../test/support/stack.ts";

// No AWS credentials or region: rbac with a kubeconfig needs none.
const eksSfn = (args: readonly string[]) =>
  eksSfnWith(args, { PATH: process.env.PATH ?? "", HOME: testStack().stateDir });

describe("eks-sfn rbac", () => {
  beforeEach(async () => {
    await resetAwsAuth();
  });

  it("renders the Role, RoleBinding and aws-auth entry without a cluster", () => {
    const run = eksSfn([
      "rbac",
      "render",
      "--role-arn",
      "arn:aws:iam::123456789012:role/service-role/Sfn",
      "--namespace",
      "ci",
    ]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\n");
    expect(run.stdout).toContain("namespace: ci");
    expect(run.stdout).toMatch(
      /# - rolearn: arn:aws:iam::123456789012:role\/Sfn\n# {3}username: eks-sfn-sfn-[0-9a-f]{8}\n/,
    );
  });

  it("preflights, grants with a receipt, and revokes exactly that", async () => {
    const stack = testStack();
    const namespace = await createTestNamespace("cli");
    const receipt = join(mkdtempSync(join(stack.stateDir, "cli-")), "receipt.json");
    const common = [
      "--kubeconfig",
      stack.kube.adminKubeconfig,
      "--role-arn",
      "arn:aws:iam::123456789012:role/CliRole",
      "--namespace",
      namespace,
      "--access-strategy",
      "aws-auth",
    ];

    const before = eksSfn(["rbac", "preflight", ...common]);
    expect(before.status).toBe(1);
    expect(before.stdout).toContain(
      "PROBLEM  identity: arn:aws:iam::123456789012:role/CliRole is not mapped in kube-system/aws-auth",
    );
    expect(before.stdout).toContain("causes: EKS.401 (Unauthorized) on the first Kubernetes call");

    const granted = eksSfn(["rbac", "grant", ...common, "--receipt", receipt]);
    expect(granted.stderr).toBe("");
    expect(granted.status).toBe(0);
    expect(granted.stdout).toContain(`Receipt: ${receipt}`);
    expect(JSON.parse(readFileSync(receipt, "utf8")).entries).toHaveLength(3);
    expect(eksSfn(["rbac", "preflight", ...common]).status).toBe(0);

    const again = eksSfn(["rbac", "grant", ...common, "--receipt", receipt]);
    expect(again.status).toBe(2);
    expect(again.stderr).toBe(
      `eks-sfn: --receipt: ${receipt} already exists and may record changes not yet revoked. Revoke it first (eks-sfn rbac revoke --receipt ...) or give another --receipt file.\n`,
    );

    const revoked = eksSfn([
      "rbac",
      "revoke",
      "--kubeconfig",
      stack.kube.adminKubeconfig,
      "--receipt",
      receipt,
    ]);
    expect(revoked.status).toBe(0);
    expect(revoked.stdout).toContain(
      "aws-auth: removed this run's mapping of arn:aws:iam::123456789012:role/CliRole",
    );
    expect(parseAwsAuth((await readAwsAuth())?.data).mapRoles).toEqual(
      parseAwsAuth({ mapRoles: SEED_MAP_ROLES }).mapRoles,
    );
  });

  it("changes nothing and writes no receipt in a dry run", async () => {
    const stack = testStack();
    const namespace = await createTestNamespace("cli-dry");
    const receipt = join(mkdtempSync(join(stack.stateDir, "cli-")), "receipt.json");
    const run = eksSfn([
      "rbac",
      "grant",
      "--dry-run",
      "--kubeconfig",
      stack.kube.adminKubeconfig,
      "--role-arn",
      "arn:aws:iam::123456789012:role/DryCli",
      "--namespace",
      namespace,
      "--receipt",
      receipt,
    ]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("would be created");
    expect(existsSync(receipt)).toBe(false);
  });

  it("names a kubeconfig that does not exist", () => {
    // A real receipt, so the kubeconfig is the only thing wrong.
    const receipt = join(mkdtempSync(join(testStack().stateDir, "cli-")), "receipt.json");
    writeFileSync(
      receipt,
      JSON.stringify({
        version: 1,
        clusterName: "c",
        roleArn: "arn:aws:iam::123456789012:role/R",
        namespace: "default",
        strategy: "aws-auth",
        startedAt: "2026-11-30T00:00:00.000Z",
        entries: [],
      }),
    );
    const run = eksSfn([
      "rbac",
      "revoke",
      "--kubeconfig",
      "/nonexistent/kubeconfig",
      "--receipt",
      receipt,
    ]);
    expect(run.stderr).toBe(
      "eks-sfn: --kubeconfig: /nonexistent/kubeconfig does not exist. Give the path of a kubeconfig file.\n",
    );
    expect(run.status).toBe(2);
  });

  it.each([
    [["--access-strategy", "configmap"], "--access-strategy", '"configmap" is not one of'],
    [["--username", "system:x"], "--username", '"system:x" starts with "system:"'],
    [["--namespace", "Jobs"], "--namespace", '"Jobs" is not a valid Kubernetes namespace'],
    [["--region", "Europe"], "--region", '"Europe" is not an AWS region'],
  ])("checks %j before any call: exit 2 naming %s", (flags, flag, problem) => {
    // An EKS cluster and no credentials: any call would fail with exit 3, not 2.
    const run = eksSfn([
      "rbac",
      "grant",
      "--cluster-name",
      "prod",
      "--region",
      "us-east-1",
      "--role-arn",
      "arn:aws:iam::123456789012:role/R",
      ...flags,
    ]);
    expect(run.stderr).toMatch(new RegExp(`^eks-sfn: ${flag}: `));
    expect(run.stderr).toContain(problem);
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
    expect(run.status).toBe(2);
  });

  it("names the namespace the same way in render and grant", () => {
    const render = eksSfn([
      "rbac",
      "render",
      "--role-arn",
      "arn:aws:iam::123456789012:role/R",
      "--namespace",
      "Jobs",
    ]);
    const grant = eksSfn([
      "rbac",
      "grant",
      "--kubeconfig",
      "/nonexistent",
      "--role-arn",
      "arn:aws:iam::123456789012:role/R",
      "--namespace",
      "Jobs",
    ]);
    expect(render.stderr).toMatch(/^eks-sfn: --namespace: "Jobs"/);
    expect(grant.stderr).toBe(render.stderr);
  });

  it("answers a bad flag with one line and exit code 2", () => {
    const run = eksSfn([
      "rbac",
      "grant",
      "--kubeconfig",
      "x",
      "--role-arn",
      "arn:aws:iam::123456789012:user/bob",
    ]);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
    expect(run.stderr).toMatch(/^eks-sfn: /);
  });
});
