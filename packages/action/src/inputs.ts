// The action's inputs, read once, all of them, and turned into a typed plan before
// anything that changes something runs. Everything after this file trusts the plan; a
// bad input stops here with one line that names it (by its action.yml name) and the fix.
// Only the pure entry of core is imported here: checking inputs loads no SDK.
import { readFileSync } from "node:fs";
import { isAbsolute, relative, resolve } from "node:path";
import {
  type ClusterTarget,
  DEFAULT_STATE_MACHINE_NAME,
  type EngineName,
  type JobManifest,
  MAX_CLUSTER_TTL_MINUTES,
  MAX_LOG_TAIL_LINES,
  MAX_MAP_CONCURRENCY,
  MIN_CLUSTER_TTL_MINUTES,
  parseClusterName,
  parseClusterTarget,
  parseJobManifest,
  parseNamespace,
  parsePolling,
  parseRoleArn,
  parseRunPlan,
  parseStateMachineName,
  parseTags,
  type RunInputNames,
  type RunPlan,
  UserInputError,
} from "@eks-sfn/core/plan";

/** Reads one input by its action.yml name; "" when it was not given. */
export type InputReader = (name: string) => string;

export const ACCESS_STRATEGIES = ["auto", "access-entry", "aws-auth", "none"] as const;
export type AccessStrategyInput = (typeof ACCESS_STRATEGIES)[number];
export const DELETE_JOB_POLICIES = ["always", "on-success", "never"] as const;
export type DeleteJobPolicy = (typeof DELETE_JOB_POLICIES)[number];
export const ENGINES = ["aws", "local"] as const satisfies readonly EngineName[];

/** Where the Job runs. */
export type ClusterChoice =
  | { readonly kind: "existing"; readonly target: ClusterTarget }
  | {
      readonly kind: "create";
      readonly name: string;
      readonly clusterRoleArn: string;
      readonly nodeRoleArn: string;
      readonly subnetIds: readonly string[];
      readonly kubernetesVersion?: string | undefined;
      readonly nodeInstanceTypes: readonly string[];
      readonly nodeCount: number;
      readonly ttlMinutes: number;
    }
  | { readonly kind: "kubeconfig"; readonly path: string };

/** A Job as the user gave it: its YAML text and where it came from (for error messages). */
export interface JobSource {
  readonly from: "file" | "inline";
  /** The workspace-relative path, for `from: "file"`. */
  readonly path?: string | undefined;
  readonly yaml: string;
}

/** A Job as the user gave it, parsed (kube/job-manifest.ts): one batch/v1 Job. */
export interface ParsedJob extends JobSource {
  readonly manifest: JobManifest;
}

export type StateMachineChoice =
  | { readonly kind: "generate"; readonly name: string; readonly roleArn: string }
  | { readonly kind: "existing"; readonly arn: string; readonly input: unknown };

export interface ActionInputs {
  readonly cluster: ClusterChoice;
  readonly namespace: string;
  /** The Job, or the Jobs of a matrix; empty only with a bring-your-own state machine. */
  readonly jobs: readonly ParsedJob[];
  readonly matrix: boolean;
  /** Map's MaxConcurrency; 0 is no limit. */
  readonly maxConcurrency: number;
  readonly stateMachine: StateMachineChoice;
  /** The role granted access; undefined when nothing is granted (kubeconfig's own user). */
  readonly roleArn?: string | undefined;
  readonly accessStrategy: AccessStrategyInput;
  readonly retrieveLogs: boolean;
  readonly logTailLines: number;
  readonly deleteJob: DeleteJobPolicy;
  /** `sync` (eks:runJob.sync) or seconds between checks. */
  readonly polling: "sync" | { readonly seconds: number };
  readonly timeoutMinutes: number;
  readonly engine: EngineName;
  readonly commentOnPr: boolean;
  readonly githubToken: string;
  readonly keepResources: boolean;
  readonly tags: Readonly<Record<string, string>>;
  readonly dryRun: boolean;
  /** The shared run flow's plan (core's run/run-plan.ts), from the same inputs. */
  readonly plan: RunPlan;
}

