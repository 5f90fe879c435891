// Access entries against ministack, which keeps them as the EKS API documents.
// It enforces nothing inside Kubernetes: these tests check the EKS-side state only.
import {
  CreateAccessEntryCommand,
  CreateClusterCommand,
  DescribeAccessEntryCommand,
  EKSClient,
  ListAccessEntriesCommand,
  ListAssociatedAccessPoliciesCommand,
} from "@aws-sdk/client-eks";
import { renderAccessEntryRequests } from "@eks-sfn/rbac";
import { RbacAuthorizationV1Api } from "@kubernetes/client-node";
import { beforeAll, describe, expect, it } from "vitest";
import {
  adminKubeConfig,
  createTestNamespace,
  ministackClientConfig,
} from "../../../../test/support/stack.ts";
import type { ClusterEndpoint } from "../cluster/cluster-endpoint.ts";
import { grantAccessEntry } from "./access-entry-grant.ts";
import { planAccess } from "./access-plan.ts";
import { grantJobRunner } from "./grant.ts";
import { createReceiptRecorder } from "./receipt.ts";
import { revokeGrant } from "./revoke.ts";

const eks = () => new EKSClient(ministackClientConfig());
const ACCOUNT = "000000000000";
let clusterName = "";

function requests(role: string, policy: "edit" | "none" = "none", username = `eks-sfn-${role}`) {
  return renderAccessEntryRequests({
    clusterName,
    principalArn: `arn:aws:iam::${ACCOUNT}:role/service-role/${role}`,
    username,
    kubernetesGroups: ["eks-sfn-job-runners"],
    namespaces: ["ci"],
    policy,
  });
}

function recorder() {
  return createReceiptRecorder(
    { clusterName, roleArn: "r", namespace: "ci", strategy: "access-entry", startedAt: "t" },
    () => {},
  );
}

async function principals(): Promise<string[]> {
  return (await eks().send(new ListAccessEntriesCommand({ clusterName }))).accessEntries ?? [];
}

describe("grantAccessEntry on ministack", () => {
  beforeAll(async () => {
    clusterName = `ae-${process.pid}-${Date.now().toString(36)}`;
    await eks().send(
      new CreateClusterCommand({
        name: clusterName,
        roleArn: `arn:aws:iam::${ACCOUNT}:role/eks`,
        resourcesVpcConfig: { subnetIds: [] },
        accessConfig: { authenticationMode: "API_AND_CONFIG_MAP" },
      }),
    );
  });

  it("creates the entry with the role's full ARN, path included, and revoke deletes it", async () => {
    const rec = recorder();
    const result = await grantAccessEntry({
      eks: eks(),
      requests: requests("Runner"),
      recorder: rec,
    });
    expect(result).toEqual({
      entry: "created",
      username: "eks-sfn-Runner",
      kubernetesGroups: ["eks-sfn-job-runners"],
      policy: "not-requested",
    });
    const principal = `arn:aws:iam::${ACCOUNT}:role/service-role/Runner`;
    expect(await principals()).toContain(principal);
    expect(rec.current().entries.map((e) => [e.change.kind, e.state])).toEqual([
      ["access-entry-created", "done"],
    ]);
    await revokeGrant({ receipt: rec.current(), kube: adminKubeConfig(), eks: eks() });
    expect(await principals()).not.toContain(principal);
  });

  it("reuses an entry that exists for the principal, and revoke leaves it", async () => {
    const principal = `arn:aws:iam::${ACCOUNT}:role/service-role/Existing`;
    await eks().send(
      new CreateAccessEntryCommand({
        clusterName,
        principalArn: principal,
        username: "their-name",
      }),
    );
    const rec = recorder();
    const result = await grantAccessEntry({
      eks: eks(),
      requests: requests("Existing"),
      recorder: rec,
    });
    expect(result.entry).toBe("reused");
    expect(result.username).toBe("their-name");
    expect(rec.current().entries).toEqual([]);
    expect((await principals()).filter((p) => p === principal)).toHaveLength(1);
    const described = await eks().send(
      new DescribeAccessEntryCommand({ clusterName, principalArn: principal }),
    );
    expect(described.accessEntry?.username).toBe("their-name");
  });

  it("associates AmazonEKSEditPolicy scoped to the namespace, once", async () => {
    const principal = `arn:aws:iam::${ACCOUNT}:role/service-role/Editor`;
    const rec = recorder();
    const first = await grantAccessEntry({
      eks: eks(),
      requests: requests("Editor", "edit"),
      recorder: rec,
    });
    expect(first.policy).toBe("associated");
    const second = await grantAccessEntry({
      eks: eks(),
      requests: requests("Editor", "edit"),
      recorder: recorder(),
    });
    expect(second).toMatchObject({ entry: "reused", policy: "already-associated" });
    const listed = await eks().send(
      new ListAssociatedAccessPoliciesCommand({ clusterName, principalArn: principal }),
    );
    expect(listed.associatedAccessPolicies).toEqual([
      expect.objectContaining({
        policyArn: "arn:aws:eks::aws:cluster-access-policy/AmazonEKSEditPolicy",
        accessScope: { type: "namespace", namespaces: ["ci"] },
      }),
    ]);
  });

  it("changes nothing in a dry run", async () => {
    const rec = recorder();
    const before = await principals();
    const result = await grantAccessEntry({
      eks: eks(),
      requests: requests("Dry"),
      recorder: rec,
      dryRun: true,
    });
    expect(result.entry).toBe("created");
    expect(await principals()).toEqual(before);
    expect(rec.current().entries).toEqual([]);
  });
});

