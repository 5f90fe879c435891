import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  getInput,
  info,
  setFailed
} from "./chunks/chunk-VBCVGYJQ.js";

// packages/rbac/src/user-input-error.ts
var UserInputError = class extends Error {
  name = "UserInputError";
  /** The input at fault, as the user wrote it: an action input, a CLI flag or a field. */
  input;
  constructor(input, problem, fix) {
    super(`${input}: ${problem}. ${fix}`);
    this.input = input;
  }
};

// packages/action/src/inputs.ts
var ACCESS_STRATEGIES = ["auto", "access-entry", "aws-auth", "none"];
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
    clusterName: required(read, "cluster-name", "Set `cluster-name` to the EKS cluster to run on."),
    roleArn: required(
      read,
      "role-arn",
      "Set `role-arn` to the IAM role the state machine runs as (arn:aws:iam::<account>:role/<name>)."
    ),
    namespace: read("namespace").trim() || "default",
    accessStrategy: oneOf(read, "access-strategy", ACCESS_STRATEGIES, "auto"),
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