export interface ReadInputsOptions {
  /** Where a `job` path is resolved (GITHUB_WORKSPACE); paths may not leave it. */
  readonly workspace?: string | undefined;
  readonly readFile?: ((path: string) => string) | undefined;
  /** Names and labels what the run creates (a DNS-1123 label); see `runIdFromGitHub`. */
  readonly runId?: string | undefined;
  /** AWS_REGION (or AWS_DEFAULT_REGION), which configure-aws-credentials sets. */
  readonly region?: string | undefined;
}

/** The action's input names for the run plan's fields: the plan's errors name these. */
export const ACTION_RUN_INPUTS: RunInputNames = {
  clusterName: "cluster-name",
  clusterTags: "cluster-tags",
  clusterEndpoint: "cluster-endpoint",
  clusterCertificateAuthorityData: "cluster-ca",
  kubeconfig: "kubeconfig",
  context: "kubeconfig",
  region: "AWS_REGION",
  jobs: "job",
  maxConcurrency: "max-concurrency",
  namespace: "namespace",
  roleArn: "role-arn",
  accessStrategy: "access-strategy",
  username: "role-arn",
  engine: "engine",
  stateMachineArn: "state-machine-arn",
  stateMachineName: "state-machine-name",
  stateMachineVersions: "state-machine-versions",
  definition: "state-machine-arn",
  input: "input",
  polling: "polling",
  retrieveLogs: "retrieve-logs",
  logTailLines: "log-tail-lines",
  deletePolicy: "delete-job",
  timeout: "timeout-minutes",
  stuckGrace: "timeout-minutes",
  tags: "tags",
  runId: "GITHUB_RUN_ID",
  createCluster: "create-cluster",
  clusterRoleArn: "cluster-role-arn",
  nodeRoleArn: "node-role-arn",
  subnetIds: "subnet-ids",
  kubernetesVersion: "kubernetes-version",
  nodeInstanceTypes: "node-instance-types",
  nodeCount: "node-count",
  clusterTtlMinutes: "cluster-ttl-minutes",
};

/**
 * A run id from GitHub's run identity: `gh-<run id>-<attempt>-<job>`, lowercased and cut
 * to a valid label value (63 characters), so each attempt of each job names its own things.
 */
export function runIdFromGitHub(env: Readonly<Record<string, string | undefined>>): string {
  const parts = [
    "gh",
    env.GITHUB_RUN_ID ?? "local",
    env.GITHUB_RUN_ATTEMPT ?? "1",
    env.GITHUB_JOB ?? "job",
  ];
  return parts
    .join("-")
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, "-")
    .slice(0, 63)
    .replace(/^-+|-+$/g, "");
}

/** The largest Job file read; the API server itself refuses requests over 3 MiB. */
export const MAX_JOB_FILE_BYTES = 1024 * 1024;

/**
 * Reads every input of action.yml and checks them together.
 * @throws UserInputError naming the first input at fault (by its action.yml name) and the fix.
 */
