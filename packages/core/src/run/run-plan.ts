// What one run will do, as plain data, parsed once at the edge from what a front end
// was given (CLI flags, action inputs, a library caller's strings). Every error names
// the input the way that front end calls it, on one line, before anything is called.
import {
  parseNamespace,
  parseRoleArn,
  parseStateMachineDefinition,
  parseStateMachineName,
  type RoleArn,
  type StateMachineDefinition,
  UserInputError,
} from "@eks-sfn/rbac";
import { z } from "zod";
import { ACCESS_STRATEGIES, type AccessStrategy } from "../access/access-plan.ts";
import { type ClusterTarget, parseClusterTarget, parseTags } from "../cluster/cluster-target.ts";
import type { EngineName } from "../engine/engine.ts";
import { type JobManifest, parseJobManifest } from "../kube/job-manifest.ts";
import { checkMatrixSize } from "../workflow/definition/job-matrix.ts";
import { DEFAULT_TAIL_LINES } from "../workflow/definition/job-run-plan.ts";

export const ENGINES = ["aws", "local"] as const satisfies readonly EngineName[];
export const DELETE_POLICIES = ["always", "on-success", "never"] as const;
export type DeletePolicy = (typeof DELETE_POLICIES)[number];

/** Step Functions' own limit for a Standard execution is one year; a run stops far sooner. */
export const DEFAULT_TIMEOUT_MS = 60 * 60 * 1000;
const MAX_TIMEOUT_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * The longest interval between two reads of the Job with `polling: SECONDS`, in seconds,
 * for the CLI and the action alike. Step Functions would take more (a Wait state's
 * `Seconds` goes up to 99,999,999, bounded by a Standard execution's one year,
 * docs.aws.amazon.com/step-functions/latest/dg/amazon-states-language-wait-state.html),
 * so the limit is about what polling is for: noticing the Job's end sooner than `.sync`,
 * which reads it every 60 to 300 s. An hour is already far slower than that, and it is
 * the default timeout: a longer interval would not read the Job once before the run stops.
 */
export const MAX_POLL_SECONDS = 3600;

/**
 * The state machine a run creates or updates on AWS (the aws engine) when none is named:
 * the CLI's `--state-machine-name`, the action's `state-machine-name`, and the ACK
 * resource `eks-sfn plan` writes all default to it.
 */
export const DEFAULT_STATE_MACHINE_NAME = "eks-sfn-run-job";

/** The most Jobs of a matrix in flight at once (the Map's MaxConcurrency; 0 is no limit). */
export const MAX_MAP_CONCURRENCY = 1000;
/** The most lines of each container's log a run reads (`log-tail-lines`). */
export const MAX_LOG_TAIL_LINES = 100_000;

/**
 * Lines kept from the end of each container's log unless told otherwise: the action's
 * `log-tail-lines` default and the CLI's, one number (the generated definitions'
 * `LogParameters.tailLines`).
 */
export const DEFAULT_LOG_TAIL_LINES: number = DEFAULT_TAIL_LINES;
/**
 * A temporary cluster's TTL bounds, in minutes, for the CLI and the action: EKS takes
 * about ten minutes to create a cluster, and a shorter TTL would let `eks-sfn sweep`
 * delete one still in use; at most a week, as the longest run.
 */
export const MIN_CLUSTER_TTL_MINUTES = 10;
export const MAX_CLUSTER_TTL_MINUTES = 10_080;

/** A Job as the user wrote it, with where it came from (a file path, or "text"). */
export interface SourceText {
  readonly text: string;
  readonly source: string;
}

/**
 * What a front end was given, as text: every field optional, nothing checked yet.
 * `parseRunPlan` checks it all and names each field by `RunInputNames`.
 */
