import { describe, expect, it } from "vitest";
import { thrown } from "../../../rbac/src/test-support/thrown.ts";
import {
  CLI_RUN_INPUTS,
  DEFAULT_STATE_MACHINE_NAME,
  MAX_POLL_SECONDS,
  newRunId,
  parseDurationMs,
  parsePolling,
  parseRunPlan,
  splitJobDocuments,
  wholeNumber,
} from "./run-plan.ts";

const job = {
  text: "apiVersion: batch/v1\nkind: Job\nmetadata: {name: pi}\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers: [{name: pi, image: perl}]\n",
  source: "pi-job.yaml",
};
const named = (name: string) => ({
  text: job.text.replace("name: pi}", `name: ${name}}`),
  source: `${name}.yaml`,
});
const local = { kubeconfig: "/tmp/kc", engine: "local", jobs: [job] };
const fixed = { runId: "run-1" };

describe("splitJobDocuments", () => {
  it("gives one source per non-empty YAML document, numbered when there are several", () => {
    const text = `# matrix\n---\n${job.text}---\n# nothing\n---\n${named("e").text}`;
    const split = splitJobDocuments({ text, source: "m.yaml" });
    expect(split.map((s) => s.source)).toEqual(["m.yaml (document 1)", "m.yaml (document 2)"]);
    expect(split[1]?.text).toContain("name: e}");
  });
});

