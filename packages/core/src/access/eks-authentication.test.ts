// The aws-auth path proven with the code EKS runs: tokens made by core from a
// moto-assumed role's credentials, checked by aws-iam-authenticator (the API
// server's token webhook) against moto's STS and kube-system/aws-auth.
import { readFileSync } from "node:fs";
import { parseAwsAuth, parseRoleArn } from "@eks-sfn/rbac";
import {
  AuthenticationV1Api,
  BatchV1Api,
  CoreV1Api,
  type KubeConfig,
} from "@kubernetes/client-node";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { readAwsAuth, resetAwsAuth, SEED_MAP_ROLES } from "../../../../test/support/aws-auth.ts";
import { httpStatus } from "../../../../test/support/http-status.ts";
import { assumeTestRole, type RoleCredentials } from "../../../../test/support/iam.ts";
import { piJob } from "../../../../test/support/jobs.ts";
import {
  adminKubeConfig,
  createTestNamespace,
  setContainerLogs,
  testStack,
  tokenKubeConfig,
} from "../../../../test/support/stack.ts";
import { testClusterEndpoint } from "../../../../test/support/test-cluster.ts";
import {
  createEksToken,
  createReceiptRecorder,
  defaultUsername,
  grantAwsAuthMapping,
  grantJobRunner,
  planAccess,
  preflightAccess,
  revokeGrant,
  TOKEN_PREFIX,
} from "../index.ts";
import { describePreflightFinding } from "../report/render-access.ts";

const noWait = { sleep: async () => {} };

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

/**
 * The status a request ends up with once aws-iam-authenticator has seen the latest
 * aws-auth (it watches the ConfigMap, so a change takes effect within moments, as on
 * EKS). Stops at the expected status, or after 30 s on a very busy machine.
 */
async function settledStatus(request: () => Promise<unknown>, expected: number): Promise<number> {
  let last = -1;
  for (let i = 0; i < 300; i += 1) {
    last = await httpStatus(request());
    if (last === expected) return last;
    await new Promise((r) => setTimeout(r, 100));
  }
  return last;
}

function whoami(kc: KubeConfig) {
  return kc.makeApiClient(AuthenticationV1Api).createSelfSubjectReview({ body: {} });
}

async function grant(roleArn: string, namespace: string) {
  const plan = planAccess({ roleArn, namespace, strategy: "aws-auth" }, testClusterEndpoint());
  const recorder = createReceiptRecorder(
    { clusterName: plan.clusterName, roleArn, namespace, strategy: "aws-auth", startedAt: "now" },
    () => {},
  );
  await grantJobRunner({ plan, kube: adminKubeConfig(), recorder, retry: noWait });
  return { plan, receipt: recorder.current() };
}

