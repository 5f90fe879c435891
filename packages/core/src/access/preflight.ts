// Checks, before a run, whether the state machine's role can run Jobs on the
// cluster, and explains each missing piece: what it will cause (EKS.401, EKS.403)
// and the fix. Reads only; changes nothing.
import {
  DescribeAccessEntryCommand,
  type EKSClient,
  ResourceNotFoundException,
} from "@aws-sdk/client-eks";
import {
  AWS_AUTH_NAME,
  AWS_AUTH_NAMESPACE,
  type AwsAuth,
  findRoleMapping,
  JOB_RUNNER_RULES,
  parseAwsAuth,
  type RoleMapping,
} from "@eks-sfn/rbac";
import { AuthorizationV1Api, CoreV1Api, type KubeConfig } from "@kubernetes/client-node";
import type { ClusterEndpoint } from "../cluster/cluster-endpoint.ts";
import { kubeStatusOf } from "../kube/kube-request-error.ts";
import type { AccessPlan } from "./access-plan.ts";

export interface PreflightFinding {
  readonly check: "endpoint" | "authentication-mode" | "identity" | "namespace" | "rbac";
  readonly status: "ok" | "problem" | "unknown";
  readonly detail: string;
  /** What the run would hit, like "EKS.401". */
  readonly consequence?: string;
  readonly fix?: string;
}

export interface PreflightReport {
  readonly ok: boolean;
  readonly findings: readonly PreflightFinding[];
}

function endpointFinding(cluster: ClusterEndpoint): PreflightFinding {
  if (cluster.endpointPublicAccess === false) {
    return {
      check: "endpoint",
      status: "problem",
      detail: `cluster ${cluster.name} has a private-only API endpoint; Step Functions' EKS integrations reach it over the internet`,
      consequence: "every eks:runJob and eks:call task fails",
      fix: `aws eks update-cluster-config --name ${cluster.name} --resources-vpc-config endpointPublicAccess=true`,
    };
  }
  return {
    check: "endpoint",
    status: cluster.endpointPublicAccess ? "ok" : "unknown",
    detail: cluster.endpointPublicAccess
      ? `public endpoint ${cluster.endpoint}`
      : `endpoint ${cluster.endpoint} (public access not known for a cluster given explicitly)`,
  };
}

/**
 * Where aws-auth maps the role as aws-iam-authenticator reads it: `mapped` is the entry
 * EKS uses (the last one whose rolearn equals the pathless ARN without regard to case);
 * `mappedWithPath` an entry written with the path, which never matches.
 */
export function findMappingProblems(
  awsAuth: AwsAuth,
  plan: Pick<AccessPlan, "role" | "username">,
): { mapped?: RoleMapping; mappedWithPath?: RoleMapping } {
  const mapped = findRoleMapping(awsAuth, plan.role);
  const withPath = plan.role.arn.toLowerCase();
  const mappedWithPath =
    plan.role.path !== "/"
      ? awsAuth.mapRoles.findLast((e) => e.rolearn.toLowerCase() === withPath)
      : undefined;
  return { ...(mapped ? { mapped } : {}), ...(mappedWithPath ? { mappedWithPath } : {}) };
}

async function awsAuthIdentity(
  kube: KubeConfig,
  plan: AccessPlan,
): Promise<{ finding: PreflightFinding; username?: string }> {
  let data: Record<string, string> | undefined;
  try {
    const cm = await kube
      .makeApiClient(CoreV1Api)
      .readNamespacedConfigMap({ name: AWS_AUTH_NAME, namespace: AWS_AUTH_NAMESPACE });
    data = cm.data;
  } catch (error) {
    const status = kubeStatusOf(error);
    if (status !== 404) {
      return {
        finding: {
          check: "identity",
          status: "unknown",
          detail: `could not read kube-system/aws-auth (HTTP ${status ?? "error"})`,
        },
      };
    }
  }
  const { mapped, mappedWithPath } = findMappingProblems(parseAwsAuth(data), plan);
  if (mapped) {
    return {
      finding: {
        check: "identity",
        status: "ok",
        detail: `aws-auth maps ${plan.role.arnWithoutPath} to username "${mapped.username ?? ""}"`,
      },
      ...(mapped.username ? { username: mapped.username } : {}),
    };
  }
  if (mappedWithPath) {
    return {
      finding: {
        check: "identity",
        status: "problem",
        detail: `aws-auth maps ${plan.role.arn} with its path (${plan.role.path}); aws-iam-authenticator compares role ARNs without the path, so this entry never matches`,
        consequence: "EKS.401 (Unauthorized) on the first Kubernetes call",
        fix: `write the entry as rolearn: ${plan.role.arnWithoutPath} (eks-sfn rbac grant does this)`,
      },
    };
  }
  return {
    finding: {
      check: "identity",
      status: "problem",
      detail: `${plan.role.arnWithoutPath} is not mapped in kube-system/aws-auth`,
      consequence: "EKS.401 (Unauthorized) on the first Kubernetes call",
      fix: "grant access (eks-sfn rbac grant, or access-strategy aws-auth)",
    },
  };
}