describe("parseRunPlan with a temporary cluster", () => {
  const ROLE = "arn:aws:iam::123456789012:role/sfn";
  const create = {
    createCluster: true,
    roleArn: ROLE,
    clusterRoleArn: "arn:aws:iam::123456789012:role/cluster",
    nodeRoleArn: "arn:aws:iam::123456789012:role/node",
    subnetIds: "subnet-0a1b2c3d,subnet-4e5f6a7b",
    jobs: [job],
  };

  it("plans the cluster named after the run, with the defaults for the node group and TTL", () => {
    expect(parseRunPlan(create, CLI_RUN_INPUTS, fixed).cluster).toEqual({
      kind: "create",
      temporary: {
        name: "eks-sfn-run-1",
        clusterRoleArn: "arn:aws:iam::123456789012:role/cluster",
        nodeRoleArn: "arn:aws:iam::123456789012:role/node",
        subnetIds: ["subnet-0a1b2c3d", "subnet-4e5f6a7b"],
        kubernetesVersion: undefined,
        instanceTypes: ["t3.medium"],
        nodeCount: 1,
        ttlMs: 7_200_000,
      },
    });
  });

  it("splits subnet ids and instance types on commas and whitespace, skipping blanks", () => {
    const temporary = (extra: object) => {
      const cluster = parseRunPlan({ ...create, ...extra }, CLI_RUN_INPUTS, fixed).cluster;
      if (cluster.kind !== "create") throw new Error(cluster.kind);
      return cluster.temporary;
    };
    expect(
      temporary({ subnetIds: " subnet-0a1b2c3d ,, subnet-4e5f6a7b\nsubnet-99999999," }).subnetIds,
    ).toEqual(["subnet-0a1b2c3d", "subnet-4e5f6a7b", "subnet-99999999"]);
    expect(
      temporary({ nodeInstanceTypes: "t3.medium, t3.large,,m5.xlarge " }).instanceTypes,
    ).toEqual(["t3.medium", "t3.large", "m5.xlarge"]);
    expect(temporary({ kubernetesVersion: " 1.33 " }).kubernetesVersion).toBe("1.33");
    expect(temporary({ kubernetesVersion: "1.9" }).kubernetesVersion).toBe("1.9");
    expect(temporary({ nodeCount: "100", clusterTtlMinutes: "10" })).toMatchObject({
      nodeCount: 100,
      ttlMs: 600_000,
    });
    expect(temporary({ clusterName: " ci-1234 " }).name).toBe("ci-1234");
  });

  it.each(["1.333", "1.33.1", "x1.33", "1.x", "2.1"])(
    "refuses the Kubernetes version %j, naming the input and an example",
    (version) => {
      expect(
        thrown(() => parseRunPlan({ ...create, kubernetesVersion: version }, CLI_RUN_INPUTS, fixed))
          .message,
      ).toBe(
        `--kubernetes-version: ${JSON.stringify(version)} is not a Kubernetes version. Give a minor version EKS offers, such as "1.33", or leave it out for EKS's default.`,
      );
    },
  );

  it("reads create-cluster as true, TRUE, an empty flag or false, and refuses anything else", () => {
    expect(
      parseRunPlan({ ...create, createCluster: " TRUE " }, CLI_RUN_INPUTS, fixed).cluster.kind,
    ).toBe("create");
    expect(parseRunPlan({ ...create, createCluster: "" }, CLI_RUN_INPUTS, fixed).cluster.kind).toBe(
      "create",
    );
    expect(
      thrown(() => parseRunPlan({ ...create, createCluster: "False" }, CLI_RUN_INPUTS, fixed))
        .message,
    ).toMatch(
      /^--cluster-role-arn: is only used with --create-cluster\. Give --create-cluster to have the state machine create a temporary cluster, or leave out --cluster-role-arn\.$/,
    );
    expect(
      thrown(() => parseRunPlan({ ...create, createCluster: "yes" }, CLI_RUN_INPUTS, fixed))
        .message,
    ).toBe('--create-cluster: "yes" is not true or false. Give true or false.');
  });

  it.each([
    [
      "subnetIds",
      "--subnet-ids",
      'Give subnet ids such as "subnet-0123456789abcdef0", separated by commas.',
      "subnet-0a1b2c3d,sn-1",
    ],
    [
      "subnetIds",
      "--subnet-ids",
      "Give at least two subnet ids, separated by commas.",
      "subnet-0a1b2c3d",
    ],
    [
      "nodeInstanceTypes",
      "--node-instance-types",
      'Give instance types such as "t3.medium,t3.large".',
      "big",
    ],
    [
      "clusterName",
      "--cluster-name",
      "Give a name such as ci-1234, or leave it out for eks-sfn-<run id>.",
      "bad name",
    ],
  ])("says how to fix a bad %s", (key, flag, fix, value) => {
    const message = thrown(() =>
      parseRunPlan({ ...create, [key]: value }, CLI_RUN_INPUTS, fixed),
    ).message;
    expect(message.startsWith(`${flag}: `)).toBe(true);
    expect(message.endsWith(` ${fix}`)).toBe(true);
  });

  it.each([
    ["clusterRoleArn", "--cluster-role-arn", "the ARN of the IAM role the EKS cluster runs as"],
    ["nodeRoleArn", "--node-role-arn", "the ARN of the IAM role of the node group's nodes"],
    [
      "subnetIds",
      "--subnet-ids",
      "at least two subnet ids in two Availability Zones, separated by commas",
    ],
  ])("asks for %s when it is missing or blank", (key, flag, what) => {
    expect(
      thrown(() => parseRunPlan({ ...create, [key]: " " }, CLI_RUN_INPUTS, fixed)).message,
    ).toBe(`${flag}: is required with --create-cluster. Give ${what}.`);
  });

  it.each([
    [{ ...create, roleArn: undefined }, "--role-arn", "is required with --create-cluster"],
    [{ ...create, nodeRoleArn: undefined }, "--node-role-arn", "is required with --create-cluster"],
    [{ ...create, subnetIds: "subnet-0a1b2c3d" }, "--subnet-ids", "EKS needs at least two"],
    [{ ...create, subnetIds: "subnet-0a1b2c3d,sn-1" }, "--subnet-ids", '"sn-1" is not a subnet id'],
    [{ ...create, kubernetesVersion: "v1.33" }, "--kubernetes-version", "is not a Kubernetes"],
    [{ ...create, nodeInstanceTypes: "big" }, "--node-instance-types", "is not an EC2 instance"],
    [{ ...create, nodeCount: "0" }, "--node-count", "is not a whole number from 1 to 100"],
    [{ ...create, clusterTtlMinutes: "x" }, "--cluster-ttl-minutes", "is not a whole number"],
    [
      { ...create, clusterTtlMinutes: "5" },
      "--cluster-ttl-minutes",
      "is not a whole number from 10 to 10080",
    ],
    [{ ...create, clusterName: "bad name" }, "--cluster-name", "is not a valid EKS cluster name"],
    [
      { ...create, kubeconfig: "/k" },
      "--kubeconfig",
      "cannot be used together with --create-cluster",
    ],
    [{ ...create, jobs: [job, named("e")] }, "--job", "a temporary cluster runs one Job"],
    [
      { ...local, subnetIds: "subnet-0a1b2c3d" },
      "--subnet-ids",
      "is only used with --create-cluster",
    ],
    [{ ...create, createCluster: "maybe" }, "--create-cluster", "is not true or false"],
  ])("refuses %j naming %s", (input, name, message) => {
    const error = thrown(() => parseRunPlan(input as never, CLI_RUN_INPUTS, fixed));
    expect(error.message.startsWith(`${name}: `)).toBe(true);
    expect(error.message).toContain(message);
  });
});

