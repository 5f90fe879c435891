// Adds and removes the state machine role's mapping in kube-system/aws-auth with a
// read-modify-write guarded by resourceVersion: a 409 Conflict (someone else wrote in
// between) means read again and retry with backoff, so no concurrent edit is lost.
// The ConfigMap is created only when it does not exist.
import {
  AWS_AUTH_NAME,
  AWS_AUTH_NAMESPACE,
  type AwsAuthChange,
  addRoleMapping,
  type EmptyListBefore,
  findRoleMapping,
  parseAwsAuth,
  type RoleMapping,
  type RoleMappingRequest,
  removeRoleMapping,
  renderAwsAuthConfigMap,
  renderAwsAuthData,
} from "@eks-sfn/rbac";
import type { CoreV1Api, V1ConfigMap } from "@kubernetes/client-node";
import { KubeRequestError, kubeStatusOf } from "../kube/kube-request-error.ts";
import { isTransientKubeError } from "../kube/kube-retry.ts";
import { type BackoffPolicy, retryWithBackoff, type Sleep } from "../retry/backoff.ts";
import type { ReceiptRecorder } from "./receipt.ts";

export interface RetryOptions {
  readonly sleep?: Sleep;
  readonly random?: () => number;
  readonly policy?: BackoffPolicy;
  readonly signal?: AbortSignal;
}

/** Enough attempts for many writers at once; each retry waits up to 2 s. */
const CONFLICT_BACKOFF: BackoffPolicy = { maxAttempts: 30, baseMs: 50, capMs: 2_000 };

const retryable = (error: unknown): boolean =>
  kubeStatusOf(error) === 409 || isTransientKubeError(error);

/** A 4xx answer: the server did not apply the write. (A 5xx may have applied it.) */
const refused = (error: unknown): boolean => {
  const status = kubeStatusOf(error);
  return status !== undefined && status >= 400 && status < 500;
};

async function readAwsAuth(core: CoreV1Api): Promise<V1ConfigMap | undefined> {
  try {
    return await core.readNamespacedConfigMap({
      name: AWS_AUTH_NAME,
      namespace: AWS_AUTH_NAMESPACE,
    });
  } catch (error) {
    if (kubeStatusOf(error) === 404) return undefined;
    throw new KubeRequestError("GET configmaps kube-system/aws-auth", error);
  }
}

export interface AwsAuthGrantResult {
  readonly change: AwsAuthChange;
  readonly configMapCreated: boolean;
  readonly attempts: number;
}

/**
 * Maps the role in aws-auth. With `recorder`, the change is recorded before it is
 * written; with `dryRun`, nothing is written and the change says what would be.
 */
export async function grantAwsAuthMapping(options: {
  core: CoreV1Api;
  mapping: RoleMappingRequest;
  recorder?: ReceiptRecorder;
  dryRun?: boolean;
  retry?: RetryOptions;
}): Promise<AwsAuthGrantResult> {
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
      if (current === undefined) {
        const ids = recorder
          ? [
              await recorder.intend({ kind: "aws-auth-configmap-created" }),
              await recorder.intend({
                kind: "aws-auth-mapping-added",
                entry: change.entry,
                emptyBefore: change.emptyBefore,
              }),
            ]
          : [];
        try {
          await core.createNamespacedConfigMap({
            namespace: AWS_AUTH_NAMESPACE,
            body: renderAwsAuthConfigMap(data),
          });
        } catch (error) {
          if (kubeStatusOf(error) === 409) {
            // Created by someone else meanwhile: nothing of ours was written; read again.
            for (const id of ids) await recorder?.abandon(id);
            throw error;
          }
          throw new KubeRequestError("POST configmaps kube-system/aws-auth", error);
        }
        for (const id of ids) await recorder?.done(id);
        return { change, configMapCreated: true, attempts };
      }
      const id = await recorder?.intend({
        kind: "aws-auth-mapping-added",
        entry: change.entry,
        emptyBefore: change.emptyBefore,
      });
      try {
        await core.replaceNamespacedConfigMap({
          name: AWS_AUTH_NAME,
          namespace: AWS_AUTH_NAMESPACE,
          body: { ...current, data },
        });
      } catch (error) {
        // A refused write changed nothing: forget the intent, so that revoke can never
        // remove an identical entry that someone else adds meanwhile.
        if (id !== undefined && refused(error)) await recorder?.abandon(id);
        if (retryable(error)) throw error;
        throw new KubeRequestError("PUT configmaps kube-system/aws-auth", error);
      }
      if (id !== undefined) await recorder?.done(id);
      return { change, configMapCreated: false, attempts };
    },
  });
}

