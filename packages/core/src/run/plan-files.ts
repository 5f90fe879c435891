// What `eks-sfn plan` writes: every artefact a run would use, rendered from the plan
// with no credentials and no network, so it can be reviewed, committed, or applied by
// other tools (kubectl, Terraform, ACK). Pure: data in, file texts out.
import {
  findIntegrations,
  type RoleArn,
  renderAccessEntryRequests,
  renderAckStateMachine,
  renderJobRunnerRole,
  renderManifests,
  renderStateMachinePolicy,
  renderStateMachineTrustPolicy,
  type StateMachineDefinition,
} from "@eks-sfn/rbac";
import { stringify } from "yaml";
import { type AccessStrategy, planAccess } from "../access/access-plan.ts";

/** Said instead of writing a policy when the definition needs no IAM action. */
export const NO_IAM_PERMISSIONS =
  "the role needs no IAM permissions for this definition (eks:runJob and eks:call are signed as the role; its Kubernetes access comes from aws-auth or an access entry), so no state-machine-policy.json: IAM rejects a policy with no statement";

export interface PlanFiles {
  /** File name -> text, each ending with a newline. */
  readonly files: Readonly<Record<string, string>>;
  /** One line per file, saying what it is for. */
  readonly summary: readonly string[];
}

/**
 * Renders the state machine definition, the job runner Role and RoleBinding and the
 * aws-auth entry and/or access-entry requests for the role (as `accessStrategy` grants:
 * `auto` may use either, so both; none with `none` or a temporary cluster, whose creator
 * is its admin), the IAM permissions policy the role needs (no file when it needs none:
 * IAM rejects an empty `Statement`, and eks:runJob and eks:call need no IAM action, per
 * docs.aws.amazon.com/step-functions/latest/dg/connect-eks.html), the trust policy, the
 * ACK `StateMachine` resource, and the Mermaid chart.
 * @throws UserInputError when a name cannot be used (via the rbac renderers).
 */
export function renderPlanFiles(options: {
  readonly definition: StateMachineDefinition;
  readonly role: RoleArn;
  readonly namespace: string;
  readonly clusterName: string;
  readonly stateMachineName: string;
  readonly username?: string | undefined;
  readonly mermaid?: string | undefined;
  /** What the run would grant (default auto). */
  readonly accessStrategy?: AccessStrategy | undefined;
  /** The run creates its cluster: its role is the admin, nothing is granted. */
  readonly temporaryCluster?: boolean | undefined;
}): PlanFiles {
  const { role, namespace, definition } = options;
  const access = planAccess(
    {
      roleArn: role.arn,
      namespace,
      strategy: "aws-auth",
      ...(options.username ? { username: options.username } : {}),
    },
    { name: options.clusterName, endpoint: "", certificateAuthorityData: "", source: "explicit" },
  );
  const rbac = renderJobRunnerRole({
    namespace,
    roleName: access.roleName,
    bindingName: access.bindingName,
    subject: { kind: "User", name: access.username },
  });
  const strategy = options.temporaryCluster ? "none" : (options.accessStrategy ?? "auto");
  const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
  const policy = renderStateMachinePolicy({
    integrations: findIntegrations(definition),
    partition: role.partition,
  });
  const files: Record<string, string> = {};
  const summary: string[] = [];
  const add = (name: string, text: string, what: string) => {
    files[name] = text;
    summary.push(`${name.padEnd(34)}${what}`);
  };
  add(
    "state-machine.asl.json",
    json(definition),
    `the definition (${findIntegrations(definition).join(", ") || "no service integrations"})`,
  );
  if (strategy !== "none") {
    add(
      "job-runner-rbac.yaml",
      renderManifests([rbac.role, rbac.roleBinding]),
      `Role and RoleBinding ${namespace}/${access.roleName} for user ${access.username}`,
    );
  }
  if (strategy === "auto" || strategy === "aws-auth") {
    add(
      "aws-auth-entry.yaml",
      stringify([
        { rolearn: role.arnWithoutPath, username: access.username, groups: access.groups },
      ]),
      `the kube-system/aws-auth mapRoles entry for ${role.arnWithoutPath}`,
    );
  }
  if (strategy === "auto" || strategy === "access-entry") {
    add(
      "access-entry-requests.json",
      json(
        renderAccessEntryRequests({
          clusterName: options.clusterName,
          principalArn: role,
          username: access.username,
          kubernetesGroups: access.groups,
          namespaces: [namespace],
          policy: "none",
          tags: { "app.kubernetes.io/managed-by": "eks-sfn" },
        }),
      ),
      "CreateAccessEntry (and policy) requests, for clusters with the EKS API",
    );
  }
  if (strategy === "none") {
    summary.push(
      options.temporaryCluster
        ? "no Kubernetes access is granted: the role creates the temporary cluster and is its admin"
        : "no Kubernetes access is granted (access strategy none): the role must already have it",
    );
  }
  if (policy.Statement.length > 0) {
    add(
      "state-machine-policy.json",
      json(policy),
      `the IAM permissions the role needs (${policy.Statement.flatMap((s) => s.Action).length} actions)`,
    );
  } else {
    summary.push(NO_IAM_PERMISSIONS);
  }
  add(
    "state-machine-trust-policy.json",
    json(renderStateMachineTrustPolicy({ accountId: role.accountId })),
    "the trust policy: states.amazonaws.com may assume the role",
  );
  add(
    "ack-state-machine.yaml",
    renderManifests([
      renderAckStateMachine({
        name: options.stateMachineName,
        namespace,
        roleArn: role,
        definition,
      }),
    ]),
    `an ACK StateMachine ${options.stateMachineName} in ${namespace}`,
  );
  if (options.mermaid !== undefined) {
    add("state-machine.mmd", `${options.mermaid.trimEnd()}\n`, "the Mermaid chart of the states");
  }
  return { files, summary };
}
