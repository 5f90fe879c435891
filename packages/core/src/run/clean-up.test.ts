// cleanUp against the real servers: everything a run records is undone (execution in
// moto, Job in the test cluster, aws-auth grant, temporary cluster in moto), and a
// second cleanUp of the same ledger finds it all gone.
import {
  CreateClusterCommand,
  CreateNodegroupCommand,
  DescribeClusterCommand,
  EKSClient,
  ResourceNotFoundException,
} from "@aws-sdk/client-eks";
import {
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  SFNClient,
  StartExecutionCommand,
} from "@aws-sdk/client-sfn";
import { parseAwsAuth } from "@eks-sfn/rbac";
import { BatchV1Api, CoreV1Api } from "@kubernetes/client-node";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { readAwsAuth, resetAwsAuth, SEED_MAP_ROLES } from "../../../../test/support/aws-auth.ts";
import { piJob } from "../../../../test/support/jobs.ts";
import { rejection } from "../../../../test/support/rejection.ts";
import {
  adminKubeConfig,
  createTestNamespace,
  motoClientConfig,
  resetMoto,
  testStack,
} from "../../../../test/support/stack.ts";
import { planAccess } from "../access/access-plan.ts";
import { grantJobRunner } from "../access/grant.ts";
import { createReceiptRecorder } from "../access/receipt.ts";
import { cleanUp, RUN_ID_LABEL } from "./clean-up.ts";
import { createLedgerRecorder, type RunLedger } from "./ledger.ts";

const ROLE = "arn:aws:iam::123456789012:role/CleanUpRole";
const WAIT = JSON.stringify({
  StartAt: "W",
  States: { W: { Type: "Wait", Seconds: 600, End: true } },
});

async function everythingARunMakes(namespace: string): Promise<RunLedger> {
  const stack = testStack();
  const sfn = new SFNClient(motoClientConfig());
  const eks = new EKSClient(motoClientConfig());
  const kube = adminKubeConfig();
  const ledger = createLedgerRecorder({ runId: "run-clean", region: stack.region }, () => {});

  const plan = planAccess(
    { roleArn: ROLE, namespace, strategy: "aws-auth" },
    {
      name: "c",
      endpoint: stack.kube.server,
      certificateAuthorityData: stack.kube.caData,
      source: "explicit",
    },
  );
  const receipt = createReceiptRecorder(
    { clusterName: "c", roleArn: ROLE, namespace, strategy: "aws-auth", startedAt: "now" },
    (r) => ledger.recordGrant(r),
  );
  await grantJobRunner({ plan, kube, recorder: receipt, retry: { sleep: async () => {} } });

  const machine = await sfn.send(
    new CreateStateMachineCommand({ name: `clean-${Date.now()}`, definition: WAIT, roleArn: ROLE }),
  );
  const started = await sfn.send(
    new StartExecutionCommand({ stateMachineArn: machine.stateMachineArn, name: "run-clean" }),
  );
  await ledger.recordExecution({ id: started.executionArn ?? "", engine: "aws" });

  await ledger.recordJob({ namespace, name: "pi" });
  const job = piJob("pi");
  job.metadata = { ...job.metadata, labels: { [RUN_ID_LABEL]: "run-clean" } };
  // A second Job of the run that only the label finds (as with generateName).
  const created = await kube
    .makeApiClient(BatchV1Api)
    .createNamespacedJob({ namespace, body: job });
  await ledger.recordJob({ namespace, name: "pi", uid: created.metadata?.uid });
  await kube.makeApiClient(BatchV1Api).createNamespacedJob({
    namespace,
    body: {
      ...piJob("pi-extra"),
      metadata: { name: "pi-extra", labels: { [RUN_ID_LABEL]: "run-clean" } },
    },
  });

  await ledger.recordTemporaryCluster({ name: "tmp-clean", region: stack.region, nodegroup: "ng" });
  await eks.send(
    new CreateClusterCommand({
      name: "tmp-clean",
      roleArn: ROLE,
      resourcesVpcConfig: { subnetIds: ["subnet-1", "subnet-2"] },
    }),
  );
  await eks.send(
    new CreateNodegroupCommand({
      clusterName: "tmp-clean",
      nodegroupName: "ng",
      nodeRole: ROLE,
      subnets: ["subnet-1"],
    }),
  );
  return ledger.current();
}

