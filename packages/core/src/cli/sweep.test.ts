// `eks-sfn sweep` as a separate process against moto's EKS: expired temporary clusters
// go (node group first), unexpired and untagged ones stay.
import {
  CreateClusterCommand,
  CreateNodegroupCommand,
  EKSClient,
  ListClustersCommand,
} from "@aws-sdk/client-eks";
import { beforeEach, describe, expect, it } from "vitest";
import { eksSfn } from "../../../../test/support/eks-sfn-cli.ts";
import { motoClientConfig, resetMoto } from "../../../../test/support/stack.ts";
import { CREATED_BY_TAG, EXPIRES_AT_TAG, isExpired, temporaryClusterTags } from "../run/sweep.ts";

const ROLE = "arn:aws:iam::123456789012:role/EksCluster";

async function createCluster(eks: EKSClient, name: string, tags?: Record<string, string>) {
  await eks.send(
    new CreateClusterCommand({
      name,
      roleArn: ROLE,
      resourcesVpcConfig: { subnetIds: ["subnet-1", "subnet-2"] },
      ...(tags ? { tags } : {}),
    }),
  );
}

async function clusterNames(eks: EKSClient): Promise<string[]> {
  return ((await eks.send(new ListClustersCommand({}))).clusters ?? []).sort();
}

describe("eks-sfn sweep", () => {
  beforeEach(async () => {
    await resetMoto();
  });

  it("deletes expired temporary clusters with their node groups and keeps the rest", async () => {
    const eks = new EKSClient(motoClientConfig());
    const past = new Date(Date.now() - 3_600_000);
    await createCluster(
      eks,
      "expired",
      temporaryClusterTags({ runId: "r1", now: past, ttlMs: 60_000 }),
    );
    await eks.send(
      new CreateNodegroupCommand({
        clusterName: "expired",
        nodegroupName: "ng",
        nodeRole: ROLE,
        subnets: ["subnet-1"],
      }),
    );
    await createCluster(
      eks,
      "fresh",
      temporaryClusterTags({ runId: "r2", now: new Date(), ttlMs: 3_600_000 }),
    );
    await createCluster(eks, "untagged");
    await createCluster(eks, "someone-elses", { [EXPIRES_AT_TAG]: past.toISOString() });

    const dry = eksSfn(["sweep", "--dry-run"]);
    expect(dry.stderr).toBe("");
    expect(dry.status).toBe(0);
    expect(dry.stdout).toContain("would delete expired (node groups: ng)");
    expect(await clusterNames(eks)).toEqual(["expired", "fresh", "someone-elses", "untagged"]);

    const run = eksSfn(["sweep"]);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("deleted expired (node groups: ng)");
    expect(run.stdout).toContain("kept fresh: expires ");
    expect(run.stdout).not.toContain("untagged");
    expect(await clusterNames(eks)).toEqual(["fresh", "someone-elses", "untagged"]);

    const older = eksSfn(["sweep", "--older-than", "0s"]);
    expect(older.status).toBe(2);
    expect(older.stderr).toMatch(/^eks-sfn: --older-than: "0s" is not a duration/);
  });
});

describe("isExpired", () => {
  const now = new Date("2026-11-30T12:00:00Z");
  const ours = { [CREATED_BY_TAG]: "eks-sfn" };
  it("needs the created-by tag, then an expiry in the past or an age over --older-than", () => {
    expect(
      isExpired({
        tags: { ...ours, [EXPIRES_AT_TAG]: "2026-11-30T11:59:59Z" },
        createdAt: undefined,
        now,
      }),
    ).toBe(true);
    expect(
      isExpired({
        tags: { ...ours, [EXPIRES_AT_TAG]: "2026-11-30T12:00:01Z" },
        createdAt: undefined,
        now,
      }),
    ).toBe(false);
    expect(
      isExpired({ tags: { [EXPIRES_AT_TAG]: "2026-11-30T11:00:00Z" }, createdAt: undefined, now }),
    ).toBe(false);
    expect(
      isExpired({
        tags: ours,
        createdAt: new Date("2026-11-30T11:00:00Z"),
        now,
        olderThanMs: 3_600_000,
      }),
    ).toBe(true);
    expect(
      isExpired({
        tags: ours,
        createdAt: new Date("2026-11-30T11:00:01Z"),
        now,
        olderThanMs: 3_600_000,
      }),
    ).toBe(false);
    expect(
      isExpired({ tags: { ...ours, [EXPIRES_AT_TAG]: "not a date" }, createdAt: undefined, now }),
    ).toBe(false);
  });
});