export interface RunPlanInput {
  readonly clusterName?: string | undefined;
  readonly clusterTags?: string | undefined;
  readonly clusterEndpoint?: string | undefined;
  readonly clusterCertificateAuthorityData?: string | undefined;
  readonly kubeconfig?: string | undefined;
  readonly context?: string | undefined;
  readonly region?: string | undefined;
  readonly jobs?: readonly SourceText[] | undefined;
  /** Jobs of a matrix in flight at once; 0 (the default) means no limit. */
  readonly maxConcurrency?: string | undefined;
  readonly namespace?: string | undefined;
  readonly roleArn?: string | undefined;
  readonly accessStrategy?: string | undefined;
  readonly username?: string | undefined;
  readonly engine?: string | undefined;
  readonly stateMachineArn?: string | undefined;
  /** The state machine created or updated on AWS (default DEFAULT_STATE_MACHINE_NAME). */
  readonly stateMachineName?: string | undefined;
  /** Start each run on a version of its own definition (default true; aws engine). */
  readonly stateMachineVersions?: string | boolean | undefined;
  readonly definition?: SourceText | undefined;
  readonly input?: SourceText | undefined;
  readonly polling?: string | undefined;
  readonly retrieveLogs?: string | boolean | undefined;
  readonly logTailLines?: string | undefined;
  readonly deletePolicy?: string | undefined;
  readonly timeout?: string | undefined;
  readonly stuckGrace?: string | undefined;
  readonly tags?: string | undefined;
  readonly runId?: string | undefined;
  /** A temporary cluster made for this run (and deleted after it) instead of an existing one. */
  readonly createCluster?: string | boolean | undefined;
  readonly clusterRoleArn?: string | undefined;
  readonly nodeRoleArn?: string | undefined;
  /** Subnet ids separated by commas, spaces or new lines. */
  readonly subnetIds?: string | undefined;
  readonly kubernetesVersion?: string | undefined;
  /** Instance types separated by commas (default t3.medium). */
  readonly nodeInstanceTypes?: string | undefined;
  readonly nodeCount?: string | undefined;
  /** After how many minutes `eks-sfn sweep` may delete a cluster left behind (default 120). */
  readonly clusterTtlMinutes?: string | undefined;
}

/** What each field is called where the user typed it. */
export type RunInputNames = { readonly [K in keyof RunPlanInput]-?: string };

/** The `eks-sfn run` flags. */
export const CLI_RUN_INPUTS: RunInputNames = {
  clusterName: "--cluster-name",
  clusterTags: "--cluster-tags",
  clusterEndpoint: "--cluster-endpoint",
  clusterCertificateAuthorityData: "--cluster-ca-data",
  kubeconfig: "--kubeconfig",
  context: "--context",
  region: "--region",
  jobs: "--job",
  maxConcurrency: "--max-concurrency",
  namespace: "--namespace",
  roleArn: "--role-arn",
  accessStrategy: "--access-strategy",
  username: "--username",
  engine: "--engine",
  stateMachineArn: "--state-machine-arn",
  stateMachineName: "--state-machine-name",
  stateMachineVersions: "--no-state-machine-versions",
  definition: "--definition",
  input: "--input",
  polling: "--polling",
  retrieveLogs: "--logs",
  logTailLines: "--log-tail-lines",
  deletePolicy: "--delete-job",
  timeout: "--timeout",
  stuckGrace: "--stuck-grace",
  tags: "--tags",
  runId: "--run-id",
  createCluster: "--create-cluster",
  clusterRoleArn: "--cluster-role-arn",
  nodeRoleArn: "--node-role-arn",
  subnetIds: "--subnet-ids",
  kubernetesVersion: "--kubernetes-version",
  nodeInstanceTypes: "--node-instance-types",
  nodeCount: "--node-count",
  clusterTtlMinutes: "--cluster-ttl-minutes",
};

/**
 * A cluster the run's state machine creates (eks:createCluster.sync, then a node group),
 * runs the Job on, and deletes (node group, then cluster). Its creator, the state
 * machine's role, is its admin: no access is granted.
 */
export interface TemporaryClusterSettings {
  /**
   * The cluster name given, else `eks-sfn-<run id>`: unique per run, as a second
   * CreateCluster with one name fails.
   */
  readonly name: string;
  readonly clusterRoleArn: string;
  readonly nodeRoleArn: string;
  readonly subnetIds: readonly string[];
  readonly kubernetesVersion?: string | undefined;
  readonly instanceTypes: readonly string[];
  readonly nodeCount: number;
  /** How long after the start the cluster's `eks-sfn.io/expires-at` tag lies. */
  readonly ttlMs: number;
}