export function readActionInputs(read: InputReader, options: ReadInputsOptions = {}): ActionInputs {
  const get = (name: string): string | undefined => {
    const value = read(name).trim();
    return value === "" ? undefined : value;
  };
  const engine = oneOf(read, "engine", ENGINES, "aws");
  const kubeconfig = get("kubeconfig");
  const createCluster = flag(read, "create-cluster");
  const namespace = parseNamespace("namespace", get("namespace") ?? "default");

  if (kubeconfig !== undefined && engine !== "local") {
    throw new UserInputError(
      "kubeconfig",
      "is only used with `engine: local`",
      "Set `engine: local` to run the state machine in the runner against this kubeconfig, or leave out `kubeconfig`.",
    );
  }
  const cluster = readCluster(get, { createCluster, kubeconfig, engine });

  const stateMachineArn = get("state-machine-arn");
  const roleArnText = get("role-arn");
  const roleArn = roleArnText === undefined ? undefined : parseRoleArn("role-arn", roleArnText).arn;
  const accessStrategy = oneOf(read, "access-strategy", ACCESS_STRATEGIES, "auto");

  let stateMachine: StateMachineChoice;
  if (stateMachineArn !== undefined) {
    if (engine === "local") {
      throw new UserInputError(
        "state-machine-arn",
        "cannot be used with `engine: local`: the local engine runs the definition the action generates",
        "Leave out `state-machine-arn`, or use `engine: aws`.",
      );
    }
    stateMachine = {
      kind: "existing",
      arn: parseStateMachineArn("state-machine-arn", stateMachineArn),
      input: parseJsonInput("input", get("input") ?? "{}"),
    };
  } else {
    if (get("input") !== undefined && get("input") !== "{}") {
      throw new UserInputError(
        "input",
        "is only used with `state-machine-arn`",
        "The generated state machine takes the Job from `job`; leave out `input`, or give `state-machine-arn`.",
      );
    }
    if (roleArn === undefined && engine === "aws") {
      throw new UserInputError(
        "role-arn",
        "is required but was not given",
        "Set `role-arn` to the IAM role the state machine runs as (arn:aws:iam::<account>:role/<name>), or `state-machine-arn` to run an existing state machine.",
      );
    }
    stateMachine = {
      kind: "generate",
      name: parseStateMachineName(
        "state-machine-name",
        get("state-machine-name") ?? DEFAULT_STATE_MACHINE_NAME,
      ),
      roleArn: roleArn ?? "",
    };
  }
  if (accessStrategy !== "none" && roleArn === undefined && cluster.kind === "existing") {
    throw new UserInputError(
      "role-arn",
      "is required to grant access",
      "Set `role-arn` to the IAM role the state machine runs as, or `access-strategy: none` when it already has access.",
    );
  }

  const job = get("job");
  const jobsText = get("jobs");
  if (job !== undefined && jobsText !== undefined) {
    throw new UserInputError(
      "jobs",
      "cannot be used together with `job`",
      "Give one Job in `job`, or several in `jobs` to run them as a matrix.",
    );
  }
  const jobsName = job !== undefined ? "job" : "jobs";
  const sources =
    job !== undefined
      ? [readJob("job", job, options)]
      : jobsText !== undefined
        ? splitJobs(readJob("jobs", jobsText, options))
        : [];
  const jobs: ParsedJob[] = sources.map((source, index) => ({
    ...source,
    manifest: parseJobManifest(
      sources.length > 1 ? `${jobsName} (document ${index + 1})` : jobsName,
      source.yaml,
    ),
  }));
  if (jobs.length === 0 && stateMachine.kind === "generate") {
    throw new UserInputError(
      "job",
      "is required but was not given",
      "Set `job` to a batch/v1 Job: a path in the workspace (examples/pi-job.yaml) or inline YAML.",
    );
  }

  const pollingText = get("polling") ?? "sync";
  // The shared plan's rule (MAX_POLL_SECONDS), the same as the CLI's --polling.
  const parsedPolling = parsePolling("polling", pollingText);
  const polling =
    parsedPolling.kind === "sync" ? ("sync" as const) : { seconds: parsedPolling.seconds };

  const maxConcurrency = integer("max-concurrency", get("max-concurrency") ?? "0", {
    min: 0,
    max: MAX_MAP_CONCURRENCY,
    fix: `Use 0 for no limit, or up to ${MAX_MAP_CONCURRENCY}.`,
  });
  const retrieveLogs = flag(read, "retrieve-logs", true);
  const logTailLines = integer("log-tail-lines", get("log-tail-lines") ?? "1000", {
    min: 1,
    max: MAX_LOG_TAIL_LINES,
    fix: `Use a number of lines between 1 and ${MAX_LOG_TAIL_LINES}.`,
  });
  const deleteJob = oneOf(read, "delete-job", DELETE_JOB_POLICIES, "always");
  const timeoutMinutes = integer("timeout-minutes", get("timeout-minutes") ?? "60", {
    min: 1,
    max: 10_080,
    fix: "Use a number of minutes between 1 and 10080 (a week).",
  });
  const tags = parseTags("tags", get("tags") ?? "") ?? {};
  const commentOnPr = flag(read, "comment-on-pr");
  const keepResources = flag(read, "keep-resources");
  const dryRun = flag(read, "dry-run");
  const plan = parseRunPlan(
    {
      clusterName: get("cluster-name"),
      clusterTags: get("cluster-tags"),
      clusterEndpoint: get("cluster-endpoint"),
      clusterCertificateAuthorityData: get("cluster-ca"),
      kubeconfig: cluster.kind === "kubeconfig" ? cluster.path : undefined,
      region: options.region,
      jobs: jobs.map((parsed) => ({ text: parsed.yaml, source: parsed.path ?? "inline" })),
      // Checked above; a plan takes a cap only for several Jobs.
      maxConcurrency: jobs.length > 1 ? String(maxConcurrency) : undefined,
      namespace,
      roleArn,
      accessStrategy,
      engine,
      stateMachineArn: stateMachine.kind === "existing" ? stateMachine.arn : undefined,
      stateMachineName: stateMachine.kind === "generate" ? stateMachine.name : undefined,
      stateMachineVersions: flag(read, "state-machine-versions", true),
      input:
        stateMachine.kind === "existing"
          ? { text: JSON.stringify(stateMachine.input), source: "input" }
          : undefined,
      polling: pollingText,
      retrieveLogs,
      logTailLines: String(logTailLines),
      deletePolicy: deleteJob,
      timeout: `${timeoutMinutes}m`,
      tags: Object.entries(tags)
        .map(([key, value]) => `${key}=${value}`)
        .join(","),
      runId: options.runId,
      ...(cluster.kind === "create"
        ? {
            createCluster: true,
            clusterRoleArn: get("cluster-role-arn"),
            nodeRoleArn: get("node-role-arn"),
            subnetIds: get("subnet-ids"),
            kubernetesVersion: get("kubernetes-version"),
            nodeInstanceTypes: get("node-instance-types"),
            nodeCount: get("node-count"),
            clusterTtlMinutes: get("cluster-ttl-minutes"),
          }
        : {}),
    },
    { ...ACTION_RUN_INPUTS, jobs: jobsName },
  );

  return {
    cluster,
    namespace,
    jobs,
    matrix: jobsText !== undefined,
    maxConcurrency,
    stateMachine,
    roleArn,
    accessStrategy,
    retrieveLogs,
    logTailLines,
    deleteJob,
    polling,
    timeoutMinutes,
    engine,
    commentOnPr,
    githubToken: read("github-token").trim(),
    keepResources,
    tags,
    dryRun,
    plan,
  };
}

