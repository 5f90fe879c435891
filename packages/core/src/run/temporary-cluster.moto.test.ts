// A run on a temporary cluster, through runWorkflow on the local engine: the cluster and
// node group are created in moto's EKS (tagged for sweep), the Job runs on the test
// cluster (the engine's `clusters` mapping stands in for the created cluster's API), and
// both are deleted. A run killed hard leaves a ledger that `eks-sfn cleanup` undoes.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  DescribeClusterCommand,
  EKSClient,
  ListClustersCommand,
  ListNodegroupsCommand,
} from "@aws-sdk/client-eks";
import { describe, expect, it } from "vitest";
import { FAIL_ANNOTATION } from "../../../../test/stack/kube.ts";
import { eksSfn, startEksSfn } from "../../../../test/support/eks-sfn-cli.ts";
import { assumeTestRole } from "../../../../test/support/iam.ts";
import { piJobText } from "../../../../test/support/jobs.ts";
import {
  adminKubeConfig,
  createTestNamespace,
  motoClientConfig,
  testStack,
  writeTempFile,
} from "../../../../test/support/stack.ts";
import { createLocalEngine } from "../engine/local/local.ts";
import { realSleep, systemClock } from "../time/clock.ts";
import { createLedgerRecorder, type RunLedger } from "./ledger.ts";
import { CLI_RUN_INPUTS, parseRunPlan } from "./run-plan.ts";
import { runWorkflow } from "./run-workflow.ts";
import { CREATED_BY_TAG, EXPIRES_AT_TAG, RUN_ID_TAG } from "./sweep.ts";

const ROLE = "arn:aws:iam::123456789012:role/sfn-runner";

const createFlags = {
  createCluster: true,
  roleArn: ROLE,
  clusterRoleArn: "arn:aws:iam::123456789012:role/eks-cluster",
  nodeRoleArn: "arn:aws:iam::123456789012:role/eks-node",
  subnetIds: "subnet-0a1b2c3d,subnet-4e5f6a7b",
  clusterTtlMinutes: "30",
  engine: "local",
};

async function clusterNames(eks: EKSClient): Promise<string[]> {
  return (await eks.send(new ListClustersCommand({}))).clusters ?? [];
}

async function runTemporary(runId: string, job: string) {
  const namespace = await createTestNamespace("temp-run");
  const eks = new EKSClient(motoClientConfig());
  const plan = parseRunPlan(
    {
      ...createFlags,
      jobs: [{ text: job, source: "job.yaml" }],
      namespace,
      runId,
    },
    CLI_RUN_INPUTS,
  );
  const name = `eks-sfn-${runId}`;
  // What moto held at each ledger write: the write-ahead order, seen from outside.
  const writes: { ledger: RunLedger; clusterExisted: boolean }[] = [];
  const ledger = createLedgerRecorder({ runId, region: testStack().region }, async (next) => {
    writes.push({ ledger: next, clusterExisted: (await clusterNames(eks)).includes(name) });
  });
  let tags: Promise<Record<string, string> | undefined> | undefined;
  const started = Date.now();
  const result = await runWorkflow(plan, {
    connect: () => Promise.reject(new Error("a temporary cluster is not connected to")),
    engine: () =>
      createLocalEngine({
        identity: { type: "kubeconfig", kubeConfig: adminKubeConfig() },
        clusterTasks: { eks, waiterDelaySeconds: { min: 1, max: 2 } },
        clusters: { [name]: adminKubeConfig() },
        overrides: { retryIntervalOverrides: { "Delete node group": 0, "Delete cluster": 0 } },
      }),
    eks,
    ledger,
    observer: {
      progress(event) {
        if (event.type === "state-exited" && event.state === "Create node group") {
          tags = eks
            .send(new DescribeClusterCommand({ name }))
            .then((described) => described.cluster?.tags);
        }
      },
    },
    clock: systemClock,
    sleep: realSleep,
    signal: new AbortController().signal,
  });
  return { result, writes, tags: await tags, name, eks, started };
}

