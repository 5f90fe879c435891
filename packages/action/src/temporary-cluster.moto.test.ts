// The action's temporary-cluster path end to end, as temporary-cluster.moto.test.ts in
// core does for the CLI: runMain and runPost through the real core flow (flow-core.ts),
// with create-cluster inputs, against moto's EKS and Step Functions.
//
// What moto cannot show, and so is shown here another way:
// - moto (5.2) runs no `eks:*` task: every `.sync` one fails the execution with
//   States.Runtime "Unsupported sync callback procedure" (its interpreter has no EKS
//   integration). On the aws engine, then, the test shows that the state machine moto
//   holds is the temporary-cluster definition, that the execution ran in moto and failed at
//   its first state, and that nothing is left; the Job itself runs on the local engine.
// - moto's clusters have made-up endpoints (https://<random>.<region>.eks.amazonaws.com),
//   which must not be dialled: on the local engine the created cluster's Kubernetes
//   tasks go to the test cluster instead (flow-core's `standIns`, as core's test does).
import { EventEmitter } from "node:events";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  CreateClusterCommand,
  CreateNodegroupCommand,
  DescribeClusterCommand,
  EKSClient,
  ListClustersCommand,
} from "@aws-sdk/client-eks";
import {
  CreateStateMachineCommand,
  DeleteStateMachineCommand,
  DescribeStateMachineCommand,
  SFNClient,
} from "@aws-sdk/client-sfn";
import type { RunLedger } from "@eks-sfn/core/plan";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FAIL_ANNOTATION } from "../../../test/stack/kube.ts";
import { assumeTestRole } from "../../../test/support/iam.ts";
import {
  adminKubeConfig,
  createTestNamespace,
  motoClientConfig,
  testStack,
} from "../../../test/support/stack.ts";
import { createCoreRunFlow } from "./flow-core.ts";
import { RecordingActionIo } from "./io.ts";
import { runMain } from "./main.ts";
import { runPost } from "./post.ts";
import { CLEANED_UP_STATE, LEDGER_STATE } from "./state.ts";

const CLUSTER_ROLE = "arn:aws:iam::123456789012:role/eks-cluster";
const NODE_ROLE = "arn:aws:iam::123456789012:role/eks-node";
const SUBNETS = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"];

const jobYaml = (name: string, annotations: Record<string, string> = {}) =>
  JSON.stringify({
    apiVersion: "batch/v1",
    kind: "Job",
    metadata: { name },
    spec: {
      backoffLimit: 0,
      template: {
        metadata: { annotations },
        spec: {
          restartPolicy: "Never",
          containers: [{ name: "pi", image: "perl:5.34.0", command: ["perl", "-e", "1"] }],
        },
      },
    },
  });

