// Gives the state machine's role a Kubernetes identity through an EKS access entry.
// An entry that already exists for the principal is reused, never duplicated or
// changed; only what this run creates is recorded, and so only that is removed.
import {
  type AccessEntry,
  AssociateAccessPolicyCommand,
  CreateAccessEntryCommand,
  DeleteAccessEntryCommand,
  DescribeAccessEntryCommand,
  DisassociateAccessPolicyCommand,
  type EKSClient,
  ListAssociatedAccessPoliciesCommand,
  ResourceInUseException,
  ResourceNotFoundException,
} from "@aws-sdk/client-eks";
import type { AccessEntryRequests } from "@eks-sfn/rbac";
import { AwsRequestError } from "../aws/aws-request-error.ts";
import type { ReceiptRecorder } from "./receipt.ts";

export interface AccessEntryGrantResult {
  readonly entry: "created" | "reused";
  /** The Kubernetes username the role gets: ours, or the one a reused entry has. */
  readonly username: string | undefined;
  readonly kubernetesGroups: readonly string[];
  readonly policy: "associated" | "already-associated" | "not-requested";
}

async function describeEntry(
  eks: EKSClient,
  clusterName: string,
  principalArn: string,
): Promise<AccessEntry | undefined> {
  try {
    const out = await eks.send(new DescribeAccessEntryCommand({ clusterName, principalArn }));
    return out.accessEntry;
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return undefined;
    throw new AwsRequestError("eks:DescribeAccessEntry", error);
  }
}

export async function grantAccessEntry(options: {
  eks: EKSClient;
  requests: AccessEntryRequests;
  recorder?: ReceiptRecorder;
  dryRun?: boolean;
}): Promise<AccessEntryGrantResult> {
  const { eks, requests, recorder } = options;
  const { clusterName, principalArn } = requests.createAccessEntry;
  let existing = await describeEntry(eks, clusterName, principalArn);
  let entry: AccessEntryGrantResult["entry"] = existing ? "reused" : "created";

  if (!existing && !options.dryRun) {
    const id = await recorder?.intend({ kind: "access-entry-created", clusterName, principalArn });
    try {
      await eks.send(new CreateAccessEntryCommand(requests.createAccessEntry));
      if (id !== undefined) await recorder?.done(id);
    } catch (error) {
      if (id !== undefined) await recorder?.abandon(id);
      if (!(error instanceof ResourceInUseException)) {
        throw new AwsRequestError("eks:CreateAccessEntry", error);
      }
      entry = "reused"; // created by someone else in between
    }
    existing = await describeEntry(eks, clusterName, principalArn);
  }

  // A reused entry keeps its own username; an empty one (or EKS's default, a template
  // with {{SessionName}}) is reported as it is, for the caller to refuse.
  const username =
    entry === "reused" ? existing?.username || undefined : requests.createAccessEntry.username;
  const kubernetesGroups =
    existing?.kubernetesGroups ?? requests.createAccessEntry.kubernetesGroups ?? [];
  const associate = requests.associateAccessPolicy;
  if (!associate) return { entry, username, kubernetesGroups, policy: "not-requested" };

  if (entry === "reused") {
    const listed = await eks
      .send(new ListAssociatedAccessPoliciesCommand({ clusterName, principalArn }))
      .catch((error: unknown) => {
        throw new AwsRequestError("eks:ListAssociatedAccessPolicies", error);
      });
    const wanted = new Set(associate.accessScope.namespaces ?? []);
    const already = (listed.associatedAccessPolicies ?? []).some(
      (p) =>
        p.policyArn === associate.policyArn &&
        (p.accessScope?.type === "cluster" ||
          [...wanted].every((ns) => p.accessScope?.namespaces?.includes(ns))),
    );
    if (already) return { entry, username, kubernetesGroups, policy: "already-associated" };
  }
  if (options.dryRun) return { entry, username, kubernetesGroups, policy: "associated" };
  const id = await recorder?.intend({
    kind: "access-policy-associated",
    clusterName,
    principalArn,
    policyArn: associate.policyArn,
  });
  try {
    await eks.send(new AssociateAccessPolicyCommand(associate));
  } catch (error) {
    if (id !== undefined) await recorder?.abandon(id);
    throw new AwsRequestError("eks:AssociateAccessPolicy", error);
  }
  if (id !== undefined) await recorder?.done(id);
  return { entry, username, kubernetesGroups, policy: "associated" };
}

export async function deleteAccessEntry(options: {
  eks: EKSClient;
  clusterName: string;
  principalArn: string;
}): Promise<"deleted" | "absent"> {
  try {
    await options.eks.send(
      new DeleteAccessEntryCommand({
        clusterName: options.clusterName,
        principalArn: options.principalArn,
      }),
    );
    return "deleted";
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return "absent";
    throw new AwsRequestError("eks:DeleteAccessEntry", error);
  }
}

export async function disassociateAccessPolicy(options: {
  eks: EKSClient;
  clusterName: string;
  principalArn: string;
  policyArn: string;
}): Promise<"disassociated" | "absent"> {
  try {
    await options.eks.send(
      new DisassociateAccessPolicyCommand({
        clusterName: options.clusterName,
        principalArn: options.principalArn,
        policyArn: options.policyArn,
      }),
    );
    return "disassociated";
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return "absent";
    throw new AwsRequestError("eks:DisassociateAccessPolicy", error);
  }
}
