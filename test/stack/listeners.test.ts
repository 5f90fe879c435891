import { describe, expect, it } from "vitest";
import { testStack } from "../support/stack.ts";
import { listenersOf } from "./listeners.ts";
import { runningRealNode } from "./stack.ts";

describe("the test stack's network", () => {
  it("listens on loopback only, in every process it started, and the kubelet on its private bridge", () => {
    const stack = testStack();
    const node = runningRealNode(stack);
    const listeners = listenersOf(stack.processes.map((p) => p.pid));
    // moto, ministack, etcd, kube-apiserver, controller-manager, scheduler, kwok, bridge,
    // authenticator; with the real node also the registry, containerd and the kubelet.
    expect(new Set(listeners.map((l) => l.pid)).size).toBeGreaterThanOrEqual(
      stack.processes.length,
    );
    const allowed = new Set(["127.0.0.1", "::1", ...(node ? [node.nodeIp] : [])]);
    const wide = listeners.filter((l) => !allowed.has(l.address));
    expect(wide).toEqual([]);
    if (node) {
      const kubelet = stack.processes.find((p) => p.name === "kubelet");
      const onBridge = listeners.filter((l) => l.address === node.nodeIp);
      expect(onBridge.map((l) => l.pid)).toEqual([kubelet?.pid]);
    }
  });
});
