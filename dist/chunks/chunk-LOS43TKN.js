import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  AwsRequestError,
  CANCELLED_ERROR,
  RUN_TIMEOUT_ERROR,
  require_dist_cjs as require_dist_cjs2
} from "./chunk-L5RGL6WF.js";
import {
  ApiException,
  ObjectAuthorizationV1Api,
  ObjectBatchV1Api,
  ObjectCoreV1Api,
  ObjectRbacAuthorizationV1Api,
  deleteJob,
  listJobPods,
  readJob,
  readPodLog,
  require_dist_cjs
} from "./chunk-VETK55YL.js";
import {
  retryWithBackoff
} from "./chunk-IBVQKSO5.js";
import {
  executionNameFrom
} from "./chunk-J7DIGPFP.js";
import {
  AWS_AUTH_NAME,
  AWS_AUTH_NAMESPACE,
  DEFAULT_JOB_RUNNER_NAME,
  JOB_RUNNER_RULES,
  UserInputError,
  addRoleMapping,
  findRoleMapping,
  parseAccessEntryUsername,
  parseAwsAuth,
  parseKubernetesGroup,
  parseNamespace,
  parseObjectName,
  parseRoleArn,
  refuseIdentityTemplate,
  removeRoleMapping,
  renderAccessEntryRequests,
  renderAwsAuthConfigMap,
  renderAwsAuthData,
  renderJobRunnerRole
} from "./chunk-VL6DFSIU.js";
import {
  __toESM
} from "./chunk-HANBNIMK.js";

// packages/core/src/access/access-plan.ts
import { createHash } from "node:crypto";
var ACCESS_STRATEGIES = ["auto", "access-entry", "aws-auth", "none"];
var JOB_RUNNER_GROUP = "eks-sfn-job-runners";
function parseStrategy(value) {
  const strategy = value?.trim() || "auto";
  const match = ACCESS_STRATEGIES.find((s) => s === strategy);
  if (!match) {
    throw new UserInputError(
      "access-strategy",
      `"${strategy}" is not one of ${ACCESS_STRATEGIES.join(", ")}`,
      'Use "auto" unless you know the cluster needs another.'
    );
  }
  return match;
}
function roleIdentityHash(role) {
  return createHash("sha256").update(`${role.partition}:${role.accountId}:${role.roleName.toLowerCase()}`).digest("hex").slice(0, 8);
}
function readableRoleName(role, maxLength) {
  return role.roleName.toLowerCase().replace(/[^a-z0-9]+/g, "-").slice(0, maxLength).replace(/^-+|-+$/g, "");
}
function defaultUsername(role) {
  const name = readableRoleName(role, 63 - "eks-sfn--".length - 8);
  return `eks-sfn-${name ? `${name}-` : ""}${roleIdentityHash(role)}`;
}
function jobRunnerObjectName(role) {
  const fixed = `${DEFAULT_JOB_RUNNER_NAME}--`.length + 8;
  const name = readableRoleName(role, 63 - fixed);
  return `${DEFAULT_JOB_RUNNER_NAME}-${name ? `${name}-` : ""}${roleIdentityHash(role)}`;
}
function resolveStrategy(requested, cluster) {
  const mode = cluster.authenticationMode;
  if (requested === "none") return { strategy: "none" };
  if (requested === "access-entry") {
    if (mode === "CONFIG_MAP") {
      throw new UserInputError(
        "access-strategy",
        `"access-entry" needs the EKS API, but cluster ${cluster.name} authenticates with CONFIG_MAP only`,
        'Use "aws-auth", or switch the cluster to API_AND_CONFIG_MAP (aws eks update-cluster-config --access-config authenticationMode=API_AND_CONFIG_MAP).'
      );
    }
    return { strategy: "access-entry" };
  }
  if (requested === "aws-auth") {
    if (mode === "API") {
      throw new UserInputError(
        "access-strategy",
        `"aws-auth" has no effect on cluster ${cluster.name}: its authentication mode is API, which ignores the aws-auth ConfigMap`,
        'Use "access-entry" or "auto".'
      );
    }
    return { strategy: "aws-auth" };
  }
  if (mode === "API" || mode === "API_AND_CONFIG_MAP") {
    return {
      strategy: "access-entry",
      note: `auto: access entries, because cluster ${cluster.name} allows the EKS API (${mode}).`
    };
  }
  return {
    strategy: "aws-auth",
    note: mode === "CONFIG_MAP" ? `auto: aws-auth, because cluster ${cluster.name} authenticates with CONFIG_MAP only.` : `auto: aws-auth, because the authentication mode of cluster ${cluster.name} is not known (it was given explicitly); aws-auth works in CONFIG_MAP and API_AND_CONFIG_MAP mode.`
  };
}
function planAccess(request, cluster) {
  const role = parseRoleArn("role-arn", request.roleArn);
  const namespace = parseNamespace("namespace", request.namespace);
  const requested = parseStrategy(request.strategy);
  const username = refuseIdentityTemplate(
    "username",
    parseAccessEntryUsername("username", request.username ?? defaultUsername(role))
  );
  const groups = [parseKubernetesGroup("groups", JOB_RUNNER_GROUP)];
  const objectName = jobRunnerObjectName(role);
  const roleName = parseObjectName("role-name", request.roleName ?? objectName);
  const bindingName = parseObjectName("binding-name", request.bindingName ?? objectName);
  const { strategy, note } = resolveStrategy(requested, cluster);
  const notes = note ? [note] : [];
  if (role.path !== "/" && strategy === "aws-auth") {
    notes.push(
      `aws-auth: the role's path (${role.path}) is left out of the mapping (${role.arnWithoutPath}), because aws-iam-authenticator matches roles without their path.`
    );
  }
  return {
    clusterName: cluster.name,
    role,
    namespace,
    strategy,
    username,
    groups,
    accessPolicy: request.accessPolicy ?? "none",
    roleName,
    bindingName,
    notes
  };
}

// packages/core/src/kube/kube-request-error.ts
var KubeRequestError = class extends Error {
  name = "KubeRequestError";
  request;
  status;
  constructor(request, cause) {
    const status = kubeStatusOf(cause);
    super(
      `${request} failed${status === void 0 ? "" : ` with HTTP ${status}`}: ${reasonOf(cause)}`
    );
    this.request = request;
    this.status = status;
  }
};
function kubeStatusOf(error) {
  if (error instanceof ApiException) return error.code;
  if (error instanceof KubeRequestError) return error.status;
  const code = error?.code;
  return typeof code === "number" ? code : void 0;
}
function reasonOf(error) {
  if (error instanceof ApiException) {
    const body = error.body;
    const parsed = typeof body === "string" ? safeJson(body) : body;
    const message = parsed?.message;
    return typeof message === "string" ? message : `HTTP ${error.code}`;
  }
  return error instanceof Error ? error.message : String(error);
}
function safeJson(text) {
  try {
    return JSON.parse(text);
  } catch {
    return void 0;
  }
}

// packages/core/src/access/access-entry-grant.ts
var import_client_eks = __toESM(require_dist_cjs(), 1);
async function describeEntry(eks, clusterName, principalArn) {
  try {
    const out = await eks.send(new import_client_eks.DescribeAccessEntryCommand({ clusterName, principalArn }));
    return out.accessEntry;
  } catch (error) {
    if (error instanceof import_client_eks.ResourceNotFoundException) return void 0;
    throw new AwsRequestError("eks:DescribeAccessEntry", error);
  }
}
async function grantAccessEntry(options) {
  const { eks, requests, recorder } = options;
  const { clusterName, principalArn } = requests.createAccessEntry;
  let existing = await describeEntry(eks, clusterName, principalArn);
  let entry = existing ? "reused" : "created";
  if (!existing && !options.dryRun) {
    const id2 = await recorder?.intend({ kind: "access-entry-created", clusterName, principalArn });
    try {
      await eks.send(new import_client_eks.CreateAccessEntryCommand(requests.createAccessEntry));
      if (id2 !== void 0) await recorder?.done(id2);
    } catch (error) {
      if (id2 !== void 0) await recorder?.abandon(id2);
      if (!(error instanceof import_client_eks.ResourceInUseException)) {
        throw new AwsRequestError("eks:CreateAccessEntry", error);
      }
      entry = "reused";
    }
    existing = await describeEntry(eks, clusterName, principalArn);
  }
  const username = entry === "reused" ? existing?.username || void 0 : requests.createAccessEntry.username;
  const kubernetesGroups = existing?.kubernetesGroups ?? requests.createAccessEntry.kubernetesGroups ?? [];
  const associate = requests.associateAccessPolicy;
  if (!associate) return { entry, username, kubernetesGroups, policy: "not-requested" };
  if (entry === "reused") {
    const listed = await eks.send(new import_client_eks.ListAssociatedAccessPoliciesCommand({ clusterName, principalArn })).catch((error) => {
      throw new AwsRequestError("eks:ListAssociatedAccessPolicies", error);
    });
    const wanted = new Set(associate.accessScope.namespaces ?? []);
    const already = (listed.associatedAccessPolicies ?? []).some(
      (p) => p.policyArn === associate.policyArn && (p.accessScope?.type === "cluster" || [...wanted].every((ns) => p.accessScope?.namespaces?.includes(ns)))
    );
    if (already) return { entry, username, kubernetesGroups, policy: "already-associated" };
  }
  if (options.dryRun) return { entry, username, kubernetesGroups, policy: "associated" };
  const id = await recorder?.intend({
    kind: "access-policy-associated",
    clusterName,
    principalArn,
    policyArn: associate.policyArn
  });
  try {
    await eks.send(new import_client_eks.AssociateAccessPolicyCommand(associate));
  } catch (error) {
    if (id !== void 0) await recorder?.abandon(id);
    throw new AwsRequestError("eks:AssociateAccessPolicy", error);
  }
  if (id !== void 0) await recorder?.done(id);
  return { entry, username, kubernetesGroups, policy: "associated" };
}
async function deleteAccessEntry(options) {
  try {
    await options.eks.send(
      new import_client_eks.DeleteAccessEntryCommand({
        clusterName: options.clusterName,
        principalArn: options.principalArn
      })
    );
    return "deleted";
  } catch (error) {
    if (error instanceof import_client_eks.ResourceNotFoundException) return "absent";
    throw new AwsRequestError("eks:DeleteAccessEntry", error);
  }
}
async function disassociateAccessPolicy(options) {
  try {
    await options.eks.send(
      new import_client_eks.DisassociateAccessPolicyCommand({
        clusterName: options.clusterName,
        principalArn: options.principalArn,
        policyArn: options.policyArn
      })
    );
    return "disassociated";
  } catch (error) {
    if (error instanceof import_client_eks.ResourceNotFoundException) return "absent";
    throw new AwsRequestError("eks:DisassociateAccessPolicy", error);
  }
}

