// eks:createCluster, createNodegroup, deleteNodegroup, deleteCluster (with .sync) through
// @aws-sdk/client-eks and its waiters. Parameters are the EKS API request in PascalCase
// and results come back in PascalCase, as Step Functions gives them ([SAMPLE] reads
// `$.eks.Cluster.Endpoint` and `$.eks.Cluster.CertificateAuthority.Data`).
// docs.aws.amazon.com/step-functions/latest/dg/connect-eks.html
import { readFileSync } from "node:fs";
import {
  CreateClusterCommand,
  CreateNodegroupCommand,
  DeleteClusterCommand,
  DeleteNodegroupCommand,
  DescribeClusterCommand,
  DescribeNodegroupCommand,
  type EKSClient,
  waitUntilClusterActive,
  waitUntilClusterDeleted,
  waitUntilNodegroupActive,
  waitUntilNodegroupDeleted,
} from "@aws-sdk/client-eks";
import type { KubeConfig } from "@kubernetes/client-node";
import { TaskError } from "./eks-error.ts";

export type ClusterTaskName =
  | "createCluster"
  | "createNodegroup"
  | "deleteNodegroup"
  | "deleteCluster";

export const CLUSTER_TASKS: readonly ClusterTaskName[] = [
  "createCluster",
  "createNodegroup",
  "deleteNodegroup",
  "deleteCluster",
];

/**
 * Modelled (M): the error name of a refused EKS API call inside an optimized EKS task.
 * The local engine uses `EKS.<exception name>` (`EKS.ResourceInUseException`).
 */
export const EKS_API_ERROR_PREFIX = "EKS.";

/** Keys whose values are user maps: their keys are kept as they are. */
const OPAQUE_MAPS = new Set(["tags", "labels", "Tags", "Labels"]);

function recase(value: unknown, change: (key: string) => string): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map((v) => recase(v, change));
  if (typeof value !== "object" || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (key === "$metadata") continue;
    out[change(key)] = OPAQUE_MAPS.has(key) ? v : recase(v, change);
  }
  return out;
}

/** `{ClusterName, ResourcesVpcConfig: {SubnetIds}}` -> `{clusterName, resourcesVpcConfig: {subnetIds}}`. */
export function toEksRequest(parameters: unknown): Record<string, unknown> {
  return recase(parameters, (k) => k.charAt(0).toLowerCase() + k.slice(1)) as Record<
    string,
    unknown
  >;
}

/** An EKS API response in Step Functions' PascalCase, times as ISO 8601 text. */
export function toStepFunctionsResult(response: unknown): Record<string, unknown> {
  return recase(response, (k) => k.charAt(0).toUpperCase() + k.slice(1)) as Record<string, unknown>;
}

export interface ClusterTaskOptions {
  readonly eks: EKSClient;
  /**
   * Created clusters whose API the engine cannot reach by their EKS endpoint (moto's
   * endpoints are made up; a kind cluster stands in for a real one): a cluster name
   * here gets the kubeconfig's server and CA as `Cluster.Endpoint` and
   * `Cluster.CertificateAuthority.Data`, and its Kubernetes tasks use that kubeconfig.
   */
  readonly clusters?: Readonly<Record<string, KubeConfig>> | undefined;
  /** Waiter delays in seconds (the SDK's defaults are 30 and 120). */
  readonly waiterDelaySeconds?: { readonly min: number; readonly max: number } | undefined;
  /** The longest a `.sync` waits for a cluster or node group, in seconds. */
  readonly maxWaitSeconds?: number | undefined;
}

/**
 * Performs one cluster-management task. With `sync`, waits (the SDK's waiters) until
 * the cluster or node group is ACTIVE (create) or gone (delete), as `.sync` does; a
 * `createCluster.sync` that is stopped deletes the cluster it was creating (documented
 * for Step Functions' cancel).
 * @throws TaskError `EKS.<exception>` when EKS refuses; `States.TaskFailed` when a wait fails.
 */
