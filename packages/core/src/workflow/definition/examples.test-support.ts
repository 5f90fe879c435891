// Every definition this folder generates, for the article's pi Job (examples/pi-job.yaml,
// the one copy): what the golden, validator and moto tests all go through.
import { readFileSync } from "node:fs";
import type { StateMachineDefinition } from "@eks-sfn/rbac";
import { type JobManifest, parseJobManifest } from "../../kube/job-manifest.ts";
import { renderJobMatrixDefinition } from "./job-matrix.ts";
import { defaultLogPlan, type JobRunPlan } from "./job-run-plan.ts";
import { renderRunJobDefinition } from "./run-job.ts";
import { renderPollingRunJobDefinition } from "./run-job-polling.ts";
import {
  renderTemporaryClusterDefinition,
  type TemporaryClusterPlan,
} from "./temporary-cluster.ts";

export const PI_JOB_FILE = new URL("../../../../../examples/pi-job.yaml", import.meta.url);

export function piJob(): JobManifest {
  return parseJobManifest("examples/pi-job.yaml", readFileSync(PI_JOB_FILE, "utf8"));
}

export function piPlan(overrides: Partial<JobRunPlan> = {}): JobRunPlan {
  const job = overrides.job ?? piJob();
  return {
    job,
    namespace: "default",
    deleteJob: "always",
    logs: defaultLogPlan(job),
    ...overrides,
  };
}

/** The pi Job with `metadata.generateName` instead of a name. */
export function generatedNamePiJob(): JobManifest {
  const job = piJob();
  return { ...job, metadata: { generateName: "my-eks-job-" } };
}

export const TEMPORARY_CLUSTER: Omit<TemporaryClusterPlan, "run"> = {
  cluster: {
    roleArn: "arn:aws:iam::123456789012:role/eks-sfn-cluster",
    subnetIds: ["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002"],
    version: "1.33",
  },
  nodegroup: {
    nodeRoleArn: "arn:aws:iam::123456789012:role/eks-sfn-nodes",
    instanceTypes: ["t3.medium"],
    size: 1,
  },
};

/** Each generated definition for the pi Job, by the golden file's name. */
export function exampleDefinitions(): Record<string, StateMachineDefinition> {
  const plan = piPlan();
  const polling = { ...plan, pollSeconds: 10, timeoutSeconds: 3600 };
  const generated = piPlan({ job: generatedNamePiJob(), deleteJob: "on-success" });
  const second = { ...piJob(), metadata: { name: "my-eks-job-2" } };
  const matrixJobs = [plan.job, second].map((job) => ({
    job,
    namespace: "default",
    logs: defaultLogPlan(job),
  }));
  return {
    "run-job.json": renderRunJobDefinition(plan),
    "run-job-generate-name.json": renderRunJobDefinition(generated),
    "run-job-never-delete.json": renderRunJobDefinition(
      piPlan({ deleteJob: "never", logs: { ...plan.logs, retrieve: false } }),
    ),
    "run-job-polling.json": renderPollingRunJobDefinition(polling),
    "temporary-cluster.json": renderTemporaryClusterDefinition({
      ...TEMPORARY_CLUSTER,
      run: { mode: "sync", plan: { ...plan, deleteJob: "never" } },
    }),
    "temporary-cluster-polling.json": renderTemporaryClusterDefinition({
      ...TEMPORARY_CLUSTER,
      run: { mode: "polling", plan: polling },
    }),
    "job-matrix.json": renderJobMatrixDefinition({
      jobs: matrixJobs,
      maxConcurrency: 2,
      deleteJob: "always",
      logs: { retrieve: true, raw: false },
      mode: { kind: "sync" },
    }),
    "job-matrix-polling.json": renderJobMatrixDefinition({
      jobs: matrixJobs,
      maxConcurrency: 2,
      deleteJob: "always",
      logs: { retrieve: true, raw: false },
      mode: { kind: "polling", pollSeconds: 10, maxPolls: 360 },
    }),
  };
}