// packages/core/src/access/aws-auth-grant.ts
var CONFLICT_BACKOFF = { maxAttempts: 30, baseMs: 50, capMs: 2e3 };
var retryable = (error) => {
  const status = kubeStatusOf(error);
  return status === 409 || status === 429 || status !== void 0 && status >= 500;
};
var refused = (error) => {
  const status = kubeStatusOf(error);
  return status !== void 0 && status >= 400 && status < 500;
};
async function readAwsAuth(core) {
  try {
    return await core.readNamespacedConfigMap({
      name: AWS_AUTH_NAME,
      namespace: AWS_AUTH_NAMESPACE
    });
  } catch (error) {
    if (kubeStatusOf(error) === 404) return void 0;
    throw new KubeRequestError("GET configmaps kube-system/aws-auth", error);
  }
}
async function grantAwsAuthMapping(options) {
  const { core, mapping, recorder } = options;
  let attempts = 0;
  return retryWithBackoff({
    ...options.retry,
    policy: options.retry?.policy ?? CONFLICT_BACKOFF,
    retryable,
    attempt: async () => {
      attempts += 1;
      const current = await readAwsAuth(core);
      const { awsAuth, change } = addRoleMapping(parseAwsAuth(current?.data), mapping);
      if (change.kind !== "added" || options.dryRun) {
        return { change, configMapCreated: false, attempts };
      }
      const data = renderAwsAuthData(awsAuth);
      if (current === void 0) {
        const ids = recorder ? [
          await recorder.intend({ kind: "aws-auth-configmap-created" }),
          await recorder.intend({
            kind: "aws-auth-mapping-added",
            entry: change.entry,
            emptyBefore: change.emptyBefore
          })
        ] : [];
        try {
          await core.createNamespacedConfigMap({
            namespace: AWS_AUTH_NAMESPACE,
            body: renderAwsAuthConfigMap(data)
          });
        } catch (error) {
          if (kubeStatusOf(error) === 409) {
            for (const id2 of ids) await recorder?.abandon(id2);
            throw error;
          }
          throw new KubeRequestError("POST configmaps kube-system/aws-auth", error);
        }
        for (const id2 of ids) await recorder?.done(id2);
        return { change, configMapCreated: true, attempts };
      }
      const id = await recorder?.intend({
        kind: "aws-auth-mapping-added",
        entry: change.entry,
        emptyBefore: change.emptyBefore
      });
      try {
        await core.replaceNamespacedConfigMap({
          name: AWS_AUTH_NAME,
          namespace: AWS_AUTH_NAMESPACE,
          body: { ...current, data }
        });
      } catch (error) {
        if (id !== void 0 && refused(error)) await recorder?.abandon(id);
        if (retryable(error)) throw error;
        throw new KubeRequestError("PUT configmaps kube-system/aws-auth", error);
      }
      if (id !== void 0) await recorder?.done(id);
      return { change, configMapCreated: false, attempts };
    }
  });
}
async function revokeAwsAuthMapping(options) {
  const { core, entry } = options;
  return retryWithBackoff({
    ...options.retry,
    policy: options.retry?.policy ?? CONFLICT_BACKOFF,
    retryable,
    attempt: async () => {
      const current = await readAwsAuth(core);
      if (current === void 0) return { kind: "absent" };
      const before = parseAwsAuth(current.data);
      const { awsAuth, removed } = removeRoleMapping(before, entry, {
        emptyBefore: options.emptyBefore
      });
      if (!removed) {
        const mapped = findRoleMapping(before, entry.rolearn);
        return mapped ? { kind: "changed", current: mapped } : { kind: "absent" };
      }
      const stillMappedBy = findRoleMapping(awsAuth, entry.rolearn);
      const empty = awsAuth.mapRoles.length === 0 && awsAuth.mapUsers.length === 0 && awsAuth.mapAccounts.length === 0;
      try {
        if (options.deleteIfCreatedEmpty && empty) {
          await core.deleteNamespacedConfigMap({
            name: AWS_AUTH_NAME,
            namespace: AWS_AUTH_NAMESPACE,
            body: { preconditions: { resourceVersion: current.metadata?.resourceVersion ?? "" } }
          });
          return { kind: "removed", configMapDeleted: true };
        }
        await core.replaceNamespacedConfigMap({
          name: AWS_AUTH_NAME,
          namespace: AWS_AUTH_NAMESPACE,
          body: { ...current, data: renderAwsAuthData(awsAuth) }
        });
      } catch (error) {
        if (retryable(error)) throw error;
        throw new KubeRequestError("PUT configmaps kube-system/aws-auth", error);
      }
      return {
        kind: "removed",
        configMapDeleted: false,
        ...stillMappedBy ? { stillMappedBy } : {}
      };
    }
  });
}

// packages/core/src/access/job-runner-rbac.ts
function refOf(object) {
  return {
    apiVersion: object.apiVersion,
    kind: object.kind,
    namespace: object.metadata.namespace,
    name: object.metadata.name
  };
}
function meaning(object) {
  const { rules, roleRef, subjects } = object;
  return canonicalJson({ rules: rules ?? [], roleRef: roleRef ?? null, subjects: subjects ?? [] });
}
function canonicalJson(value) {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value).filter(([, v]) => v !== void 0).sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0);
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}
function strip(object) {
  const metadata = object.metadata ?? {};
  return {
    ...object,
    metadata: {
      name: metadata.name,
      namespace: metadata.namespace,
      ...metadata.labels ? { labels: metadata.labels } : {},
      ...metadata.annotations ? { annotations: metadata.annotations } : {}
    }
  };
}
function verbsFor(rbac, object) {
  const { name, namespace } = object.metadata;
  if (object.kind === "Role") {
    return {
      create: (body) => rbac.createNamespacedRole({ namespace, body }),
      read: async () => await rbac.readNamespacedRole({ namespace, name }),
      replace: (body) => rbac.replaceNamespacedRole({ namespace, name, body })
    };
  }
  return {
    create: (body) => rbac.createNamespacedRoleBinding({ namespace, body }),
    read: async () => await rbac.readNamespacedRoleBinding({ namespace, name }),
    replace: (body) => rbac.replaceNamespacedRoleBinding({ namespace, name, body })
  };
}
var WriteConflict = class extends Error {
  request;
  constructor(request, cause) {
    super(`${request}: 409 Conflict`, { cause });
    this.request = request;
  }
};
var RBAC_CONFLICT_BACKOFF = { maxAttempts: 10, baseMs: 50, capMs: 1e3 };
async function applyRbacObject(options) {
  try {
    return await retryWithBackoff({
      ...options.retry,
      policy: options.retry?.policy ?? RBAC_CONFLICT_BACKOFF,
      retryable: (error) => error instanceof WriteConflict,
      attempt: () => applyOnce(options)
    });
  } catch (error) {
    if (error instanceof WriteConflict) throw new KubeRequestError(error.request, error.cause);
    throw error;
  }
}
async function applyOnce(options) {
  const { object, recorder } = options;
  const ref = refOf(object);
  const verbs = verbsFor(options.rbac, object);
  const label = `${object.kind} ${ref.namespace}/${ref.name}`;
  let existing;
  try {
    existing = await verbs.read();
  } catch (error) {
    if (kubeStatusOf(error) !== 404) throw new KubeRequestError(`GET ${label}`, error);
  }
  if (existing === void 0) {
    if (options.dryRun) return { object: ref, outcome: "created" };
    const id2 = await recorder?.intend({ kind: "kube-object-created", object: ref });
    try {
      await verbs.create(object);
    } catch (error) {
      const status = kubeStatusOf(error);
      if (id2 !== void 0 && status !== void 0 && status < 500) await recorder?.abandon(id2);
      if (status === 409) throw new WriteConflict(`POST ${label}`, error);
      throw new KubeRequestError(`POST ${label}`, error);
    }
    if (id2 !== void 0) await recorder?.done(id2);
    return { object: ref, outcome: "created" };
  }
  if (meaning(existing) === meaning(object)) {
    return { object: ref, outcome: "unchanged" };
  }
  if (options.dryRun) return { object: ref, outcome: "replaced" };
  const id = await recorder?.intend({
    kind: "kube-object-replaced",
    object: ref,
    previous: strip(existing)
  });
  try {
    const metadata = existing.metadata;
    await verbs.replace({
      ...object,
      metadata: { ...object.metadata, resourceVersion: metadata?.resourceVersion }
    });
  } catch (error) {
    const status = kubeStatusOf(error);
    if (id !== void 0 && status !== void 0 && status < 500) await recorder?.abandon(id);
    if (status === 409) throw new WriteConflict(`PUT ${label}`, error);
    throw new KubeRequestError(`PUT ${label}`, error);
  }
  if (id !== void 0) await recorder?.done(id);
  return { object: ref, outcome: "replaced" };
}
async function undoRbacObject(options) {
  const { rbac, object } = options;
  const { namespace, name } = object;
  const label = `${object.kind} ${namespace}/${name}`;
  try {
    if (options.previous) {
      const body = options.previous;
      const verbs = verbsFor(rbac, { ...body, kind: object.kind });
      const current = await verbs.read();
      const metadata = current.metadata;
      await verbs.replace({
        ...options.previous,
        metadata: {
          ...options.previous.metadata,
          resourceVersion: metadata?.resourceVersion
        }
      });
      return "restored";
    }
    if (object.kind === "Role") await rbac.deleteNamespacedRole({ namespace, name });
    else await rbac.deleteNamespacedRoleBinding({ namespace, name });
    return "deleted";
  } catch (error) {
    if (kubeStatusOf(error) === 404) return "absent";
    throw new KubeRequestError(`${options.previous ? "PUT" : "DELETE"} ${label}`, error);
  }
}

