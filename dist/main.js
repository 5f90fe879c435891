import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  getInput,
  info,
  setFailed
} from "./chunks/chunk-3MAM7UO6.js";
import {
  external_exports
} from "./chunks/chunk-24I6RCHW.js";
import "./chunks/chunk-LOS43TKN.js";
import "./chunks/chunk-L5RGL6WF.js";
import "./chunks/chunk-VETK55YL.js";
import "./chunks/chunk-IBVQKSO5.js";
import "./chunks/chunk-J7DIGPFP.js";
import {
  UserInputError,
  parseClusterName,
  parseNamespace,
  parseRoleArn,
  require_dist
} from "./chunks/chunk-VL6DFSIU.js";
import {
  __toESM
} from "./chunks/chunk-HANBNIMK.js";

// packages/core/src/cluster/discover.ts
var DEFAULT_CLUSTER_WAIT_MS = 20 * 60 * 1e3;

// packages/core/src/kube/job-manifest.ts
var import_yaml = __toESM(require_dist(), 1);
var MAX_JOB_NAME_LENGTH = 63;
var MAX_GENERATE_NAME_LENGTH = MAX_JOB_NAME_LENGTH - 5;

// packages/core/src/run/ledger.ts
var ledgerSchema = external_exports.object({
  version: external_exports.literal(1),
  runId: external_exports.string().min(1),
  region: external_exports.string().optional(),
  clusterName: external_exports.string().optional(),
  grant: external_exports.looseObject({ version: external_exports.literal(1), entries: external_exports.array(external_exports.unknown()) }).optional(),
  stateMachine: external_exports.object({ arn: external_exports.string(), created: external_exports.boolean() }).optional(),
  execution: external_exports.object({ id: external_exports.string(), engine: external_exports.enum(["aws", "local"]) }).optional(),
  jobs: external_exports.array(external_exports.object({ namespace: external_exports.string(), name: external_exports.string(), uid: external_exports.string().optional() })),
  temporaryCluster: external_exports.object({ name: external_exports.string(), region: external_exports.string(), nodegroup: external_exports.string().optional() }).optional()
});

// packages/core/src/run/run-plan.ts
var DEFAULT_TIMEOUT_MS = 60 * 60 * 1e3;
var MAX_TIMEOUT_MS = 7 * 24 * 60 * 60 * 1e3;
var sourceText = external_exports.object({ text: external_exports.string(), source: external_exports.string() });
var text = external_exports.string("is not text").optional();
var runPlanInputSchema = external_exports.object({
  clusterName: text,
  clusterTags: text,
  clusterEndpoint: text,
  clusterCertificateAuthorityData: text,
  kubeconfig: text,
  context: text,
  region: text,
  jobs: external_exports.array(sourceText).optional(),
  namespace: text,
  roleArn: text,
  accessStrategy: text,
  username: text,
  engine: text,
  stateMachineArn: text,
  definition: sourceText.optional(),
  input: sourceText.optional(),
  polling: text,
  retrieveLogs: external_exports.union([external_exports.string(), external_exports.boolean()], "is not true or false").optional(),
  logTailLines: text,
  deletePolicy: text,
  timeout: text,
  stuckGrace: text,
  tags: text,
  runId: text
});

// packages/core/src/run/plan-files.ts
var import_yaml2 = __toESM(require_dist(), 1);

// packages/action/src/inputs.ts
var ACCESS_STRATEGIES2 = ["auto", "access-entry", "aws-auth", "none"];
function required(read, name, fix) {
  const value = read(name).trim();
  if (value === "") throw new UserInputError(name, "is required but was not given", fix);
  return value;
}
function oneOf(read, name, allowed, fallback) {
  const value = read(name).trim();
  if (value === "") return fallback;
  const match = allowed.find((candidate) => candidate === value);
  if (match === void 0) {
    throw new UserInputError(
      name,
      `"${value}" is not one of ${allowed.join(", ")}`,
      `Set it to one of those, or leave it out for "${fallback}".`
    );
  }
  return match;
}
function flag(read, name) {
  const value = read(name).trim().toLowerCase();
  if (value === "" || value === "false") return false;
  if (value === "true") return true;
  throw new UserInputError(name, `"${value}" is not a boolean`, 'Use "true" or "false".');
}
function readActionInputs(read) {
  return {
    clusterName: parseClusterName(
      "cluster-name",
      required(read, "cluster-name", "Set `cluster-name` to the EKS cluster to run on.")
    ),
    roleArn: parseRoleArn(
      "role-arn",
      required(
        read,
        "role-arn",
        "Set `role-arn` to the IAM role the state machine runs as (arn:aws:iam::<account>:role/<name>)."
      )
    ).arn,
    namespace: parseNamespace("namespace", read("namespace").trim() || "default"),
    accessStrategy: oneOf(read, "access-strategy", ACCESS_STRATEGIES2, "auto"),
    dryRun: flag(read, "dry-run")
  };
}

// packages/action/src/main.ts
async function runMain(read = getInput) {
  try {
    const inputs = readActionInputs((name) => read(name));
    info(
      `eks-sfn-action: cluster ${inputs.clusterName}, namespace ${inputs.namespace}, access ${inputs.accessStrategy}.`
    );
    setFailed(
      "eks-sfn-action: running a Job is not released yet; this build only checks its inputs. Pin a released version (org/eks-sfn-action@v1) to run Jobs."
    );
    return { ok: false, inputs };
  } catch (error) {
    if (error instanceof UserInputError) {
      setFailed(error.message);
      return { ok: false };
    }
    throw error;
  }
}

// packages/action/src/bin/main.ts
await runMain();
