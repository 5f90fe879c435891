// The janitor for temporary clusters: finds the EKS clusters this tool created (by tag)
// whose expiry has passed, and deletes their node groups and then the clusters. A run
// that was killed hard, or an execution that was stopped, leaves them behind, and Step
// Functions does not delete what earlier states created.
import {
  DeleteClusterCommand,
  DeleteNodegroupCommand,
  DescribeClusterCommand,
  type EKSClient,
  paginateListClusters,
  paginateListNodegroups,
  ResourceNotFoundException,
  waitUntilNodegroupDeleted,
} from "@aws-sdk/client-eks";
import type { Clock } from "../time/clock.ts";
import { NODEGROUP_DELETE_WAIT_S } from "./clean-up.ts";

/** Tags a temporary cluster carries (set by the definition that creates it). */
export const CREATED_BY_TAG = "eks-sfn.io/created-by";
export const CREATED_BY_VALUE = "eks-sfn";
/** ISO 8601 instant after which the cluster may be deleted. */
export const EXPIRES_AT_TAG = "eks-sfn.io/expires-at";
export const RUN_ID_TAG = "eks-sfn.io/run-id";

/** The tags a temporary cluster of run `runId` gets, expiring `ttlMs` after `now`. */
export function temporaryClusterTags(options: {
  readonly runId: string;
  readonly now: Date;
  readonly ttlMs: number;
}): Record<string, string> {
  return {
    [CREATED_BY_TAG]: CREATED_BY_VALUE,
    [RUN_ID_TAG]: options.runId,
    [EXPIRES_AT_TAG]: new Date(options.now.getTime() + options.ttlMs).toISOString(),
  };
}

export interface SweptCluster {
  readonly name: string;
  readonly expiresAt?: string | undefined;
  readonly createdAt?: string | undefined;
  readonly nodegroups: readonly string[];
  readonly outcome: "deleted" | "would-delete" | "failed";
  readonly detail?: string | undefined;
}

export interface SweepReport {
  readonly region: string;
  readonly swept: readonly SweptCluster[];
  /** Clusters this tool created that are not due yet. */
  readonly kept: readonly { readonly name: string; readonly expiresAt?: string | undefined }[];
}

/**
 * Is a cluster with these tags and creation time due for deletion? Only clusters tagged
 * as created by eks-sfn are; they are due when their expiry has passed, or, with
 * `olderThanMs`, when they were created longer ago than that. Pure.
 */
export function isExpired(options: {
  readonly tags: Readonly<Record<string, string>> | undefined;
  readonly createdAt: Date | undefined;
  readonly now: Date;
  readonly olderThanMs?: number | undefined;
}): boolean {
  const tags = options.tags ?? {};
  if (tags[CREATED_BY_TAG] !== CREATED_BY_VALUE) return false;
  const expires = tags[EXPIRES_AT_TAG] ? Date.parse(tags[EXPIRES_AT_TAG]) : Number.NaN;
  if (!Number.isNaN(expires) && expires <= options.now.getTime()) return true;
  if (options.olderThanMs !== undefined && options.createdAt !== undefined) {
    return options.now.getTime() - options.createdAt.getTime() >= options.olderThanMs;
  }
  return false;
}

/**
 * Deletes every expired temporary cluster in the EKS client's region: its node groups
 * first (waiting for each to go, as DeleteCluster refuses a cluster that has any), then
 * the cluster. With `dryRun`, only reports. One cluster's failure does not stop the rest.
 */
export async function sweepTemporaryClusters(options: {
  readonly eks: EKSClient;
  readonly region: string;
  readonly clock: Clock;
  readonly olderThanMs?: number | undefined;
  readonly dryRun?: boolean | undefined;
  readonly nodegroupWaitS?: number | undefined;
}): Promise<SweepReport> {
  const { eks } = options;
  const now = options.clock();
  const swept: SweptCluster[] = [];
  const kept: { name: string; expiresAt?: string | undefined }[] = [];
  for await (const page of paginateListClusters({ client: eks }, {})) {
    for (const name of page.clusters ?? []) {
      let cluster: Awaited<ReturnType<typeof describe>>;
      try {
        cluster = await describe(eks, name);
      } catch (error) {
        if (error instanceof ResourceNotFoundException) continue;
        throw error;
      }
      const tags = cluster?.tags;
      if (tags?.[CREATED_BY_TAG] !== CREATED_BY_VALUE) continue;
      const expiresAt = tags[EXPIRES_AT_TAG];
      if (
        !isExpired({ tags, createdAt: cluster?.createdAt, now, olderThanMs: options.olderThanMs })
      ) {
        kept.push({ name, expiresAt });
        continue;
      }
      const nodegroups: string[] = [];
      for await (const ng of paginateListNodegroups({ client: eks }, { clusterName: name })) {
        nodegroups.push(...(ng.nodegroups ?? []));
      }
      const base = { name, expiresAt, createdAt: cluster?.createdAt?.toISOString(), nodegroups };
      if (options.dryRun) {
        swept.push({ ...base, outcome: "would-delete" });
        continue;
      }
      try {
        for (const nodegroupName of nodegroups) {
          await ignoreNotFound(() =>
            eks.send(new DeleteNodegroupCommand({ clusterName: name, nodegroupName })),
          );
        }
        for (const nodegroupName of nodegroups) {
          await waitUntilNodegroupDeleted(
            {
              client: eks,
              maxWaitTime: options.nodegroupWaitS ?? NODEGROUP_DELETE_WAIT_S,
              minDelay: 1,
              maxDelay: 30,
            },
            { clusterName: name, nodegroupName },
          );
        }
        await ignoreNotFound(() => eks.send(new DeleteClusterCommand({ name })));
        swept.push({ ...base, outcome: "deleted" });
      } catch (error) {
        swept.push({ ...base, outcome: "failed", detail: (error as Error).message.split("\n")[0] });
      }
    }
  }
  return { region: options.region, swept, kept };
}

async function describe(eks: EKSClient, name: string) {
  return (await eks.send(new DescribeClusterCommand({ name }))).cluster;
}

async function ignoreNotFound(request: () => Promise<unknown>): Promise<void> {
  try {
    await request();
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
  }
}