/**
 * How the cluster is reached: an EKS target, a kubeconfig (local clusters, tests), or a
 * temporary cluster the run creates.
 */
export type RunClusterTarget =
  | { readonly kind: "eks"; readonly target: ClusterTarget }
  | { readonly kind: "create"; readonly temporary: TemporaryClusterSettings }
  | {
      readonly kind: "kubeconfig";
      readonly path: string;
      readonly context?: string | undefined;
      readonly clusterName?: string | undefined;
    };

export type StateMachineChoice =
  | { readonly kind: "generated" }
  | { readonly kind: "arn"; readonly arn: string }
  | {
      readonly kind: "definition";
      readonly definition: StateMachineDefinition;
      readonly source: string;
    };

/** `.sync` (Step Functions polls, 60 to 300 s) or an eks:call loop every N seconds. */
export type Polling =
  | { readonly kind: "sync" }
  | { readonly kind: "every"; readonly seconds: number };

export interface RunPlan {
  readonly cluster: RunClusterTarget;
  readonly region?: string | undefined;
  /**
   * The Job to run, or the Jobs of a matrix (a Map state) when there are several (read by
   * kube/job-manifest.ts); empty when a state machine is given.
   */
  readonly jobs: readonly JobManifest[];
  /** Jobs of a matrix in flight at once (the Map's MaxConcurrency); 0 means no limit. */
  readonly maxConcurrency: number;
  readonly namespace: string;
  /** The state machine's role; undefined with a kubeconfig and no role (act as its user). */
  readonly role?: RoleArn | undefined;
  readonly accessStrategy: AccessStrategy;
  readonly username?: string | undefined;
  readonly engine: EngineName;
  readonly stateMachine: StateMachineChoice;
  /**
   * The name a generated or given definition is created or updated under on AWS (the
   * aws engine; unused for a state machine given by ARN and by the local engine).
   */
  readonly stateMachineName: string;
  /**
   * Publish a version of the definition for each run and start on it, deleting it after
   * (engine/aws.ts), so that concurrent runs sharing the state machine each run their own
   * definition. False starts the latest revision: the runs then race.
   */
  readonly stateMachineVersions: boolean;
  /** Execution input (JSON) for a given definition or ARN. */
  readonly input?: unknown;
  readonly polling: Polling;
  readonly logs: { readonly retrieve: boolean; readonly tailLines?: number | undefined };
  readonly deletePolicy: DeletePolicy;
  readonly timeoutMs: number;
  /** How long a pod may stay in ImagePullBackOff and the like before the run stops. */
  readonly stuckGraceMs: number;
  readonly tags: Readonly<Record<string, string>>;
  /** Names and tags what this run creates; a valid label value. */
  readonly runId: string;
}

const RUN_ID = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

/**
 * Checks everything a run was given and returns its plan. Pure: no file is read here
 * (front ends read files and pass their text), no call is made.
 *
 * @throws UserInputError naming the first input (as `names` calls it) that is wrong, and the fix.
 */
