import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { UserInputError } from "@eks-sfn/core/plan";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { type ActionInputs, readActionInputs } from "./inputs.ts";
import { TEST_JOB } from "./test-support/job.ts";

const reader =
  (inputs: Record<string, string>) =>
  (name: string): string =>
    inputs[name] ?? "";

const ROLE = "arn:aws:iam::123456789012:role/sfn";
const JOB = TEST_JOB;
const base = { "cluster-name": "c1", "role-arn": ROLE, job: JOB };
const read = (inputs: Record<string, string>, workspace?: string): ActionInputs =>
  readActionInputs(reader(inputs), { workspace, runId: "gh-42-1-test" });

const declared = Object.keys(
  (
    parse(readFileSync(fileURLToPath(new URL("../../../action.yml", import.meta.url)), "utf8")) as {
      inputs: Record<string, unknown>;
    }
  ).inputs,
);

describe("readActionInputs", () => {
  it("runs on the Node.js major that GitHub runs the action on", () => {
    expect(process.versions.node.split(".")[0]).toBe("24");
  });

  it("names the missing cluster and how to set it", () => {
    expect(() => read({ "role-arn": ROLE, job: JOB })).toThrow(
      /^cluster-name: is required but was not given\. Set `cluster-name`/,
    );
  });

  it("defaults every optional input as action.yml says", () => {
    const inputs = read(base);
    expect(inputs.jobs).toHaveLength(1);
    expect(inputs.jobs[0]).toMatchObject({ from: "inline", yaml: JOB.trim() });
    expect(inputs.jobs[0]?.manifest.metadata.name).toBe("pi");
    expect(inputs.plan).toMatchObject({
      cluster: { kind: "eks", target: { kind: "name", name: "c1" } },
      namespace: "default",
      engine: "aws",
      stateMachine: { kind: "generated" },
      stateMachineName: "eks-sfn-run-job",
      polling: { kind: "sync" },
      logs: { retrieve: true, tailLines: 200 },
      deletePolicy: "always",
      timeoutMs: 60 * 60 * 1000,
      runId: "gh-42-1-test",
    });
    const { jobs: _jobs, plan: _plan, ...rest } = inputs;
    expect(rest).toEqual({
      cluster: { kind: "existing", target: { kind: "name", name: "c1" } },
      namespace: "default",
      matrix: false,
      maxConcurrency: 0,
      stateMachine: { kind: "generate", name: "eks-sfn-run-job", roleArn: ROLE },
      roleArn: ROLE,
      accessStrategy: "auto",
      retrieveLogs: true,
      logTailLines: 200,
      deleteJob: "always",
      polling: "sync",
      timeoutMinutes: 60,
      engine: "aws",
      commentOnPr: false,
      githubToken: "",
      keepResources: false,
      tags: {},
      dryRun: false,
    } satisfies Omit<ActionInputs, "jobs" | "plan">);
  });

  it("reads a Job file from the workspace and refuses one outside it", () => {
    const workspace = mkdtempSync(join(tmpdir(), "eks-sfn-ws-"));
    mkdirSync(join(workspace, "jobs"));
    writeFileSync(join(workspace, "jobs", "pi.yaml"), JOB);
    expect(read({ ...base, job: "jobs/pi.yaml" }, workspace).jobs).toMatchObject([
      { from: "file", path: "jobs/pi.yaml", yaml: JOB },
    ]);
    expect(() => read({ ...base, job: "../etc/passwd" }, workspace)).toThrow(
      /^job: "\.\.\/etc\/passwd" is outside the workspace/,
    );
    expect(() => read({ ...base, job: "jobs/missing.yaml" }, workspace)).toThrow(
      /^job: "jobs\/missing\.yaml" is not a file in the workspace/,
    );
  });

  it("splits `jobs` into YAML documents and runs several as a matrix with max-concurrency", () => {
    const one = read({
      "cluster-name": "c1",
      "role-arn": ROLE,
      jobs: `${JOB}---\n# only a comment\n`,
      "max-concurrency": "2",
    });
    expect(one.matrix).toBe(true);
    expect(one.maxConcurrency).toBe(2);
    expect(one.jobs).toHaveLength(1);
    const two = read({
      "cluster-name": "c1",
      "role-arn": ROLE,
      jobs: `${JOB}---\n${JOB.replace("name: pi", "name: pi-2")}`,
      "max-concurrency": "1",
    });
    expect(two.plan.jobs.map((j) => j.metadata.name)).toEqual(["pi", "pi-2"]);
    expect(two.plan.maxConcurrency).toBe(1);
    expect(() =>
      read({ "cluster-name": "c1", "role-arn": ROLE, jobs: `${JOB}---\n${JOB}` }),
    ).toThrow(/^jobs: names the Job "pi" twice/);
  });

  it("refuses `job` and `jobs` together", () => {
    expect(() => read({ ...base, jobs: JOB })).toThrow(/^jobs: cannot be used together with `job`/);
  });

  it("runs on the local engine against a kubeconfig without a role to grant", () => {
    const inputs = read({ engine: "local", kubeconfig: "/tmp/kind.yaml", job: JOB });
    expect(inputs.cluster).toEqual({ kind: "kubeconfig", path: "/tmp/kind.yaml" });
    expect(inputs.roleArn).toBeUndefined();
    expect(inputs.engine).toBe("local");
  });

  it("refuses a kubeconfig on the aws engine", () => {
    expect(() => read({ ...base, kubeconfig: "/tmp/k" })).toThrow(
      /^kubeconfig: is only used with `engine: local`/,
    );
  });

  it("asks for every setting of a temporary cluster, naming each, and plans it", () => {
    const create = { ...base, "create-cluster": "true" };
    expect(() => read(create)).toThrow(
      /^cluster-role-arn: is required with `create-cluster: true`/,
    );
    const full = {
      ...create,
      "cluster-role-arn": "arn:aws:iam::123456789012:role/eks-cluster",
      "node-role-arn": "arn:aws:iam::123456789012:role/eks-node",
      "subnet-ids": "subnet-0a1b2c3d, subnet-4e5f6a7b",
      "kubernetes-version": "1.33",
      "node-count": "2",
    };
    expect(read(full).plan.cluster).toEqual({
      kind: "create",
      temporary: {
        name: "c1",
        clusterRoleArn: "arn:aws:iam::123456789012:role/eks-cluster",
        nodeRoleArn: "arn:aws:iam::123456789012:role/eks-node",
        subnetIds: ["subnet-0a1b2c3d", "subnet-4e5f6a7b"],
        kubernetesVersion: "1.33",
        instanceTypes: ["t3.medium"],
        nodeCount: 2,
        ttlMs: 120 * 60_000,
      },
    });
    expect(() => read({ ...full, "subnet-ids": "subnet-0a1b2c3d" })).toThrow(
      /^subnet-ids: names fewer than two subnets/,
    );
    expect(() => read({ ...full, "kubernetes-version": "v1.33.0" })).toThrow(
      /^kubernetes-version: "v1\.33\.0" is not a Kubernetes minor version/,
    );
  });

  it("names a temporary cluster's setting given without create-cluster", () => {
    expect(() => read({ ...base, "subnet-ids": "subnet-0a1b2c3d" })).toThrow(
      /^subnet-ids: is only used with `create-cluster: true`/,
    );
  });

  it("runs an existing state machine with the given input, without generating one", () => {
    const inputs = read({
      "cluster-name": "c1",
      "role-arn": ROLE,
      "access-strategy": "none",
      "state-machine-arn": "arn:aws:states:us-east-1:123456789012:stateMachine:mine",
      input: '{"threshold": 3}',
    });
    expect(inputs.stateMachine).toEqual({
      kind: "existing",
      arn: "arn:aws:states:us-east-1:123456789012:stateMachine:mine",
      input: { threshold: 3 },
    });
    expect(inputs.jobs).toEqual([]);
    expect(inputs.plan.stateMachine).toEqual({
      kind: "arn",
      arn: "arn:aws:states:us-east-1:123456789012:stateMachine:mine",
    });
    expect(inputs.plan.input).toEqual({ threshold: 3 });
  });

  it("names a state machine ARN and an input that are not what they should be", () => {
    const byo = { "cluster-name": "c1", "access-strategy": "none" };
    expect(() =>
      read({ ...byo, "state-machine-arn": "arn:aws:states:us-east-1:1:stateMachine:x" }),
    ).toThrow(/^state-machine-arn: ".*" is not a state machine ARN/);
    expect(() =>
      read({
        ...byo,
        "state-machine-arn": "arn:aws:states:us-east-1:123456789012:stateMachine:x",
        input: "[1]",
      }),
    ).toThrow(/^input: is not a JSON object/);
    expect(() => read({ ...base, input: '{"a":1}' })).toThrow(
      /^input: is only used with `state-machine-arn`/,
    );
  });

  it("runs an existing state machine on EKS with access-strategy none and no role-arn", () => {
    const arn = "arn:aws:states:us-east-1:123456789012:stateMachine:mine";
    const inputs = read({
      "cluster-name": "c1",
      "access-strategy": "none",
      "state-machine-arn": arn,
    });
    expect(inputs.roleArn).toBeUndefined();
    expect(inputs.plan.role).toBeUndefined();
    expect(inputs.plan.stateMachine).toEqual({ kind: "arn", arn });
  });

  it("asks for the role to grant unless access-strategy is none", () => {
    expect(() =>
      read({
        "cluster-name": "c1",
        "state-machine-arn": "arn:aws:states:us-east-1:123456789012:stateMachine:x",
      }),
    ).toThrow(/^role-arn: is required to grant access/);
  });

  it("reads polling as sync or seconds", () => {
    expect(read({ ...base, polling: "30" }).polling).toEqual({ seconds: 30 });
    expect(read({ ...base, polling: "3600" }).plan.polling).toEqual({
      kind: "every",
      seconds: 3600,
    });
  });

  it.each(["0", "-3", "3601", "ten"])(
    "refuses polling %j with the CLI's rule: sync or 1 to MAX_POLL_SECONDS (3600)",
    (value) => {
      expect(() => read({ ...base, polling: value })).toThrow(
        /^polling: ".*" is neither "sync" nor a number of seconds from 1 to 3600\. Use "sync"/,
      );
    },
  );

  it("gives the state machine name to the shared plan, so the aws engine creates that machine", () => {
    expect(read({ ...base, "state-machine-name": "nightly-pi" }).plan.stateMachineName).toBe(
      "nightly-pi",
    );
  });

  it("reads tags and a cluster found by its tags", () => {
    const inputs = read({
      "cluster-tags": "team=ci,env=test",
      "role-arn": ROLE,
      job: JOB,
      tags: "owner=ci",
    });
    expect(inputs.cluster).toEqual({
      kind: "existing",
      target: { kind: "tags", tags: { team: "ci", env: "test" } },
    });
    expect(inputs.tags).toEqual({ owner: "ci" });
  });

  it("names cluster-ca when the endpoint comes without it", () => {
    expect(() => read({ ...base, "cluster-endpoint": "https://abc.eks.amazonaws.com" })).toThrow(
      /^cluster-ca: is required when `cluster-endpoint` is given/,
    );
  });

  it("rejects an unknown access strategy with the allowed values", () => {
    const bad = { ...base, "access-strategy": "configmap" };
    expect(() => read(bad)).toThrow(UserInputError);
    expect(() => read(bad)).toThrow(
      'access-strategy: "configmap" is not one of auto, access-entry, aws-auth, none',
    );
  });

  it("names a role-arn that is not an IAM role ARN, before anything else happens", () => {
    expect(() => read({ ...base, "role-arn": "arn:aws:iam::123456789012:user/bob" })).toThrow(
      /^role-arn: "arn:aws:iam::123456789012:user\/bob" is an IAM user ARN, not a role ARN\./,
    );
  });

  it("names a namespace that is not a DNS-1123 label", () => {
    expect(() => read({ ...base, namespace: "CI_Jobs" })).toThrow(/^namespace: "CI_Jobs"/);
  });

  it("rejects a boolean input that is not a boolean", () => {
    expect(() => read({ ...base, "dry-run": "yes" })).toThrow('dry-run: "yes" is not a boolean');
    expect(() => read({ ...base, "keep-resources": "1" })).toThrow(
      'keep-resources: "1" is not a boolean',
    );
  });

  it("names a Job that is not a batch/v1 Job, and which document of `jobs`", () => {
    expect(() =>
      read({ ...base, job: "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: x}" }),
    ).toThrow(/^job: is a Deployment \(apps\/v1\), not a batch\/v1 Job/);
    expect(() =>
      read({ "cluster-name": "c1", "role-arn": ROLE, jobs: `${JOB}---\nkind: Job\n` }),
    ).toThrow(/^jobs \(document 2\): /);
  });

  it("names an input of action.yml first in every error", () => {
    const bad: Record<string, string>[] = [
      { ...base, "delete-job": "sometimes" },
      { ...base, engine: "k8s" },
      { ...base, "timeout-minutes": "-1" },
      { ...base, "log-tail-lines": "lots" },
      { ...base, "max-concurrency": "1.5" },
      { ...base, "node-count": "0" },
      { ...base, "cluster-ttl-minutes": "5" },
      { ...base, "state-machine-name": "has space" },
      { ...base, tags: "novalue" },
      { ...base, "cluster-tags": "a=b" },
      { ...base, "comment-on-pr": "maybe" },
      { ...base, "retrieve-logs": "no" },
      { ...base, "create-cluster": "yes" },
      { ...base, "cluster-name": "-bad-" },
      { ...base, job: "" },
      { engine: "local", kubeconfig: "/k", "cluster-tags": "a=b", job: JOB },
    ];
    for (const inputs of bad) {
      let error: unknown;
      try {
        read(inputs);
      } catch (caught) {
        error = caught;
      }
      expect(error, JSON.stringify(inputs)).toBeInstanceOf(UserInputError);
      const named = (error as UserInputError).message.split(/[: ]/)[0] ?? "";
      expect(declared, (error as Error).message).toContain(named);
    }
  });
});
