// The pods of a Job as they were last seen while it ran: the state machine deletes the
// Job (and with Foreground propagation its pods) right after it ends, so by the report
// phase there is nothing left to read. A watch keeps each pod's newest object, the one a
// DELETED event carries included, so phase, exit codes and reasons survive the delete.
import { type KubeConfig, type V1Pod, Watch } from "@kubernetes/client-node";

/** The label selector for the pods of a Job: by its uid when known, else by its name. */
export function jobPodSelector(job: { readonly job: string; readonly uid?: string | undefined }) {
  return job.uid === undefined
    ? `batch.kubernetes.io/job-name=${job.job}`
    : `batch.kubernetes.io/controller-uid=${job.uid}`;
}

export interface PodTracker {
  /** The newest object of every pod seen (up to freeze()), by name order. */
  pods(): V1Pod[];
  /**
   * Keeps the pods as they are now: later changes still reach `onPod` but no longer
   * replace what pods() returns. The run calls it when it stops the execution (a stuck
   * pod, a timeout, a cancel), because what follows is its own doing: a real kubelet
   * rewrites a killed pod's statuses (an ErrImagePull container becomes
   * ContainerCreating), which would hide why the run stopped.
   */
  freeze(): void;
  /** Resolves when the watch has ended (aborted, refused or closed by the server). */
  readonly done: Promise<void>;
}

/**
 * Watches the pods of Job `job` in `namespace` until `signal` aborts (the Job
 * controller's labels: `batch.kubernetes.io/controller-uid` when `uid` is given, which
 * only this Job's pods carry; else `batch.kubernetes.io/job-name`, which the pods an
 * earlier Job of the same name left behind carry too), keeping the newest object
 * of each and calling `onPod` with every change. A watch the identity may not open (403)
 * or that fails ends quietly: the report then has what the execution returned. Imitates
 * `kubectl get pods -w`; see the Kubernetes API concept "Efficient detection of changes".
 */
export function trackJobPods(options: {
  readonly kube: KubeConfig;
  readonly namespace: string;
  readonly job: string;
  /** The Job's uid, when known: then only its own pods are watched. */
  readonly uid?: string | undefined;
  readonly signal: AbortSignal;
  readonly onPod?: ((pod: V1Pod) => void) | undefined;
}): PodTracker {
  const seen = new Map<string, V1Pod>();
  let frozen = false;
  const done = (async () => {
    if (options.signal.aborted) return;
    let finished: () => void = () => {};
    const ended = new Promise<void>((resolve) => {
      finished = resolve;
    });
    let request: AbortController | undefined;
    try {
      request = await new Watch(options.kube).watch(
        `/api/v1/namespaces/${encodeURIComponent(options.namespace)}/pods`,
        { labelSelector: jobPodSelector(options) },
        (_type: string, pod: V1Pod) => {
          const name = pod?.metadata?.name;
          if (!name) return;
          if (!frozen) seen.set(name, pod);
          try {
            options.onPod?.(pod);
          } catch {
            // An observer's mistake does not end the watch.
          }
        },
        () => finished(),
      );
    } catch {
      return;
    }
    const abort = () => {
      request?.abort();
      finished();
    };
    if (options.signal.aborted) abort();
    options.signal.addEventListener("abort", abort, { once: true });
    await ended;
    options.signal.removeEventListener("abort", abort);
  })();
  return {
    pods: () =>
      [...seen.values()].sort((a, b) =>
        (a.metadata?.name ?? "").localeCompare(b.metadata?.name ?? ""),
      ),
    freeze() {
      frozen = true;
    },
    done,
  };
}