export function parseRunPlan(
  input: RunPlanInput,
  names: RunInputNames = CLI_RUN_INPUTS,
  defaults: { readonly runId: string } = { runId: newRunId() },
): RunPlan {
  const shape = runPlanInputSchema.safeParse(input);
  if (!shape.success) {
    const issue = shape.error.issues[0];
    const key = issue?.path[0] as keyof RunPlanInput | undefined;
    throw new UserInputError(
      key ? names[key] : "input",
      issue?.message ?? "is not valid",
      "Give it as text.",
    );
  }
  const given = (value: string | undefined): string | undefined =>
    value === undefined || value.trim() === "" ? undefined : value.trim();

  const engine = oneOf(names.engine, given(input.engine) ?? "aws", ENGINES);
  const kubeconfig = given(input.kubeconfig);
  const clusterName = given(input.clusterName);
  let cluster: RunClusterTarget;
  const runIdGiven = given(input.runId) ?? defaults.runId;
  const temporary = parseTemporaryCluster(input, names, runIdGiven);
  if (temporary !== undefined) {
    cluster = { kind: "create", temporary };
  } else if (kubeconfig !== undefined) {
    for (const key of [
      "clusterTags",
      "clusterEndpoint",
      "clusterCertificateAuthorityData",
    ] as const) {
      if (given(input[key]) !== undefined) {
        throw new UserInputError(
          names[key],
          `cannot be used together with ${names.kubeconfig}`,
          `The kubeconfig names the server and its CA; leave out ${names[key]}.`,
        );
      }
    }
    cluster = {
      kind: "kubeconfig",
      path: kubeconfig,
      context: given(input.context),
      clusterName,
    };
  } else {
    if (given(input.context) !== undefined) {
      throw new UserInputError(
        names.context,
        `needs ${names.kubeconfig}`,
        `Give ${names.kubeconfig} with the file that has that context.`,
      );
    }
    const eksInputs = [
      clusterName,
      input.clusterTags,
      input.clusterEndpoint,
      input.clusterCertificateAuthorityData,
    ];
    if (eksInputs.every((value) => given(value) === undefined)) {
      throw new UserInputError(
        names.clusterName,
        "no cluster was given",
        `Give ${names.clusterName} (an EKS cluster), ${names.clusterTags} (an EKS cluster found by its tags), ${names.createCluster} (a temporary one), or ${names.kubeconfig} (a cluster you reach directly).`,
      );
    }
    cluster = {
      kind: "eks",
      target: parseClusterTarget(
        {
          name: clusterName,
          tags: given(input.clusterTags),
          endpoint: given(input.clusterEndpoint),
          certificateAuthorityData: given(input.clusterCertificateAuthorityData),
        },
        {
          name: names.clusterName,
          tags: names.clusterTags,
          endpoint: names.clusterEndpoint,
          certificateAuthorityData: names.clusterCertificateAuthorityData,
        },
      ),
    };
  }
  const region = given(input.region);
  if (region !== undefined && !/^[a-z]{2}(-[a-z]+)+-\d+$/.test(region)) {
    throw new UserInputError(
      names.region,
      `${JSON.stringify(region)} is not an AWS region`,
      'Give a region such as "us-east-1".',
    );
  }

  const roleText = given(input.roleArn);
  const role = roleText === undefined ? undefined : parseRoleArn(names.roleArn, roleText);
  if (role === undefined && cluster.kind === "create") {
    throw new UserInputError(
      names.roleArn,
      `is required with ${names.createCluster}`,
      "Give the ARN of the state machine's IAM role: it creates the temporary cluster and runs the Job as its admin.",
    );
  }

  const stateMachineArn = given(input.stateMachineArn);
  if (stateMachineArn !== undefined && input.definition !== undefined) {
    throw new UserInputError(
      names.definition,
      `cannot be used together with ${names.stateMachineArn}`,
      `Give ${names.definition} to run your own definition, or ${names.stateMachineArn} to run an existing state machine.`,
    );
  }
  let stateMachine: StateMachineChoice = { kind: "generated" };
  if (stateMachineArn !== undefined) {
    if (
      !/^arn:aws[a-z-]*:states:[a-z0-9-]+:\d{12}:stateMachine:[A-Za-z0-9_-]{1,80}$/.test(
        stateMachineArn,
      )
    ) {
      throw new UserInputError(
        names.stateMachineArn,
        `${JSON.stringify(stateMachineArn)} is not a state machine ARN`,
        'Give it as "arn:aws:states:<region>:<account>:stateMachine:<name>".',
      );
    }
    if (engine === "local") {
      throw new UserInputError(
        names.stateMachineArn,
        "cannot be used with the local engine, which runs a definition in this process",
        `Give ${names.definition} instead, or use ${names.engine} aws.`,
      );
    }
    stateMachine = { kind: "arn", arn: stateMachineArn };
  } else if (input.definition !== undefined) {
    stateMachine = {
      kind: "definition",
      definition: parseStateMachineDefinition(
        `${names.definition} ${input.definition.source}`,
        input.definition.text,
      ),
      source: input.definition.source,
    };
  }

  const jobs = (input.jobs ?? []).map((job) =>
    parseJobManifest(`${names.jobs} ${job.source}`, job.text),
  );
  const seen = new Set<string>();
  for (const job of jobs) {
    const name = job.metadata.name;
    if (name === undefined) continue; // generateName: Kubernetes makes each name unique
    if (seen.has(name)) {
      throw new UserInputError(
        names.jobs,
        `names the Job ${JSON.stringify(name)} twice; the Jobs of a matrix run side by side in one namespace`,
        "Give each Job its own metadata.name (or metadata.generateName).",
      );
    }
    seen.add(name);
  }
  checkMatrixSize(names.jobs, jobs);
  const maxConcurrencyText = given(input.maxConcurrency);
  // The number first: a bad value is named with its range whatever else is given.
  const maxConcurrency =
    maxConcurrencyText === undefined
      ? 0
      : wholeNumber(names.maxConcurrency, maxConcurrencyText, 0, MAX_MAP_CONCURRENCY);
  if (maxConcurrencyText !== undefined && jobs.length < 2) {
    throw new UserInputError(
      names.maxConcurrency,
      "is only used with several Jobs (a matrix)",
      `Give several Jobs with ${names.jobs}, or leave out ${names.maxConcurrency}.`,
    );
  }
  if (jobs.length > 0 && stateMachine.kind !== "generated") {
    throw new UserInputError(
      names.jobs,
      `cannot be used together with ${stateMachine.kind === "arn" ? names.stateMachineArn : names.definition}: that state machine names its own Job`,
      `Give ${names.jobs} for a generated state machine, or put the Job in your definition.`,
    );
  }
  if (stateMachine.kind === "generated" && jobs.length === 0) {
    throw new UserInputError(
      names.jobs,
      "is required unless a state machine is given",
      `Give ${names.jobs} FILE (a batch/v1 Job manifest), or ${names.definition} FILE.`,
    );
  }

  if (cluster.kind === "create") {
    if (stateMachine.kind !== "generated") {
      throw new UserInputError(
        stateMachine.kind === "arn" ? names.stateMachineArn : names.definition,
        `cannot be used together with ${names.createCluster}: the temporary cluster is created by the generated state machine`,
        `Give ${names.jobs} with ${names.createCluster}.`,
      );
    }
    if (jobs.length > 1) {
      throw new UserInputError(
        names.jobs,
        `holds ${jobs.length} Jobs; a temporary cluster runs one Job`,
        `Give one Job with ${names.createCluster}, or run the matrix on an existing cluster.`,
      );
    }
  }

  let executionInput: unknown;
  if (input.input !== undefined) {
    if (stateMachine.kind === "generated") {
      throw new UserInputError(
        names.input,
        `needs ${names.definition} or ${names.stateMachineArn}`,
        `The generated state machine builds its own input from ${names.jobs}; leave out ${names.input}.`,
      );
    }
    try {
      executionInput = JSON.parse(input.input.text);
    } catch (error) {
      throw new UserInputError(
        names.input,
        `${input.input.source} is not JSON (${(error as Error).message})`,
        "Give the execution input as a JSON file.",
      );
    }
  }

  const namespace = parseNamespace(names.namespace, given(input.namespace) ?? "default");
  const accessStrategy = oneOf(
    names.accessStrategy,
    given(input.accessStrategy) ?? "auto",
    ACCESS_STRATEGIES,
  );
  if (role === undefined) {
    const need = roleNeed({ engine, stateMachine, accessStrategy, cluster }, names);
    if (need !== undefined) {
      throw new UserInputError(
        names.roleArn,
        `is required: ${need.why}`,
        `Give the ARN of the state machine's IAM role (arn:aws:iam::<account>:role/<name>), or ${need.otherwise}.`,
      );
    }
  }
  const logTail = given(input.logTailLines);
  const stateMachineName = parseStateMachineName(
    names.stateMachineName,
    given(input.stateMachineName) ?? DEFAULT_STATE_MACHINE_NAME,
  );
  const runId = runIdGiven;
  if (!RUN_ID.test(runId)) {
    throw new UserInputError(
      names.runId,
      `${JSON.stringify(runId)} is not a valid run id (lowercase letters, digits and '-', at most 63 characters)`,
      'Use an id like "nightly-42".',
    );
  }
  return {
    cluster,
    region,
    jobs,
    maxConcurrency,
    namespace,
    role,
    accessStrategy,
    username: given(input.username),
    engine,
    stateMachine,
    stateMachineName,
    stateMachineVersions: parseBoolean(
      names.stateMachineVersions,
      input.stateMachineVersions ?? true,
    ),
    ...(executionInput !== undefined ? { input: executionInput } : {}),
    polling: parsePolling(names.polling, given(input.polling) ?? "sync"),
    logs: {
      retrieve: parseBoolean(names.retrieveLogs, input.retrieveLogs ?? true),
      tailLines:
        logTail === undefined
          ? undefined
          : wholeNumber(names.logTailLines, logTail, 1, MAX_LOG_TAIL_LINES),
    },
    deletePolicy: oneOf(names.deletePolicy, given(input.deletePolicy) ?? "always", DELETE_POLICIES),
    timeoutMs: parseDurationMs(names.timeout, given(input.timeout)) ?? DEFAULT_TIMEOUT_MS,
    stuckGraceMs: parseDurationMs(names.stuckGrace, given(input.stuckGrace)) ?? 120_000,
    tags: parseTags(names.tags, given(input.tags) ?? "") ?? {},
    runId,
  };
}