// The AWS SDK in flow-core reads the default credential chain and AWS_ENDPOINT_URL from
// the process, as it does on a runner after configure-aws-credentials.
const saved: Record<string, string | undefined> = {};
beforeAll(() => {
  const stack = testStack();
  const env = {
    AWS_ENDPOINT_URL: stack.moto.endpoint,
    AWS_ACCESS_KEY_ID: stack.credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: stack.credentials.secretAccessKey,
    AWS_REGION: stack.region,
    AWS_EC2_METADATA_DISABLED: "true",
  };
  for (const [name, value] of Object.entries(env)) {
    saved[name] = process.env[name];
    process.env[name] = value;
  }
});
afterAll(() => {
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

async function clusterNames(): Promise<string[]> {
  return (await new EKSClient(motoClientConfig()).send(new ListClustersCommand({}))).clusters ?? [];
}

/** A runner's io with create-cluster inputs; `runId` makes the cluster's name unique. */
function runnerIo(options: {
  runId: string;
  role: string;
  namespace: string;
  job: string;
  engine: "local" | "aws";
  state?: Map<string, string>;
}) {
  const stack = testStack();
  return new RecordingActionIo({
    inputs: {
      engine: options.engine,
      // moto 5.2.5 answers HTTP 500 to StartExecution on a version ARN.
      "state-machine-versions": "false",
      "create-cluster": "true",
      "cluster-name": `tmp-${options.runId}`,
      "role-arn": options.role,
      "cluster-role-arn": CLUSTER_ROLE,
      "node-role-arn": NODE_ROLE,
      "subnet-ids": SUBNETS.join(","),
      "cluster-ttl-minutes": "30",
      namespace: options.namespace,
      job: options.job,
    },
    env: {
      AWS_REGION: stack.region,
      RUNNER_TEMP: mkdtempSync(join(tmpdir(), "eks-sfn-action-tmp-")),
      GITHUB_RUN_ID: options.runId,
      GITHUB_RUN_ATTEMPT: "1",
      GITHUB_JOB: "temp",
    },
    state: options.state ?? new Map(),
  });
}

function quietSignals() {
  const signals = new EventEmitter();
  return {
    on: (name: NodeJS.Signals, listener: () => void) => signals.on(name, listener),
    off: (name: NodeJS.Signals, listener: () => void) => signals.off(name, listener),
  };
}

const standIns = (name: string) => ({
  clusters: { [name]: adminKubeConfig() },
  waiterDelaySeconds: { min: 1, max: 2 },
});

/** The ledgers main saved, in order. */
function savedLedgers(io: RecordingActionIo): RunLedger[] {
  return io.records.flatMap((record) =>
    record.kind === "state" && record.name === LEDGER_STATE
      ? [JSON.parse(record.value) as RunLedger]
      : [],
  );
}

describe("the action with create-cluster on the local engine against moto's EKS", () => {
  let role: string;
  let namespace: string;
  beforeAll(async () => {
    role = (await assumeTestRole("ActionTempClusterRole")).roleArn;
    namespace = await createTestNamespace("action-temp");
  });

  it("creates the tagged cluster, runs the Job there, deletes node group and cluster; post finds nothing left", async () => {
    const runId = `${process.pid}1`;
    const name = `tmp-${runId}`;
    const io = runnerIo({ runId, role, namespace, job: jobYaml("tmp-pi"), engine: "local" });
    const eks = new EKSClient(motoClientConfig());
    // Read the cluster's tags while it exists (the run deletes it at the end).
    let tags: Record<string, string> | undefined;
    let watching = true;
    const watch = (async () => {
      while (watching && tags === undefined) {
        tags = await eks
          .send(new DescribeClusterCommand({ name }))
          .then((described) => described.cluster?.tags)
          .catch(() => undefined);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    })();
    const code = await runMain({
      io,
      loadFlow: async () => createCoreRunFlow({ standIns: standIns(name) }),
      signals: quietSignals(),
      exit: () => {},
    });
    watching = false;
    await watch;
    expect(io.records.filter((r) => r.kind === "error")).toEqual([]);
    expect(code).toBe(0);
    expect(io.outputs).toMatchObject({ status: "SUCCEEDED", "cluster-name": name });
    expect(JSON.parse(io.outputs["job-status"] ?? "[]")).toMatchObject([
      { name: "tmp-pi", outcome: "complete" },
    ]);

    // The definition that ran is the temporary-cluster one: create, run, tear down.
    const visited = io.records
      .filter((r) => r.kind === "info")
      .map((r) => (r.kind === "info" ? r.line : ""))
      .join("\n");
    for (const state of [
      "Create cluster",
      "Create node group",
      "Delete node group",
      "Delete cluster",
    ])
      expect(visited).toContain(state);
    expect(tags).toMatchObject({
      "eks-sfn.io/created-by": "eks-sfn",
      "eks-sfn.io/run-id": `gh-${runId}-1-temp`,
    });

    // Written ahead: the cluster is in the saved ledger before the execution.
    const ledgers = savedLedgers(io);
    const first = ledgers.findIndex((ledger) => ledger.temporaryCluster !== undefined);
    expect(first).toBeGreaterThanOrEqual(0);
    expect(ledgers[first]?.temporaryCluster).toEqual({
      name,
      region: testStack().region,
      nodegroup: "eks-sfn-nodes",
    });
    expect(ledgers[first]?.execution).toBeUndefined();

    expect(await clusterNames()).not.toContain(name);
    expect(io.state.get(CLEANED_UP_STATE)).toBe("true");
    const postIo = runnerIo({
      runId,
      role,
      namespace,
      job: jobYaml("tmp-pi"),
      engine: "local",
      state: new Map(io.state),
    });
    expect(await runPost({ io: postIo, loadFlow: async () => createCoreRunFlow() })).toBe(0);
    expect(postIo.records.filter((r) => r.kind === "error")).toEqual([]);
    expect(await clusterNames()).not.toContain(name);
  });

  it("fails the step when the Job fails, and still deletes node group and cluster", async () => {
    const runId = `${process.pid}2`;
    const name = `tmp-${runId}`;
    const io = runnerIo({
      runId,
      role,
      namespace,
      job: jobYaml("tmp-broken", { [FAIL_ANNOTATION]: "3" }),
      engine: "local",
    });
    const code = await runMain({
      io,
      loadFlow: async () => createCoreRunFlow({ standIns: standIns(name) }),
      signals: quietSignals(),
      exit: () => {},
    });
    expect(code).toBe(1);
    expect(io.outputs.status).toBe("FAILED");
    expect(await clusterNames()).not.toContain(name);
  });

  it("post deletes the node group and the cluster a main step killed hard left behind", async () => {
    const runId = `${process.pid}3`;
    const name = `tmp-${runId}`;
    const eks = new EKSClient(motoClientConfig());
    // The state main saves before the execution starts: the cluster, written ahead.
    const ledger: RunLedger = {
      version: 1,
      runId: `gh-${runId}-1-temp`,
      region: testStack().region,
      jobs: [],
      temporaryCluster: { name, region: testStack().region, nodegroup: "eks-sfn-nodes" },
    };
    // What the execution had made when the runner killed main: cluster and node group.
    await eks.send(
      new CreateClusterCommand({
        name,
        roleArn: CLUSTER_ROLE,
        resourcesVpcConfig: { subnetIds: SUBNETS },
      }),
    );
    await eks.send(
      new CreateNodegroupCommand({
        clusterName: name,
        nodegroupName: "eks-sfn-nodes",
        nodeRole: NODE_ROLE,
        subnets: SUBNETS,
      }),
    );
    const io = runnerIo({
      runId,
      role,
      namespace,
      job: jobYaml("never-ran"),
      engine: "local",
      state: new Map([[LEDGER_STATE, JSON.stringify(ledger)]]),
    });
    const code = await runPost({ io, loadFlow: async () => createCoreRunFlow() });
    expect(io.records.filter((r) => r.kind === "error")).toEqual([]);
    expect(code).toBe(0);
    expect(await clusterNames()).not.toContain(name);
  });
});

describe("the action with create-cluster on the aws engine against moto's Step Functions", () => {
  it("creates the temporary-cluster state machine in moto and runs it there (moto fails eks:createCluster.sync); nothing is left", async () => {
    const runId = `${process.pid}4`;
    const name = `tmp-${runId}`;
    const role = (await assumeTestRole("ActionTempClusterRole")).roleArn;
    const namespace = await createTestNamespace("action-temp-aws");
    // The state machine exists from an earlier run, so this run updates it and leaves it
    // (a run deletes only a state machine it created): the test can read what it wrote.
    const sfn = new SFNClient(motoClientConfig());
    await sfn.send(
      new CreateStateMachineCommand({
        name: "eks-sfn-run-job",
        roleArn: role,
        definition: JSON.stringify({
          StartAt: "Earlier",
          States: { Earlier: { Type: "Succeed" } },
        }),
      }),
    );
    const io = runnerIo({
      runId,
      role,
      namespace,
      job: jobYaml("tmp-aws"),
      engine: "aws",
    });
    const code = await runMain({
      io,
      loadFlow: async () => createCoreRunFlow(),
      signals: quietSignals(),
      exit: () => {},
    });
    const arn = io.outputs["state-machine-arn"] ?? "";
    expect(arn).toMatch(/:stateMachine:eks-sfn-run-job$/);
    const machine = await sfn.send(new DescribeStateMachineCommand({ stateMachineArn: arn }));
    const definition = JSON.parse(machine.definition ?? "{}") as {
      StartAt: string;
      States: Record<string, { Resource?: string }>;
    };
    expect(definition.StartAt).toBe("Create cluster");
    expect(definition.States["Create cluster"]?.Resource).toBe(
      "arn:aws:states:::eks:createCluster.sync",
    );
    // The execution ran in moto, which has no EKS integration to run its first state.
    expect(io.outputs["execution-arn"]).toMatch(/^arn:aws:states:[^:]+:\d{12}:execution:/);
    expect(io.outputs.status).toBe("FAILED");
    expect(code).toBe(1);
    expect(await clusterNames()).not.toContain(name);
    const postIo = runnerIo({
      runId,
      role,
      namespace,
      job: jobYaml("tmp-aws"),
      engine: "aws",
      state: new Map(io.state),
    });
    expect(await runPost({ io: postIo, loadFlow: async () => createCoreRunFlow() })).toBe(0);
    expect(await clusterNames()).not.toContain(name);
    // Found, not created: still there after main and post; the test removes its own.
    await sfn.send(new DescribeStateMachineCommand({ stateMachineArn: arn }));
    await sfn.send(new DeleteStateMachineCommand({ stateMachineArn: arn }));
  });
});
