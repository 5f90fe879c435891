// Applies the job runner's Role and RoleBinding idempotently: create; when the object
// exists, leave it if it already says the same, or replace it and remember what it
// was, so that revoke puts it back instead of deleting someone else's object.
import type { Role, RoleBinding } from "@eks-sfn/rbac";
import type { RbacAuthorizationV1Api } from "@kubernetes/client-node";
import { KubeRequestError, kubeStatusOf } from "../kube/kube-request-error.ts";
import { isTransientKubeError, retryAfterMs, retryKube } from "../kube/kube-retry.ts";
import { type BackoffPolicy, retryWithBackoff } from "../retry/backoff.ts";
import type { RetryOptions } from "./aws-auth-grant.ts";
import type { KubeObjectRef, ReceiptRecorder } from "./receipt.ts";

export type ObjectOutcome = "created" | "unchanged" | "replaced";

export interface AppliedObject {
  readonly object: KubeObjectRef;
  readonly outcome: ObjectOutcome;
}

type RbacObject = Role | RoleBinding;

function refOf(object: RbacObject): KubeObjectRef {
  return {
    apiVersion: object.apiVersion,
    kind: object.kind,
    namespace: object.metadata.namespace,
    name: object.metadata.name,
  };
}

/** The fields that decide what an object grants, keys sorted; metadata noise is ignored. */
function meaning(object: Record<string, unknown>): string {
  const { rules, roleRef, subjects } = object as {
    rules?: unknown;
    roleRef?: unknown;
    subjects?: unknown;
  };
  return canonicalJson({ rules: rules ?? [], roleRef: roleRef ?? null, subjects: subjects ?? [] });
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

function strip(object: Record<string, unknown>): Record<string, unknown> {
  const metadata = (object.metadata ?? {}) as Record<string, unknown>;
  return {
    ...object,
    metadata: {
      name: metadata.name,
      namespace: metadata.namespace,
      ...(metadata.labels ? { labels: metadata.labels } : {}),
      ...(metadata.annotations ? { annotations: metadata.annotations } : {}),
    },
  };
}

interface Verbs {
  create(body: RbacObject): Promise<unknown>;
  read(): Promise<Record<string, unknown>>;
  replace(body: Record<string, unknown>): Promise<unknown>;
}

function verbsFor(rbac: RbacAuthorizationV1Api, object: RbacObject): Verbs {
  const { name, namespace } = object.metadata;
  if (object.kind === "Role") {
    return {
      create: (body) => rbac.createNamespacedRole({ namespace, body: body as unknown as Role }),
      read: async () =>
        (await rbac.readNamespacedRole({ namespace, name })) as unknown as Record<string, unknown>,
      replace: (body) =>
        rbac.replaceNamespacedRole({ namespace, name, body: body as unknown as Role }),
    };
  }
  return {
    create: (body) =>
      rbac.createNamespacedRoleBinding({ namespace, body: body as unknown as RoleBinding }),
    read: async () =>
      (await rbac.readNamespacedRoleBinding({ namespace, name })) as unknown as Record<
        string,
        unknown
      >,
    replace: (body) =>
      rbac.replaceNamespacedRoleBinding({ namespace, name, body: body as unknown as RoleBinding }),
  };
}

interface ApplyOptions {
  rbac: RbacAuthorizationV1Api;
  object: RbacObject;
  recorder?: ReceiptRecorder | undefined;
  dryRun?: boolean | undefined;
  retry?: RetryOptions | undefined;
}

/** Someone else wrote the object between our read and our write: read and compare again. */
class WriteConflict extends Error {
  readonly request: string;
  constructor(request: string, cause: unknown) {
    super(`${request}: 409 Conflict`, { cause });
    this.request = request;
  }
}

/** A few quick retries: a 409 here means another writer, who is done in milliseconds. */
const RBAC_CONFLICT_BACKOFF: BackoffPolicy = { maxAttempts: 10, baseMs: 50, capMs: 1_000 };

/**
 * Creates the Role or RoleBinding, leaves it when it already grants the same, or
 * replaces it (the receipt keeps what it was). A 409 (created or changed meanwhile) is
 * read again and retried with bounded full-jitter backoff (`retryWithBackoff`).
 *
 * @throws KubeRequestError naming the request when the API server refuses, or when
 *   conflicts outlast the retries.
 */
export async function applyRbacObject(options: ApplyOptions): Promise<AppliedObject> {
  try {
    return await retryWithBackoff({
      ...options.retry,
      policy: options.retry?.policy ?? RBAC_CONFLICT_BACKOFF,
      // A conflict, or a transient answer (429, 5xx, a broken connection): a write that
      // may have been applied is still in the receipt, and the next read sees it.
      retryable: (error) => error instanceof WriteConflict || isTransientKubeError(error),
      serverDelayMs: retryAfterMs,
      attempt: () => applyOnce(options),
    });
  } catch (error) {
    if (error instanceof WriteConflict) throw new KubeRequestError(error.request, error.cause);
    throw error;
  }
}

async function applyOnce(options: ApplyOptions): Promise<AppliedObject> {
  const { object, recorder } = options;
  const ref = refOf(object);
  const verbs = verbsFor(options.rbac, object);
  const label = `${object.kind} ${ref.namespace}/${ref.name}`;
  let existing: Record<string, unknown> | undefined;
  try {
    existing = await verbs.read();
  } catch (error) {
    if (kubeStatusOf(error) !== 404) throw new KubeRequestError(`GET ${label}`, error);
  }
  if (existing === undefined) {
    if (options.dryRun) return { object: ref, outcome: "created" };
    const id = await recorder?.intend({ kind: "kube-object-created", object: ref });
    try {
      await verbs.create(object);
    } catch (error) {
      const status = kubeStatusOf(error);
      if (id !== undefined && status !== undefined && status < 500) await recorder?.abandon(id);
      if (status === 409) throw new WriteConflict(`POST ${label}`, error); // created meanwhile
      throw new KubeRequestError(`POST ${label}`, error);
    }
    if (id !== undefined) await recorder?.done(id);
    return { object: ref, outcome: "created" };
  }
  if (meaning(existing) === meaning(object as unknown as Record<string, unknown>)) {
    return { object: ref, outcome: "unchanged" };
  }
  if (options.dryRun) return { object: ref, outcome: "replaced" };
  const id = await recorder?.intend({
    kind: "kube-object-replaced",
    object: ref,
    previous: strip(existing),
  });
  try {
    const metadata = existing.metadata as { resourceVersion?: string } | undefined;
    await verbs.replace({
      ...object,
      metadata: { ...object.metadata, resourceVersion: metadata?.resourceVersion },
    });
  } catch (error) {
    const status = kubeStatusOf(error);
    if (id !== undefined && status !== undefined && status < 500) await recorder?.abandon(id);
    if (status === 409) throw new WriteConflict(`PUT ${label}`, error);
    throw new KubeRequestError(`PUT ${label}`, error);
  }
  if (id !== undefined) await recorder?.done(id);
  return { object: ref, outcome: "replaced" };
}

/** Undoes one applied object: delete what was created, put back what was replaced. */
export async function undoRbacObject(options: {
  rbac: RbacAuthorizationV1Api;
  object: KubeObjectRef;
  previous?: Readonly<Record<string, unknown>>;
  /** Its sleep, random source and signal pace the retries of transient failures. */
  retry?: RetryOptions | undefined;
}): Promise<"deleted" | "restored" | "absent"> {
  const { object } = options;
  const label = `${object.kind} ${object.namespace}/${object.name}`;
  // Safe to repeat: a delete that went through finds it absent, a restore reads afresh.
  return retryKube(`${options.previous ? "PUT" : "DELETE"} ${label}`, () => undoOnce(options), {
    sleep: options.retry?.sleep,
    random: options.retry?.random,
    signal: options.retry?.signal,
  });
}

async function undoOnce(options: {
  rbac: RbacAuthorizationV1Api;
  object: KubeObjectRef;
  previous?: Readonly<Record<string, unknown>>;
}): Promise<"deleted" | "restored" | "absent"> {
  const { rbac, object } = options;
  const { namespace, name } = object;
  try {
    if (options.previous) {
      const body = options.previous as unknown as RbacObject;
      const verbs = verbsFor(rbac, { ...body, kind: object.kind } as RbacObject);
      const current = await verbs.read();
      const metadata = current.metadata as { resourceVersion?: string } | undefined;
      await verbs.replace({
        ...options.previous,
        metadata: {
          ...(options.previous.metadata as Record<string, unknown>),
          resourceVersion: metadata?.resourceVersion,
        },
      });
      return "restored";
    }
    if (object.kind === "Role") await rbac.deleteNamespacedRole({ namespace, name });
    else await rbac.deleteNamespacedRoleBinding({ namespace, name });
    return "deleted";
  } catch (error) {
    if (kubeStatusOf(error) === 404) return "absent";
    throw error;
  }
}
