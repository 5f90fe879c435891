// The action's inputs, read once and turned into a typed plan. Everything after
// this file trusts the plan; a bad input stops here with one line naming it.
import { parseClusterName, parseNamespace, parseRoleArn, UserInputError } from "@eks-sfn/core";

/** Reads one input by its action.yml name; "" when it was not given. */
export type InputReader = (name: string) => string;

export const ACCESS_STRATEGIES = ["auto", "access-entry", "aws-auth", "none"] as const;
export type AccessStrategyInput = (typeof ACCESS_STRATEGIES)[number];

export interface ActionInputs {
  readonly clusterName: string;
  readonly namespace: string;
  readonly roleArn: string;
  readonly accessStrategy: AccessStrategyInput;
  readonly dryRun: boolean;
}

function required(read: InputReader, name: string, fix: string): string {
  const value = read(name).trim();
  if (value === "") throw new UserInputError(name, "is required but was not given", fix);
  return value;
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

function flag(read: InputReader, name: string): boolean {
  const value = read(name).trim().toLowerCase();
  if (value === "" || value === "false") return false;
  if (value === "true") return true;
  throw new UserInputError(name, `"${value}" is not a boolean`, 'Use "true" or "false".');
}

export function readActionInputs(read: InputReader): ActionInputs {
  return {
    clusterName: parseClusterName(
      "cluster-name",
      required(read, "cluster-name", "Set `cluster-name` to the EKS cluster to run on."),
    ),
    roleArn: parseRoleArn(
      "role-arn",
      required(
        read,
        "role-arn",
        "Set `role-arn` to the IAM role the state machine runs as (arn:aws:iam::<account>:role/<name>).",
      ),
    ).arn,
    namespace: parseNamespace("namespace", read("namespace").trim() || "default"),
    accessStrategy: oneOf(read, "access-strategy", ACCESS_STRATEGIES, "auto"),
    dryRun: flag(read, "dry-run"),
  };
}