const sourceText = z.object({ text: z.string(), source: z.string() });
const text = z.string("is not text").optional();
const runPlanInputSchema = z.object({
  clusterName: text,
  clusterTags: text,
  clusterEndpoint: text,
  clusterCertificateAuthorityData: text,
  kubeconfig: text,
  context: text,
  region: text,
  jobs: z.array(sourceText).optional(),
  maxConcurrency: text,
  namespace: text,
  roleArn: text,
  accessStrategy: text,
  username: text,
  engine: text,
  stateMachineArn: text,
  stateMachineName: text,
  stateMachineVersions: z.union([z.string(), z.boolean()], "is not true or false").optional(),
  definition: sourceText.optional(),
  input: sourceText.optional(),
  polling: text,
  retrieveLogs: z.union([z.string(), z.boolean()], "is not true or false").optional(),
  logTailLines: text,
  deletePolicy: text,
  timeout: text,
  stuckGrace: text,
  tags: text,
  runId: text,
  createCluster: z.union([z.string(), z.boolean()], "is not true or false").optional(),
  clusterRoleArn: text,
  nodeRoleArn: text,
  subnetIds: text,
  kubernetesVersion: text,
  nodeInstanceTypes: text,
  nodeCount: text,
  clusterTtlMinutes: text,
});

