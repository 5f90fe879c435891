import { describe, expect, it } from "vitest";
import {
  generatedDefinition,
  labelledJob,
  plannedDefinition,
  temporaryClusterDefinition,
} from "./generated-definition.ts";
import { CLI_RUN_INPUTS, parseRunPlan } from "./run-plan.ts";

const jobText = (name: string) =>
  `apiVersion: batch/v1\nkind: Job\nmetadata: {name: ${name}}\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers: [{name: pi, image: perl}]\n`;
const cluster = {
  name: "c",
  endpoint: "https://c",
  certificateAuthorityData: "Q0E=",
  source: "explicit",
} as const;

describe("generatedDefinition", () => {
  it("runs several Jobs through one Map capped at the plan's max concurrency, one Job through .sync", () => {
    const base = { kubeconfig: "/k", engine: "local" };
    const matrix = parseRunPlan(
      {
        ...base,
        jobs: ["a", "b", "c"].map((n) => ({ text: jobText(n), source: n })),
        maxConcurrency: "2",
      },
      CLI_RUN_INPUTS,
      { runId: "r" },
    );
    const { definition } = generatedDefinition({ plan: matrix, jobs: matrix.jobs, cluster });
    const map = definition.States["Run jobs"] as { Type: string; MaxConcurrency: number };
    expect(map.Type).toBe("Map");
    expect(map.MaxConcurrency).toBe(2);
    const listed = (
      definition.States["List jobs"] as unknown as {
        Result: { job: { metadata: { name: string } } }[];
      }
    ).Result;
    expect(listed.map((item) => item.job.metadata.name)).toEqual(["a", "b", "c"]);

    const one = parseRunPlan(
      { ...base, jobs: [{ text: jobText("a"), source: "a" }] },
      CLI_RUN_INPUTS,
      {
        runId: "r",
      },
    );
    expect(
      generatedDefinition({ plan: one, jobs: one.jobs, cluster }).definition.States,
    ).not.toHaveProperty("Run jobs");
  });
});

describe("temporaryClusterDefinition", () => {
  it("names the cluster and gives it the sweep tags after the plan's own, expiring TTL after now", () => {
    const plan = parseRunPlan(
      {
        createCluster: true,
        roleArn: "arn:aws:iam::123456789012:role/sfn",
        clusterRoleArn: "arn:aws:iam::123456789012:role/cluster",
        nodeRoleArn: "arn:aws:iam::123456789012:role/node",
        subnetIds: "subnet-0a1b2c3d subnet-4e5f6a7b",
        clusterTtlMinutes: "45",
        tags: "team=ci,eks-sfn.io/run-id=spoofed",
        jobs: [{ text: jobText("a"), source: "a" }],
      },
      CLI_RUN_INPUTS,
      { runId: "nightly-1" },
    );
    if (plan.cluster.kind !== "create") throw new Error("expected a temporary cluster");
    const { input, definition } = temporaryClusterDefinition({
      plan,
      temporary: plan.cluster.temporary,
      job: plan.jobs[0] as never,
      now: new Date("2026-01-01T00:00:00Z"),
    });
    expect(input).toEqual({
      temporaryCluster: {
        name: "eks-sfn-nightly-1",
        tags: {
          team: "ci",
          "eks-sfn.io/created-by": "eks-sfn",
          "eks-sfn.io/run-id": "nightly-1",
          "eks-sfn.io/expires-at": "2026-01-01T00:45:00.000Z",
        },
      },
    });
    expect(definition.StartAt).toBe("Create cluster");
  });
});

describe("plannedDefinition (what eks-sfn plan renders)", () => {
  const temporary = {
    createCluster: true,
    roleArn: "arn:aws:iam::123456789012:role/sfn",
    clusterRoleArn: "arn:aws:iam::123456789012:role/cluster",
    nodeRoleArn: "arn:aws:iam::123456789012:role/node",
    subnetIds: "subnet-0a1b2c3d,subnet-4e5f6a7b",
  };
  const local = { kubeconfig: "/k", engine: "local" };
  it.each([
    ["one Job, .sync", { ...local, jobs: [{ text: jobText("a"), source: "a" }] }],
    [
      "one Job, polling",
      { ...local, jobs: [{ text: jobText("a"), source: "a" }], polling: "15", timeout: "20m" },
    ],
    [
      "a matrix",
      {
        ...local,
        jobs: ["a", "b"].map((n) => ({ text: jobText(n), source: n })),
        maxConcurrency: "1",
        deletePolicy: "never",
      },
    ],
    ["a temporary cluster", { ...temporary, jobs: [{ text: jobText("a"), source: "a" }] }],
  ])("is the definition runWorkflow starts for %s, Jobs labelled with the run id", (_, input) => {
    const plan = parseRunPlan(input, CLI_RUN_INPUTS, { runId: "r-1" });
    const jobs = plan.jobs.map((job) => labelledJob(job, plan.runId));
    const started =
      plan.cluster.kind === "create"
        ? temporaryClusterDefinition({
            plan,
            temporary: plan.cluster.temporary,
            job: jobs[0] as never,
            now: new Date(),
          }).definition
        : generatedDefinition({ plan, jobs, cluster }).definition;
    expect(plannedDefinition(plan)).toEqual(started);
    expect(JSON.stringify(plannedDefinition(plan))).toContain('"eks-sfn.io/run-id":"r-1"');
  });

  it("is the user's own definition as given, and nothing for a state machine given by ARN", () => {
    const own = { StartAt: "P", States: { P: { Type: "Pass", End: true } } };
    const given = parseRunPlan(
      { ...local, definition: { text: JSON.stringify(own), source: "d.json" } },
      CLI_RUN_INPUTS,
      { runId: "r-1" },
    );
    expect(plannedDefinition(given)).toEqual(own);
    const byArn = parseRunPlan(
      {
        clusterName: "c",
        roleArn: "arn:aws:iam::123456789012:role/sfn",
        stateMachineArn: "arn:aws:states:us-east-1:123456789012:stateMachine:m",
      },
      CLI_RUN_INPUTS,
      { runId: "r-1" },
    );
    expect(plannedDefinition(byArn)).toBeUndefined();
  });
});