function readCluster(
  get: (name: string) => string | undefined,
  context: { createCluster: boolean; kubeconfig: string | undefined; engine: EngineName },
): ClusterChoice {
  const createNames = [
    "cluster-role-arn",
    "node-role-arn",
    "subnet-ids",
    "kubernetes-version",
  ] as const;
  if (!context.createCluster) {
    const stray = createNames.find((name) => get(name) !== undefined);
    if (stray !== undefined) {
      throw new UserInputError(
        stray,
        "is only used with `create-cluster: true`",
        "Set `create-cluster: true` to have the state machine create a temporary cluster, or leave it out.",
      );
    }
  }
  // Read the node group's settings even when they are not used, so a typo in one is
  // reported whatever the other inputs say.
  const nodeCount = integer("node-count", get("node-count") ?? "1", {
    min: 1,
    max: 100,
    fix: "Use a number of nodes between 1 and 100.",
  });
  const ttlMinutes = integer("cluster-ttl-minutes", get("cluster-ttl-minutes") ?? "120", {
    min: MIN_CLUSTER_TTL_MINUTES,
    max: MAX_CLUSTER_TTL_MINUTES,
    fix: `Use a number of minutes between ${MIN_CLUSTER_TTL_MINUTES} and ${MAX_CLUSTER_TTL_MINUTES} (a week).`,
  });
  const nodeInstanceTypes = list(get("node-instance-types") ?? "t3.medium");
  const target = {
    name: get("cluster-name"),
    endpoint: get("cluster-endpoint"),
    certificateAuthorityData: get("cluster-ca"),
    tags: get("cluster-tags"),
  };
  const names = { name: "cluster-name", endpoint: "cluster-endpoint", tags: "cluster-tags" };

  if (context.kubeconfig !== undefined) {
    const other = (["cluster-tags", "cluster-endpoint", "cluster-ca"] as const).find(
      (name) => get(name) !== undefined,
    );
    if (other !== undefined || context.createCluster) {
      throw new UserInputError(
        other ?? "create-cluster",
        "cannot be used together with `kubeconfig`",
        "The kubeconfig's current context picks the cluster; leave the other cluster inputs out.",
      );
    }
    return { kind: "kubeconfig", path: context.kubeconfig };
  }
  if (context.createCluster) {
    const given = (["cluster-tags", "cluster-endpoint", "cluster-ca"] as const).find(
      (name) => get(name) !== undefined,
    );
    if (given !== undefined) {
      throw new UserInputError(
        given,
        "cannot be used together with `create-cluster: true`",
        "A temporary cluster is found by its name; leave it out.",
      );
    }
    const need = (name: string, what: string): string => {
      const value = get(name);
      if (value === undefined) {
        throw new UserInputError(
          name,
          "is required with `create-cluster: true`",
          `Set \`${name}\` to ${what}.`,
        );
      }
      return value;
    };
    const name = need("cluster-name", "the temporary cluster's name (such as ci-<run id>)");
    const clusterRoleArn = parseRoleArn(
      "cluster-role-arn",
      need("cluster-role-arn", "the IAM role the cluster runs as"),
    ).arn;
    const nodeRoleArn = parseRoleArn(
      "node-role-arn",
      need("node-role-arn", "the IAM role of the cluster's nodes"),
    ).arn;
    const subnetIds = list(need("subnet-ids", "at least two subnets in two Availability Zones"));
    const badSubnet = subnetIds.find((id) => !/^subnet-[0-9a-f]{8,17}$/.test(id));
    if (badSubnet !== undefined || subnetIds.length < 2) {
      throw new UserInputError(
        "subnet-ids",
        badSubnet !== undefined
          ? `${JSON.stringify(badSubnet)} is not a subnet ID`
          : "names fewer than two subnets",
        "Give at least two subnet IDs (subnet-0123abcd) in two Availability Zones, separated by commas; EKS requires them.",
      );
    }
    const version = get("kubernetes-version");
    if (version !== undefined && !/^1\.\d{1,2}$/.test(version)) {
      throw new UserInputError(
        "kubernetes-version",
        `${JSON.stringify(version)} is not a Kubernetes minor version`,
        'Give it as EKS does, such as "1.33", or leave it out for EKS\'s default.',
      );
    }
    return {
      kind: "create",
      name: parseClusterName("cluster-name", name),
      clusterRoleArn,
      nodeRoleArn,
      subnetIds,
      kubernetesVersion: version,
      nodeInstanceTypes,
      nodeCount,
      ttlMinutes,
    };
  }
  if (
    target.name === undefined &&
    target.tags === undefined &&
    target.endpoint === undefined &&
    target.certificateAuthorityData === undefined
  ) {
    throw new UserInputError(
      "cluster-name",
      "is required but was not given",
      context.engine === "local"
        ? "Set `cluster-name` to the EKS cluster to run on, or `kubeconfig` to reach any cluster."
        : "Set `cluster-name` to the EKS cluster to run on (or `cluster-tags`, or `create-cluster: true`).",
    );
  }
  return {
    kind: "existing",
    target: parseClusterTarget(target, { ...names, certificateAuthorityData: "cluster-ca" }),
  };
}