// packages/core/src/access/grant.ts
async function checkNamespace(core, namespace) {
  try {
    await core.readNamespace({ name: namespace });
  } catch (error) {
    const status = kubeStatusOf(error);
    if (status === 404) {
      throw new UserInputError(
        "namespace",
        `namespace "${namespace}" does not exist in the cluster`,
        `Create it first (kubectl create namespace ${namespace}) or choose an existing one.`
      );
    }
    if (status !== 403) throw new KubeRequestError(`GET namespaces/${namespace}`, error);
  }
}
async function grantJobRunner(options) {
  const { plan, recorder } = options;
  const dryRun = options.dryRun ?? false;
  const core = options.kube.makeApiClient(ObjectCoreV1Api);
  const rbac = options.kube.makeApiClient(ObjectRbacAuthorizationV1Api);
  if (plan.strategy === "access-entry" && !options.eks) {
    throw new Error("grantJobRunner: the access-entry strategy needs an EKS client");
  }
  await checkNamespace(core, plan.namespace);
  let accessEntry;
  let subjectName = plan.username;
  const accessEntryRequests = plan.strategy === "access-entry" ? renderAccessEntryRequests({
    clusterName: plan.clusterName,
    principalArn: plan.role,
    username: plan.username,
    kubernetesGroups: plan.groups,
    namespaces: [plan.namespace],
    policy: plan.accessPolicy,
    tags: { "app.kubernetes.io/managed-by": "eks-sfn" }
  }) : void 0;
  if (accessEntryRequests && options.eks) {
    const requests = accessEntryRequests;
    accessEntry = await grantAccessEntry({ eks: options.eks, requests, dryRun: true });
    subjectName = accessEntry.username ?? plan.username;
    if (accessEntry.entry === "reused" && (accessEntry.username === void 0 || accessEntry.username.includes("{{"))) {
      throw new UserInputError(
        "role-arn",
        `${plan.role.arn} already has an access entry on ${plan.clusterName} without a fixed Kubernetes username (${accessEntry.username ?? "none"}), so no RoleBinding can name it`,
        `Give that entry a username (aws eks update-access-entry --username ${plan.username}) or use access-strategy "aws-auth".`
      );
    }
  }
  const { role, roleBinding } = renderJobRunnerRole({
    namespace: plan.namespace,
    roleName: plan.roleName,
    bindingName: plan.bindingName,
    subject: { kind: "User", name: subjectName }
  });
  const objects = [];
  for (const object of [role, roleBinding]) {
    const applied = await applyRbacObject({
      rbac,
      object,
      dryRun,
      ...recorder ? { recorder } : {}
    });
    objects.push(applied);
  }
  let awsAuth;
  if (plan.strategy === "aws-auth") {
    const result = await grantAwsAuthMapping({
      core,
      mapping: { roleArn: plan.role, username: plan.username, groups: plan.groups },
      dryRun,
      ...recorder ? { recorder } : {},
      ...options.retry ? { retry: options.retry } : {}
    });
    awsAuth = result.change;
    if (awsAuth.kind === "conflict") {
      const existing = awsAuth.existing;
      throw new UserInputError(
        "role-arn",
        `aws-auth already maps ${existing.rolearn} (the entry EKS uses, the last one for that role) to username "${existing.username ?? ""}" with groups [${(existing.groups ?? []).join(", ")}], not "${plan.username}"; it was left unchanged`,
        `Remove or fix that entry in kube-system/aws-auth, or set \`username\` to "${awsAuth.existing.username ?? ""}" so the RoleBinding names the user it maps to.`
      );
    }
  }
  if (accessEntryRequests && options.eks && accessEntry) {
    if (!dryRun) {
      accessEntry = await grantAccessEntry({
        eks: options.eks,
        requests: accessEntryRequests,
        ...recorder ? { recorder } : {}
      });
    }
  }
  return {
    plan,
    dryRun,
    objects,
    ...awsAuth ? { awsAuth } : {},
    ...accessEntry ? { accessEntry } : {}
  };
}

// packages/core/src/access/preflight.ts
var import_client_eks2 = __toESM(require_dist_cjs(), 1);
function endpointFinding(cluster) {
  return {
    check: "endpoint",
    status: cluster.endpointPublicAccess === false ? "problem" : cluster.endpointPublicAccess ? "ok" : "unknown",
    cluster: cluster.name,
    endpoint: cluster.endpoint,
    publicAccess: cluster.endpointPublicAccess
  };
}
function findMappingProblems(awsAuth, plan) {
  const mapped = findRoleMapping(awsAuth, plan.role);
  const withPath = plan.role.arn.toLowerCase();
  const mappedWithPath = plan.role.path !== "/" ? awsAuth.mapRoles.findLast((e) => e.rolearn.toLowerCase() === withPath) : void 0;
  return { ...mapped ? { mapped } : {}, ...mappedWithPath ? { mappedWithPath } : {} };
}
async function awsAuthIdentity(kube, plan) {
  let data;
  try {
    const cm = await kube.makeApiClient(ObjectCoreV1Api).readNamespacedConfigMap({ name: AWS_AUTH_NAME, namespace: AWS_AUTH_NAMESPACE });
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
          found: { kind: "unreadable", httpStatus: status }
        }
      };
    }
  }
  const { mapped, mappedWithPath } = findMappingProblems(parseAwsAuth(data), plan);
  const base = { check: "identity", source: "aws-auth", role: plan.role };
  if (mapped) {
    return {
      finding: { ...base, status: "ok", found: { kind: "mapped", entry: mapped } },
      ...mapped.username ? { username: mapped.username } : {}
    };
  }
  if (mappedWithPath) {
    return {
      finding: {
        ...base,
        status: "problem",
        found: { kind: "mapped-with-path", entry: mappedWithPath }
      }
    };
  }
  return { finding: { ...base, status: "problem", found: { kind: "not-mapped" } } };
}
async function accessEntryIdentity(eks, plan) {
  const base = {
    check: "identity",
    source: "access-entry",
    role: plan.role,
    cluster: plan.clusterName
  };
  try {
    const out = await eks.send(
      new import_client_eks2.DescribeAccessEntryCommand({
        clusterName: plan.clusterName,
        principalArn: plan.role.arn
      })
    );
    const username = out.accessEntry?.username;
    return {
      finding: { ...base, status: "ok", found: { kind: "entered", username } },
      ...username ? { username } : {}
    };
  } catch (error) {
    if (error instanceof import_client_eks2.ResourceNotFoundException) {
      return { finding: { ...base, status: "problem", found: { kind: "no-entry" } } };
    }
    return {
      finding: {
        ...base,
        status: "unknown",
        found: { kind: "unreadable", errorName: error.name }
      }
    };
  }
}
async function rbacFinding(kube, namespace, username) {
  const authz = kube.makeApiClient(ObjectAuthorizationV1Api);
  const missing = [];
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
                ...subresource ? { subresource } : {}
              }
            }
          }
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
    missing
  };
}
async function preflightAccess(options) {
  const { cluster, plan, kube } = options;
  const findings = [endpointFinding(cluster)];
  findings.push({
    check: "authentication-mode",
    status: cluster.authenticationMode ? "ok" : "unknown",
    mode: cluster.authenticationMode,
    strategy: plan.strategy
  });
  const identity = plan.strategy === "access-entry" && options.eks ? await accessEntryIdentity(options.eks, plan) : await awsAuthIdentity(kube, plan);
  findings.push(identity.finding);
  try {
    await kube.makeApiClient(ObjectCoreV1Api).readNamespace({ name: plan.namespace });
    findings.push({ check: "namespace", status: "ok", namespace: plan.namespace, found: "exists" });
  } catch (error) {
    const missing = kubeStatusOf(error) === 404;
    findings.push({
      check: "namespace",
      status: missing ? "problem" : "unknown",
      namespace: plan.namespace,
      found: missing ? "missing" : "unreadable"
    });
  }
  findings.push(await rbacFinding(kube, plan.namespace, identity.username ?? plan.username));
  return { ok: findings.every((f) => f.status !== "problem"), findings };
}

// packages/core/src/access/receipt.ts
function createReceiptRecorder(start, write) {
  let receipt = { version: 1, ...start, entries: [] };
  const save = async (next) => {
    receipt = next;
    await write(receipt);
  };
  return {
    async intend(change) {
      const id = (receipt.entries.at(-1)?.id ?? 0) + 1;
      await save({ ...receipt, entries: [...receipt.entries, { id, state: "intended", change }] });
      return id;
    },
    async done(id) {
      await save({
        ...receipt,
        entries: receipt.entries.map((e) => e.id === id ? { ...e, state: "done" } : e)
      });
    },
    async abandon(id) {
      await save({ ...receipt, entries: receipt.entries.filter((e) => e.id !== id) });
    },
    current: () => receipt
  };
}