/**
 * What revoking one aws-auth entry did. "changed": this run's entry is no longer there,
 * but the role is still mapped by an entry someone else changed or wrote; it was left in
 * place. "removed" with `stillMappedBy`: ours is gone, and another entry for the role
 * (someone else's) is now the one EKS uses.
 */
export type AwsAuthRevokeOutcome =
  | {
      readonly kind: "removed";
      readonly configMapDeleted: boolean;
      readonly stillMappedBy?: RoleMapping | undefined;
    }
  | { readonly kind: "changed"; readonly current: RoleMapping }
  | { readonly kind: "absent" };

/**
 * Removes exactly `entry` from aws-auth (the same role, username and groups; one entry,
 * the last, when several are identical); other entries, node mappings above all, stay
 * byte for byte. With `deleteIfCreatedEmpty`, a ConfigMap this run created is deleted
 * once nothing is left in it. A 409 is read again and retried with bounded backoff.
 *
 * @throws KubeRequestError when the API server refuses the read or the write.
 */
export async function revokeAwsAuthMapping(options: {
  core: CoreV1Api;
  entry: RoleMapping;
  emptyBefore?: EmptyListBefore | undefined;
  deleteIfCreatedEmpty?: boolean | undefined;
  retry?: RetryOptions | undefined;
}): Promise<AwsAuthRevokeOutcome> {
  const { core, entry } = options;
  return retryWithBackoff({
    ...options.retry,
    policy: options.retry?.policy ?? CONFLICT_BACKOFF,
    retryable,
    attempt: async (): Promise<AwsAuthRevokeOutcome> => {
      const current = await readAwsAuth(core);
      if (current === undefined) return { kind: "absent" };
      const before = parseAwsAuth(current.data);
      const { awsAuth, removed } = removeRoleMapping(before, entry, {
        emptyBefore: options.emptyBefore,
      });
      if (!removed) {
        const mapped = findRoleMapping(before, entry.rolearn);
        return mapped ? { kind: "changed", current: mapped } : { kind: "absent" };
      }
      const stillMappedBy = findRoleMapping(awsAuth, entry.rolearn);
      const empty =
        awsAuth.mapRoles.length === 0 &&
        awsAuth.mapUsers.length === 0 &&
        awsAuth.mapAccounts.length === 0;
      try {
        if (options.deleteIfCreatedEmpty && empty) {
          await core.deleteNamespacedConfigMap({
            name: AWS_AUTH_NAME,
            namespace: AWS_AUTH_NAMESPACE,
            body: { preconditions: { resourceVersion: current.metadata?.resourceVersion ?? "" } },
          });
          return { kind: "removed", configMapDeleted: true };
        }
        await core.replaceNamespacedConfigMap({
          name: AWS_AUTH_NAME,
          namespace: AWS_AUTH_NAMESPACE,
          body: { ...current, data: renderAwsAuthData(awsAuth) },
        });
      } catch (error) {
        if (retryable(error)) throw error;
        throw new KubeRequestError("PUT configmaps kube-system/aws-auth", error);
      }
      return {
        kind: "removed",
        configMapDeleted: false,
        ...(stillMappedBy ? { stillMappedBy } : {}),
      };
    },
  });
}