describe("grantJobRunner with the access-entry strategy", () => {
  it("chooses access entries for an API_AND_CONFIG_MAP cluster and binds the entry's user", async () => {
    const namespace = await createTestNamespace("ae-grant");
    const cluster: ClusterEndpoint = {
      name: clusterName,
      endpoint: "https://127.0.0.1",
      certificateAuthorityData: "",
      authenticationMode: "API_AND_CONFIG_MAP",
      source: "describe",
    };
    const roleArn = `arn:aws:iam::${ACCOUNT}:role/service-role/Granted`;
    const plan = planAccess({ roleArn, namespace }, cluster);
    expect(plan.strategy).toBe("access-entry");
    const rec = recorder();
    const report = await grantJobRunner({
      plan,
      kube: adminKubeConfig(),
      eks: eks(),
      recorder: rec,
    });
    expect(report.accessEntry?.entry).toBe("created");
    expect(report.awsAuth).toBeUndefined();
    const described = await eks().send(
      new DescribeAccessEntryCommand({ clusterName, principalArn: roleArn }),
    );
    expect(described.accessEntry?.username).toBe(plan.username);
    expect(plan.username).toMatch(/^eks-sfn-granted-[0-9a-f]{8}$/);
    const binding = await adminKubeConfig()
      .makeApiClient(RbacAuthorizationV1Api)
      .readNamespacedRoleBinding({ namespace, name: plan.bindingName });
    expect(binding.subjects?.map((s) => s.name)).toEqual([plan.username]);

    await revokeGrant({ receipt: rec.current(), kube: adminKubeConfig(), eks: eks() });
    expect(await principals()).not.toContain(roleArn);
  });

  it("stops before any change when an existing entry has no username to bind", async () => {
    const namespace = await createTestNamespace("ae-nouser");
    const roleArn = `arn:aws:iam::${ACCOUNT}:role/NoUsername`;
    await eks().send(new CreateAccessEntryCommand({ clusterName, principalArn: roleArn }));
    const cluster: ClusterEndpoint = {
      name: clusterName,
      endpoint: "https://127.0.0.1",
      certificateAuthorityData: "",
      authenticationMode: "API",
      source: "describe",
    };
    const plan = planAccess({ roleArn, namespace }, cluster);
    const rec = recorder();
    await expect(
      grantJobRunner({ plan, kube: adminKubeConfig(), eks: eks(), recorder: rec }),
    ).rejects.toThrow(
      /^role-arn: .* already has an access entry .* without a fixed Kubernetes username \(none\)/,
    );
    expect(rec.current().entries).toEqual([]);
  });
});
