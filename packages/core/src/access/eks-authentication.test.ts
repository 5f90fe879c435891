// The aws-auth path proven with the code EKS runs: tokens made by core from a
// moto-assumed role's credentials, checked by aws-iam-authenticator (the API
// server's token webhook) against moto's STS and kube-system/aws-auth.
import { readFileSync } from "node:fs";
import {
  AuthenticationV1Api,
  BatchV1Api,
  CoreV1Api,
  type KubeConfig,
} from "@kubernetes/client-node";
import { beforeEach, describe, expect, it } from "vitest";
import { readAwsAuth, resetAwsAuth, SEED_MAP_ROLES } from "../../../../test/support/aws-auth.ts";
import { assumeTestRole, type RoleCredentials } from "../../../../test/support/iam.ts";
import {
  adminKubeConfig,
  createTestNamespace,
  setContainerLogs,
  testStack,
  tokenKubeConfig,
} from "../../../../test/support/stack.ts";
import {
  createEksToken,
  grantAwsAuthMapping,
  grantJobRunner,
  planAccess,
  preflightAccess,
  revokeGrant,
  createReceiptRecorder,
  TOKEN_PREFIX,
} from "../index.ts";
import { parseAwsAuth } from "@eks-sfn/rbac";
import type { ClusterEndpoint } from "../cluster/cluster-endpoint.ts";

const noWait = { sleep: async () => {} };

function clusterOf(): ClusterEndpoint {
  const stack = testStack();
  return {
    name: stack.authenticator.clusterId,
    endpoint: stack.kube.server,
    certificateAuthorityData: stack.kube.caData,
    source: "explicit",
  };
}

async function tokenFor(role: RoleCredentials, options: { clusterId?: string; now?: Date } = {}) {
  const stack = testStack();
  const { token } = await createEksToken({
    credentials: role.credentials,
    region: stack.region,
    clusterName: options.clusterId ?? stack.authenticator.clusterId,
    now: options.now ?? new Date(),
  });
  return token;
}

async function status(promise: Promise<unknown>): Promise<number> {
  try {
    await promise;
    return 200;
  } catch (error) {
    return (error as { code?: number }).code ?? -1;
  }
}

function whoami(kc: KubeConfig) {
  return kc.makeApiClient(AuthenticationV1Api).createSelfSubjectReview({ body: {} });
}

async function grant(roleArn: string, namespace: string) {
  const plan = planAccess({ roleArn, namespace, strategy: "aws-auth" }, clusterOf());
  const recorder = createReceiptRecorder(
    { clusterName: plan.clusterName, roleArn, namespace, strategy: "aws-auth", startedAt: "now" },
    () => {},
  );
  await grantJobRunner({ plan, kube: adminKubeConfig(), recorder, retry: noWait });
  return { plan, receipt: recorder.current() };
}

const job = {
  metadata: { name: "pi" },
  spec: {
    backoffLimit: 0,
    template: {
      spec: {
        restartPolicy: "Never" as const,
        containers: [{ name: "pi-2000", image: "perl:5.34.0", command: ["perl", "-e", "1"] }],
      },
    },
  },
};

