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
import { planAccess } from "../access/access-plan.ts";

export interface PlanFiles {
  /** File name -> text, each ending with a newline. */
  readonly files: Readonly<Record<string, string>>;
  /** One line per file, saying what it is for. */
  readonly summary: readonly string[];
}

/**
 * Renders the state machine definition, the job runner Role and RoleBinding, the aws-auth
 * entry and the access-entry requests for the role, the IAM permissions and trust
 * policies the role needs, the ACK `StateMachine` resource, and the Mermaid chart.
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
  const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
  const files: Record<string, string> = {
    "state-machine.asl.json": json(definition),
    "job-runner-rbac.yaml": renderManifests([rbac.role, rbac.roleBinding]),
    "aws-auth-entry.yaml": stringify([
      { rolearn: role.arnWithoutPath, username: access.username, groups: access.groups },
    ]),
    "access-entry-requests.json": json(
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
    "state-machine-policy.json": json(
      renderStateMachinePolicy({
        integrations: findIntegrations(definition),
        partition: role.partition,
      }),
    ),
    "state-machine-trust-policy.json": json(
      renderStateMachineTrustPolicy({ accountId: role.accountId }),
    ),
    "ack-state-machine.yaml": renderManifests([
      renderAckStateMachine({
        name: options.stateMachineName,
        namespace,
        roleArn: role,
        definition,
      }),
    ]),
  };
  if (options.mermaid !== undefined) files["state-machine.mmd"] = `${options.mermaid.trimEnd()}\n`;
  const summary = [
    `state-machine.asl.json            the definition (${findIntegrations(definition).join(", ") || "no service integrations"})`,
    `job-runner-rbac.yaml              Role and RoleBinding ${namespace}/${access.roleName} for user ${access.username}`,
    `aws-auth-entry.yaml               the kube-system/aws-auth mapRoles entry for ${role.arnWithoutPath}`,
    `access-entry-requests.json        CreateAccessEntry (and policy) requests, for clusters with the EKS API`,
    "state-machine-policy.json         the IAM permissions the role needs (runJob and call need none)",
    "state-machine-trust-policy.json   the trust policy: states.amazonaws.com may assume the role",
    `ack-state-machine.yaml            an ACK StateMachine ${options.stateMachineName} in ${namespace}`,
    ...(options.mermaid !== undefined
      ? ["state-machine.mmd                 the Mermaid chart of the states"]
      : []),
  ];
  return { files, summary };
}
