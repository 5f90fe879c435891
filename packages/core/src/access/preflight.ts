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
  type RoleArn,
  type RoleMapping,
} from "@eks-sfn/rbac";
import { AuthorizationV1Api, CoreV1Api, type KubeConfig } from "@kubernetes/client-node";
import type { AuthenticationMode, ClusterEndpoint } from "../cluster/cluster-endpoint.ts";
import { KubeRequestError, kubeStatusOf } from "../kube/kube-request-error.ts";
import { retryKube } from "../kube/kube-retry.ts";
import type { AccessPlan } from "./access-plan.ts";
import type { GrantStrategy } from "./receipt.ts";

export type PreflightStatus = "ok" | "problem" | "unknown";

/**
 * One check, as data: what was found, not how to say it (report/render-access.ts words
 * it, with what a problem causes and how to fix it).
 */
export type PreflightFinding =
  | {
      readonly check: "endpoint";
      readonly status: PreflightStatus;
      readonly cluster: string;
      readonly endpoint: string;
      /** undefined when not known (a cluster given explicitly). */
      readonly publicAccess: boolean | undefined;
    }
  | {
      readonly check: "authentication-mode";
      readonly status: PreflightStatus;
      readonly mode: AuthenticationMode | undefined;
      readonly strategy: GrantStrategy;
    }
  | {
      readonly check: "identity";
      readonly status: PreflightStatus;
      readonly source: "aws-auth";
      readonly role: RoleArn;
      readonly found:
        | { readonly kind: "mapped"; readonly entry: RoleMapping }
        | { readonly kind: "mapped-with-path"; readonly entry: RoleMapping }
        | { readonly kind: "not-mapped" }
        | { readonly kind: "unreadable"; readonly httpStatus: number | undefined };
    }
  | {
      readonly check: "identity";
      readonly status: PreflightStatus;
      readonly source: "access-entry";
      readonly role: RoleArn;
      readonly cluster: string;
      readonly found:
        | { readonly kind: "entered"; readonly username: string | undefined }
        | { readonly kind: "no-entry" }
        | { readonly kind: "unreadable"; readonly errorName: string };
    }
  | {
      readonly check: "namespace";
      readonly status: PreflightStatus;
      readonly namespace: string;
      readonly found: "exists" | "missing" | "unreadable";
    }
  | {
      readonly check: "rbac";
      readonly status: PreflightStatus;
      readonly username: string;
      readonly namespace: string;
      /** "verb resource" pairs the user may not do, like "create jobs". */
      readonly missing: readonly string[];
    };

export interface PreflightReport {
  readonly ok: boolean;
  readonly findings: readonly PreflightFinding[];
}

function endpointFinding(cluster: ClusterEndpoint): PreflightFinding {
  return {
    check: "endpoint",
    status:
      cluster.endpointPublicAccess === false
        ? "problem"
        : cluster.endpointPublicAccess
          ? "ok"
          : "unknown",
    cluster: cluster.name,
    endpoint: cluster.endpoint,
    publicAccess: cluster.endpointPublicAccess,
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
    const core = kube.makeApiClient(CoreV1Api);
    const cm = await retryKube("GET configmaps kube-system/aws-auth", () =>
      core.readNamespacedConfigMap({ name: AWS_AUTH_NAME, namespace: AWS_AUTH_NAMESPACE }),
    );
    data = cm.data;
  } catch (error) {
    const status = kubeStatusOf(error);
    if (status !== 404) {
      return {
        finding: {
          check: "identity",
          status: "unknown",
          source: "aws-auth",
          role: plan.role,
          found: { kind: "unreadable", httpStatus: status },
        },
      };
    }
  }
  const { mapped, mappedWithPath } = findMappingProblems(parseAwsAuth(data), plan);
  const base = { check: "identity", source: "aws-auth", role: plan.role } as const;
  if (mapped) {
    return {
      finding: { ...base, status: "ok", found: { kind: "mapped", entry: mapped } },
      ...(mapped.username ? { username: mapped.username } : {}),
    };
  }
  if (mappedWithPath) {
    return {
      finding: {
        ...base,
        status: "problem",
        found: { kind: "mapped-with-path", entry: mappedWithPath },
      },
    };
  }
  return { finding: { ...base, status: "problem", found: { kind: "not-mapped" } } };
}

