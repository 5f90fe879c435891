// Grants the state machine's role what eks:runJob.sync and eks:call need: the job
// runner Role and RoleBinding in the namespace, and a Kubernetes identity for the
// role (an aws-auth mapping or an access entry). Every change goes into the receipt
// before it is made; a dry run makes none and reports what would change.
import type { EKSClient } from "@aws-sdk/client-eks";
import {
  type AwsAuthChange,
  renderAccessEntryRequests,
  renderJobRunnerRole,
  UserInputError,
} from "@eks-sfn/rbac";
import { CoreV1Api, type KubeConfig, RbacAuthorizationV1Api } from "@kubernetes/client-node";
import { kubeStatusOf } from "../kube/kube-request-error.ts";
import { retryKube } from "../kube/kube-retry.ts";
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
}

async function checkNamespace(core: CoreV1Api, namespace: string): Promise<void> {
  try {
    await retryKube(`GET namespaces/${namespace}`, () => core.readNamespace({ name: namespace }));
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
    if (status !== 403) throw error; // retryKube's KubeRequestError names the request
  }
}

/**
 * Grants the plan's role the job runner Role, RoleBinding and identity, recording each
 * change in the receipt first. Returns data; report/render-access.ts words it.
 *
 * @throws UserInputError when the namespace does not exist, or the role is already
 *   mapped or entered with another username (nothing of the identity is changed then).
 * @throws KubeRequestError or an EKS error when a server refuses a request.
 */
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
      const existing = awsAuth.existing;
      throw new UserInputError(
        "role-arn",
        `aws-auth already maps ${existing.rolearn} (the entry EKS uses, the last one for that role) to username "${existing.username ?? ""}" with groups [${(existing.groups ?? []).join(", ")}], not "${plan.username}"; it was left unchanged`,
        `Remove or fix that entry in kube-system/aws-auth, or set \`username\` to "${awsAuth.existing.username ?? ""}" so the RoleBinding names the user it maps to.`,
      );
    }
  }
  if (accessEntryRequests && options.eks && accessEntry) {
    if (!dryRun) {
      accessEntry = await grantAccessEntry({
        eks: options.eks,
        requests: accessEntryRequests,
        ...(recorder ? { recorder } : {}),
      });
    }
  }
  return {
    plan,
    dryRun,
    objects,
    ...(awsAuth ? { awsAuth } : {}),
    ...(accessEntry ? { accessEntry } : {}),
  };
}
