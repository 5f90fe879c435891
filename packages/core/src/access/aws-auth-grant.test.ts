import { parseAwsAuth, type RoleMapping } from "@eks-sfn/rbac";
import { CoreV1Api } from "@kubernetes/client-node";
import { beforeEach, describe, expect, it } from "vitest";
import {
  deleteAwsAuth,
  NODE_ROLE_ARN,
  readAwsAuth,
  resetAwsAuth,
  SEED_MAP_ROLES,
  SEED_MAP_USERS,
} from "../../../../test/support/aws-auth.ts";
import { adminKubeConfig } from "../../../../test/support/stack.ts";
import { grantAwsAuthMapping, revokeAwsAuthMapping } from "./aws-auth-grant.ts";
import { createReceiptRecorder, type GrantReceipt } from "./receipt.ts";

const noWait = { sleep: async () => {} };
const core = () => adminKubeConfig().makeApiClient(CoreV1Api);
const nodeEntry = () => parseAwsAuth({ mapRoles: SEED_MAP_ROLES }).mapRoles[0];

function mapping(name: string) {
  return {
    roleArn: `arn:aws:iam::123456789012:role/${name}`,
    username: `eks-sfn-${name}`,
    groups: ["eks-sfn-job-runners"],
  };
}

async function mapRoles(): Promise<readonly RoleMapping[]> {
  return parseAwsAuth((await readAwsAuth())?.data).mapRoles;
}