describe("parseRunPlan", () => {
  it("takes several Jobs as a matrix with their concurrency cap", () => {
    const plan = parseRunPlan(
      { ...local, jobs: [job, named("e"), named("f")], maxConcurrency: "2" },
      CLI_RUN_INPUTS,
      fixed,
    );
    expect(plan.jobs.map((j) => j.metadata.name)).toEqual(["pi", "e", "f"]);
    expect(plan.maxConcurrency).toBe(2);
  });

  it("fills the defaults for a kubeconfig run on the local engine", () => {
    const plan = parseRunPlan(local, CLI_RUN_INPUTS, fixed);
    expect(plan).toEqual({
      cluster: { kind: "kubeconfig", path: "/tmp/kc", context: undefined, clusterName: undefined },
      region: undefined,
      jobs: [expect.objectContaining({ kind: "Job", metadata: { name: "pi" } })],
      maxConcurrency: 0,
      namespace: "default",
      role: undefined,
      accessStrategy: "auto",
      username: undefined,
      engine: "local",
      stateMachine: { kind: "generated" },
      stateMachineName: "eks-sfn-run-job",
      stateMachineVersions: true,
      polling: { kind: "sync" },
      logs: { retrieve: true, tailLines: undefined },
      deletePolicy: "always",
      timeoutMs: 3_600_000,
      stuckGraceMs: 120_000,
      tags: {},
      runId: "run-1",
    });
  });

  it("reads an EKS target, a role, polling, tags and a definition with its input", () => {
    const plan = parseRunPlan(
      {
        clusterName: "prod",
        region: "eu-west-1",
        roleArn: "arn:aws:iam::123456789012:role/Sfn",
        definition: {
          text: '{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}',
          source: "d.json",
        },
        input: { text: '{"a":1}', source: "in.json" },
        polling: "10",
        tags: "team=ci",
        timeout: "15m",
        deletePolicy: "on-success",
        retrieveLogs: "false",
      },
      CLI_RUN_INPUTS,
      fixed,
    );
    expect(plan.cluster).toEqual({ kind: "eks", target: { kind: "name", name: "prod" } });
    expect(plan.role?.arn).toBe("arn:aws:iam::123456789012:role/Sfn");
    expect(plan.stateMachine).toMatchObject({ kind: "definition", source: "d.json" });
    expect(plan.input).toEqual({ a: 1 });
    expect(plan.polling).toEqual({ kind: "every", seconds: 10 });
    expect(plan.tags).toEqual({ team: "ci" });
    expect(plan.timeoutMs).toBe(900_000);
    expect(plan.deletePolicy).toBe("on-success");
    expect(plan.logs.retrieve).toBe(false);
    expect(plan.engine).toBe("aws");
  });

  it.each([
    [{ ...local, engine: "lokal" }, "--engine", '"lokal" is not one of aws, local'],
    [{ ...local, polling: "0" }, "--polling", '"0" is neither "sync" nor'],
    [{ ...local, polling: "fast" }, "--polling", '"fast" is neither'],
    [{ ...local, namespace: "Jobs" }, "--namespace", '"Jobs" is not a valid Kubernetes namespace'],
    [{ ...local, accessStrategy: "configmap" }, "--access-strategy", '"configmap" is not one of'],
    [{ ...local, deletePolicy: "sometimes" }, "--delete-job", '"sometimes" is not one of'],
    [{ ...local, timeout: "-5" }, "--timeout", "is not a duration"],
    [{ ...local, timeout: "0" }, "--timeout", "is not a duration"],
    [{ ...local, stuckGrace: "1d" }, "--stuck-grace", "is not a duration"],
    [{ ...local, tags: "team" }, "--tags", 'is not a "key=value" pair'],
    [{ ...local, runId: "Run_1" }, "--run-id", "is not a valid run id"],
    [{ ...local, region: "Europe" }, "--region", "is not an AWS region"],
    [{ ...local, logTailLines: "0" }, "--log-tail-lines", "is not a whole number"],
    [{ ...local, retrieveLogs: "maybe" }, "--logs", "is not true or false"],
    [{ ...local, roleArn: "arn:aws:iam::123456789012:user/bob" }, "--role-arn", ""],
    [
      { ...local, context: "x", kubeconfig: undefined, clusterName: "c" },
      "--context",
      "needs --kubeconfig",
    ],
    [
      { ...local, clusterEndpoint: "https://x" },
      "--cluster-endpoint",
      "cannot be used together with --kubeconfig",
    ],
    [{ ...local, jobs: [] }, "--job", "is required unless a state machine is given"],
    [{ ...local, jobs: [job, job] }, "--job", 'names the Job "pi" twice'],
    [
      { ...local, jobs: Array.from({ length: 51 }, (_, i) => named(`j${i}`)) },
      "--job",
      "holds 51 Jobs; a matrix runs at most 50",
    ],
    [
      {
        ...local,
        jobs: Array.from({ length: 48 }, (_, i) => ({
          text: job.text.replace(
            "name: pi}",
            `name: j${i}, annotations: {note: ${"n".repeat(2100)}}}`,
          ),
          source: `j${i}.yaml`,
        })),
      },
      "--job",
      "a matrix carries them in every state, so they may take at most 98304 bytes",
    ],
    [{ ...local, maxConcurrency: "2" }, "--max-concurrency", "is only used with several Jobs"],
    [
      { ...local, jobs: [job, named("e")], maxConcurrency: "-1" },
      "--max-concurrency",
      '"-1" is not a whole number from 0 to 1000',
    ],
    [
      { ...local, jobs: [job, named("e")], maxConcurrency: "1001" },
      "--max-concurrency",
      '"1001" is not a whole number from 0 to 1000',
    ],
    [{ ...local, jobs: [{ text: "kind: Deployment", source: "d.yaml" }] }, "--job d.yaml", ""],
    [
      {
        ...local,
        definition: {
          text: '{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}',
          source: "d.json",
        },
      },
      "--job",
      "cannot be used together with --definition",
    ],
    [{ ...local, input: { text: "{}", source: "i.json" } }, "--input", "needs --definition"],
    [
      { ...local, stateMachineArn: "arn:aws:states:us-east-1:123456789012:stateMachine:x" },
      "--state-machine-arn",
      "cannot be used with the local engine",
    ],
    [
      { clusterName: "c", engine: "local", jobs: [job] },
      "--role-arn",
      "is required: --access-strategy auto grants that role access",
    ],
    [
      { clusterName: "c", jobs: [job], accessStrategy: "none" },
      "--role-arn",
      "is required: the aws engine creates a state machine",
    ],
    [
      { jobs: [job], roleArn: "arn:aws:iam::123456789012:role/R" },
      "--cluster-name",
      "no cluster was given",
    ],
    [
      { ...local, definition: { text: "{", source: "d.json" } },
      "--definition d.json",
      "is not valid JSON",
    ],
    [
      { ...local, engine: "aws", stateMachineArn: "arn:x" },
      "--state-machine-arn",
      "is not a state machine ARN",
    ],
  ] as const)("names %j's bad field as the flag %s, on one line", (input, flag, problem) => {
    const error = thrown(() => parseRunPlan(input, CLI_RUN_INPUTS, fixed));
    expect(error.input).toBe(flag);
    expect(error.message.startsWith(`${flag}: `)).toBe(true);
    expect(error.message).toContain(problem);
    expect(error.message).not.toContain("\n");
  });

  it("names every way to give a cluster when none is given, the kubeconfig included", () => {
    const error = thrown(() =>
      parseRunPlan(
        { jobs: [job], engine: "local", roleArn: "arn:aws:iam::123456789012:role/R" },
        CLI_RUN_INPUTS,
        fixed,
      ),
    );
    expect(error.message).toBe(
      "--cluster-name: no cluster was given. Give --cluster-name (an EKS cluster), --cluster-tags (an EKS cluster found by its tags), --create-cluster (a temporary one), or --kubeconfig (a cluster you reach directly).",
    );
  });

  it("names the action's inputs when the action passes its names", () => {
    const names = Object.fromEntries(
      Object.entries(CLI_RUN_INPUTS).map(([k, v]) => [k, v.replace(/^--/, "")]),
    ) as typeof CLI_RUN_INPUTS;
    expect(thrown(() => parseRunPlan({ ...local, polling: "0" }, names, fixed)).input).toBe(
      "polling",
    );
  });

  it("refuses a field of the wrong type with its name", () => {
    const error = thrown(() =>
      parseRunPlan({ ...local, namespace: 7 as unknown as string }, CLI_RUN_INPUTS, fixed),
    );
    expect(error.input).toBe("--namespace");
  });
});

