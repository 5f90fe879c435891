import { describe, expect, it } from "vitest";
import { testStack } from "../support/stack.ts";
import { listenersOf } from "./listeners.ts";

describe("the test stack's network", () => {
  it("listens on loopback only, in every process it started", () => {
    const stack = testStack();
    const listeners = listenersOf(stack.processes.map((p) => p.pid));
    // moto, ministack, etcd, kube-apiserver, controller-manager, scheduler, kwok, bridge, authenticator.
    expect(new Set(listeners.map((l) => l.pid)).size).toBeGreaterThanOrEqual(
      stack.processes.length,
    );
    const wide = listeners.filter((l) => l.address !== "127.0.0.1" && l.address !== "::1");
    expect(wide).toEqual([]);
  });
});