export async function performClusterTask(options: {
  task: ClusterTaskName;
  sync: boolean;
  parameters: unknown;
  signal: AbortSignal;
  settings: ClusterTaskOptions;
}): Promise<Record<string, unknown>> {
  const { eks } = options.settings;
  const input = toEksRequest(options.parameters ?? {});
  const waiter = {
    client: eks,
    maxWaitTime: options.settings.maxWaitSeconds ?? 3600,
    abortSignal: options.signal,
    minDelay: options.settings.waiterDelaySeconds?.min ?? 30,
    maxDelay: options.settings.waiterDelaySeconds?.max ?? 120,
  };
  const clusterName = String(input.name ?? input.clusterName ?? "");
  const nodegroupName = String(input.nodegroupName ?? "");
  const send = async <T>(call: () => Promise<T>): Promise<T> => {
    try {
      return await call();
    } catch (error) {
      options.signal.throwIfAborted();
      const e = error as Error;
      throw new TaskError(`${EKS_API_ERROR_PREFIX}${e.name}`, e.message);
    }
  };
  const wait = async (call: () => Promise<{ state: string; reason?: unknown }>): Promise<void> => {
    const result = await send(call);
    if (result.state !== "SUCCESS") {
      throw new TaskError(
        "States.TaskFailed",
        `waiting for ${options.task} ${clusterName}${nodegroupName ? `/${nodegroupName}` : ""} ended ${result.state}: ${JSON.stringify(result.reason ?? null)}`,
      );
    }
  };

  switch (options.task) {
    case "createCluster": {
      const created = await send(() =>
        eks.send(new CreateClusterCommand(input as never), { abortSignal: options.signal }),
      );
      if (!options.sync) return reachable(toStepFunctionsResult(created), options.settings);
      try {
        await wait(() => waitUntilClusterActive(waiter, { name: clusterName }));
      } catch (error) {
        if (options.signal.aborted) {
          // Stopping a createCluster.sync deletes the cluster being created.
          await eks.send(new DeleteClusterCommand({ name: clusterName })).catch(() => {});
        }
        throw error;
      }
      const described = await send(() =>
        eks.send(new DescribeClusterCommand({ name: clusterName })),
      );
      return reachable(toStepFunctionsResult(described), options.settings);
    }
    case "createNodegroup": {
      const created = await send(() =>
        eks.send(new CreateNodegroupCommand(input as never), { abortSignal: options.signal }),
      );
      if (!options.sync) return toStepFunctionsResult(created);
      await wait(() => waitUntilNodegroupActive(waiter, { clusterName, nodegroupName }));
      return toStepFunctionsResult(
        await send(() => eks.send(new DescribeNodegroupCommand({ clusterName, nodegroupName }))),
      );
    }
    case "deleteNodegroup": {
      const deleted = await send(() =>
        eks.send(new DeleteNodegroupCommand(input as never), { abortSignal: options.signal }),
      );
      if (options.sync) {
        await wait(() => waitUntilNodegroupDeleted(waiter, { clusterName, nodegroupName }));
      }
      return toStepFunctionsResult(deleted);
    }
    case "deleteCluster": {
      const deleted = await send(() =>
        eks.send(new DeleteClusterCommand(input as never), { abortSignal: options.signal }),
      );
      if (options.sync) await wait(() => waitUntilClusterDeleted(waiter, { name: clusterName }));
      return toStepFunctionsResult(deleted);
    }
  }
}

function reachable(
  result: Record<string, unknown>,
  settings: ClusterTaskOptions,
): Record<string, unknown> {
  const cluster = result.Cluster as Record<string, unknown> | undefined;
  const name = typeof cluster?.Name === "string" ? cluster.Name : undefined;
  const kube = name === undefined ? undefined : settings.clusters?.[name];
  if (!cluster || !kube) return result;
  const current = kube.getCurrentCluster();
  if (!current) return result;
  const caData =
    current.caData ??
    (current.caFile ? readFileSync(current.caFile).toString("base64") : undefined);
  return {
    ...result,
    Cluster: {
      ...cluster,
      Endpoint: current.server,
      ...(caData ? { CertificateAuthority: { Data: caData } } : {}),
    },
  };
}
