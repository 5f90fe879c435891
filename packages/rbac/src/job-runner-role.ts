// The namespaced Role and RoleBinding that let the state machine's Kubernetes identity
// run Jobs and read their pods and logs, and nothing else.
import {
  parseKubernetesGroup,
  parseKubernetesUsername,
  parseNamespace,
  parseObjectName,
} from "./names.ts";
import { UserInputError } from "./user-input-error.ts";

export const RBAC_API_VERSION = "rbac.authorization.k8s.io/v1";
const RBAC_API_GROUP = "rbac.authorization.k8s.io";

export const DEFAULT_JOB_RUNNER_NAME = "eks-sfn-job-runner";

/** Labels on every object this package renders for Kubernetes. */
export const MANAGED_LABELS: Readonly<Record<string, string>> = Object.freeze({
  "app.kubernetes.io/managed-by": "eks-sfn",
  "app.kubernetes.io/part-of": "eks-sfn-action",
});

export interface PolicyRule {
  readonly apiGroups: readonly string[];
  readonly resources: readonly string[];
  readonly verbs: readonly string[];
}

/**
 * What a job runner needs: create Jobs and watch them to the end (eks:runJob.sync),
 * delete them (eks:call DELETE), and read their pods and logs (LogOptions.RetrieveLogs).
 */
export const JOB_RUNNER_RULES: readonly PolicyRule[] = deepFreeze([
  {
    apiGroups: ["batch"],
    resources: ["jobs"],
    verbs: ["create", "get", "list", "watch", "delete"],
  },
  { apiGroups: [""], resources: ["pods"], verbs: ["get", "list", "watch"] },
  { apiGroups: [""], resources: ["pods/log"], verbs: ["get"] },
]);

export interface ObjectMeta {
  name: string;
  namespace: string;
  labels: Record<string, string>;
}

export interface Role {
  apiVersion: typeof RBAC_API_VERSION;
  kind: "Role";
  metadata: ObjectMeta;
  rules: { apiGroups: string[]; resources: string[]; verbs: string[] }[];
}

export interface Subject {
  kind: "User" | "Group";
  apiGroup: typeof RBAC_API_GROUP;
  name: string;
}

export interface RoleBinding {
  apiVersion: typeof RBAC_API_VERSION;
  kind: "RoleBinding";
  metadata: ObjectMeta;
  subjects: Subject[];
  roleRef: { apiGroup: typeof RBAC_API_GROUP; kind: "Role"; name: string };
}

export interface JobRunnerRoleOptions {
  namespace: string;
  /** Default "eks-sfn-job-runner". */
  roleName?: string;
  /** Default "eks-sfn-job-runner". */
  bindingName?: string;
  /** The state machine role's Kubernetes identity: its aws-auth username, or an access entry group. */
  subject: { kind: "User" | "Group"; name: string };
}

export function renderJobRunnerRole(options: JobRunnerRoleOptions): {
  role: Role;
  roleBinding: RoleBinding;
} {
  const namespace = parseNamespace("namespace", options.namespace);
  const roleName = parseObjectName("roleName", options.roleName ?? DEFAULT_JOB_RUNNER_NAME);
  const bindingName = parseObjectName(
    "bindingName",
    options.bindingName ?? DEFAULT_JOB_RUNNER_NAME,
  );
  const { kind, name } = options.subject;
  if (kind !== "User" && kind !== "Group") {
    throw new UserInputError(
      "subject.kind",
      `${JSON.stringify(kind)} is not a subject kind this Role is bound to`,
      'Use "User" (an aws-auth username) or "Group" (an access entry group).',
    );
  }
  const subjectName =
    kind === "Group"
      ? parseKubernetesGroup("subject.name", name)
      : parseKubernetesUsername("subject.name", name);
  return {
    role: {
      apiVersion: RBAC_API_VERSION,
      kind: "Role",
      metadata: { name: roleName, namespace, labels: { ...MANAGED_LABELS } },
      rules: JOB_RUNNER_RULES.map((rule) => ({
        apiGroups: [...rule.apiGroups],
        resources: [...rule.resources],
        verbs: [...rule.verbs],
      })),
    },
    roleBinding: {
      apiVersion: RBAC_API_VERSION,
      kind: "RoleBinding",
      metadata: { name: bindingName, namespace, labels: { ...MANAGED_LABELS } },
      subjects: [{ kind, apiGroup: RBAC_API_GROUP, name: subjectName }],
      roleRef: { apiGroup: RBAC_API_GROUP, kind: "Role", name: roleName },
    },
  };
}

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null) {
    for (const child of Object.values(value)) {
      deepFreeze(child);
    }
    Object.freeze(value);
  }
  return value;
}
