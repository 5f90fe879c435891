// Undoes a grant from its receipt, newest change first: exactly what that run added,
// and nothing else. Changes still marked "intended" (the run died around them) are
// undone too; whatever is already gone is fine.
import type { EKSClient } from "@aws-sdk/client-eks";
import { CoreV1Api, type KubeConfig, RbacAuthorizationV1Api } from "@kubernetes/client-node";
import { deleteAccessEntry, disassociateAccessPolicy } from "./access-entry-grant.ts";
import { type RetryOptions, revokeAwsAuthMapping } from "./aws-auth-grant.ts";
import { undoRbacObject } from "./job-runner-rbac.ts";
import type { GrantReceipt } from "./receipt.ts";

export interface RevokeReport {
  readonly lines: readonly string[];
}

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
  const lines: string[] = [];
  for (const { change } of [...receipt.entries].reverse()) {
    switch (change.kind) {
      case "aws-auth-mapping-added": {
        const result = await revokeAwsAuthMapping({
          core,
          entry: change.entry,
          deleteIfCreatedEmpty: createdConfigMap,
          ...(options.retry ? { retry: options.retry } : {}),
        });
        lines.push(
          result.removed
            ? `aws-auth: removed the mapping of ${change.entry.rolearn}${result.configMapDeleted ? " and the ConfigMap this run created" : ""}.`
            : `aws-auth: the mapping of ${change.entry.rolearn} was already gone.`,
        );
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
          ...(change.kind === "kube-object-replaced" ? { previous: change.previous } : {}),
        });
        lines.push(
          `${change.object.kind} ${change.object.namespace}/${change.object.name}: ${outcome}.`,
        );
        break;
      }
      case "access-policy-associated":
      case "access-entry-created": {
        if (!options.eks)
          throw new Error("revokeGrant: this receipt has access entries; pass an EKS client");
        const outcome =
          change.kind === "access-entry-created"
            ? await deleteAccessEntry({
                eks: options.eks,
                clusterName: change.clusterName,
                principalArn: change.principalArn,
              })
            : await disassociateAccessPolicy({
                eks: options.eks,
                clusterName: change.clusterName,
                principalArn: change.principalArn,
                policyArn: change.policyArn,
              });
        lines.push(
          `${change.kind === "access-entry-created" ? "access entry" : change.policyArn} for ${change.principalArn}: ${outcome}.`,
        );
        break;
      }
    }
  }
  return { lines };
}