describe("the small parsers", () => {
  it("reads polling as sync or whole seconds from 1 to MAX_POLL_SECONDS (3600)", () => {
    expect(parsePolling("p", "sync")).toEqual({ kind: "sync" });
    expect(parsePolling("p", "1")).toEqual({ kind: "every", seconds: 1 });
    expect(parsePolling("p", String(MAX_POLL_SECONDS))).toEqual({ kind: "every", seconds: 3600 });
    for (const value of ["0", "-3", "1.5", "3601", "86400"]) {
      const error = thrown(() => parsePolling("p", value));
      expect(error.input).toBe("p");
      expect(error.message).toContain("from 1 to 3600");
    }
  });

  it("names the state machine DEFAULT_STATE_MACHINE_NAME unless one is given, and refuses an invalid name", () => {
    expect(parseRunPlan(local, CLI_RUN_INPUTS, fixed).stateMachineName).toBe(
      DEFAULT_STATE_MACHINE_NAME,
    );
    expect(
      parseRunPlan({ ...local, stateMachineName: "nightly" }, CLI_RUN_INPUTS, fixed)
        .stateMachineName,
    ).toBe("nightly");
    expect(
      thrown(() => parseRunPlan({ ...local, stateMachineName: "has space" }, CLI_RUN_INPUTS, fixed))
        .input,
    ).toBe("--state-machine-name");
  });

  it("starts runs on versions unless told not to, and names the input of a value that is not a boolean", () => {
    expect(parseRunPlan(local, CLI_RUN_INPUTS, fixed).stateMachineVersions).toBe(true);
    expect(
      parseRunPlan({ ...local, stateMachineVersions: false }, CLI_RUN_INPUTS, fixed)
        .stateMachineVersions,
    ).toBe(false);
    expect(
      parseRunPlan({ ...local, stateMachineVersions: "false" }, CLI_RUN_INPUTS, fixed)
        .stateMachineVersions,
    ).toBe(false);
    expect(
      thrown(() => parseRunPlan({ ...local, stateMachineVersions: "no" }, CLI_RUN_INPUTS, fixed))
        .input,
    ).toBe("--no-state-machine-versions");
  });

  it("reads durations in seconds, minutes and hours", () => {
    expect(parseDurationMs("t", "90")).toBe(90_000);
    expect(parseDurationMs("t", "90s")).toBe(90_000);
    expect(parseDurationMs("t", "2m")).toBe(120_000);
    expect(parseDurationMs("t", "168h")).toBe(168 * 3_600_000);
    expect(parseDurationMs("t", undefined)).toBeUndefined();
    expect(thrown(() => parseDurationMs("t", "169h")).input).toBe("t");
  });

  it("makes run ids that are valid label values and differ", () => {
    const now = new Date("2026-11-30T05:00:00Z");
    const a = newRunId(now);
    expect(a).toMatch(/^run-20261130050000-[a-z0-9]{1,6}$/);
    expect(newRunId(now)).not.toBe(a);
  });
});