describe("aws-auth grant and revoke on a real API server", () => {
  beforeEach(async () => {
    await resetAwsAuth();
  });

  it("keeps the node group mapping when it adds a role, and gives the original back on revoke", async () => {
    const result = await grantAwsAuthMapping({
      core: core(),
      mapping: mapping("Sfn"),
      retry: noWait,
    });
    expect(result.change.kind).toBe("added");
    const roles = await mapRoles();
    expect(roles).toContainEqual(nodeEntry());
    expect(roles).toContainEqual({
      rolearn: "arn:aws:iam::123456789012:role/Sfn",
      username: "eks-sfn-Sfn",
      groups: ["eks-sfn-job-runners"],
    });
    expect((await readAwsAuth())?.data?.mapUsers).toBe(SEED_MAP_USERS);

    if (result.change.kind !== "added") throw new Error("unreachable");
    const revoked = await revokeAwsAuthMapping({
      core: core(),
      entry: result.change.entry,
      retry: noWait,
    });
    expect(revoked.kind).toBe("removed");
    const after = await readAwsAuth();
    expect(parseAwsAuth(after?.data).mapRoles).toEqual([nodeEntry()]);
    expect(after?.data?.mapUsers).toBe(SEED_MAP_USERS);
  });

  it("gives back aws-auth's data byte for byte after a grant and a revoke", async () => {
    const original = (await readAwsAuth())?.data;
    const result = await grantAwsAuthMapping({
      core: core(),
      mapping: mapping("Bytes"),
      retry: noWait,
    });
    if (result.change.kind !== "added") throw new Error("expected the mapping to be added");
    await revokeAwsAuthMapping({ core: core(), entry: result.change.entry, retry: noWait });
    expect((await readAwsAuth())?.data).toEqual(original);
  });

  it("leaves this run's entry in place and says the role is still mapped when someone changed it (issue 14, case 6)", async () => {
    const result = await grantAwsAuthMapping({
      core: core(),
      mapping: mapping("Changed"),
      retry: noWait,
    });
    if (result.change.kind !== "added") throw new Error("expected the mapping to be added");
    const current = await readAwsAuth();
    const edited = (current?.data?.mapRoles ?? "").replace(
      "  - eks-sfn-job-runners",
      "  - eks-sfn-job-runners\n    - system:masters",
    );
    expect(edited).toContain("system:masters");
    await core().replaceNamespacedConfigMap({
      name: "aws-auth",
      namespace: "kube-system",
      body: { ...current, data: { ...current?.data, mapRoles: edited } },
    });
    const revoked = await revokeAwsAuthMapping({
      core: core(),
      entry: result.change.entry,
      retry: noWait,
    });
    expect(revoked.kind).toBe("changed");
    expect(revoked.kind === "changed" && revoked.current.groups).toEqual([
      "eks-sfn-job-runners",
      "system:masters",
    ]);
    expect((await readAwsAuth())?.data?.mapRoles).toBe(edited);
  });

  it("changes nothing when the same role is granted twice", async () => {
    await grantAwsAuthMapping({ core: core(), mapping: mapping("Twice"), retry: noWait });
    const before = await readAwsAuth();
    const again = await grantAwsAuthMapping({
      core: core(),
      mapping: mapping("Twice"),
      retry: noWait,
    });
    expect(again.change.kind).toBe("unchanged");
    const after = await readAwsAuth();
    expect(after?.metadata?.resourceVersion).toBe(before?.metadata?.resourceVersion);
    expect((await mapRoles()).filter((e) => e.rolearn.endsWith("/Twice"))).toHaveLength(1);
  });

  it("loses no update when 20 roles are granted at once", async () => {
    const names = Array.from({ length: 20 }, (_, i) => `Concurrent${i}`);
    const results = await Promise.all(
      // A client each, as 20 separate runs would have.
      names.map((name) =>
        grantAwsAuthMapping({ core: core(), mapping: mapping(name), retry: noWait }),
      ),
    );
    expect(results.every((r) => r.change.kind === "added")).toBe(true);
    // Twenty writers on one object: most of them had to read again after a 409.
    expect(results.some((r) => r.attempts > 1)).toBe(true);
    const roles = await mapRoles();
    for (const name of names) {
      expect(
        roles.filter((e) => e.rolearn === `arn:aws:iam::123456789012:role/${name}`),
      ).toHaveLength(1);
    }
    expect(roles).toContainEqual(nodeEntry());
    expect(roles).toHaveLength(21);
  });

  it("reports an ARN mapped to another user as a conflict and writes nothing", async () => {
    await grantAwsAuthMapping({ core: core(), mapping: mapping("Taken"), retry: noWait });
    const before = await readAwsAuth();
    const result = await grantAwsAuthMapping({
      core: core(),
      mapping: { ...mapping("Taken"), username: "someone-else" },
      retry: noWait,
    });
    expect(result.change.kind).toBe("conflict");
    expect((await readAwsAuth())?.metadata?.resourceVersion).toBe(
      before?.metadata?.resourceVersion,
    );
  });

  it("writes a role with a path without it, as aws-iam-authenticator matches", async () => {
    const result = await grantAwsAuthMapping({
      core: core(),
      mapping: { ...mapping("x"), roleArn: "arn:aws:iam::123456789012:role/service-role/WithPath" },
      retry: noWait,
    });
    expect(result.change.pathStripped).toBe(true);
    expect((await mapRoles()).map((e) => e.rolearn)).toContain(
      "arn:aws:iam::123456789012:role/WithPath",
    );
  });

  it("creates aws-auth on a bare cluster, and deletes it again on revoke when nothing else was added", async () => {
    await deleteAwsAuth();
    const receipts: GrantReceipt[] = [];
    const recorder = createReceiptRecorder(
      { clusterName: "c", roleArn: "r", namespace: "n", strategy: "aws-auth", startedAt: "t" },
      (r) => {
        receipts.push(r);
      },
    );
    const result = await grantAwsAuthMapping({
      core: core(),
      mapping: mapping("Bare"),
      recorder,
      retry: noWait,
    });
    expect(result.configMapCreated).toBe(true);
    expect((await mapRoles()).map((e) => e.rolearn)).toEqual([
      "arn:aws:iam::123456789012:role/Bare",
    ]);
    expect(recorder.current().entries.map((e) => [e.change.kind, e.state])).toEqual([
      ["aws-auth-configmap-created", "done"],
      ["aws-auth-mapping-added", "done"],
    ]);
    if (result.change.kind !== "added") throw new Error("unreachable");
    const revoked = await revokeAwsAuthMapping({
      core: core(),
      entry: result.change.entry,
      deleteIfCreatedEmpty: true,
      retry: noWait,
    });
    expect(revoked).toEqual({ kind: "removed", configMapDeleted: true });
    expect(await readAwsAuth()).toBeUndefined();
  });

  it("never removes the node group mapping, even when asked to", async () => {
    await expect(
      revokeAwsAuthMapping({ core: core(), entry: nodeEntry() as RoleMapping, retry: noWait }),
    ).rejects.toThrow(/refusing to remove the node group mapping/);
    expect((await mapRoles()).map((e) => e.rolearn)).toEqual([NODE_ROLE_ARN]);
  });
});
