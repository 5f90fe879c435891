// Pods that will not start on their own (an image that cannot be pulled, a missing
// Secret or ConfigMap, no node that fits): found while the Job runs, so the run stops
// with that reason instead of waiting for its timeout. Kubernetes keeps retrying these
// forever; `.sync` would poll them until the state's TimeoutSeconds.
import { CoreV1Api, type KubeConfig, type V1Pod } from "@kubernetes/client-node";
import type { Clock, Sleep } from "../time/clock.ts";
import { jobPodSelector } from "./pod-tracker.ts";

/** Container waiting reasons that do not fix themselves (kubelet's images and kuberuntime). */
export const STUCK_WAITING_REASONS = [
  "ImagePullBackOff",
  "ErrImagePull",
  "CreateContainerConfigError",
  "InvalidImageName",
] as const;

/** How long a pod may stay stuck before the run is stopped. */
export const DEFAULT_STUCK_GRACE_MS = 120_000;

/** How often the pods are read while a Job runs. */
export const STUCK_POLL_MS = 2_000;

export interface StuckPod {
  readonly pod: string;
  /** A waiting reason from STUCK_WAITING_REASONS, or "Unschedulable". */
  readonly reason: string;
  readonly message?: string | undefined;
  /** When this reason was first seen (or the PodScheduled condition's transition time). */
  readonly since: Date;
}

/** What a watcher remembers between reads: when each pod's reason was first seen. */
export type StuckMemory = ReadonlyMap<string, { readonly reason: string; readonly since: Date }>;

/**
 * Looks at the pods of a Job once. Returns the updated memory and the first pod that has
 * been stuck for at least `graceMs`. Pure: the pods and the time are given.
 */
export function findStuckPod(options: {
  readonly pods: readonly V1Pod[];
  readonly now: Date;
  readonly graceMs: number;
  readonly memory: StuckMemory;
}): { readonly memory: StuckMemory; readonly stuck?: StuckPod | undefined } {
  const memory = new Map<string, { reason: string; since: Date }>();
  let stuck: StuckPod | undefined;
  for (const pod of options.pods) {
    const name = pod.metadata?.name ?? "";
    const problem = podProblem(pod);
    if (problem === undefined) continue;
    const earlier = options.memory.get(name);
    const since =
      problem.since ?? (earlier?.reason === problem.reason ? earlier.since : options.now);
    memory.set(name, { reason: problem.reason, since });
    if (stuck === undefined && options.now.getTime() - since.getTime() >= options.graceMs) {
      stuck = { pod: name, reason: problem.reason, message: problem.message, since };
    }
  }
  return { memory, stuck };
}

function podProblem(
  pod: V1Pod,
): { reason: string; message?: string | undefined; since?: Date | undefined } | undefined {
  const statuses = [
    ...(pod.status?.initContainerStatuses ?? []),
    ...(pod.status?.containerStatuses ?? []),
  ];
  for (const status of statuses) {
    const reason = status.state?.waiting?.reason;
    if (reason !== undefined && (STUCK_WAITING_REASONS as readonly string[]).includes(reason)) {
      return { reason, message: status.state?.waiting?.message };
    }
  }
  const scheduled = pod.status?.conditions?.find((c) => c.type === "PodScheduled");
  if (scheduled?.status === "False" && scheduled.reason === "Unschedulable") {
    return {
      reason: "Unschedulable",
      message: scheduled.message,
      since: scheduled.lastTransitionTime ? new Date(scheduled.lastTransitionTime) : undefined,
    };
  }
  return undefined;
}

/**
 * Reads the pods of Job `job` (by `uid` when given, else by name: jobPodSelector) every `pollMs` until
 * one has been stuck for `graceMs`, and resolves with it; resolves undefined when
 * `signal` aborts. A read the identity may not make (403) ends the watch quietly: the
 * run then waits for the Job as Step Functions would.
 */
export async function watchForStuckPods(options: {
  readonly kube: KubeConfig;
  readonly namespace: string;
  readonly job: string;
  /** The Job's uid, when known: a stuck pod an earlier same-named Job left is not its. */
  readonly uid?: string | undefined;
  readonly signal: AbortSignal;
  readonly graceMs?: number | undefined;
  readonly pollMs?: number | undefined;
  readonly clock: Clock;
  readonly sleep: Sleep;
}): Promise<StuckPod | undefined> {
  const core = options.kube.makeApiClient(CoreV1Api);
  let memory: StuckMemory = new Map();
  while (!options.signal.aborted) {
    let pods: V1Pod[];
    try {
      pods = (
        await core.listNamespacedPod({
          namespace: options.namespace,
          labelSelector: jobPodSelector(options),
        })
      ).items;
    } catch {
      return undefined;
    }
    const seen = findStuckPod({
      pods,
      now: options.clock(),
      graceMs: options.graceMs ?? DEFAULT_STUCK_GRACE_MS,
      memory,
    });
    if (seen.stuck) return seen.stuck;
    memory = seen.memory;
    try {
      await options.sleep(options.pollMs ?? STUCK_POLL_MS, options.signal);
    } catch {
      return undefined;
    }
  }
  return undefined;
}
