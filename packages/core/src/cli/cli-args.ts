// The `eks-sfn` command line, parsed once into a typed command. Pure: argv in, a
// command out; an unknown or missing flag is a UserInputError naming it.
import { parseArgs } from "node:util";
import {
  parseAccessEntryUsername,
  parseClusterName,
  parseNamespace,
  parseRoleArn,
  UserInputError,
} from "@eks-sfn/rbac";
import { ACCESS_STRATEGIES } from "../access/access-plan.ts";
import { flagParseError } from "./flags.ts";

export const RBAC_FLAGS = [
  "cluster-name",
  "region",
  "kubeconfig",
  "role-arn",
  "namespace",
  "access-strategy",
  "username",
  "receipt",
  "dry-run",
] as const;

export const USAGE = `usage: eks-sfn rbac <render|preflight|grant|revoke> [flags]

  render     print the job runner Role and RoleBinding and the aws-auth entry (no cluster needed)
  preflight  explain what the state machine's role lacks on the cluster, and the fix
  grant      grant the role what eks:runJob.sync and eks:call need; writes a receipt
  revoke     remove exactly what a grant's receipt says it added

cluster (preflight, grant, revoke): --cluster-name NAME [--region R] (EKS, current AWS
credentials), or --kubeconfig PATH [--cluster-name NAME] (a cluster you reach directly)
  --role-arn ARN            the state machine's IAM role
  --namespace NS            where the Jobs run (default: default)
  --access-strategy S       auto | access-entry | aws-auth | none (default: auto)
  --username U              Kubernetes user for the role (default: eks-sfn-<role name>-<8 hex>)
  --receipt FILE            grant writes it, revoke reads it (default: eks-sfn-receipt.json)
  --dry-run                 grant: report what would change, change nothing`;

export type RbacAction = "render" | "preflight" | "grant" | "revoke";

export interface ClusterFlags {
  readonly clusterName?: string | undefined;
  readonly region?: string | undefined;
  readonly kubeconfig?: string | undefined;
}

export interface RbacCommand {
  readonly action: RbacAction;
  readonly cluster: ClusterFlags;
  readonly roleArn?: string | undefined;
  readonly namespace: string;
  readonly accessStrategy: string;
  readonly username?: string | undefined;
  readonly receipt: string;
  readonly dryRun: boolean;
}

const ACTIONS: readonly RbacAction[] = ["render", "preflight", "grant", "revoke"];

export function parseCliArgs(argv: readonly string[]): RbacCommand {
  const [group, action, ...rest] = argv;
  if (group !== "rbac" || !ACTIONS.includes(action as RbacAction)) {
    throw new UserInputError(
      "command",
      `"${[group, action].filter(Boolean).join(" ")}" is not a command`,
      `Use one of: ${ACTIONS.map((a) => `eks-sfn rbac ${a}`).join(", ")}.`,
    );
  }
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...rest],
      strict: true,
      allowPositionals: false,
      options: {
        "cluster-name": { type: "string" },
        region: { type: "string" },
        kubeconfig: { type: "string" },
        "role-arn": { type: "string" },
        namespace: { type: "string" },
        "access-strategy": { type: "string" },
        username: { type: "string" },
        receipt: { type: "string" },
        "dry-run": { type: "boolean" },
      },
    }));
  } catch (error) {
    throw flagParseError(error, "eks-sfn --help");
  }
  const text = (name: string): string | undefined => {
    const value = values[name];
    return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
  };
  const rbacAction = action as RbacAction;
  const cluster: ClusterFlags = {
    clusterName: text("cluster-name"),
    region: text("region"),
    kubeconfig: text("kubeconfig"),
  };
  if (rbacAction !== "render" && !cluster.clusterName && !cluster.kubeconfig) {
    throw new UserInputError(
      "--cluster-name",
      "is required to reach a cluster",
      "Give --cluster-name (an EKS cluster) or --kubeconfig (a cluster you reach directly).",
    );
  }
  const roleArn = text("role-arn");
  if (rbacAction !== "revoke" && !roleArn) {
    throw new UserInputError(
      "--role-arn",
      "is required",
      "Give the ARN of the state machine's IAM role.",
    );
  }
  // Every flag is checked here, before anything reaches AWS or a cluster.
  if (roleArn !== undefined) parseRoleArn("--role-arn", roleArn);
  if (cluster.clusterName !== undefined) parseClusterName("--cluster-name", cluster.clusterName);
  if (cluster.region !== undefined && !/^[a-z]{2}(-[a-z]+)+-\d+$/.test(cluster.region)) {
    throw new UserInputError(
      "--region",
      `${JSON.stringify(cluster.region)} is not an AWS region`,
      'Give a region such as "us-east-1".',
    );
  }
  const namespace = parseNamespace("--namespace", text("namespace") ?? "default");
  const accessStrategy = text("access-strategy") ?? "auto";
  if (!(ACCESS_STRATEGIES as readonly string[]).includes(accessStrategy)) {
    throw new UserInputError(
      "--access-strategy",
      `${JSON.stringify(accessStrategy)} is not one of ${ACCESS_STRATEGIES.join(", ")}`,
      'Use "auto" unless you know the cluster needs another.',
    );
  }
  const username = text("username");
  if (username !== undefined) parseAccessEntryUsername("--username", username);
  return {
    action: rbacAction,
    cluster,
    roleArn,
    namespace,
    accessStrategy,
    username,
    receipt: text("receipt") ?? "eks-sfn-receipt.json",
    dryRun: values["dry-run"] === true,
  };
}