/** A `job`/`jobs` input: inline YAML when it spans lines or starts a mapping, else a path. */
function readJob(name: string, value: string, options: ReadInputsOptions): JobSource {
  if (value.includes("\n") || /^(apiVersion|kind|metadata|spec|---|\{)/.test(value)) {
    return { from: "inline", yaml: value };
  }
  const workspace = resolve(options.workspace ?? process.cwd());
  const path = resolve(workspace, value);
  const inside = relative(workspace, path);
  if (inside.startsWith("..") || isAbsolute(inside)) {
    throw new UserInputError(
      name,
      `${JSON.stringify(value)} is outside the workspace`,
      "Give a path inside the repository (after actions/checkout), or the Job's YAML inline.",
    );
  }
  let text: string;
  try {
    text = (options.readFile ?? ((file) => readFileSync(file, "utf8")))(path);
  } catch {
    throw new UserInputError(
      name,
      `${JSON.stringify(value)} is not a file in the workspace`,
      "Check the path (is the repository checked out with actions/checkout?), or give the Job's YAML inline.",
    );
  }
  if (Buffer.byteLength(text) > MAX_JOB_FILE_BYTES) {
    throw new UserInputError(
      name,
      `${JSON.stringify(value)} is larger than ${MAX_JOB_FILE_BYTES} bytes`,
      "A Job manifest is a few kilobytes; check that the path names the Job's YAML.",
    );
  }
  if (text.trim() === "") {
    throw new UserInputError(
      name,
      `${JSON.stringify(value)} is empty`,
      "Put one batch/v1 Job in it.",
    );
  }
  return { from: "file", path: inside, yaml: text };
}

/** Several Jobs in one text: one per YAML document (`---` lines). */
function splitJobs(source: JobSource): JobSource[] {
  return source.yaml
    .split(/^---[ \t]*$/m)
    .filter((document) => document.replace(/#.*$/gm, "").trim() !== "")
    .map((yaml) => ({ ...source, yaml }));
}

const STATE_MACHINE_ARN =
  /^arn:aws(?:-cn|-us-gov)?:states:[a-z0-9-]+:\d{12}:stateMachine:[^\s:]{1,80}$/;

function parseStateMachineArn(input: string, value: string): string {
  if (!STATE_MACHINE_ARN.test(value)) {
    throw new UserInputError(
      input,
      `${JSON.stringify(value)} is not a state machine ARN`,
      "Give it as Step Functions shows it: arn:aws:states:<region>:<account>:stateMachine:<name>.",
    );
  }
  return value;
}

function parseJsonInput(input: string, value: string): unknown {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch (error) {
    throw new UserInputError(
      input,
      `is not JSON (${error instanceof Error ? error.message : String(error)})`,
      'Give the execution input as a JSON object, such as {"threshold": 3}.',
    );
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new UserInputError(
      input,
      "is not a JSON object",
      'Give a JSON object; the action adds the cluster to it as "cluster".',
    );
  }
  return parsed;
}

function oneOf<T extends string>(
  read: InputReader,
  name: string,
  allowed: readonly T[],
  fallback: T,
): T {
  const value = read(name).trim();
  if (value === "") return fallback;
  const match = allowed.find((candidate) => candidate === value);
  if (match === undefined) {
    throw new UserInputError(
      name,
      `"${value}" is not one of ${allowed.join(", ")}`,
      `Set it to one of those, or leave it out for "${fallback}".`,
    );
  }
  return match;
}

function flag(read: InputReader, name: string, fallback = false): boolean {
  const value = read(name).trim().toLowerCase();
  if (value === "") return fallback;
  if (value === "false") return false;
  if (value === "true") return true;
  throw new UserInputError(name, `"${value}" is not a boolean`, 'Use "true" or "false".');
}

function integer(
  name: string,
  value: string,
  bounds: { min: number; max: number; fix: string },
): number {
  const number = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(number) || number < bounds.min || number > bounds.max) {
    throw new UserInputError(
      name,
      `"${value}" is not a whole number from ${bounds.min} to ${bounds.max}`,
      bounds.fix,
    );
  }
  return number;
}

function list(value: string): string[] {
  return value
    .split(/[,\n]/)
    .map((item) => item.trim())
    .filter((item) => item !== "");
}