describe("EKS authentication through aws-iam-authenticator", () => {
  beforeEach(async () => {
    await resetAwsAuth();
  });

  it("refuses a role's token with 401 until aws-auth maps the role, then names the mapped user", async () => {
    const role = await assumeTestRole("AuthRole");
    const kc = tokenKubeConfig(await tokenFor(role));
    expect(await status(whoami(kc))).toBe(401);

    await grantAwsAuthMapping({
      core: adminKubeConfig().makeApiClient(CoreV1Api),
      mapping: { roleArn: role.roleArn, username: "eks-sfn-AuthRole", groups: [] },
      retry: noWait,
    });
    const review = await whoami(tokenKubeConfig(await tokenFor(role)));
    expect(review.status?.userInfo?.username).toBe("eks-sfn-AuthRole");
    expect(review.status?.userInfo?.extra?.canonicalArn).toEqual([
      "arn:aws:iam::123456789012:role/AuthRole",
    ]);
  });

  it("refuses a token for another cluster, an expired token and a token with a changed signature", async () => {
    const role = await assumeTestRole("AuthRole2");
    await grantAwsAuthMapping({
      core: adminKubeConfig().makeApiClient(CoreV1Api),
      mapping: { roleArn: role.roleArn, username: "eks-sfn-AuthRole2", groups: [] },
      retry: noWait,
    });
    expect(await status(whoami(tokenKubeConfig(await tokenFor(role))))).toBe(200);
    const otherCluster = await tokenFor(role, { clusterId: "another-cluster" });
    expect(await status(whoami(tokenKubeConfig(otherCluster)))).toBe(401);
    const expired = await tokenFor(role, { now: new Date(Date.now() - 20 * 60 * 1000) });
    expect(await status(whoami(tokenKubeConfig(expired)))).toBe(401);

    const url = new URL(Buffer.from((await tokenFor(role)).slice(TOKEN_PREFIX.length), "base64url").toString());
    const signature = url.searchParams.get("X-Amz-Signature") ?? "";
    url.searchParams.set("X-Amz-Signature", `${signature.slice(0, -1)}${signature.endsWith("0") ? "1" : "0"}`);
    const tampered = TOKEN_PREFIX + Buffer.from(url.toString()).toString("base64url");
    expect(await status(whoami(tokenKubeConfig(tampered)))).toBe(401);
  });

  it("lets the granted role run Jobs and read logs in its namespace only, and revoke shuts it out again", async () => {
    const role = await assumeTestRole("RunnerRole");
    const namespace = await createTestNamespace("auth-run");
    const other = await createTestNamespace("auth-other");
    await setContainerLogs({ namespace, container: "pi-2000", lines: ['{ "pi": 3.14 }'] });
    const { receipt } = await grant(role.roleArn, namespace);

    const kc = tokenKubeConfig(await tokenFor(role));
    const batch = kc.makeApiClient(BatchV1Api);
    const core = kc.makeApiClient(CoreV1Api);
    await batch.createNamespacedJob({ namespace, body: job });
    let podName = "";
    for (let i = 0; i < 100 && !podName; i += 1) {
      const pods = await core.listNamespacedPod({ namespace, labelSelector: "job-name=pi" });
      const pod = pods.items.find((p) => p.status?.phase === "Succeeded");
      podName = pod?.metadata?.name ?? "";
      if (!podName) await new Promise((r) => setTimeout(r, 100));
    }
    expect(podName).not.toBe("");
    expect(await core.readNamespacedPodLog({ namespace, name: podName, container: "pi-2000" })).toBe(
      '{ "pi": 3.14 }\n',
    );
    expect(await status(batch.createNamespacedJob({ namespace: other, body: job }))).toBe(403);
    expect(await status(core.listNode())).toBe(403);
    expect(await status(core.listNamespacedSecret({ namespace }))).toBe(403);

    await revokeGrant({ receipt, kube: adminKubeConfig(), retry: noWait });
    expect(await status(whoami(tokenKubeConfig(await tokenFor(role))))).toBe(401);
    expect(parseAwsAuth((await readAwsAuth())?.data).mapRoles).toEqual(
      parseAwsAuth({ mapRoles: SEED_MAP_ROLES }).mapRoles,
    );
  });

  it("lets in a role whose ARN has a path through core's mapping, but not through one written with the path", async () => {
    const role = await assumeTestRole("PathRole", { path: "/service-role/" });
    expect(role.roleArn).toBe("arn:aws:iam::123456789012:role/service-role/PathRole");
    const namespace = await createTestNamespace("auth-path");
    const core = adminKubeConfig().makeApiClient(CoreV1Api);

    // Written by hand with the path, as the article's readers might: never matches.
    const current = await readAwsAuth();
    await core.replaceNamespacedConfigMap({
      name: "aws-auth",
      namespace: "kube-system",
      body: {
        ...current,
        data: {
          ...current?.data,
          mapRoles: `${SEED_MAP_ROLES}- rolearn: ${role.roleArn}\n  username: eks-sfn-PathRole\n  groups: []\n`,
        },
      },
    });
    expect(await status(whoami(tokenKubeConfig(await tokenFor(role))))).toBe(401);
    const plan = planAccess({ roleArn: role.roleArn, namespace, strategy: "aws-auth" }, clusterOf());
    const preflight = await preflightAccess({ cluster: clusterOf(), plan, kube: adminKubeConfig() });
    const identity = preflight.findings.find((f) => f.check === "identity");
    expect(identity?.status).toBe("problem");
    expect(identity?.detail).toContain("with its path (/service-role/)");
    expect(identity?.fix).toBe(
      "write the entry as rolearn: arn:aws:iam::123456789012:role/PathRole (eks-sfn rbac grant does this)",
    );

    await resetAwsAuth();
    await grant(role.roleArn, namespace);
    const review = await whoami(tokenKubeConfig(await tokenFor(role)));
    expect(review.status?.userInfo?.username).toBe("eks-sfn-PathRole");
    const after = await preflightAccess({ cluster: clusterOf(), plan, kube: adminKubeConfig() });
    expect(after.findings.filter((f) => f.status === "problem")).toEqual([]);
  });

  it("authenticates each of 20 roles granted at once", async () => {
    const namespace = await createTestNamespace("auth-many");
    const roles = await Promise.all(
      Array.from({ length: 20 }, (_, i) => assumeTestRole(`ManyRole${i}`)),
    );
    await Promise.all(roles.map((role) => grant(role.roleArn, namespace)));
    const names = await Promise.all(
      roles.map(async (role) => (await whoami(tokenKubeConfig(await tokenFor(role)))).status?.userInfo?.username),
    );
    expect(names).toEqual(roles.map((_, i) => `eks-sfn-ManyRole${i}`));
    expect(parseAwsAuth((await readAwsAuth())?.data).mapRoles).toContainEqual(
      parseAwsAuth({ mapRoles: SEED_MAP_ROLES }).mapRoles[0],
    );
  });

  it("keeps the authenticator off the EC2 instance metadata address", () => {
    const log = readFileSync(testStack().authenticator.log, "utf8");
    expect(log).toContain("listening on https://127.0.0.1");
    expect(log).not.toMatch(/169\.254\.169\.254|ec2metadata|EC2 IMDS|instance metadata/i);
  });
});