const TEMPORARY_SETTINGS = [
  "clusterRoleArn",
  "nodeRoleArn",
  "subnetIds",
  "kubernetesVersion",
  "nodeInstanceTypes",
  "nodeCount",
  "clusterTtlMinutes",
] as const;
const EXISTING_CLUSTER = [
  "clusterTags",
  "clusterEndpoint",
  "clusterCertificateAuthorityData",
  "kubeconfig",
  "context",
] as const;
const SUBNET_ID = /^subnet-[0-9a-f]{8,17}$/;
const INSTANCE_TYPE = /^[a-z][a-z0-9-]*\.[a-z0-9]+$/;

/** The temporary cluster's settings, or undefined without `createCluster`. */
function parseTemporaryCluster(
  input: RunPlanInput,
  names: RunInputNames,
  runId: string,
): TemporaryClusterSettings | undefined {
  const given = (value: string | undefined): string | undefined =>
    value === undefined || value.trim() === "" ? undefined : value.trim();
  const create = parseBoolean(names.createCluster, input.createCluster ?? false);
  if (!create) {
    for (const key of TEMPORARY_SETTINGS) {
      if (given(input[key]) !== undefined) {
        throw new UserInputError(
          names[key],
          `is only used with ${names.createCluster}`,
          `Give ${names.createCluster} to have the state machine create a temporary cluster, or leave out ${names[key]}.`,
        );
      }
    }
    return undefined;
  }
  for (const key of EXISTING_CLUSTER) {
    if (given(input[key]) !== undefined) {
      throw new UserInputError(
        names[key],
        `cannot be used together with ${names.createCluster}`,
        `Leave out ${names[key]} to run on a temporary cluster, or leave out ${names.createCluster} to run on that cluster.`,
      );
    }
  }
  const required = (key: "clusterRoleArn" | "nodeRoleArn" | "subnetIds", what: string) => {
    const value = given(input[key]);
    if (value === undefined) {
      throw new UserInputError(
        names[key],
        `is required with ${names.createCluster}`,
        `Give ${what}.`,
      );
    }
    return value;
  };
  const clusterRoleArn = parseRoleArn(
    names.clusterRoleArn,
    required("clusterRoleArn", "the ARN of the IAM role the EKS cluster runs as"),
  ).arn;
  const nodeRoleArn = parseRoleArn(
    names.nodeRoleArn,
    required("nodeRoleArn", "the ARN of the IAM role of the node group's nodes"),
  ).arn;
  const subnetIds = required(
    "subnetIds",
    "at least two subnet ids in two Availability Zones, separated by commas",
  )
    .split(/[\s,]+/)
    .filter((id) => id !== "");
  for (const id of subnetIds) {
    if (!SUBNET_ID.test(id)) {
      throw new UserInputError(
        names.subnetIds,
        `${JSON.stringify(id)} is not a subnet id`,
        'Give subnet ids such as "subnet-0123456789abcdef0", separated by commas.',
      );
    }
  }
  if (subnetIds.length < 2) {
    throw new UserInputError(
      names.subnetIds,
      `names ${subnetIds.length} subnet; EKS needs at least two, in two Availability Zones`,
      "Give at least two subnet ids, separated by commas.",
    );
  }
  const version = given(input.kubernetesVersion);
  if (version !== undefined && !/^1\.\d{1,2}$/.test(version)) {
    throw new UserInputError(
      names.kubernetesVersion,
      `${JSON.stringify(version)} is not a Kubernetes version`,
      'Give a minor version EKS offers, such as "1.33", or leave it out for EKS\'s default.',
    );
  }
  const instanceTypes = (given(input.nodeInstanceTypes) ?? "t3.medium")
    .split(/[\s,]+/)
    .filter((type) => type !== "");
  for (const type of instanceTypes) {
    if (!INSTANCE_TYPE.test(type)) {
      throw new UserInputError(
        names.nodeInstanceTypes,
        `${JSON.stringify(type)} is not an EC2 instance type`,
        'Give instance types such as "t3.medium,t3.large".',
      );
    }
  }
  const nodeCountText = given(input.nodeCount);
  const nodeCount =
    nodeCountText === undefined ? 1 : wholeNumber(names.nodeCount, nodeCountText, 1, 100);
  const name = given(input.clusterName) ?? `eks-sfn-${runId}`;
  if (!/^[0-9A-Za-z][A-Za-z0-9_-]{0,99}$/.test(name)) {
    throw new UserInputError(
      names.clusterName,
      `${JSON.stringify(name)} is not a valid EKS cluster name (letters, digits, '-' and '_', starting with a letter or digit, at most 100 characters)`,
      "Give a name such as ci-1234, or leave it out for eks-sfn-<run id>.",
    );
  }
  const ttlText = given(input.clusterTtlMinutes);
  const ttlMinutes =
    ttlText === undefined
      ? 120
      : wholeNumber(
          names.clusterTtlMinutes,
          ttlText,
          MIN_CLUSTER_TTL_MINUTES,
          MAX_CLUSTER_TTL_MINUTES,
        );
  return {
    name,
    clusterRoleArn,
    nodeRoleArn,
    subnetIds,
    kubernetesVersion: version,
    instanceTypes,
    nodeCount,
    ttlMs: ttlMinutes * 60_000,
  };
}