describe("EKS authentication through aws-iam-authenticator", () => {
  beforeEach(async () => {
    await resetAwsAuth();
  });

  it("refuses a role's token with 401 until aws-auth maps the role, then names the mapped user", async () => {
    const role = await assumeTestRole("AuthRole");
    const kc = tokenKubeConfig(await tokenFor(role));
    expect(await httpStatus(whoami(kc))).toBe(401);

    await grantAwsAuthMapping({
      core: adminKubeConfig().makeApiClient(CoreV1Api),
      mapping: { roleArn: role.roleArn, username: "eks-sfn-AuthRole", groups: [] },
      retry: noWait,
    });
    const token = await tokenFor(role);
    expect(await settledStatus(() => whoami(tokenKubeConfig(token)), 200)).toBe(200);
    const review = await whoami(tokenKubeConfig(token));
    expect(review.status?.userInfo?.username).toBe("eks-sfn-AuthRole");
    expect(review.status?.userInfo?.extra?.canonicalArn).toEqual([
      "arn:aws:iam::123456789012:role/AuthRole",
    ]);
  });

  describe("a mapped role's token, altered", () => {
    let role: RoleCredentials;
    beforeEach(async () => {
      role = await assumeTestRole("AuthRole2");
      await grantAwsAuthMapping({
        core: adminKubeConfig().makeApiClient(CoreV1Api),
        mapping: { roleArn: role.roleArn, username: "eks-sfn-AuthRole2", groups: [] },
        retry: noWait,
      });
      const token = await tokenFor(role);
      expect(await settledStatus(() => whoami(tokenKubeConfig(token)), 200)).toBe(200);
    });

    it("reaches STS bound to this cluster's id, whatever cluster the token was made for", async () => {
      // aws-iam-authenticator sends STS its own cluster id in x-k8s-aws-id; STS's
      // signature check then refuses a token signed for another id. moto does not
      // verify SigV4 signatures, so the refusal itself cannot happen here: what is
      // shown is that the authenticator binds the request to its own cluster id.
      const stack = testStack();
      const token = await tokenFor(role, { clusterId: "another-cluster" });
      await httpStatus(whoami(tokenKubeConfig(token)));
      const lines = readFileSync(stack.bridge.log, "utf8").trim().split("\n");
      const last = JSON.parse(lines.at(-1) ?? "{}") as { clusterId?: string };
      expect(last.clusterId).toBe(stack.authenticator.clusterId);
      const signed = new URL(Buffer.from(token.slice(TOKEN_PREFIX.length), "base64url").toString());
      expect(signed.searchParams.get("X-Amz-SignedHeaders")).toBe("host;x-k8s-aws-id");
    });

    it("is refused with 401 once it is older than 15 minutes", async () => {
      const token = await tokenFor(role, { now: new Date(Date.now() - 16 * 60 * 1000) });
      expect(await httpStatus(whoami(tokenKubeConfig(token)))).toBe(401);
    });

    it("is refused with 401 when its credential is changed", async () => {
      // moto does not verify SigV4 signatures, so a changed signature alone would pass
      // here (real STS refuses it); a changed access key is refused by the identity
      // moto answers with, which the authenticator then rejects.
      const url = new URL(
        Buffer.from((await tokenFor(role)).slice(TOKEN_PREFIX.length), "base64url").toString(),
      );
      const credential = url.searchParams.get("X-Amz-Credential") ?? "";
      url.searchParams.set(
        "X-Amz-Credential",
        credential.replace(/^[^/]+/, "ASIAUNKNOWNKEY000000"),
      );
      const tampered = TOKEN_PREFIX + Buffer.from(url.toString()).toString("base64url");
      expect(await httpStatus(whoami(tokenKubeConfig(tampered)))).toBe(401);
    });

    it("is refused with 401 when it is not an EKS token at all", async () => {
      expect(await httpStatus(whoami(tokenKubeConfig(`${TOKEN_PREFIX}bm90LWEtdXJs`)))).toBe(401);
    });
  });

  it("lets the granted role run Jobs and read logs in its namespace only, and revoke shuts it out again", async () => {
    const role = await assumeTestRole("RunnerRole");
    const namespace = await createTestNamespace("auth-run");
    const other = await createTestNamespace("auth-other");
    await setContainerLogs({ namespace, container: "pi-2000", lines: ['{ "pi": 3.14 }'] });
    const { receipt } = await grant(role.roleArn, namespace);

    const kc = tokenKubeConfig(await tokenFor(role));
    expect(await settledStatus(() => whoami(kc), 200)).toBe(200);
    const batch = kc.makeApiClient(BatchV1Api);
    const core = kc.makeApiClient(CoreV1Api);
    await batch.createNamespacedJob({ namespace, body: piJob("pi") });
    let podName = "";
    for (let i = 0; i < 300 && !podName; i += 1) {
      const pods = await core.listNamespacedPod({ namespace, labelSelector: "job-name=pi" });
      const pod = pods.items.find((p) => p.status?.phase === "Succeeded");
      podName = pod?.metadata?.name ?? "";
      if (!podName) await new Promise((r) => setTimeout(r, 100));
    }
    expect(podName).not.toBe("");
    // kwok takes up a ClusterLogs object asynchronously, so the first read may come early.
    await vi.waitFor(
      async () => {
        expect(
          await core.readNamespacedPodLog({ namespace, name: podName, container: "pi-2000" }),
        ).toBe('{ "pi": 3.14 }\n');
      },
      { timeout: 20_000, interval: 100 },
    );
    expect(
      await httpStatus(batch.createNamespacedJob({ namespace: other, body: piJob("pi") })),
    ).toBe(403);
    expect(await httpStatus(core.listNode())).toBe(403);
    expect(await httpStatus(core.listNamespacedSecret({ namespace }))).toBe(403);

    await revokeGrant({ receipt, kube: adminKubeConfig(), retry: noWait });
    const token = await tokenFor(role);
    expect(await settledStatus(() => whoami(tokenKubeConfig(token)), 401)).toBe(401);
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
    expect(await httpStatus(whoami(tokenKubeConfig(await tokenFor(role))))).toBe(401);
    const plan = planAccess(
      { roleArn: role.roleArn, namespace, strategy: "aws-auth" },
      testClusterEndpoint(),
    );
    const preflight = await preflightAccess({
      cluster: testClusterEndpoint(),
      plan,
      kube: adminKubeConfig(),
    });
    const identity = preflight.findings.find((f) => f.check === "identity");
    expect(identity?.status).toBe("problem");
    expect(identity?.check === "identity" && identity.found.kind).toBe("mapped-with-path");
    const text = identity && describePreflightFinding(identity);
    expect(text?.detail).toContain("with its path (/service-role/)");
    expect(text?.fix).toBe(
      "write the entry as rolearn: arn:aws:iam::123456789012:role/PathRole (eks-sfn rbac grant does this)",
    );

    await resetAwsAuth();
    await grant(role.roleArn, namespace);
    const token = await tokenFor(role);
    expect(await settledStatus(() => whoami(tokenKubeConfig(token)), 200)).toBe(200);
    const review = await whoami(tokenKubeConfig(token));
    expect(review.status?.userInfo?.username).toBe(plan.username);
    const after = await preflightAccess({
      cluster: testClusterEndpoint(),
      plan,
      kube: adminKubeConfig(),
    });
    expect(after.findings.filter((f) => f.status === "problem")).toEqual([]);
  });

  it("authenticates each of 20 roles granted at once", async () => {
    const namespace = await createTestNamespace("auth-many");
    const roles = await Promise.all(
      Array.from({ length: 20 }, (_, i) => assumeTestRole(`ManyRole${i}`)),
    );
    await Promise.all(roles.map((role) => grant(role.roleArn, namespace)));
    const names = await Promise.all(
      roles.map(async (role) => {
        const kc = tokenKubeConfig(await tokenFor(role));
        await settledStatus(() => whoami(kc), 200);
        return (await whoami(kc)).status?.userInfo?.username;
      }),
    );
    expect(names).toEqual(roles.map((role) => defaultUsername(parseRoleArn("role", role.roleArn))));
    expect(new Set(names).size).toBe(20);
    expect(parseAwsAuth((await readAwsAuth())?.data).mapRoles).toContainEqual(
      parseAwsAuth({ mapRoles: SEED_MAP_ROLES }).mapRoles[0],
    );
  });

  it("keeps the authenticator off the EC2 instance metadata address", () => {
    const log = readFileSync(testStack().authenticator.log, "utf8");
    expect(log).toMatch(/listening on 127\.0\.0\.1:\d+/);
    // The SDK inside it gives up on IMDS because AWS_EC2_METADATA_DISABLED says so...
    expect(log).toContain("access disabled to EC2 IMDS");
    // ...and never dials the metadata address.
    expect(log).not.toMatch(/dial tcp 169\.254\.169\.254|169\.254\.169\.254:80/);
  });
});