async function accessEntryIdentity(
  eks: EKSClient,
  plan: AccessPlan,
): Promise<{ finding: PreflightFinding; username?: string }> {
  try {
    const out = await eks.send(
      new DescribeAccessEntryCommand({
        clusterName: plan.clusterName,
        principalArn: plan.role.arn,
      }),
    );
    const username = out.accessEntry?.username;
    return {
      finding: {
        check: "identity",
        status: "ok",
        detail: `access entry for ${plan.role.arn} with username "${username ?? ""}"`,
      },
      ...(username ? { username } : {}),
    };
  } catch (error) {
    if (error instanceof ResourceNotFoundException) {
      return {
        finding: {
          check: "identity",
          status: "problem",
          detail: `${plan.role.arn} has no access entry on ${plan.clusterName}`,
          consequence: "EKS.401 (Unauthorized) on the first Kubernetes call",
          fix: "grant access (eks-sfn rbac grant, or access-strategy access-entry)",
        },
      };
    }
    return {
      finding: {
        check: "identity",
        status: "unknown",
        detail: `could not describe the access entry (${(error as Error).name})`,
      },
    };
  }
}

async function rbacFinding(
  kube: KubeConfig,
  namespace: string,
  username: string,
): Promise<PreflightFinding> {
  const authz = kube.makeApiClient(AuthorizationV1Api);
  const missing: string[] = [];
  for (const rule of JOB_RUNNER_RULES) {
    for (const resource of rule.resources) {
      for (const verb of rule.verbs) {
        const [base, subresource] = resource.split("/");
        const review = await authz.createSubjectAccessReview({
          body: {
            spec: {
              user: username,
              resourceAttributes: {
                namespace,
                verb,
                group: rule.apiGroups[0] ?? "",
                resource: base ?? resource,
                ...(subresource ? { subresource } : {}),
              },
            },
          },
        });
        if (!review.status?.allowed) missing.push(`${verb} ${resource}`);
      }
    }
  }
  if (missing.length === 0) {
    return {
      check: "rbac",
      status: "ok",
      detail: `"${username}" may run Jobs and read their logs in ${namespace}`,
    };
  }
  return {
    check: "rbac",
    status: "problem",
    detail: `"${username}" may not ${missing.join(", ")} in ${namespace}`,
    consequence: "EKS.403 (Forbidden) when the task creates the Job or reads its logs",
    fix: "apply the job runner Role and RoleBinding (eks-sfn rbac grant)",
  };
}

export async function preflightAccess(options: {
  cluster: ClusterEndpoint;
  plan: AccessPlan;
  kube: KubeConfig;
  eks?: EKSClient;
}): Promise<PreflightReport> {
  const { cluster, plan, kube } = options;
  const findings: PreflightFinding[] = [endpointFinding(cluster)];
  findings.push({
    check: "authentication-mode",
    status: cluster.authenticationMode ? "ok" : "unknown",
    detail: cluster.authenticationMode
      ? `authentication mode ${cluster.authenticationMode}; the role's identity comes from ${plan.strategy}`
      : `authentication mode not known; planned strategy ${plan.strategy}`,
  });

  const identity =
    plan.strategy === "access-entry" && options.eks
      ? await accessEntryIdentity(options.eks, plan)
      : await awsAuthIdentity(kube, plan);
  findings.push(identity.finding);

  try {
    await kube.makeApiClient(CoreV1Api).readNamespace({ name: plan.namespace });
    findings.push({
      check: "namespace",
      status: "ok",
      detail: `namespace ${plan.namespace} exists`,
    });
  } catch (error) {
    const missing = kubeStatusOf(error) === 404;
    findings.push({
      check: "namespace",
      status: missing ? "problem" : "unknown",
      detail: missing
        ? `namespace ${plan.namespace} does not exist`
        : `could not read namespace ${plan.namespace}`,
      ...(missing
        ? {
            consequence: "EKS.404 (NotFound) when the task creates the Job",
            fix: `kubectl create namespace ${plan.namespace}`,
          }
        : {}),
    });
  }
  findings.push(await rbacFinding(kube, plan.namespace, identity.username ?? plan.username));
  return { ok: findings.every((f) => f.status !== "problem"), findings };
}