describe("parseRunPlan: the role", () => {
  const arn = "arn:aws:states:us-east-1:123456789012:stateMachine:mine";
  it("is optional for an existing state machine with access-strategy none on EKS", () => {
    const plan = parseRunPlan(
      { clusterName: "c", stateMachineArn: arn, accessStrategy: "none" },
      CLI_RUN_INPUTS,
      fixed,
    );
    expect(plan.role).toBeUndefined();
    expect(plan.stateMachine).toEqual({ kind: "arn", arn });
  });

  it("is optional for the local engine with access-strategy none on EKS", () => {
    const plan = parseRunPlan(
      { clusterName: "c", engine: "local", jobs: [job], accessStrategy: "none" },
      CLI_RUN_INPUTS,
      fixed,
    );
    expect(plan.role).toBeUndefined();
  });

  it("is required, naming what needs it, for an existing state machine whose role is granted", () => {
    expect(() =>
      parseRunPlan({ clusterName: "c", stateMachineArn: arn }, CLI_RUN_INPUTS, fixed),
    ).toThrow(
      /^--role-arn: is required: --access-strategy auto grants that role access to the cluster\. .*--access-strategy none/,
    );
  });
});

describe("the small parsers behind parseRunPlan", () => {
  it("parsePolling takes sync or whole seconds from 1 to 3600, and nothing else", () => {
    expect(parsePolling("poll", "sync")).toEqual({ kind: "sync" });
    expect(parsePolling("poll", "1")).toEqual({ kind: "every", seconds: 1 });
    expect(parsePolling("poll", "3600")).toEqual({ kind: "every", seconds: 3600 });
    for (const value of ["0", "3601", "x10", "10x", "1.5", "", "Sync"]) {
      expect(thrown(() => parsePolling("poll", value)).message, value).toBe(
        `poll: ${JSON.stringify(value)} is neither "sync" nor a number of seconds from 1 to 3600. Use "sync" (Step Functions polls the Job every 60 to 300 s) or the seconds between reads, such as 10.`,
      );
    }
  });

  it("parseDurationMs reads bare seconds and s, m, h up to 168 hours", () => {
    expect(parseDurationMs("timeout", undefined)).toBeUndefined();
    expect(parseDurationMs("timeout", "90")).toBe(90_000);
    expect(parseDurationMs("timeout", "90s")).toBe(90_000);
    expect(parseDurationMs("timeout", "15m")).toBe(900_000);
    expect(parseDurationMs("timeout", "2h")).toBe(7_200_000);
    expect(parseDurationMs("timeout", "168h")).toBe(604_800_000);
    for (const value of ["0", "169h", "10d", "m", "1.5h", " 90"]) {
      expect(thrown(() => parseDurationMs("timeout", value)).message, value).toBe(
        `timeout: ${JSON.stringify(value)} is not a duration from 1s to 168h. Give seconds, or a number with s, m or h, such as "90", "15m" or "2h".`,
      );
    }
  });

  it("wholeNumber takes digits from min to max inclusive", () => {
    expect(wholeNumber("n", "3", 3, 5)).toBe(3);
    expect(wholeNumber("n", "5", 3, 5)).toBe(5);
    for (const value of ["2", "6", "-3", "2.5", "ten", "4 ", "x4", "4x"]) {
      expect(thrown(() => wholeNumber("n", value, 3, 5)).message, value).toBe(
        `n: ${JSON.stringify(value)} is not a whole number from 3 to 5. Give a whole number from 3 to 5.`,
      );
    }
  });

  it("splitJobDocuments splits only on whole --- lines and keeps a single document's source", () => {
    expect(splitJobDocuments(job)).toEqual([job]);
    const text = `${job.text}--- \t\n${named("b").text}`;
    expect(splitJobDocuments({ text, source: "m.yaml" }).map((s) => s.source)).toEqual([
      "m.yaml (document 1)",
      "m.yaml (document 2)",
    ]);
    // "---" inside a line, or followed by other text, is not a separator.
    const inline = `${job.text.replace("metadata:", "metadata: # --- x\n ")}`;
    expect(splitJobDocuments({ text: `x: "a---"\n----\n${inline}`, source: "s" })).toHaveLength(1);
    // A document with a comment after its content is kept.
    expect(splitJobDocuments({ text: "a: 1 # c\n---\n# only\n", source: "s" })).toEqual([
      { text: "a: 1 # c\n", source: "s" },
    ]);
  });
});

