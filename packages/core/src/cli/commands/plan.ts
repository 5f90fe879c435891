// `eks-sfn plan`: what a run would create and need, rendered to files with no
// credentials and no network, for review or for other tools to apply. It takes the same
// plan-shaping flags as `eks-sfn run` (run-plan-flags.ts) and parses them into the same
// RunPlan, so the definition, IAM policy and RBAC it writes are the ones run would use.
import { mkdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { UserInputError } from "@eks-sfn/rbac";
import { EXIT } from "../exit-codes.ts";
import { parseFlags, stringFlag } from "../flags.ts";
import type { CliWorld } from "../world.ts";
import { RUN_PLAN_FLAGS, RUN_PLAN_HELP, runPlanInputFromFlags } from "./run-plan-flags.ts";

/** The cluster name a plan for an existing cluster renders when none is given. */
export const PLAN_CLUSTER_NAME = "my-cluster";

export const help = `usage: eks-sfn plan --job FILE | --jobs FILE | --definition FILE --role-arn ARN [flags]

Renders, with no credentials and no network, what \`eks-sfn run\` with the same flags
would use, into --out:
  state-machine.asl.json, job-runner-rbac.yaml (Role, RoleBinding), aws-auth-entry.yaml,
  access-entry-requests.json (the last three as --access-strategy grants; none with
  --create-cluster), state-machine-policy.json (only when the definition needs IAM
  permissions: eks:runJob and eks:call need none), state-machine-trust-policy.json,
  ack-state-machine.yaml, state-machine.mmd (Mermaid)

  --out DIR                  where to write (default: eks-sfn-plan)
  --cluster-name N           the EKS cluster (default: ${PLAN_CLUSTER_NAME}; with --create-cluster
                             the temporary cluster's name)
${RUN_PLAN_HELP}

exit codes: 0 written, 2 bad input`;

const FLAGS = { ...RUN_PLAN_FLAGS, out: { type: "string" } } as const;
export const flagNames: readonly string[] = Object.keys(FLAGS);

export async function run(args: readonly string[], world: CliWorld): Promise<number> {
  const values = parseFlags("plan", args, FLAGS);
  if (stringFlag(values, "role-arn") === undefined) {
    throw new UserInputError(
      "--role-arn",
      "is required",
      "Give the ARN of the state machine's IAM role.",
    );
  }
  const out = stringFlag(values, "out") ?? "eks-sfn-plan";
  checkOutFolder(out);
  const { parseRunPlan } = await import("../../run/run-plan.ts");
  const shaped = runPlanInputFromFlags(values);
  const createCluster = shaped.input.createCluster === true;
  const plan = parseRunPlan(
    {
      ...shaped.input,
      // A plan is for an existing EKS cluster unless it creates one; it reaches neither.
      clusterName: shaped.input.clusterName ?? (createCluster ? undefined : PLAN_CLUSTER_NAME),
    },
    shaped.names,
  );
  // Checked; now the renderers (generated-definition brings the EKS and Kubernetes clients along).
  const [{ plannedDefinition }, { renderPlanFiles }, { renderReportMermaid }] = await Promise.all([
    import("../../run/generated-definition.ts"),
    import("../../run/plan-files.ts"),
    import("../../report/render-mermaid.ts"),
  ]);
  const definition = plannedDefinition(plan);
  if (definition === undefined || plan.role === undefined) {
    throw new Error("plan: a plan with a role and no state machine ARN has a definition");
  }
  const planned = renderPlanFiles({
    definition,
    role: plan.role,
    namespace: plan.namespace,
    clusterName:
      plan.cluster.kind === "create"
        ? plan.cluster.temporary.name
        : (shaped.input.clusterName ?? PLAN_CLUSTER_NAME),
    stateMachineName: plan.stateMachineName,
    username: plan.username,
    mermaid: renderReportMermaid({ definition }),
    accessStrategy: plan.accessStrategy,
    temporaryCluster: plan.cluster.kind === "create",
  });
  try {
    mkdirSync(out, { recursive: true });
  } catch (error) {
    throw new UserInputError(
      "--out",
      `cannot create the folder "${out}" (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
      "Give --out a folder you may write to; it is created if missing.",
    );
  }
  for (const [name, text] of Object.entries(planned.files)) world.writeText(join(out, name), text);
  world.out(`Wrote ${Object.keys(planned.files).length} files to ${out}/:`);
  for (const line of planned.summary) world.out(`  ${line}`);
  return EXIT.succeeded;
}

/**
 * --out names a folder (existing or not), never a file: refused before anything is
 * rendered or written, so `--out README.md` leaves README.md alone.
 * @throws UserInputError naming --out when it is an existing file.
 */
function checkOutFolder(out: string): void {
  const found = statSync(out, { throwIfNoEntry: false });
  if (found !== undefined && !found.isDirectory()) {
    throw new UserInputError(
      "--out",
      `"${out}" is a file, not a folder`,
      "Give --out a folder (it is created if missing), or move the file away.",
    );
  }
}