describe("runWorkflow with a temporary cluster on the local engine against moto's EKS", () => {
  it("records the cluster before it exists, tags it for sweep, runs the Job there, and leaves no cluster", async () => {
    const runId = `temp-ok-${process.pid}`;
    const { result, writes, tags, name, eks, started } = await runTemporary(
      runId,
      piJobText("temp-pi"),
    );
    expect(result.report.error).toBeUndefined();
    expect(result.outcome).toBe("succeeded");
    expect(result.exitCode).toBe(0);
    expect(result.grant).toBeUndefined();
    expect(result.report.jobs.map((j) => [j.name, j.outcome])).toEqual([["temp-pi", "complete"]]);

    const first = writes.find((w) => w.ledger.temporaryCluster !== undefined);
    expect(first?.ledger.temporaryCluster).toEqual({
      name,
      region: testStack().region,
      nodegroup: "eks-sfn-nodes",
    });
    expect(first?.clusterExisted).toBe(false);
    expect(first?.ledger.execution).toBeUndefined();

    expect(tags?.[CREATED_BY_TAG]).toBe("eks-sfn");
    expect(tags?.[RUN_ID_TAG]).toBe(runId);
    const expires = Date.parse(tags?.[EXPIRES_AT_TAG] ?? "");
    expect(expires).toBeGreaterThanOrEqual(started + 30 * 60_000);
    expect(expires).toBeLessThan(Date.now() + 30 * 60_000);

    expect(await clusterNames(eks)).not.toContain(name);
    expect(result.cleanUp.ok).toBe(true);
  });

  it("exits 1 when the Job fails and still deletes the node group and the cluster", async () => {
    const { result, name, eks } = await runTemporary(
      `temp-fail-${process.pid}`,
      piJobText("temp-broken", { annotations: { [FAIL_ANNOTATION]: "3" } }),
    );
    expect(result.outcome).toBe("failed");
    expect(result.exitCode).toBe(1);
    expect(await clusterNames(eks)).not.toContain(name);
  });
});

describe("eks-sfn run --create-cluster killed hard", () => {
  it("leaves a ledger with which eks-sfn cleanup deletes the node group and the cluster in moto", async () => {
    const stack = testStack();
    const eks = new EKSClient(motoClientConfig());
    const role = await assumeTestRole("CliRunRole");
    const runId = `temp-kill-${process.pid}`;
    const name = `eks-sfn-${runId}`;
    const ledgerPath = join(stack.stateDir, `${runId}.ledger.json`);
    const job = writeTempFile("job.yaml", piJobText("never-reached"));
    const run = startEksSfn([
      "run",
      "--engine",
      "local",
      "--create-cluster",
      "--role-arn",
      role.roleArn,
      "--cluster-role-arn",
      createFlags.clusterRoleArn,
      "--node-role-arn",
      createFlags.nodeRoleArn,
      "--subnet-ids",
      createFlags.subnetIds,
      "--job",
      job,
      "--run-id",
      runId,
      "--ledger",
      ledgerPath,
      "--no-progress",
    ]);
    // Kill it the moment the node group exists: the Job's step is next.
    const until = Date.now() + 60_000;
    for (;;) {
      const nodegroups = await eks
        .send(new ListNodegroupsCommand({ clusterName: name }))
        .then((r) => r.nodegroups ?? [])
        .catch(() => []);
      if (nodegroups.length > 0) break;
      if (Date.now() > until)
        throw new Error(`no node group; output: ${JSON.stringify(run.output())}`);
      await realSleep(50);
    }
    run.child.kill("SIGKILL");
    await run.exited;
    expect(await clusterNames(eks)).toContain(name);
    const ledger = JSON.parse(readFileSync(ledgerPath, "utf8")) as RunLedger;
    expect(ledger.temporaryCluster).toEqual({
      name,
      region: stack.region,
      nodegroup: "eks-sfn-nodes",
    });

    const cleanup = eksSfn(["cleanup", "--ledger", ledgerPath]);
    expect(cleanup.stderr).toBe("");
    expect(cleanup.status).toBe(0);
    expect(await clusterNames(eks)).not.toContain(name);
  });
});