describe("parseRunPlan: names it checks", () => {
  const arn = "arn:aws:states:us-east-1:123456789012:stateMachine:mine";
  const onEks = { clusterName: "c", stateMachineArn: arn, accessStrategy: "none" };

  it.each(["us-east-1", "us-gov-west-1", "ap-southeast-10"])("accepts the region %s", (region) => {
    expect(parseRunPlan({ ...onEks, region }, CLI_RUN_INPUTS, fixed).region).toBe(region);
  });

  it.each(["1us-east-1", "us-east-1x", "us-east", "US-EAST-1"])(
    "refuses the region %j, with an example",
    (region) => {
      expect(thrown(() => parseRunPlan({ ...onEks, region }, CLI_RUN_INPUTS, fixed)).message).toBe(
        `--region: ${JSON.stringify(region)} is not an AWS region. Give a region such as "us-east-1".`,
      );
    },
  );

  it.each([
    "arn:aws-cn:states:cn-north-1:123456789012:stateMachine:run-job_2",
    `arn:aws:states:us-east-1:123456789012:stateMachine:${"m".repeat(80)}`,
  ])("accepts the state machine ARN %s", (stateMachineArn) => {
    expect(parseRunPlan({ ...onEks, stateMachineArn }, CLI_RUN_INPUTS, fixed).stateMachine).toEqual(
      { kind: "arn", arn: stateMachineArn },
    );
  });

  it.each([
    `x${arn}`,
    `${arn}:1`,
    `arn:aws:states:us-east-1:123456789012:stateMachine:${"m".repeat(81)}`,
    "arn:aws1:states:us-east-1:123456789012:stateMachine:mine",
  ])("refuses %s as a state machine ARN, with the shape to give", (stateMachineArn) => {
    expect(
      thrown(() => parseRunPlan({ ...onEks, stateMachineArn }, CLI_RUN_INPUTS, fixed)).message,
    ).toBe(
      `--state-machine-arn: ${JSON.stringify(stateMachineArn)} is not a state machine ARN. Give it as "arn:aws:states:<region>:<account>:stateMachine:<name>".`,
    );
  });

  it("runs several generateName Jobs side by side, and refuses one name twice", () => {
    const generated = {
      text: job.text.replace("metadata: {name: pi}", "metadata: {generateName: pi-}"),
      source: "g.yaml",
    };
    const plan = parseRunPlan(
      { ...local, jobs: [generated, generated, job] },
      CLI_RUN_INPUTS,
      fixed,
    );
    expect(plan.jobs).toHaveLength(3);
    expect(
      thrown(() => parseRunPlan({ ...local, jobs: [job, generated, job] }, CLI_RUN_INPUTS, fixed))
        .message,
    ).toBe(
      '--job: names the Job "pi" twice; the Jobs of a matrix run side by side in one namespace. Give each Job its own metadata.name (or metadata.generateName).',
    );
  });
});