// packages/core/src/report/advice.ts
var DOUBLE_SIGNIFICANT_DIGITS = 15;
function adviseOn(input) {
  const { report } = input;
  const failures = [];
  if (report.error) failures.push({ error: report.error, cause: report.cause });
  for (const visit of report.path) {
    if (visit.error) failures.push({ error: visit.error, cause: visit.cause });
  }
  const advice = /* @__PURE__ */ new Map();
  const add = (item) => {
    if (!advice.has(item.code)) advice.set(item.code, item);
  };
  for (const failure of failures) {
    for (const item of adviceForError(failure, input.roleArn)) add(item);
  }
  if (report.status === "TIMED_OUT") add(timeoutAdvice());
  const conditions = report.jobs.flatMap((job) => [...job.conditions]);
  for (const failure of failures) conditions.push(...jobConditionsInCause(failure.cause));
  for (const condition of conditions) {
    if (condition.type !== "Failed" || condition.status !== "True") continue;
    if (condition.reason === "BackoffLimitExceeded") {
      add({
        code: "job-backoff-limit-exceeded",
        title: "The Job failed: its pods failed more times than backoffLimit allows",
        fix: "Read the failing pod's exit code, reason and log in this report. Raise spec.backoffLimit (default 6) only for failures that a retry can fix."
      });
    }
    if (condition.reason === "DeadlineExceeded") {
      add({
        code: "job-deadline-exceeded",
        title: "The Job ran longer than its activeDeadlineSeconds and was stopped",
        fix: "Raise spec.activeDeadlineSeconds, or make the work shorter; pods still running at the deadline were killed."
      });
    }
  }
  for (const job of report.jobs) {
    for (const pod of job.pods) {
      for (const container of pod.containers) {
        if (container.reason === "ImagePullBackOff" || container.reason === "ErrImagePull") {
          add({
            code: "image-pull-failed",
            title: `Pod ${pod.name} cannot pull the image of container ${container.name} (${container.reason})`,
            fix: `Check the image name and tag${container.message ? ` (${container.message})` : ""}, that the nodes can reach the registry, and imagePullSecrets for a private one. An untagged or :latest image is pulled every time (imagePullPolicy Always).`
          });
        }
      }
      if (pod.reason === "Unschedulable") {
        add({
          code: "pod-unschedulable",
          title: `No node can run pod ${pod.name} (Unschedulable)`,
          fix: "Lower the pod's resource requests, check nodeSelector, affinity and tolerations against the nodes' labels and taints, or add nodes to the node group."
        });
      }
    }
  }
  if (lostDigits(input)) {
    add({
      code: "log-lost-digits",
      title: "A container log was a number longer than a double holds: parsed as JSON, it lost digits",
      fix: 'Step Functions parses each log as JSON unless LogOptions.RawLogs is true: set "RawLogs": true to keep the log as text with every digit.'
    });
  }
  return [...advice.values()];
}
function adviceForError(failure, roleArn) {
  const { error } = failure;
  const message = kubernetesMessage(failure.cause);
  switch (error) {
    case "EKS.401": {
      const withoutPath = roleWithoutPath(roleArn);
      return [
        {
          code: "EKS.401",
          title: "The cluster did not accept the state machine's role (401 Unauthorized)",
          fix: withoutPath === void 0 ? "Map the state machine's role in the cluster: an access entry, or a mapRoles entry in kube-system/aws-auth (eks-sfn grant does either), then bind it with RBAC." : `The role has a path: aws-auth must name it without the path, as ${withoutPath} (access entries take the full ARN). Map it with eks-sfn grant, then bind it with RBAC.`
        }
      ];
    }
    case "EKS.403": {
      const refused2 = forbidden(message);
      return [
        {
          code: "EKS.403",
          title: refused2 ? `RBAC does not let ${refused2.user} ${refused2.verb} ${refused2.resource}${refused2.namespace ? ` in namespace ${refused2.namespace}` : ""} (403 Forbidden)` : "Kubernetes RBAC refused the state machine's role (403 Forbidden)",
          fix: refused2 ? `Bind a Role that allows "${refused2.verb}" on ${refused2.group ? `${refused2.group}/` : ""}${refused2.resource}${refused2.namespace ? ` in ${refused2.namespace}` : ""} to ${refused2.user}: eks-sfn grant creates the job runner's Role and RoleBinding.` : "Bind the job runner's Role (jobs, pods, pods/log) to the role's Kubernetes user in the Job's namespace: eks-sfn grant creates it."
        }
      ];
    }
    case "EKS.404":
      return [
        {
          code: "EKS.404",
          title: `Kubernetes found no such object${message ? `: ${message}` : ""} (404 Not Found)`,
          fix: "Check that the namespace exists and the names in the definition; a Job deleted early (ttlSecondsAfterFinished, another cleanup) cannot be read afterwards."
        }
      ];
    case "EKS.409":
      return [
        {
          code: "EKS.409",
          title: `A Job of that name already exists${message ? `: ${message}` : ""} (409 Conflict)`,
          fix: 'Step Functions does not delete finished Jobs: use metadata.generateName instead of metadata.name, or set the delete-job policy to "always".'
        }
      ];
    case "States.DataLimitExceeded":
      return [
        {
          code: "States.DataLimitExceeded",
          title: "A state's input or result passed the 256 KiB limit, most likely the Job's logs",
          fix: "Cap the logs: set log-tail-lines (LogOptions.LogParameters tailLines) or limitBytes, or turn RetrieveLogs off and read the logs from the cluster."
        }
      ];
    case "States.Timeout":
      return [timeoutAdvice()];
    default:
      return [];
  }
}
function timeoutAdvice() {
  return {
    code: "States.Timeout",
    title: "The execution or a state ran past its TimeoutSeconds",
    fix: "Raise the timeout (the definition's TimeoutSeconds, or the run's timeout), or the Job's activeDeadlineSeconds if the Job itself is slow; .sync checks the Job only every 1 to 5 minutes, so allow for that."
  };
}
function roleWithoutPath(roleArn) {
  if (!roleArn) return void 0;
  try {
    const parsed = parseRoleArn("role-arn", roleArn);
    return parsed.path === "/" ? void 0 : parsed.arnWithoutPath;
  } catch {
    return void 0;
  }
}
function kubernetesMessage(cause) {
  if (!cause) return void 0;
  const parsed = parseJson(cause);
  const body = typeof parsed?.ResponseBody === "string" ? parseJson(parsed.ResponseBody) : parsed?.ResponseBody;
  const message = body?.message;
  return typeof message === "string" ? message : cause;
}
var FORBIDDEN = /User "(?<user>[^"]+)" cannot (?<verb>\w+) resource "(?<resource>[^"]+)" in API group "(?<group>[^"]*)"(?: in the namespace "(?<namespace>[^"]+)")?/;
function forbidden(message) {
  const groups = message ? FORBIDDEN.exec(message)?.groups : void 0;
  if (!groups) return void 0;
  return {
    user: groups.user ?? "",
    verb: groups.verb ?? "",
    resource: groups.resource ?? "",
    group: groups.group ?? "",
    namespace: groups.namespace
  };
}
function jobConditionsInCause(cause) {
  const parsed = cause ? parseJson(cause) : void 0;
  const conditions = parsed?.status?.conditions;
  if (!Array.isArray(conditions)) return [];
  return conditions.filter(
    (c) => typeof c === "object" && c !== null && typeof c.type === "string" && typeof c.status === "string"
  );
}
function lostDigits(input) {
  const numbers = input.outputText ? numberLiterals(input.outputText) : [];
  if (numbers.some((literal) => significantDigits(literal) > 17)) return true;
  const outputNumbers = /* @__PURE__ */ new Set();
  collectNumbers(input.report.output, outputNumbers);
  for (const job of input.report.jobs) {
    for (const pod of job.pods) {
      for (const container of pod.containers) {
        const text = container.log?.trim();
        if (!text || container.logTruncated || !isJsonNumber(text)) continue;
        if (significantDigits(text) <= DOUBLE_SIGNIFICANT_DIGITS) continue;
        if (outputNumbers.has(Number(text))) return true;
      }
    }
  }
  return false;
}
var JSON_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;
function isJsonNumber(text) {
  return JSON_NUMBER.test(text);
}
function numberLiterals(text) {
  const found = [];
  for (const match of text.matchAll(/"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/g)) {
    if (!match[0].startsWith('"')) found.push(match[0]);
  }
  return found;
}
function significantDigits(literal) {
  const mantissa = literal.replace(/^-/, "").replace(/[eE].*$/, "");
  const digits = mantissa.replace(".", "").replace(/^0+/, "");
  return (mantissa.includes(".") ? digits : digits.replace(/0+$/, "")).length;
}
function collectNumbers(value, into) {
  if (typeof value === "number") into.add(value);
  else if (Array.isArray(value)) for (const item of value) collectNumbers(item, into);
  else if (typeof value === "object" && value !== null) {
    for (const item of Object.values(value)) collectNumbers(item, into);
  }
}
function parseJson(text) {
  try {
    return JSON.parse(text);
  } catch {
    return void 0;
  }
}

// packages/core/src/report/build-report.ts
var DEFAULT_LOG_CAP_BYTES = 64 * 1024;
function buildExecutionReport(input) {
  const path = buildPath(input.events);
  const jobs = buildJobs(input);
  const { outcome } = input;
  const report = {
    engine: input.engine,
    executionId: input.executionId,
    executionName: input.executionName,
    stateMachineArn: input.stateMachineArn,
    status: outcome.status,
    startedAt: outcome.startedAt.toISOString(),
    stoppedAt: outcome.stoppedAt?.toISOString(),
    durationMs: outcome.stoppedAt === void 0 ? void 0 : outcome.stoppedAt.getTime() - outcome.startedAt.getTime(),
    error: outcome.error,
    cause: outcome.cause,
    path,
    jobs,
    advice: [],
    output: outcome.output
  };
  return {
    ...report,
    advice: adviseOn({
      report,
      outputText: input.outputText ?? outcome.outputText,
      roleArn: input.roleArn
    })
  };
}
function buildPath(events) {
  const visits = [];
  const latest = (state) => visits.findLast((visit) => visit.state === state && visit.exitedAt === void 0) ?? visits.findLast((visit) => visit.state === state);
  for (const event of events) {
    switch (event.type) {
      case "state-entered":
        visits.push({
          state: event.state,
          enteredAt: event.at.toISOString(),
          status: "running",
          retries: 0
        });
        break;
      case "state-exited": {
        const visit = latest(event.state);
        if (!visit) break;
        visit.exitedAt = event.at.toISOString();
        visit.durationMs = event.at.getTime() - Date.parse(visit.enteredAt);
        if (visit.status === "running") visit.status = "succeeded";
        break;
      }
      case "state-failed": {
        const visit = latest(event.state);
        if (!visit) break;
        visit.status = "failed";
        visit.error = event.error;
        visit.cause = event.cause;
        break;
      }
      case "state-retried": {
        const visit = latest(event.state);
        if (!visit) break;
        visit.retries += 1;
        visit.status = "running";
        break;
      }
      case "state-caught": {
        const visit = latest(event.state);
        if (!visit) break;
        visit.status = "caught";
        visit.error = event.error;
        visit.cause = event.cause;
        break;
      }
      default:
        break;
    }
  }
  return visits;
}
function buildJobs(input) {
  const cap = input.logCapBytes ?? DEFAULT_LOG_CAP_BYTES;
  const reports = (input.jobs ?? []).map((snapshot) => jobReport(snapshot, cap));
  const seen = new Set(reports.map((job) => `${job.namespace}/${job.name}`));
  const fromEvents = /* @__PURE__ */ new Map();
  for (const event of input.events) {
    if (event.type !== "job") continue;
    const key = `${event.namespace}/${event.job}`;
    if (seen.has(key)) continue;
    const outcome = event.phase === "complete" ? "complete" : event.phase === "failed" ? "failed" : "running";
    const conditions = event.phase === "failed" || event.phase === "complete" ? [
      {
        type: event.phase === "failed" ? "Failed" : "Complete",
        status: "True",
        reason: event.reason
      }
    ] : [];
    if (event.phase === "deleted" && fromEvents.has(key)) continue;
    fromEvents.set(key, {
      namespace: event.namespace,
      name: event.job,
      outcome,
      conditions,
      pods: []
    });
  }
  return [...reports, ...fromEvents.values()];
}
function jobReport(snapshot, logCapBytes = DEFAULT_LOG_CAP_BYTES) {
  const { job } = snapshot;
  const conditions = (job.status?.conditions ?? []).map((condition) => ({
    type: condition.type,
    status: condition.status,
    reason: condition.reason,
    message: condition.message
  }));
  const isTrue = (type) => conditions.some((condition) => condition.type === type && condition.status === "True");
  const outcome = isTrue("Complete") ? "complete" : isTrue("Failed") ? "failed" : (job.status?.active ?? 0) > 0 || job.status?.startTime ? "running" : "unknown";
  const pods = [...snapshot.pods].sort((a, b) => (a.metadata?.name ?? "").localeCompare(b.metadata?.name ?? "")).map((pod) => podReport(pod, snapshot.logs?.[pod.metadata?.name ?? ""], logCapBytes));
  return {
    namespace: job.metadata?.namespace ?? "default",
    name: job.metadata?.name ?? "",
    outcome,
    conditions,
    pods
  };
}
function podReport(pod, logs, logCapBytes) {
  const unschedulable = pod.status?.conditions?.find(
    (condition) => condition.type === "PodScheduled" && condition.status === "False"
  );
  const statuses = [
    ...pod.status?.initContainerStatuses ?? [],
    ...pod.status?.containerStatuses ?? []
  ];
  const names = [
    ...(pod.spec?.initContainers ?? []).map((c) => c.name),
    ...(pod.spec?.containers ?? []).map((c) => c.name)
  ];
  for (const status of statuses) if (!names.includes(status.name)) names.push(status.name);
  for (const name of Object.keys(logs ?? {})) if (!names.includes(name)) names.push(name);
  const containers = names.map((name) => {
    const status = statuses.find((s) => s.name === name);
    const state = status?.state;
    const log = logs?.[name];
    const base = state?.terminated ? {
      name,
      state: "terminated",
      exitCode: state.terminated.exitCode,
      reason: state.terminated.reason,
      message: state.terminated.message
    } : state?.waiting ? { name, state: "waiting", reason: state.waiting.reason, message: state.waiting.message } : state?.running ? { name, state: "running" } : { name };
    if (log === void 0) return base;
    if ("error" in log) return { ...base, logError: log.error };
    const capped = capTail(log.text, logCapBytes);
    return { ...base, log: capped.text, logTruncated: capped.truncated };
  });
  return {
    name: pod.metadata?.name ?? "",
    phase: pod.status?.phase ?? "Unknown",
    reason: pod.status?.reason ?? unschedulable?.reason,
    containers
  };
}
function capTail(text, maxBytes) {
  const bytes = Buffer.from(text, "utf8");
  if (bytes.length <= maxBytes) return { text, truncated: false };
  let start = bytes.length - Math.max(0, maxBytes);
  while (start < bytes.length && ((bytes[start] ?? 0) & 192) === 128) start += 1;
  return { text: bytes.subarray(start).toString("utf8"), truncated: true };
}

// packages/core/src/run/clean-up.ts
var import_client_eks3 = __toESM(require_dist_cjs(), 1);
var import_client_sfn = __toESM(require_dist_cjs2(), 1);

// packages/core/src/access/revoke.ts
async function revokeGrant(options) {
  const { receipt } = options;
  const core = options.kube.makeApiClient(ObjectCoreV1Api);
  const rbac = options.kube.makeApiClient(ObjectRbacAuthorizationV1Api);
  const createdConfigMap = receipt.entries.some(
    (e) => e.change.kind === "aws-auth-configmap-created"
  );
  const steps = [];
  for (const { change } of [...receipt.entries].reverse()) {
    switch (change.kind) {
      case "aws-auth-mapping-added": {
        const outcome = await revokeAwsAuthMapping({
          core,
          entry: change.entry,
          emptyBefore: change.emptyBefore,
          deleteIfCreatedEmpty: createdConfigMap,
          retry: options.retry
        });
        steps.push({ kind: "aws-auth-mapping", entry: change.entry, outcome });
        break;
      }
      case "aws-auth-configmap-created":
        break;
      case "kube-object-created":
      case "kube-object-replaced": {
        const outcome = await undoRbacObject({
          rbac,
          object: change.object,
          ...change.kind === "kube-object-replaced" ? { previous: change.previous } : {}
        });
        steps.push({ kind: "kube-object", object: change.object, outcome });
        break;
      }
      case "access-policy-associated":
      case "access-entry-created": {
        if (!options.eks)
          throw new Error("revokeGrant: this receipt has access entries; pass an EKS client");
        if (change.kind === "access-entry-created") {
          const outcome = await deleteAccessEntry({
            eks: options.eks,
            clusterName: change.clusterName,
            principalArn: change.principalArn
          });
          steps.push({ kind: "access-entry", principalArn: change.principalArn, outcome });
        } else {
          const outcome = await disassociateAccessPolicy({
            eks: options.eks,
            clusterName: change.clusterName,
            principalArn: change.principalArn,
            policyArn: change.policyArn
          });
          steps.push({
            kind: "access-policy",
            principalArn: change.principalArn,
            policyArn: change.policyArn,
            outcome
          });
        }
        break;
      }
    }
  }
  return { steps };
}

// packages/core/src/run/clean-up.ts
var RUN_ID_LABEL = "eks-sfn.io/run-id";
var NODEGROUP_DELETE_WAIT_S = 20 * 60;
async function cleanUp(ledger, clients) {
  const steps = [];
  const attempt = async (what, step) => {
    try {
      steps.push({ what, ...await step() });
    } catch (error) {
      steps.push({ what, outcome: "failed", detail: error.message.split("\n")[0] });
    }
  };
  const { execution } = ledger;
  if (execution !== void 0) {
    await attempt(`execution ${execution.id}`, () => stopExecution(execution, clients));
  }
  const { kube } = clients;
  const batch = kube?.makeApiClient(ObjectBatchV1Api);
  for (const job of ledger.jobs) {
    await attempt(`Job ${job.namespace}/${job.name}`, async () => {
      if (!kube) return { outcome: "skipped", detail: "no Kubernetes client" };
      return await deleteJob({ kube, job }) ? { outcome: "done" } : { outcome: "already-gone" };
    });
  }
  if (kube !== void 0 && batch !== void 0) {
    for (const namespace of new Set(ledger.jobs.map((j) => j.namespace))) {
      await attempt(`Jobs labelled ${RUN_ID_LABEL}=${ledger.runId} in ${namespace}`, async () => {
        const list = await batch.listNamespacedJob({
          namespace,
          labelSelector: `${RUN_ID_LABEL}=${ledger.runId}`
        });
        const left = list.items.filter(
          (j) => j.metadata?.deletionTimestamp === void 0 && !ledger.jobs.some((k) => k.namespace === namespace && k.name === j.metadata?.name)
        );
        for (const j of left) {
          await deleteJob({
            kube,
            job: { namespace, name: j.metadata?.name ?? "" }
          });
        }
        return left.length === 0 ? { outcome: "already-gone" } : { outcome: "done", detail: left.map((j) => j.metadata?.name).join(", ") };
      });
    }
  }
  const { grant } = ledger;
  if (grant !== void 0) {
    await attempt(`grant for ${grant.roleArn} in ${grant.namespace}`, async () => {
      if (!kube) return { outcome: "skipped", detail: "no Kubernetes client" };
      const revoke = await revokeGrant({
        receipt: grant,
        kube,
        ...clients.eks ? { eks: clients.eks } : {}
      });
      return { outcome: "done", revoke };
    });
  }
  const cluster = ledger.temporaryCluster;
  if (cluster !== void 0) {
    const { eks } = clients;
    if (cluster.nodegroup !== void 0) {
      const nodegroup = cluster.nodegroup;
      await attempt(`node group ${cluster.name}/${nodegroup}`, async () => {
        if (!eks) return { outcome: "skipped", detail: "no EKS client" };
        return deleteNodegroup(eks, cluster.name, nodegroup, clients.nodegroupWaitS);
      });
    }
    await attempt(`cluster ${cluster.name}`, async () => {
      if (!eks) return { outcome: "skipped", detail: "no EKS client" };
      return gone(() => eks.send(new import_client_eks3.DeleteClusterCommand({ name: cluster.name })));
    });
  }
  return { steps, ok: steps.every((s) => s.outcome === "done" || s.outcome === "already-gone") };
}
async function stopExecution(execution, clients) {
  const cause = "Cancelled by eks-sfn cleanup.";
  if (clients.execution !== void 0 && clients.execution.id === execution.id) {
    await clients.execution.stop({ error: CANCELLED_ERROR, cause });
    return { outcome: "done" };
  }
  if (execution.engine === "local") {
    return { outcome: "already-gone", detail: "a local execution ends with its process" };
  }
  const { sfn } = clients;
  if (!sfn) return { outcome: "skipped", detail: "no Step Functions client" };
  try {
    const described = await sfn.send(new import_client_sfn.DescribeExecutionCommand({ executionArn: execution.id }));
    if (described.status !== "RUNNING") {
      return { outcome: "already-gone", detail: `it ended ${described.status}` };
    }
    await sfn.send(
      new import_client_sfn.StopExecutionCommand({ executionArn: execution.id, error: CANCELLED_ERROR, cause })
    );
    return { outcome: "done" };
  } catch (error) {
    if (error instanceof import_client_sfn.ExecutionDoesNotExist) return { outcome: "already-gone" };
    throw error;
  }
}
async function deleteNodegroup(eks, clusterName, nodegroupName, waitS) {
  const result = await gone(
    () => eks.send(new import_client_eks3.DeleteNodegroupCommand({ clusterName, nodegroupName }))
  );
  await (0, import_client_eks3.waitUntilNodegroupDeleted)(
    { client: eks, maxWaitTime: waitS ?? NODEGROUP_DELETE_WAIT_S, minDelay: 1, maxDelay: 30 },
    { clusterName, nodegroupName }
  );
  return result;
}
async function gone(request) {
  try {
    await request();
    return { outcome: "done" };
  } catch (error) {
    if (error instanceof import_client_eks3.ResourceNotFoundException) return { outcome: "already-gone" };
    throw error;
  }
}

// packages/core/src/workflow/definition/bring-your-own.ts
function renderExecutionInput(cluster, extra = {}, inputName = "input") {
  if (typeof extra !== "object" || extra === null || Array.isArray(extra)) {
    throw new UserInputError(
      inputName,
      "is not a JSON object",
      'Give the extra execution input as an object, such as {"date": "2026-11-30"}.'
    );
  }
  if (Object.hasOwn(extra, "cluster")) {
    throw new UserInputError(
      inputName,
      'has a "cluster" field, which the run fills with the target cluster',
      "Rename your field."
    );
  }
  return { ...extra, cluster: { ...cluster } };
}

// packages/core/src/workflow/definition/job-run-plan.ts
var TASK_RESULT_LIMIT_BYTES = 256 * 1024;
var DEFAULT_LOG_BUDGET_BYTES = 32 * 1024;
var DEFAULT_TAIL_LINES = 200;
var MIN_LIMIT_BYTES = 1024;
function maxJobPods(job) {
  const spec = job.spec;
  const completions = positive(spec.completions) ?? positive(spec.parallelism) ?? 1;
  const backoffLimit = typeof spec.backoffLimit === "number" ? spec.backoffLimit : 6;
  return completions + Math.max(0, backoffLimit);
}
function defaultLogPlan(job) {
  const podSpec = job.spec.template.spec;
  const containers = podSpec.containers.length + (Array.isArray(podSpec.initContainers) ? podSpec.initContainers.length : 0);
  const share = Math.floor(DEFAULT_LOG_BUDGET_BYTES / (maxJobPods(job) * containers));
  return {
    retrieve: true,
    raw: false,
    tailLines: DEFAULT_TAIL_LINES,
    limitBytes: Math.max(MIN_LIMIT_BYTES, share)
  };
}
function positive(value) {
  return typeof value === "number" && Number.isInteger(value) && value > 0 ? value : void 0;
}

// packages/core/src/workflow/definition/job-states.ts
var RUN_JOB_SYNC = "arn:aws:states:::eks:runJob.sync";
var RUN_JOB = "arn:aws:states:::eks:runJob";
var EKS_CALL = "arn:aws:states:::eks:call";
var CLUSTER_PARAMETERS = {
  "ClusterName.$": "$.cluster.name",
  "CertificateAuthority.$": "$.cluster.ca",
  "Endpoint.$": "$.cluster.endpoint"
};
var JOB_NAME_IN_RESULT = "$.metadata.name";
var JOB_JSON_CAUSE_PATTERN = '{"apiVersion":"batch/v1"*';
function logParameters(logs) {
  return { tailLines: [String(logs.tailLines)], limitBytes: [String(logs.limitBytes)] };
}
function jobParameters(source) {
  return source.kind === "plan" ? { Namespace: source.namespace, Job: source.job } : { "Namespace.$": source.namespacePath, "Job.$": source.jobPath };
}
function namespaceArgument(source) {
  return source.kind === "plan" ? `'${source.namespace}'` : source.namespacePath;
}
function jobPathParameters(source, name) {
  if ("known" in name && source.kind === "plan") {
    return { Path: `/apis/batch/v1/namespaces/${source.namespace}/jobs/${name.known}` };
  }
  const nameArgument = "known" in name ? `'${name.known}'` : name.path;
  return {
    "Path.$": `States.Format('/apis/batch/v1/namespaces/{}/jobs/{}', ${namespaceArgument(source)}, ${nameArgument})`
  };
}
function jobName(source, path) {
  const known = source.kind === "plan" ? source.job.metadata.name : void 0;
  return known === void 0 ? { path } : { known };
}
var CATCH_ALL = ["States.ALL"];
function deleteJobState(source, name, next, onError) {
  return {
    Type: "Task",
    Resource: EKS_CALL,
    Parameters: {
      ...CLUSTER_PARAMETERS,
      Method: "DELETE",
      ...jobPathParameters(source, name),
      QueryParameters: { propagationPolicy: ["Foreground"] }
    },
    ResultPath: null,
    Retry: [
      {
        ErrorEquals: ["EKS.429", "EKS.500", "EKS.502", "EKS.503", "EKS.504"],
        IntervalSeconds: 2,
        MaxAttempts: 3,
        BackoffRate: 2
      }
    ],
    Catch: [
      { ErrorEquals: ["EKS.404"], Next: next, ResultPath: null },
      { ErrorEquals: CATCH_ALL, Next: onError.next, ResultPath: onError.resultPath }
    ],
    Next: next
  };
}
function failurePath(options, entry, nameFromCreate) {
  const { source, deleteJob: deleteJob2, failed } = options;
  if (deleteJob2 !== "always") {
    return { [entry]: { Type: "Pass", Next: failed } };
  }
  const onError = { next: failed, resultPath: "$.deleteError" };
  if (source.kind === "plan" && source.job.metadata.name !== void 0) {
    return {
      [entry]: deleteJobState(source, { known: source.job.metadata.name }, failed, onError)
    };
  }
  if (nameFromCreate !== void 0) {
    return { [entry]: deleteJobState(source, { path: nameFromCreate }, failed, onError) };
  }
  return {
    [entry]: {
      Type: "Choice",
      Comment: "Only a Job that ended Failed comes back as JSON in the Cause.",
      Choices: [
        {
          And: [
            { Variable: "$.error.Cause", IsPresent: true },
            { Variable: "$.error.Cause", StringMatches: JOB_JSON_CAUSE_PATTERN }
          ],
          Next: "Read failed job"
        }
      ],
      Default: failed
    },
    "Read failed job": {
      Type: "Pass",
      Parameters: { "job.$": "States.StringToJson($.error.Cause)" },
      ResultPath: "$.failedJob",
      Next: "Delete failed job"
    },
    "Delete failed job": deleteJobState(
      source,
      { path: "$.failedJob.job.metadata.name" },
      failed,
      onError
    )
  };
}
function syncJobStates(options) {
  const { source, deleteJob: deleteJob2, succeeded, failed } = options;
  const logs = source.logs;
  const deleteOnSuccess = deleteJob2 !== "never";
  const states = {
    "Run job": {
      Type: "Task",
      Resource: RUN_JOB_SYNC,
      Parameters: {
        ...CLUSTER_PARAMETERS,
        ...jobParameters(source),
        LogOptions: {
          RetrieveLogs: logs.retrieve,
          RawLogs: logs.raw,
          ...source.kind === "plan" ? { LogParameters: logParameters(logs) } : { "LogParameters.$": source.logParametersPath }
        }
      },
      ResultSelector: {
        "name.$": JOB_NAME_IN_RESULT,
        "status.$": "$.status",
        ...logs.retrieve ? { "logs.$": "$.logs" } : {}
      },
      ResultPath: "$.result",
      Catch: [{ ErrorEquals: CATCH_ALL, Next: "Job failed", ResultPath: "$.error" }],
      Next: deleteOnSuccess ? "Delete job" : succeeded
    },
    ...deleteOnSuccess ? {
      "Delete job": deleteJobState(source, jobName(source, "$.result.name"), succeeded, {
        next: failed,
        resultPath: "$.error"
      })
    } : {},
    ...failurePath(options, "Job failed", void 0)
  };
  return { startAt: "Run job", states };
}
var JOB_DEADLINE_ERROR = "EksSfn.JobDeadlineExceeded";
var JOB_FAILED_ERROR = "EksSfn.JobFailed";
function pollingJobStates(options) {
  const { source, deleteJob: deleteJob2, succeeded, failed, pollSeconds, maxPolls: maxPolls2, containers } = options;
  const logs = source.logs;
  const afterSuccess = deleteJob2 === "never" ? succeeded : "Delete job";
  const afterLogs = afterSuccess;
  const states = {
    "Create job": {
      Type: "Task",
      Resource: RUN_JOB,
      Parameters: { ...CLUSTER_PARAMETERS, ...jobParameters(source) },
      ResultSelector: { "name.$": JOB_NAME_IN_RESULT },
      ResultPath: "$.job",
      Catch: [{ ErrorEquals: CATCH_ALL, Next: failed, ResultPath: "$.error" }],
      Next: "Start polling"
    },
    "Start polling": {
      Type: "Pass",
      Result: { count: 0 },
      ResultPath: "$.polls",
      Next: "Wait for job"
    },
    "Wait for job": { Type: "Wait", Seconds: pollSeconds, Next: "Read job" },
    "Read job": {
      Type: "Task",
      Resource: EKS_CALL,
      Parameters: {
        ...CLUSTER_PARAMETERS,
        Method: "GET",
        ...jobPathParameters(source, { path: "$.job.name" })
      },
      ResultSelector: {
        "name.$": "$.ResponseBody.metadata.name",
        "status.$": "$.ResponseBody.status"
      },
      ResultPath: "$.result",
      Retry: [{ ErrorEquals: CATCH_ALL, IntervalSeconds: 2, MaxAttempts: 3, BackoffRate: 2 }],
      Catch: [{ ErrorEquals: CATCH_ALL, Next: "Job failed", ResultPath: "$.error" }],
      Next: "Read job status"
    },
    "Read job status": {
      Type: "Pass",
      Parameters: {
        "text.$": "States.JsonToString($.result.status)",
        "count.$": "States.MathAdd($.polls.count, 1)"
      },
      ResultPath: "$.polls",
      Next: "Job ended?"
    },
    "Job ended?": {
      Type: "Choice",
      Choices: [
        { Variable: "$.polls.text", StringMatches: '*"type":"Complete"*', Next: "Find pods" },
        {
          Variable: "$.polls.text",
          StringMatches: '*"type":"Failed"*',
          Next: "Job condition failed"
        },
        {
          Variable: "$.polls.count",
          NumericGreaterThanEquals: maxPolls2,
          Next: "Job deadline passed"
        }
      ],
      Default: "Wait for job"
    },
    "Job condition failed": {
      Type: "Pass",
      Parameters: { Error: JOB_FAILED_ERROR, "Cause.$": "$.polls.text" },
      ResultPath: "$.error",
      Next: "Job failed"
    },
    "Job deadline passed": {
      Type: "Pass",
      Parameters: {
        Error: JOB_DEADLINE_ERROR,
        "Cause.$": `States.Format('The Job did not end within {} polls of ${pollSeconds} s: {}', $.polls.count, $.polls.text)`
      },
      ResultPath: "$.error",
      Next: "Job failed"
    },
    "Find pods": {
      Type: "Task",
      Resource: EKS_CALL,
      Parameters: {
        ...CLUSTER_PARAMETERS,
        Method: "GET",
        "Path.$": `States.Format('/api/v1/namespaces/{}/pods', ${namespaceArgument(source)})`,
        QueryParameters: {
          "labelSelector.$": "States.Array(States.Format('batch.kubernetes.io/job-name={}', $.job.name))"
        }
      },
      ResultSelector: { "pods.$": "$.ResponseBody.items[*].metadata.name" },
      ResultPath: "$.pods",
      Catch: [{ ErrorEquals: CATCH_ALL, Next: afterLogs, ResultPath: "$.logError" }],
      Next: "Read logs"
    },
    "Read logs": {
      Type: "Map",
      ItemsPath: "$.pods.pods",
      ItemSelector: {
        "pod.$": "$$.Map.Item.Value",
        ...source.kind === "plan" ? { namespace: source.namespace } : { "namespace.$": source.namespacePath },
        ...Array.isArray(containers) ? { containers: [...containers] } : { "containers.$": containers.path },
        ...source.kind === "plan" ? { logParameters: logParameters(logs) } : { "logParameters.$": source.logParametersPath },
        "cluster.$": "$.cluster"
      },
      MaxConcurrency: 5,
      ItemProcessor: {
        StartAt: "Read pod logs",
        States: {
          "Read pod logs": {
            Type: "Map",
            ItemsPath: "$.containers",
            ItemSelector: {
              "container.$": "$$.Map.Item.Value",
              "pod.$": "$.pod",
              "namespace.$": "$.namespace",
              "logParameters.$": "$.logParameters",
              "cluster.$": "$.cluster"
            },
            MaxConcurrency: 1,
            ItemProcessor: {
              StartAt: "Read container log",
              States: {
                "Read container log": {
                  Type: "Task",
                  Resource: EKS_CALL,
                  Parameters: {
                    ...CLUSTER_PARAMETERS,
                    Method: "GET",
                    "Path.$": "States.Format('/api/v1/namespaces/{}/pods/{}/log', $.namespace, $.pod)",
                    QueryParameters: {
                      "container.$": "States.Array($.container)",
                      "tailLines.$": "$.logParameters.tailLines",
                      "limitBytes.$": "$.logParameters.limitBytes"
                    }
                  },
                  ResultSelector: { "log.$": "$.ResponseBody" },
                  ResultPath: "$.read",
                  Catch: [
                    {
                      ErrorEquals: CATCH_ALL,
                      Next: "Container log not read",
                      ResultPath: "$.read"
                    }
                  ],
                  Next: "Container log read"
                },
                "Container log read": {
                  Type: "Pass",
                  Parameters: { "name.$": "$.container", "log.$": "$.read.log" },
                  End: true
                },
                "Container log not read": {
                  Type: "Pass",
                  Parameters: {
                    "name.$": "$.container",
                    "error.$": "$.read.Error",
                    "cause.$": "$.read.Cause"
                  },
                  End: true
                }
              }
            },
            ResultPath: "$.containers",
            Next: "Pod logs read"
          },
          "Pod logs read": {
            Type: "Pass",
            Parameters: { "name.$": "$.pod", "containers.$": "$.containers" },
            End: true
          }
        }
      },
      ResultPath: "$.result.logs.pods",
      Catch: [{ ErrorEquals: CATCH_ALL, Next: afterLogs, ResultPath: "$.logError" }],
      Next: afterLogs
    },
    ...deleteJob2 === "never" ? {} : {
      "Delete job": deleteJobState(source, { path: "$.job.name" }, succeeded, {
        next: failed,
        resultPath: "$.error"
      })
    },
    ...failurePath(options, "Job failed", "$.job.name")
  };
  return { startAt: "Create job", states };
}
var RETHROWN_STATES_ERROR_PREFIX = "EksSfn.";
function failWithCaughtError(entry) {
  return {
    [entry]: {
      Type: "Choice",
      Choices: [
        {
          Variable: "$.error.Error",
          StringMatches: "States.*",
          Next: `${entry} in Step Functions`
        }
      ],
      Default: `${entry} with the error`
    },
    [`${entry} with the error`]: {
      Type: "Fail",
      ErrorPath: "$.error.Error",
      CausePath: "$.error.Cause"
    },
    [`${entry} in Step Functions`]: {
      Type: "Fail",
      ErrorPath: `States.Format('${RETHROWN_STATES_ERROR_PREFIX}{}', $.error.Error)`,
      CausePath: "$.error.Cause"
    }
  };
}

// packages/core/src/workflow/definition/run-job.ts
var FAILED_STATE = "Failed";
var SUCCEEDED_STATE = "Succeeded";
function renderRunJobDefinition(plan) {
  const run = syncJobStates({
    source: { kind: "plan", job: plan.job, namespace: plan.namespace, logs: plan.logs },
    deleteJob: plan.deleteJob,
    succeeded: SUCCEEDED_STATE,
    failed: FAILED_STATE
  });
  return {
    Comment: `Run the Job ${jobLabel(plan)} with eks:runJob.sync, delete it (${plan.deleteJob}), keep its status and logs.`,
    StartAt: run.startAt,
    States: {
      ...run.states,
      [SUCCEEDED_STATE]: { Type: "Succeed", OutputPath: "$.result" },
      ...failWithCaughtError(FAILED_STATE)
    }
  };
}
function jobLabel(plan) {
  const { name, generateName } = plan.job.metadata;
  return `${plan.namespace}/${name ?? `${generateName ?? ""}*`}`;
}

// packages/core/src/workflow/definition/run-job-polling.ts
function maxPolls(plan) {
  const active = plan.job.spec.activeDeadlineSeconds;
  const deadline = typeof active === "number" && active > 0 ? active : plan.timeoutSeconds;
  return Math.ceil(deadline / plan.pollSeconds) + (deadline === active ? 1 : 0);
}
function renderPollingRunJobDefinition(plan) {
  const run = pollingJobStates({
    source: { kind: "plan", job: plan.job, namespace: plan.namespace, logs: plan.logs },
    deleteJob: plan.deleteJob,
    succeeded: SUCCEEDED_STATE,
    failed: FAILED_STATE,
    pollSeconds: plan.pollSeconds,
    maxPolls: maxPolls(plan),
    containers: plan.job.spec.template.spec.containers.map((container) => container.name)
  });
  return {
    Comment: `Run the Job ${jobLabel(plan)} with eks:runJob, poll it every ${plan.pollSeconds} s, delete it (${plan.deleteJob}).`,
    StartAt: run.startAt,
    States: {
      ...run.states,
      [SUCCEEDED_STATE]: { Type: "Succeed", OutputPath: "$.result" },
      ...failWithCaughtError(FAILED_STATE)
    }
  };
}

// packages/core/src/run/generated-definition.ts
function generatedDefinition(options) {
  const { plan, job } = options;
  const defaults = defaultLogPlan(job);
  const jobPlan = {
    job,
    namespace: plan.namespace,
    deleteJob: plan.deletePolicy,
    logs: {
      ...defaults,
      retrieve: plan.logs.retrieve,
      tailLines: plan.logs.tailLines ?? defaults.tailLines
    }
  };
  const definition = plan.polling.kind === "sync" ? renderRunJobDefinition(jobPlan) : renderPollingRunJobDefinition({
    ...jobPlan,
    pollSeconds: plan.polling.seconds,
    timeoutSeconds: Math.ceil(plan.timeoutMs / 1e3)
  });
  return { definition, input: clusterInput(options.cluster) };
}
function clusterInput(cluster, extra = {}, inputName = "input") {
  return renderExecutionInput(
    { name: cluster.name, ca: cluster.certificateAuthorityData, endpoint: cluster.endpoint },
    extra,
    inputName
  );
}

// packages/core/src/run/stuck-pods.ts
var STUCK_WAITING_REASONS = [
  "ImagePullBackOff",
  "ErrImagePull",
  "CreateContainerConfigError",
  "InvalidImageName"
];
var DEFAULT_STUCK_GRACE_MS = 12e4;
var STUCK_POLL_MS = 2e3;
function findStuckPod(options) {
  const memory = /* @__PURE__ */ new Map();
  let stuck;
  for (const pod of options.pods) {
    const name = pod.metadata?.name ?? "";
    const problem = podProblem(pod);
    if (problem === void 0) continue;
    const earlier = options.memory.get(name);
    const since = problem.since ?? (earlier?.reason === problem.reason ? earlier.since : options.now);
    memory.set(name, { reason: problem.reason, since });
    if (stuck === void 0 && options.now.getTime() - since.getTime() >= options.graceMs) {
      stuck = { pod: name, reason: problem.reason, message: problem.message, since };
    }
  }
  return { memory, stuck };
}
function podProblem(pod) {
  const statuses = [
    ...pod.status?.initContainerStatuses ?? [],
    ...pod.status?.containerStatuses ?? []
  ];
  for (const status of statuses) {
    const reason = status.state?.waiting?.reason;
    if (reason !== void 0 && STUCK_WAITING_REASONS.includes(reason)) {
      return { reason, message: status.state?.waiting?.message };
    }
  }
  const scheduled = pod.status?.conditions?.find((c) => c.type === "PodScheduled");
  if (scheduled?.status === "False" && scheduled.reason === "Unschedulable") {
    return {
      reason: "Unschedulable",
      message: scheduled.message,
      since: scheduled.lastTransitionTime ? new Date(scheduled.lastTransitionTime) : void 0
    };
  }
  return void 0;
}
async function watchForStuckPods(options) {
  const core = options.kube.makeApiClient(ObjectCoreV1Api);
  let memory = /* @__PURE__ */ new Map();
  while (!options.signal.aborted) {
    let pods;
    try {
      pods = (await core.listNamespacedPod({
        namespace: options.namespace,
        labelSelector: `batch.kubernetes.io/job-name=${options.job}`
      })).items;
    } catch {
      return void 0;
    }
    const seen = findStuckPod({
      pods,
      now: options.clock(),
      graceMs: options.graceMs ?? DEFAULT_STUCK_GRACE_MS,
      memory
    });
    if (seen.stuck) return seen.stuck;
    memory = seen.memory;
    try {
      await options.sleep(options.pollMs ?? STUCK_POLL_MS, options.signal);
    } catch {
      return void 0;
    }
  }
  return void 0;
}

// packages/core/src/run/run-workflow.ts
var RUN_EXIT_CODES = {
  succeeded: 0,
  failed: 1,
  "timed-out": 3,
  cancelled: 130
};
var POD_STUCK_ERROR = "EksSfn.PodStuck";
async function runWorkflow(plan, deps) {
  const observer = deps.observer ?? {};
  const { ledger } = deps;
  const note = () => observer.ledger?.(ledger.current());
  let connection;
  try {
    observer.phase?.("connect");
    connection = await deps.connect();
    const { cluster } = connection;
    const jobs = plan.jobs.map((job2) => labelled(job2, plan.runId));
    const job = jobs[0];
    const chosen = plan.stateMachine.kind === "generated" && job !== void 0 ? generatedDefinition({ plan, job, cluster }) : {
      definition: plan.stateMachine.kind === "definition" ? plan.stateMachine.definition : void 0,
      input: clusterInput(cluster, plan.input ?? {}, deps.inputName)
    };
    let preflight;
    let grant;
    if (plan.role !== void 0) {
      const access = planAccess(
        {
          roleArn: plan.role.arn,
          namespace: plan.namespace,
          strategy: plan.accessStrategy,
          ...plan.username ? { username: plan.username } : {}
        },
        cluster
      );
      observer.phase?.("preflight");
      preflight = await preflightAccess({
        cluster,
        plan: access,
        kube: connection.kube,
        ...deps.eks ? { eks: deps.eks } : {}
      });
      observer.preflight?.(preflight);
      if (access.strategy !== "none") {
        observer.phase?.("grant");
        const recorder = createReceiptRecorder(
          {
            clusterName: cluster.name,
            roleArn: access.role.arn,
            namespace: access.namespace,
            strategy: access.strategy,
            startedAt: deps.clock().toISOString()
          },
          async (receipt) => {
            await ledger.recordGrant(receipt);
            note();
          }
        );
        grant = await grantJobRunner({
          plan: access,
          kube: connection.kube,
          recorder,
          ...deps.eks ? { eks: deps.eks } : {}
        });
        observer.grant?.(grant);
        await deps.settleGrant?.({ connection, roleArn: access.role.arn });
      }
    }
    observer.phase?.("start");
    const engine = await deps.engine({ connection, ledger });
    const name = executionNameFrom(plan.runId);
    for (const job2 of jobs) {
      const jobName2 = job2.metadata.name;
      if (jobName2) await ledger.recordJob({ namespace: plan.namespace, name: jobName2 });
    }
    const executionId = plan.engine === "local" ? `local:${name}` : plan.stateMachine.kind === "arn" ? executionArnOf(plan.stateMachine.arn, name) : void 0;
    if (executionId !== void 0)
      await ledger.recordExecution({ id: executionId, engine: plan.engine });
    note();
    const run = new AbortController();
    const stopWith = { error: CANCELLED_ERROR, cause: "Cancelled by the user." };
    const onCancel = () => run.abort(deps.signal.reason);
    deps.signal.addEventListener("abort", onCancel, { once: true });
    let handle;
    try {
      deps.signal.throwIfAborted();
      handle = await engine.start({
        definition: chosen.definition ?? { StartAt: "", States: {} },
        input: chosen.input,
        name,
        signal: run.signal,
        stateMachineArn: plan.stateMachine.kind === "arn" ? plan.stateMachine.arn : void 0
      });
    } catch (error) {
      deps.signal.removeEventListener("abort", onCancel);
      throw error;
    }
    if (ledger.current().execution?.id !== handle.id) {
      await ledger.recordExecution({ id: handle.id, engine: handle.engine });
      note();
    }
    observer.phase?.("watch");
    const watched = await watchRun({ plan, deps, connection, handle, run, stopWith });
    deps.signal.removeEventListener("abort", onCancel);
    observer.phase?.("report");
    const snapshots = await snapshotJobs(connection, ledger.current().jobs, plan);
    for (const snapshot of snapshots) emitLogs(observer, snapshot);
    const report = buildExecutionReport({
      engine: handle.engine,
      executionId: handle.id,
      executionName: name,
      stateMachineArn: ledger.current().stateMachine?.arn ?? (plan.stateMachine.kind === "arn" ? plan.stateMachine.arn : void 0),
      events: watched.events,
      outcome: watched.outcome,
      jobs: snapshots,
      roleArn: plan.role?.arn
    });
    const outcome = decideOutcome({
      outcome: watched.outcome,
      report,
      cancelled: deps.signal.aborted,
      timedOut: watched.timedOut
    });
    observer.phase?.("clean-up");
    const cleaned = await cleanUpAfter(plan, ledger.current(), connection, deps, outcome);
    return {
      outcome,
      exitCode: RUN_EXIT_CODES[outcome],
      cluster,
      report,
      definition: chosen.definition,
      preflight,
      grant,
      stuck: watched.stuck,
      cleanUp: cleaned
    };
  } catch (error) {
    if (connection !== void 0) {
      observer.phase?.("clean-up");
      await cleanUp(ledger.current(), { kube: connection.kube, eks: deps.eks }).catch(() => {
      });
    }
    throw error;
  }
}
async function watchRun(options) {
  const { plan, deps, connection, handle } = options;
  const observer = deps.observer ?? {};
  const events = [];
  const watchers = new AbortController();
  let stuck;
  let timedOut = false;
  const stop = (reason) => {
    handle.stop(reason).catch(() => {
    });
  };
  const timer = setTimeout(() => {
    timedOut = true;
    stop({
      error: RUN_TIMEOUT_ERROR,
      cause: `The run took longer than ${plan.timeoutMs / 1e3} s.`
    });
  }, plan.timeoutMs);
  const cancelled = () => stop(options.stopWith);
  deps.signal.addEventListener("abort", cancelled, { once: true });
  const watched = /* @__PURE__ */ new Set();
  try {
    for await (const event of handle.events()) {
      events.push(event);
      if (event.type === "job" && event.phase === "created" && !watched.has(event.job)) {
        watched.add(event.job);
        await deps.ledger.recordJob({ namespace: event.namespace, name: event.job });
        void watchForStuckPods({
          kube: connection.kube,
          namespace: event.namespace,
          job: event.job,
          signal: watchers.signal,
          graceMs: plan.stuckGraceMs,
          clock: deps.clock,
          sleep: deps.sleep
        }).then((found) => {
          if (found && stuck === void 0) {
            stuck = found;
            stop({
              error: POD_STUCK_ERROR,
              cause: `Pod ${found.pod} of Job ${event.namespace}/${event.job}: ${found.reason}${found.message ? ` (${found.message})` : ""}`
            });
          }
        });
      }
      observer.progress?.(event);
      if (event.type === "job" && (event.phase === "complete" || event.phase === "failed")) {
        handle.pollNow?.();
      }
    }
    const outcome = await handle.outcome();
    return { events, outcome, stuck, timedOut };
  } finally {
    clearTimeout(timer);
    watchers.abort();
    deps.signal.removeEventListener("abort", cancelled);
  }
}
async function snapshotJobs(connection, jobs, plan) {
  const snapshots = [];
  for (const ref of jobs) {
    let job;
    try {
      job = await readJob({ kube: connection.kube, job: ref });
    } catch {
      continue;
    }
    if (job === void 0) continue;
    const pods = await listJobPods({
      kube: connection.kube,
      job: { ...ref, uid: job.metadata.uid }
    }).catch(() => []);
    const logs = {};
    if (plan.logs.retrieve) {
      for (const pod of pods) {
        const podName = pod.metadata?.name ?? "";
        const containers = {};
        for (const container of pod.spec?.containers ?? []) {
          try {
            containers[container.name] = {
              text: await readPodLog({
                kube: connection.kube,
                namespace: ref.namespace,
                pod: podName,
                container: container.name,
                parameters: { tailLines: plan.logs.tailLines }
              })
            };
          } catch (error) {
            containers[container.name] = { error: error.message.split("\n")[0] ?? "" };
          }
        }
        logs[podName] = containers;
      }
    }
    snapshots.push({ job, pods, logs });
  }
  return snapshots;
}
function emitLogs(observer, snapshot) {
  const namespace = snapshot.job.metadata?.namespace ?? "";
  for (const [pod, containers] of Object.entries(snapshot.logs ?? {})) {
    for (const [container, log] of Object.entries(containers)) {
      if ("text" in log && log.text !== "")
        observer.log?.({ namespace, pod, container, text: log.text });
    }
  }
}
function decideOutcome(options) {
  if (options.cancelled) return "cancelled";
  if (options.timedOut || options.outcome.status === "TIMED_OUT") return "timed-out";
  if (options.outcome.status !== "SUCCEEDED") return "failed";
  return options.report.jobs.some((j) => j.outcome === "failed") ? "failed" : "succeeded";
}
async function cleanUpAfter(plan, ledger, connection, deps, outcome) {
  const deleteJobs = plan.deletePolicy === "always" || outcome === "cancelled" || plan.deletePolicy === "on-success" && outcome === "succeeded";
  return cleanUp(
    { ...ledger, execution: void 0, jobs: deleteJobs ? ledger.jobs : [] },
    { kube: connection.kube, eks: deps.eks }
  );
}
function labelled(job, runId) {
  return {
    ...job,
    metadata: { ...job.metadata, labels: { ...job.metadata.labels, [RUN_ID_LABEL]: runId } }
  };
}
function executionArnOf(stateMachineArn, name) {
  return `${stateMachineArn.replace(":stateMachine:", ":execution:")}:${name}`;
}

export {
  RUN_EXIT_CODES,
  POD_STUCK_ERROR,
  runWorkflow,
  decideOutcome,
  executionArnOf
};