async function accessEntryIdentity(
  eks: EKSClient,
  plan: AccessPlan,
): Promise<{ finding: PreflightFinding; username?: string }> {
  const base = {
    check: "identity",
    source: "access-entry",
    role: plan.role,
    cluster: plan.clusterName,
  } as const;
  try {
    const out = await eks.send(
      new DescribeAccessEntryCommand({
        clusterName: plan.clusterName,
        principalArn: plan.role.arn,
      }),
    );
    const username = out.accessEntry?.username;
    return {
      finding: { ...base, status: "ok", found: { kind: "entered", username } },
      ...(username ? { username } : {}),
    };
  } catch (error) {
    if (error instanceof ResourceNotFoundException) {
      return { finding: { ...base, status: "problem", found: { kind: "no-entry" } } };
    }
    return {
      finding: {
        ...base,
        status: "unknown",
        found: { kind: "unreadable", errorName: (error as Error).name },
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
        const review = await authz
          .createSubjectAccessReview({
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
          })
          .catch((error: unknown) => {
            throw preflightRequestError(SUBJECT_ACCESS_REVIEWS, error);
          });
        if (!review.status?.allowed) missing.push(`${verb} ${resource}`);
      }
    }
  }
  return {
    check: "rbac",
    status: missing.length === 0 ? "ok" : "problem",
    username,
    namespace,
    missing,
  };
}

const SUBJECT_ACCESS_REVIEWS = "POST /apis/authorization.k8s.io/v1/subjectaccessreviews";

/**
 * A preflight request the API server refused, as one line naming the request (method
 * and path), the status, and the likely fix: 401 means the cluster did not accept the
 * caller's credentials (Kubernetes "Authenticating"); 403 that the caller may not make
 * that request (RBAC).
 */
export function preflightRequestError(request: string, error: unknown): KubeRequestError {
  const status = kubeStatusOf(error);
  const fix =
    status === 401
      ? "The cluster did not accept the caller's credentials (preflight runs as the caller, not the role): check the kubeconfig's user or the AWS credentials and region, and that this identity is the cluster's creator or has an aws-auth mapping or access entry"
      : status === 403
        ? "The caller may not make this request: preflight needs to create SubjectAccessReviews; run as an identity allowed to (such as the cluster's admin), or with access-strategy none and no role-arn to skip preflight"
        : undefined;
  return new KubeRequestError(`preflight: ${request}`, error, fix);
}

/**
 * Checks, reading only, whether the plan's role can run Jobs: the endpoint, the
 * authentication mode, the role's identity (aws-auth as EKS reads it, or its access
 * entry), the namespace, and RBAC (SubjectAccessReviews for every rule the job runner
 * needs). Returns data; report/render-access.ts words it.
 */
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
    mode: cluster.authenticationMode,
    strategy: plan.strategy,
  });

  const identity =
    plan.strategy === "access-entry" && options.eks
      ? await accessEntryIdentity(options.eks, plan)
      : await awsAuthIdentity(kube, plan);
  findings.push(identity.finding);

  try {
    const core = kube.makeApiClient(CoreV1Api);
    await retryKube(`GET namespaces/${plan.namespace}`, () =>
      core.readNamespace({ name: plan.namespace }),
    );
    findings.push({ check: "namespace", status: "ok", namespace: plan.namespace, found: "exists" });
  } catch (error) {
    const missing = kubeStatusOf(error) === 404;
    findings.push({
      check: "namespace",
      status: missing ? "problem" : "unknown",
      namespace: plan.namespace,
      found: missing ? "missing" : "unreadable",
    });
  }
  findings.push(await rbacFinding(kube, plan.namespace, identity.username ?? plan.username));
  return { ok: findings.every((f) => f.status !== "problem"), findings };
}