function oneOf<const T extends string>(input: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) {
    throw new UserInputError(
      input,
      `${JSON.stringify(value)} is not one of ${allowed.join(", ")}`,
      `Use one of: ${allowed.join(", ")}.`,
    );
  }
  return value as T;
}

/**
 * `sync` (the `.sync` integration) or whole seconds from 1 to MAX_POLL_SECONDS between
 * eks:call reads of the Job.
 * @throws UserInputError naming `input` and the range for anything else.
 */
export function parsePolling(input: string, value: string): Polling {
  if (value === "sync") return { kind: "sync" };
  if (!/^\d+$/.test(value) || Number(value) <= 0 || Number(value) > MAX_POLL_SECONDS) {
    throw new UserInputError(
      input,
      `${JSON.stringify(value)} is neither "sync" nor a number of seconds from 1 to ${MAX_POLL_SECONDS}`,
      `Use "sync" (Step Functions polls the Job every 60 to 300 s) or the seconds between reads, such as 10.`,
    );
  }
  return { kind: "every", seconds: Number(value) };
}

/** `90`, `90s`, `15m`, `2h` -> milliseconds; undefined when not given. */
export function parseDurationMs(input: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const match = /^(\d+)(s|m|h)?$/.exec(value);
  const unit = { s: 1000, m: 60_000, h: 3_600_000 }[match?.[2] ?? "s"] ?? 1000;
  const ms = match ? Number(match[1]) * unit : Number.NaN;
  if (!(ms > 0) || ms > MAX_TIMEOUT_MS) {
    throw new UserInputError(
      input,
      `${JSON.stringify(value)} is not a duration from 1s to 168h`,
      'Give seconds, or a number with s, m or h, such as "90", "15m" or "2h".',
    );
  }
  return ms;
}

