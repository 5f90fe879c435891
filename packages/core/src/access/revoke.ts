// Undoes a grant from its receipt, newest change first: exactly what that run added,
// and nothing else. Changes still marked "intended" (the run died around them) are
// undone too; whatever is already gone is fine.
import type { EKSClient } from "@aws-sdk/client-eks";
import type { RoleMapping } from "@eks-sfn/rbac";
import { CoreV1Api, type KubeConfig, RbacAuthorizationV1Api } from "@kubernetes/client-node";
import { deleteAccessEntry, disassociateAccessPolicy } from "./access-entry-grant.ts";
import {
  type AwsAuthRevokeOutcome,
  type RetryOptions,
  revokeAwsAuthMapping,
} from "./aws-auth-grant.ts";
import { undoRbacObject } from "./job-runner-rbac.ts";
import type { GrantReceipt, KubeObjectRef } from "./receipt.ts";

/** One change of the receipt undone, newest first, as data; report/render-access.ts words it. */
export type RevokeStep =
  | {
      readonly kind: "aws-auth-mapping";
      readonly entry: RoleMapping;
      readonly outcome: AwsAuthRevokeOutcome;
    }
  | {
      readonly kind: "kube-object";
      readonly object: KubeObjectRef;
      readonly outcome: "deleted" | "restored" | "absent";
    }
  | {
      readonly kind: "access-entry";
      readonly principalArn: string;
      readonly outcome: Awaited<ReturnType<typeof deleteAccessEntry>>;
    }
  | {
      readonly kind: "access-policy";
      readonly principalArn: string;
      readonly policyArn: string;
      readonly outcome: Awaited<ReturnType<typeof disassociateAccessPolicy>>;
    };

export interface RevokeReport {
  readonly steps: readonly RevokeStep[];
}

/**
 * Some changes of a receipt could not be undone (a server kept failing or refused);
 * every other change was. Revoking the same receipt again finishes the job: what is
 * already undone is found absent.
 */
export class RevokeIncompleteError extends Error {
  override readonly name = "RevokeIncompleteError";
  /** What was undone. */
  readonly report: RevokeReport;
  /** One line per change that was not undone, naming the request that failed. */
  readonly failures: readonly string[];
  constructor(report: RevokeReport, failures: readonly string[], total: number) {
    super(`could not undo ${failures.length} of ${total} changes: ${failures.join("; ")}`);
    this.report = report;
    this.failures = failures;
  }
}

/**
 * Undoes what `receipt` records, newest change first, and says what each undo found.
 * A change that cannot be undone does not stop the others: each is tried.
 *
 * @throws RevokeIncompleteError when some changes could not be undone (a server
 *   refused or kept failing, or the receipt has access entries and no EKS client was
 *   given), after every other change was.
 */
export async function revokeGrant(options: {
  receipt: GrantReceipt;
  kube: KubeConfig;
  eks?: EKSClient;
  retry?: RetryOptions;
}): Promise<RevokeReport> {
  const { receipt } = options;
  const core = options.kube.makeApiClient(CoreV1Api);
  const rbac = options.kube.makeApiClient(RbacAuthorizationV1Api);
  const createdConfigMap = receipt.entries.some(
    (e) => e.change.kind === "aws-auth-configmap-created",
  );
  const steps: RevokeStep[] = [];
  const failures: string[] = [];
  let total = 0;
  for (const { change } of [...receipt.entries].reverse()) {
    if (change.kind !== "aws-auth-configmap-created") total += 1;
    try {
      await undoChange(change);
    } catch (error) {
      failures.push(((error as Error).message ?? String(error)).split("\n")[0] ?? "");
    }
  }
  if (failures.length > 0) throw new RevokeIncompleteError({ steps }, failures, total);
  return { steps };

  async function undoChange(change: GrantReceipt["entries"][number]["change"]): Promise<void> {
    switch (change.kind) {
      case "aws-auth-mapping-added": {
        const outcome = await revokeAwsAuthMapping({
          core,
          entry: change.entry,
          emptyBefore: change.emptyBefore,
          deleteIfCreatedEmpty: createdConfigMap,
          retry: options.retry,
        });
        steps.push({ kind: "aws-auth-mapping", entry: change.entry, outcome });
        break;
      }
      case "aws-auth-configmap-created":
        // Deleted with the last mapping above, only when nothing else was put in it.
        break;
      case "kube-object-created":
      case "kube-object-replaced": {
        const outcome = await undoRbacObject({
          rbac,
          object: change.object,
          retry: options.retry,
          ...(change.kind === "kube-object-replaced" ? { previous: change.previous } : {}),
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
            principalArn: change.principalArn,
          });
          steps.push({ kind: "access-entry", principalArn: change.principalArn, outcome });
        } else {
          const outcome = await disassociateAccessPolicy({
            eks: options.eks,
            clusterName: change.clusterName,
            principalArn: change.principalArn,
            policyArn: change.policyArn,
          });
          steps.push({
            kind: "access-policy",
            principalArn: change.principalArn,
            policyArn: change.policyArn,
            outcome,
          });
        }
        break;
      }
    }
  }
}
