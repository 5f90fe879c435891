// `eks-sfn plan`: what a run would create and need, rendered to files with no
// credentials and no network, for review or for other tools to apply.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import {
  parseClusterName,
  parseNamespace,
  parseRoleArn,
  parseStateMachineDefinition,
  type StateMachineDefinition,
  UserInputError,
} from "@eks-sfn/rbac";
import { parsePolling } from "../../run/run-plan.ts";
import { EXIT } from "../exit-codes.ts";
import { parseFlags, readFlagFile, stringFlag } from "../flags.ts";
import type { CliWorld } from "../world.ts";

export const help = `usage: eks-sfn plan --job FILE | --definition FILE --role-arn ARN [flags]

Renders, with no credentials and no network, what a run would use, into --out:
  state-machine.asl.json, job-runner-rbac.yaml (Role, RoleBinding), aws-auth-entry.yaml,
  access-entry-requests.json, state-machine-policy.json, state-machine-trust-policy.json,
  ack-state-machine.yaml, state-machine.mmd (Mermaid)

  --job FILE                 a batch/v1 Job manifest (the definition is generated)
  --definition FILE          or your own state machine definition (ASL JSON)
  --role-arn ARN             the state machine's IAM role
  --namespace NS             where the Job runs (default: default)
  --cluster-name N           the EKS cluster (default: my-cluster)
  --polling sync|SECONDS     generated definitions: .sync or an eks:call loop (default sync)
  --username U               Kubernetes user for the role (default: eks-sfn-<role name>)
  --state-machine-name N     the ACK resource's state machine name (default: eks-sfn-<namespace>)
  --out DIR                  where to write (default: eks-sfn-plan)

exit codes: 0 written, 2 bad input`;

const FLAGS = {
  job: { type: "string" },
  definition: { type: "string" },
  "role-arn": { type: "string" },
  namespace: { type: "string" },
  "cluster-name": { type: "string" },
  polling: { type: "string" },
  username: { type: "string" },
  "state-machine-name": { type: "string" },
  out: { type: "string" },
} as const;
export const flagNames: readonly string[] = Object.keys(FLAGS);

export async function run(args: readonly string[], world: CliWorld): Promise<number> {
  const values = parseFlags("plan", args, FLAGS);
  const s = (name: string) => stringFlag(values, name);
  const roleText = s("role-arn");
  if (roleText === undefined) {
    throw new UserInputError(
      "--role-arn",
      "is required",
      "Give the ARN of the state machine's IAM role.",
    );
  }
  const role = parseRoleArn("--role-arn", roleText);
  const namespace = parseNamespace("--namespace", s("namespace") ?? "default");
  const clusterName = parseClusterName("--cluster-name", s("cluster-name") ?? "my-cluster");
  const jobPath = s("job");
  const definitionPath = s("definition");
  if ((jobPath === undefined) === (definitionPath === undefined)) {
    throw new UserInputError(
      jobPath === undefined ? "--job" : "--definition",
      jobPath === undefined ? "or --definition is required" : "cannot be used together with --job",
      "Give --job FILE (a Job manifest) or --definition FILE (your own state machine).",
    );
  }
  const polling = parsePolling("--polling", s("polling") ?? "sync");
  let definition: StateMachineDefinition;
  if (jobPath !== undefined) {
    const [
      { parseJobManifest },
      { defaultLogPlan },
      { renderRunJobDefinition },
      { renderPollingRunJobDefinition },
    ] = await Promise.all([
      import("../../kube/job-manifest.ts"),
      import("../../workflow/definition/job-run-plan.ts"),
      import("../../workflow/definition/run-job.ts"),
      import("../../workflow/definition/run-job-polling.ts"),
    ]);
    const job = parseJobManifest(`--job ${jobPath}`, readFlagFile("--job", jobPath));
    const jobPlan = { job, namespace, deleteJob: "always" as const, logs: defaultLogPlan(job) };
    definition =
      polling.kind === "sync"
        ? renderRunJobDefinition(jobPlan)
        : renderPollingRunJobDefinition({
            ...jobPlan,
            pollSeconds: polling.seconds,
            timeoutSeconds: 3600,
          });
  } else {
    const path = definitionPath ?? "";
    definition = parseStateMachineDefinition(
      `--definition ${path}`,
      readFlagFile("--definition", path),
    );
  }
  const out = s("out") ?? "eks-sfn-plan";
  const [{ renderPlanFiles }, { renderReportMermaid }] = await Promise.all([
    import("../../run/plan-files.ts"),
    import("../../report/render-mermaid.ts"),
  ]);
  const planned = renderPlanFiles({
    definition,
    role,
    namespace,
    clusterName,
    stateMachineName: s("state-machine-name") ?? `eks-sfn-${namespace}`,
    username: s("username"),
    mermaid: renderReportMermaid({ definition }),
  });
  mkdirSync(out, { recursive: true });
  for (const [name, text] of Object.entries(planned.files)) world.writeText(join(out, name), text);
  world.out(`Wrote ${Object.keys(planned.files).length} files to ${out}/:`);
  for (const line of planned.summary) world.out(`  ${line}`);
  return EXIT.succeeded;
}