describe("parseRunPlan: what it says for each conflict", () => {
  const arn = "arn:aws:states:us-east-1:123456789012:stateMachine:mine";
  const onEks = { clusterName: "c", stateMachineArn: arn, accessStrategy: "none" };
  const definition = {
    text: '{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}',
    source: "d.json",
  };
  const create = {
    createCluster: true,
    roleArn: "arn:aws:iam::123456789012:role/sfn",
    clusterRoleArn: "arn:aws:iam::123456789012:role/cluster",
    nodeRoleArn: "arn:aws:iam::123456789012:role/node",
    subnetIds: "subnet-0a1b2c3d,subnet-4e5f6a7b",
  };
  const cases: [string, object, string][] = [
    [
      "a state machine ARN and a definition",
      { ...onEks, definition },
      "--definition: cannot be used together with --state-machine-arn. Give --definition to run your own definition, or --state-machine-arn to run an existing state machine.",
    ],
    [
      "Jobs with a state machine ARN",
      { ...onEks, jobs: [job] },
      "--job: cannot be used together with --state-machine-arn: that state machine names its own Job. Give --job for a generated state machine, or put the Job in your definition.",
    ],
    [
      "a definition on a temporary cluster",
      { ...create, definition },
      "--definition: cannot be used together with --create-cluster: the temporary cluster is created by the generated state machine. Give --job with --create-cluster.",
    ],
    [
      "a state machine ARN on a temporary cluster",
      { ...create, stateMachineArn: arn },
      "--state-machine-arn: cannot be used together with --create-cluster: the temporary cluster is created by the generated state machine. Give --job with --create-cluster.",
    ],
    [
      "two Jobs on a temporary cluster",
      { ...create, jobs: [job, named("b")] },
      "--job: holds 2 Jobs; a temporary cluster runs one Job. Give one Job with --create-cluster, or run the matrix on an existing cluster.",
    ],
    [
      "cluster tags with a temporary cluster",
      { ...create, jobs: [job], clusterTags: "a=b" },
      "--cluster-tags: cannot be used together with --create-cluster. Leave out --cluster-tags to run on a temporary cluster, or leave out --create-cluster to run on that cluster.",
    ],
    [
      "input for the generated state machine",
      { ...local, input: { text: "{}", source: "i.json" } },
      "--input: needs --definition or --state-machine-arn. The generated state machine builds its own input from --job; leave out --input.",
    ],
    [
      "a state machine ARN with the local engine",
      { ...local, jobs: undefined, stateMachineArn: arn },
      "--state-machine-arn: cannot be used with the local engine, which runs a definition in this process. Give --definition instead, or use --engine aws.",
    ],
    [
      "cluster tags with a kubeconfig",
      { ...local, clusterTags: "a=b" },
      "--cluster-tags: cannot be used together with --kubeconfig. The kubeconfig names the server and its CA; leave out --cluster-tags.",
    ],
    [
      "a context without a kubeconfig",
      { clusterName: "c", context: "x", jobs: [job] },
      "--context: needs --kubeconfig. Give --kubeconfig with the file that has that context.",
    ],
    [
      "no Job and no state machine",
      { ...local, jobs: [] },
      "--job: is required unless a state machine is given. Give --job FILE (a batch/v1 Job manifest), or --definition FILE.",
    ],
    [
      "max-concurrency for one Job",
      { ...local, maxConcurrency: "2" },
      "--max-concurrency: is only used with several Jobs (a matrix). Give several Jobs with --job, or leave out --max-concurrency.",
    ],
    [
      "a run id with capitals",
      { ...local, runId: "Nightly" },
      `--run-id: "Nightly" is not a valid run id (lowercase letters, digits and '-', at most 63 characters). Use an id like "nightly-42".`,
    ],
    [
      "an unknown delete policy",
      { ...local, deletePolicy: "sometimes" },
      '--delete-job: "sometimes" is not one of always, on-success, never. Use one of: always, on-success, never.',
    ],
    [
      "no role for a temporary cluster",
      { ...create, roleArn: undefined, jobs: [job] },
      "--role-arn: is required with --create-cluster. Give the ARN of the state machine's IAM role: it creates the temporary cluster and runs the Job as its admin.",
    ],
  ];
  it.each(cases)("refuses %s, naming the flag and the fix", (_, input, message) => {
    expect(thrown(() => parseRunPlan(input, CLI_RUN_INPUTS, fixed)).message).toBe(message);
  });

  it.each([
    [
      { clusterName: "c", jobs: [job], accessStrategy: "none" },
      "--role-arn: is required: the aws engine creates a state machine, and a state machine runs as an IAM role. Give the ARN of the state machine's IAM role (arn:aws:iam::<account>:role/<name>), or --state-machine-arn to run an existing state machine.",
    ],
    [
      { clusterName: "c", stateMachineArn: arn },
      "--role-arn: is required: --access-strategy auto grants that role access to the cluster. Give the ARN of the state machine's IAM role (arn:aws:iam::<account>:role/<name>), or --access-strategy none when the state machine's role already has access.",
    ],
  ])("says why a role is needed and what else would do, for %j", (input, message) => {
    expect(thrown(() => parseRunPlan(input, CLI_RUN_INPUTS, fixed)).message).toBe(message);
  });

  it("refuses a value that is not text, naming its input", () => {
    expect(
      thrown(() => parseRunPlan({ ...local, region: 5 } as never, CLI_RUN_INPUTS, fixed)).message,
    ).toBe("--region: is not text. Give it as text.");
  });

  it("refuses execution input that is not JSON, naming its file", () => {
    const message = thrown(() =>
      parseRunPlan({ ...onEks, input: { text: "{", source: "i.json" } }, CLI_RUN_INPUTS, fixed),
    ).message;
    expect(message).toMatch(
      /^--input: i\.json is not JSON \(.+\)\. Give the execution input as a JSON file\.$/,
    );
  });

  it("has no input field when no input is given, and log tail lines from 1 to 100000", () => {
    expect(parseRunPlan(onEks, CLI_RUN_INPUTS, fixed)).not.toHaveProperty("input");
    expect(
      parseRunPlan({ ...local, logTailLines: "100000" }, CLI_RUN_INPUTS, fixed).logs.tailLines,
    ).toBe(100_000);
    expect(
      thrown(() => parseRunPlan({ ...local, logTailLines: "0" }, CLI_RUN_INPUTS, fixed)).message,
    ).toBe(
      '--log-tail-lines: "0" is not a whole number from 1 to 100000. Give a whole number from 1 to 100000.',
    );
  });
});