/**
 * A whole number from `min` to `max` given as digits.
 * @throws UserInputError naming `input` and the range for anything else (`-3`, `2.5`, `ten`).
 */
export function wholeNumber(input: string, value: string, min: number, max: number): number {
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
    throw new UserInputError(
      input,
      `${JSON.stringify(value)} is not a whole number from ${min} to ${max}`,
      `Give a whole number from ${min} to ${max}.`,
    );
  }
  return Number(value);
}

/**
 * Several Jobs in one text (a `--jobs` file, the action's `jobs`): one per YAML document
 * (`---` lines); empty documents (only comments) are left out. Pure.
 */
export function splitJobDocuments(source: SourceText): SourceText[] {
  const documents = source.text
    .split(/^---[ \t]*$/m)
    .filter((document) => document.replace(/#.*$/gm, "").trim() !== "");
  return documents.map((text, index) => ({
    text,
    source: documents.length > 1 ? `${source.source} (document ${index + 1})` : source.source,
  }));
}

function parseBoolean(input: string, value: string | boolean): boolean {
  if (typeof value === "boolean") return value;
  const lower = value.trim().toLowerCase();
  if (lower === "true" || lower === "") return true;
  if (lower === "false") return false;
  throw new UserInputError(
    input,
    `${JSON.stringify(value)} is not true or false`,
    "Give true or false.",
  );
}

/** A fresh run id: `run-` + time + random, a valid label value. */
export function newRunId(now: Date = new Date()): string {
  const stamp = now.toISOString().replace(/[-:T]/g, "").slice(0, 14);
  return `run-${stamp}-${Math.random().toString(36).slice(2, 8)}`;
}

/**
 * Why a run needs the state machine's role, or undefined when nothing does: the aws
 * engine creates a state machine (CreateStateMachine needs a roleArn) unless one is
 * given by ARN; on an EKS cluster, every access strategy but `none` grants that role
 * access. A bring-your-own state machine with `none`, or the local engine with
 * `none`, runs without it (the local engine then acts as the caller).
 */
function roleNeed(
  plan: {
    engine: EngineName;
    stateMachine: StateMachineChoice;
    accessStrategy: AccessStrategy;
    cluster: { kind: string };
  },
  names: RunInputNames,
): { why: string; otherwise: string } | undefined {
  if (plan.engine === "aws" && plan.stateMachine.kind !== "arn") {
    return {
      why: "the aws engine creates a state machine, and a state machine runs as an IAM role",
      otherwise: `${names.stateMachineArn} to run an existing state machine`,
    };
  }
  if (plan.cluster.kind === "eks" && plan.accessStrategy !== "none") {
    return {
      why: `${names.accessStrategy} ${plan.accessStrategy} grants that role access to the cluster`,
      otherwise: `${names.accessStrategy} none when the state machine's role already has access`,
    };
  }
  return undefined;
}
