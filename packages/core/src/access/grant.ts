// Grants the state machine's role what eks:runJob.sync and eks:call need: the job
// runner Role and RoleBinding in the namespace, and a Kubernetes identity for the
// role (an aws-auth mapping or an access entry). Every change goes into the receipt
// before it is made; a dry run makes none and reports what would change.
import type { EKSClient } from "@aws-sdk/client-eks";
import {
  type AwsAuthChange,
  describeAwsAuthChange,
  renderAccessEntryRequests,
  renderJobRunnerRole,
  UserInputError,
} from "@eks-sfn/rbac";
import { CoreV1Api, type KubeConfig, RbacAuthorizationV1Api } from "@kubernetes/client-node";
import { KubeRequestError, kubeStatusOf } from "../kube/kube-request-error.ts";
import { type AccessEntryGrantResult, grantAccessEntry } from "./access-entry-grant.ts";
import type { AccessPlan } from "./access-plan.ts";
import { grantAwsAuthMapping, type RetryOptions } from "./aws-auth-grant.ts";
import { type AppliedObject, applyRbacObject } from "./job-runner-rbac.ts";
import type { ReceiptRecorder } from "./receipt.ts";

export interface GrantReport {
  readonly plan: AccessPlan;
  readonly dryRun: boolean;
  readonly objects: readonly AppliedObject[];
  readonly awsAuth?: AwsAuthChange;
  readonly accessEntry?: AccessEntryGrantResult;
  /** One line per change or decision, for logs and summaries. */
  readonly lines: readonly string[];
}

async function checkNamespace(core: CoreV1Api, namespace: string): Promise<void> {
  try {
    await core.readNamespace({ name: namespace });
  } catch (error) {
    const status = kubeStatusOf(error);
    if (status === 404) {
      throw new UserInputError(
        "namespace",
        `namespace "${namespace}" does not exist in the cluster`,
        `Create it first (kubectl create namespace ${namespace}) or choose an existing one.`,
      );
    }
    // Allowed to grant but not to read namespaces: the Role create will tell.
    if (status !== 403) throw new KubeRequestError(`GET namespaces/${namespace}`, error);
  }
}

export async function grantJobRunner(options: {
  plan: AccessPlan;
  kube: KubeConfig;
  /** Needed for the access-entry strategy only. */
  eks?: EKSClient;
  recorder?: ReceiptRecorder;
  dryRun?: boolean;
  retry?: RetryOptions;
}): Promise<GrantReport> {
  const { plan, recorder } = options;
  const dryRun = options.dryRun ?? false;
  const core = options.kube.makeApiClient(CoreV1Api);
  const rbac = options.kube.makeApiClient(RbacAuthorizationV1Api);
  const lines: string[] = [...plan.notes];
  if (plan.strategy === "access-entry" && !options.eks) {
    throw new Error("grantJobRunner: the access-entry strategy needs an EKS client");
  }
  await checkNamespace(core, plan.namespace);

  // Identity first in a dry run's report, but RBAC first in effect: a Role and
  // RoleBinding without an identity grant nothing, so a crash in between is harmless.
  let accessEntry: AccessEntryGrantResult | undefined;
  let subjectName = plan.username;
  const accessEntryRequests =
    plan.strategy === "access-entry"
      ? renderAccessEntryRequests({
          clusterName: plan.clusterName,
          principalArn: plan.role,
          username: plan.username,
          kubernetesGroups: plan.groups,
          namespaces: [plan.namespace],
          policy: plan.accessPolicy,
          tags: { "app.kubernetes.io/managed-by": "eks-sfn" },
        })
      : undefined;
  if (accessEntryRequests && options.eks) {
    const requests = accessEntryRequests;
    // Find out first whether an entry exists: its username is who the binding names.
    accessEntry = await grantAccessEntry({ eks: options.eks, requests, dryRun: true });
    subjectName = accessEntry.username ?? plan.username;
    if (
      accessEntry.entry === "reused" &&
      (accessEntry.username === undefined || accessEntry.username.includes("{{"))
    ) {
      throw new UserInputError(
        "role-arn",
        `${plan.role.arn} already has an access entry on ${plan.clusterName} without a fixed Kubernetes username (${accessEntry.username ?? "none"}), so no RoleBinding can name it`,
        `Give that entry a username (aws eks update-access-entry --username ${plan.username}) or use access-strategy "aws-auth".`,
      );
    }
  }

  const { role, roleBinding } = renderJobRunnerRole({
    namespace: plan.namespace,
    roleName: plan.roleName,
    bindingName: plan.bindingName,
    subject: { kind: "User", name: subjectName },
  });
  const objects: AppliedObject[] = [];
  for (const object of [role, roleBinding]) {
    const applied = await applyRbacObject({
      rbac,
      object,
      dryRun,
      ...(recorder ? { recorder } : {}),
    });
    objects.push(applied);
    lines.push(
      `${applied.object.kind} ${applied.object.namespace}/${applied.object.name}: ${dryRun && applied.outcome !== "unchanged" ? `would be ${applied.outcome}` : applied.outcome}.`,
    );
  }

  let awsAuth: AwsAuthChange | undefined;
  if (plan.strategy === "aws-auth") {
    const result = await grantAwsAuthMapping({
      core,
      mapping: { roleArn: plan.role, username: plan.username, groups: plan.groups },
      dryRun,
      ...(recorder ? { recorder } : {}),
      ...(options.retry ? { retry: options.retry } : {}),
    });
    awsAuth = result.change;
    if (awsAuth.kind === "conflict") {
      throw new UserInputError(
        "role-arn",
        describeAwsAuthChange(awsAuth),
        `Remove or fix that entry in kube-system/aws-auth, or set \`username\` to "${awsAuth.existing.username ?? ""}" so the RoleBinding names the user it maps to.`,
      );
    }
    lines.push(
      dryRun && awsAuth.kind === "added"
        ? `aws-auth: would map ${awsAuth.entry.rolearn} to username "${plan.username}".`
        : describeAwsAuthChange(awsAuth),
    );
  }
  if (accessEntryRequests && options.eks && accessEntry) {
    if (!dryRun) {
      accessEntry = await grantAccessEntry({
        eks: options.eks,
        requests: accessEntryRequests,
        ...(recorder ? { recorder } : {}),
      });
    }
    lines.push(
      `access entry for ${plan.role.arn}: ${dryRun && accessEntry.entry === "created" ? "would be created" : accessEntry.entry} (username "${accessEntry.username ?? ""}").`,
    );
    if (accessEntry.policy !== "not-requested") {
      lines.push(`AmazonEKSEditPolicy in ${plan.namespace}: ${accessEntry.policy}.`);
    }
  }
  if (plan.strategy === "none") {
    lines.push("access-strategy none: the role's Kubernetes identity is left as it is.");
  }
  return {
    plan,
    dryRun,
    objects,
    ...(awsAuth ? { awsAuth } : {}),
    ...(accessEntry ? { accessEntry } : {}),
    lines,
  };
}