describe("cleanUp", () => {
  beforeEach(async () => {
    await resetMoto();
    await resetAwsAuth();
  });

  it("stops the execution, deletes the Jobs, revokes the grant and deletes the temporary cluster; a second run finds all gone", async () => {
    const namespace = await createTestNamespace("cleanup");
    const ledger = await everythingARunMakes(namespace);
    const sfn = new SFNClient(motoClientConfig());
    const eks = new EKSClient(motoClientConfig());
    const kube = adminKubeConfig();

    const report = await cleanUp(ledger, { kube, sfn, eks, nodegroupWaitS: 30 });
    expect(report.steps.map((s) => [s.what, s.outcome])).toEqual([
      [`execution ${ledger.execution?.id}`, "done"],
      [`Job ${namespace}/pi`, "done"],
      [`Jobs labelled ${RUN_ID_LABEL}=run-clean in ${namespace}`, "done"],
      [`grant for ${ROLE} in ${namespace}`, "done"],
      ["node group tmp-clean/ng", "done"],
      ["cluster tmp-clean", "done"],
    ]);
    expect(report.ok).toBe(true);

    const execution = await sfn.send(
      new DescribeExecutionCommand({ executionArn: ledger.execution?.id }),
    );
    expect(execution.status).toBe("ABORTED");
    // moto 5.2 keeps no `error` for a stopped execution, so the status is what shows.
    const jobs = await kube.makeApiClient(BatchV1Api).listNamespacedJob({ namespace });
    // Foreground deletion: a Job may linger with a deletionTimestamp while its pods go.
    expect(jobs.items.filter((j) => !j.metadata?.deletionTimestamp)).toEqual([]);
    expect(parseAwsAuth((await readAwsAuth())?.data).mapRoles).toEqual(
      parseAwsAuth({ mapRoles: SEED_MAP_ROLES }).mapRoles,
    );
    expect(
      await rejection(eks.send(new DescribeClusterCommand({ name: "tmp-clean" }))),
    ).toBeInstanceOf(ResourceNotFoundException);

    const again = await cleanUp(ledger, { kube, sfn, eks, nodegroupWaitS: 30 });
    expect(again.ok).toBe(true);
    expect(again.steps.map((s) => s.outcome)).toEqual([
      "already-gone",
      "already-gone",
      "already-gone",
      "done",
      "already-gone",
      "already-gone",
    ]);
  });

  it("leaves a later Job of the same name alone when the ledger has the uid", async () => {
    const namespace = await createTestNamespace("cleanup-uid");
    const batch = adminKubeConfig().makeApiClient(BatchV1Api);
    await batch.createNamespacedJob({ namespace, body: piJob("pi") });
    const ledger: RunLedger = {
      version: 1,
      runId: "run-uid",
      jobs: [{ namespace, name: "pi", uid: "00000000-0000-0000-0000-000000000000" }],
    };
    const report = await cleanUp(ledger, { kube: adminKubeConfig() });
    expect(report.steps[0]).toMatchObject({ outcome: "already-gone" });
    expect(
      (await batch.readNamespacedJob({ namespace, name: "pi" })).metadata?.deletionTimestamp,
    ).toBeUndefined();
  });

  it("deletes the pods that a Job deleted without propagation left behind, found by its uid", async () => {
    const namespace = await createTestNamespace("cleanup-orphans");
    const kube = adminKubeConfig();
    const batch = kube.makeApiClient(BatchV1Api);
    const core = kube.makeApiClient(CoreV1Api);
    const created = await batch.createNamespacedJob({ namespace, body: piJob("pi") });
    const uid = created.metadata?.uid ?? "";
    const pods = async () =>
      (await core.listNamespacedPod({ namespace })).items.map((p) => p.metadata?.name ?? "");
    await vi.waitFor(async () => expect(await pods()).toHaveLength(1), { timeout: 20_000 });
    const [pod] = await pods();
    // What the article's eks:call DELETE does: no propagationPolicy, the pods stay.
    await batch.deleteNamespacedJob({ namespace, name: "pi", propagationPolicy: "Orphan" });
    await vi.waitFor(
      async () => expect((await batch.listNamespacedJob({ namespace })).items).toEqual([]),
      { timeout: 20_000 },
    );
    expect(await pods()).toEqual([pod]);

    const ledger: RunLedger = {
      version: 1,
      runId: "run-orphans",
      jobs: [{ namespace, name: "pi", uid }],
    };
    const report = await cleanUp(ledger, { kube });
    expect(report.steps[0]).toEqual({
      what: `Job ${namespace}/pi`,
      outcome: "done",
      detail: `the Job was gone; its orphaned pods ${pod}`,
    });
    await vi.waitFor(async () => expect(await pods()).toEqual([]), { timeout: 20_000 });
    // Without the uid, nothing tells its pods from another Job's of the same name.
    const again = await cleanUp({ ...ledger, jobs: [{ namespace, name: "pi" }] }, { kube });
    expect(again.steps[0]).toMatchObject({ outcome: "already-gone" });
  });

  it("reports a step it cannot take and still takes the others", async () => {
    const namespace = await createTestNamespace("cleanup-partial");
    const ledger: RunLedger = {
      version: 1,
      runId: "run-partial",
      execution: { id: "arn:aws:states:us-east-1:123456789012:execution:none:x", engine: "aws" },
      jobs: [{ namespace, name: "gone" }],
      temporaryCluster: { name: "never-made", region: "us-east-1" },
    };
    const report = await cleanUp(ledger, { kube: adminKubeConfig() });
    expect(report.steps.map((s) => s.outcome)).toEqual([
      "skipped",
      "already-gone",
      "already-gone",
      "skipped",
    ]);
    expect(report.steps[0]?.detail).toBe("no Step Functions client");
    expect(report.ok).toBe(false);
  });
});
