// Each container's log as it is written, while the Job runs (`kubectl logs -f`): lines go
// to the front end at once, and the tail is kept for the report, since the state machine
// may delete the Job (and its pods) before the report is built.
import { HttpMethod, type KubeConfig, RequestContext, type V1Pod } from "@kubernetes/client-node";
import { fetch } from "undici";
import { capTail, DEFAULT_LOG_CAP_BYTES } from "../report/build-report.ts";

/** The most of one container's log passed on as it streams, in bytes; the rest is dropped. */
export const FOLLOW_STREAM_CAP_BYTES = 1024 * 1024;

/** How long the report waits for logs still streaming after the execution ended, in ms. */
export const FOLLOW_SETTLE_MS = 2_000;

/**
 * Once the execution ended its containers have too: a stream quiet for this long is
 * done even if the server keeps it open (kwok does; a kubelet closes it), in ms.
 */
export const FOLLOW_IDLE_MS = 300;

export interface FollowedLine {
  readonly namespace: string;
  readonly pod: string;
  readonly container: string;
  /** Whole lines, each ending in "\n" (the last piece of a stream may not). */
  readonly text: string;
}

export interface LogFollower {
  /** Starts following each container of `pod` that has started (once per container). */
  see(pod: V1Pod): void;
  /** The kept tail (or the error) of each followed container, by pod then container. */
  logs(): Record<string, Record<string, { text: string } | { error: string }>>;
  /**
   * Waits until every stream ended or none has had text for FOLLOW_IDLE_MS, at most
   * `ms`, then stops those still open.
   */
  settle(ms?: number): Promise<void>;
}

/**
 * Follows the logs of the containers of the pods it is shown, through `pods/log` with
 * `follow=true` (as `kubectl logs -f`), as the caller. Calls `onLines` with whole lines,
 * at most `streamCapBytes` per container; keeps the last `keepBytes` of each for the
 * report. A log the identity may not read (403) or that fails is kept as an error and
 * not retried. Aborting `signal` closes every stream.
 */
export function createLogFollower(options: {
  readonly kube: KubeConfig;
  readonly namespace: string;
  readonly signal: AbortSignal;
  readonly onLines: (lines: FollowedLine) => void;
  readonly tailLines?: number | undefined;
  readonly streamCapBytes?: number | undefined;
  readonly keepBytes?: number | undefined;
}): LogFollower {
  const streamCap = options.streamCapBytes ?? FOLLOW_STREAM_CAP_BYTES;
  const keepBytes = options.keepBytes ?? DEFAULT_LOG_CAP_BYTES;
  const kept = new Map<string, { pod: string; container: string; text: string; error?: string }>();
  const open = new Set<Promise<void>>();
  let lastText = Date.now();
  const stop = new AbortController();
  const stopAll = () => stop.abort();
  options.signal.addEventListener("abort", stopAll, { once: true });

  function follow(pod: string, container: string): void {
    const key = `${pod}/${container}`;
    const entry: { pod: string; container: string; text: string; error?: string } = {
      pod,
      container,
      text: "",
    };
    kept.set(key, entry);
    let streamed = 0;
    let partial = "";
    const pass = (text: string) => {
      if (text === "" || streamed >= streamCap) return;
      const room = streamCap - streamed;
      const piece = Buffer.byteLength(text) <= room ? text : capHead(text, room);
      streamed += Buffer.byteLength(piece);
      options.onLines({ namespace: options.namespace, pod, container, text: piece });
    };
    const done = streamLog({
      kube: options.kube,
      namespace: options.namespace,
      pod,
      container,
      tailLines: options.tailLines,
      signal: stop.signal,
      onText: (text) => {
        lastText = Date.now();
        entry.text = capTail(entry.text + text, keepBytes).text;
        const joined = partial + text;
        const cut = joined.lastIndexOf("\n") + 1;
        pass(joined.slice(0, cut));
        partial = joined.slice(cut);
      },
    })
      .catch((error: unknown) => {
        if (!stop.signal.aborted) entry.error = (error as Error).message.split("\n")[0] ?? "";
      })
      .finally(() => {
        pass(partial);
        partial = "";
      });
    open.add(done);
    done.finally(() => open.delete(done));
  }

  return {
    see(pod) {
      const name = pod.metadata?.name;
      if (!name || options.signal.aborted) return;
      const statuses = [
        ...(pod.status?.initContainerStatuses ?? []),
        ...(pod.status?.containerStatuses ?? []),
      ];
      for (const status of statuses) {
        const started =
          status.state?.running !== undefined || status.state?.terminated !== undefined;
        if (started && !kept.has(`${name}/${status.name}`)) follow(name, status.name);
      }
    },
    logs() {
      const out: Record<string, Record<string, { text: string } | { error: string }>> = {};
      for (const entry of kept.values()) {
        const pod = out[entry.pod] ?? {};
        pod[entry.container] =
          entry.error !== undefined && entry.text === ""
            ? { error: entry.error }
            : { text: entry.text };
        out[entry.pod] = pod;
      }
      return out;
    },
    async settle(ms = FOLLOW_SETTLE_MS) {
      const until = Date.now() + ms;
      while (open.size > 0 && Date.now() < until && Date.now() - lastText < FOLLOW_IDLE_MS) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      stopAll();
      options.signal.removeEventListener("abort", stopAll);
    },
  };
}

/** The first `maxBytes` bytes of `text` (UTF-8), never splitting a character. */
function capHead(text: string, maxBytes: number): string {
  return Buffer.from(text, "utf8")
    .subarray(0, Math.max(0, maxBytes))
    .toString("utf8")
    .replace(/\uFFFD$/, "");
}

/**
 * GET pods/log?follow=true of one container, passing the text on as it arrives; resolves
 * when the server ends the stream (the container ended) or `signal` aborts.
 * (client-node's Log cannot be aborted without an unhandled stream error.)
 * @throws Error naming the request when the server answers with an HTTP error.
 */
async function streamLog(options: {
  kube: KubeConfig;
  namespace: string;
  pod: string;
  container: string;
  tailLines?: number | undefined;
  signal: AbortSignal;
  onText: (text: string) => void;
}): Promise<void> {
  const cluster = options.kube.getCurrentCluster();
  if (!cluster) throw new Error("the kubeconfig has no current cluster");
  const path = `/api/v1/namespaces/${encodeURIComponent(options.namespace)}/pods/${encodeURIComponent(options.pod)}/log`;
  const url = new URL(cluster.server.replace(/\/$/, "") + path);
  url.searchParams.set("container", options.container);
  url.searchParams.set("follow", "true");
  if (options.tailLines !== undefined) url.searchParams.set("tailLines", String(options.tailLines));
  const context = new RequestContext(url.toString(), HttpMethod.GET);
  await options.kube.applySecurityAuthentication(context);
  const dispatcher = context.getDispatcher();
  const response = await fetch(url, {
    headers: context.getHeaders(),
    ...(dispatcher === undefined ? {} : { dispatcher }),
    signal: options.signal,
  });
  if (!response.ok || !response.body) {
    await response.body?.cancel().catch(() => {});
    throw new Error(`GET ${path} failed with HTTP ${response.status}`);
  }
  const decoder = new TextDecoder();
  try {
    for await (const bytes of response.body) {
      options.onText(decoder.decode(bytes as Uint8Array, { stream: true }));
    }
  } catch (error) {
    if (!options.signal.aborted) throw error;
  }
  const rest = decoder.decode();
  if (rest !== "") options.onText(rest);
}
