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

const MATRIX = {
  maxConcurrency: 2,
  deleteJob: "always",
  logs: { retrieve: true, raw: false },
} as const;

function matrixJobs() {
  const second = { ...piJob(), metadata: { name: "my-eks-job-2" } };
  return [piJob(), second].map((job) => ({ job, namespace: "default", logs: defaultLogPlan(job) }));
}

function pollingPlan() {
  return { ...piPlan(), pollSeconds: 10, timeoutSeconds: 3600 };
}

// Renderers, not rendered values: a definition must be rendered while a test runs (inside
// `it`), never at import or in a `describe` body, or a mutation tester that switches a
// mutant on only during tests would compare the unmutated definition and see nothing.
const EXAMPLES = {
  "run-job.json": () => renderRunJobDefinition(piPlan()),
  "run-job-generate-name.json": () =>
    renderRunJobDefinition(piPlan({ job: generatedNamePiJob(), deleteJob: "on-success" })),
  "run-job-never-delete.json": () => {
    const plan = piPlan();
    return renderRunJobDefinition(
      piPlan({ deleteJob: "never", logs: { ...plan.logs, retrieve: false } }),
    );
  },
  "run-job-polling.json": () => renderPollingRunJobDefinition(pollingPlan()),
  "temporary-cluster.json": () =>
    renderTemporaryClusterDefinition({
      ...TEMPORARY_CLUSTER,
      run: { mode: "sync", plan: { ...piPlan(), deleteJob: "never" } },
    }),
  "temporary-cluster-polling.json": () =>
    renderTemporaryClusterDefinition({
      ...TEMPORARY_CLUSTER,
      run: { mode: "polling", plan: pollingPlan() },
    }),
  "job-matrix.json": () =>
    renderJobMatrixDefinition({ ...MATRIX, jobs: matrixJobs(), mode: { kind: "sync" } }),
  "job-matrix-polling.json": () =>
    renderJobMatrixDefinition({
      ...MATRIX,
      jobs: matrixJobs(),
      mode: { kind: "polling", pollSeconds: 10, maxPolls: 360 },
    }),
} satisfies Record<string, () => StateMachineDefinition>;

/** The name of an example definition: its golden file's name. */
export type ExampleName = keyof typeof EXAMPLES;

/** The golden file names of the example definitions (safe to read at collection time). */
export const EXAMPLE_NAMES = Object.keys(EXAMPLES) as ExampleName[];

/** One example definition, rendered now: call it inside `it`. */
export function exampleDefinition(name: ExampleName): StateMachineDefinition {
  return EXAMPLES[name]();
}

/** Each generated definition for the pi Job, by the golden file's name, rendered now. */
export function exampleDefinitions(): Record<ExampleName, StateMachineDefinition> {
  return Object.fromEntries(EXAMPLE_NAMES.map((name) => [name, exampleDefinition(name)])) as Record<
    ExampleName,
    StateMachineDefinition
  >;
}
