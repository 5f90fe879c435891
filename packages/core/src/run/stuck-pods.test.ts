import type { V1Pod } from "@kubernetes/client-node";
import { describe, expect, it } from "vitest";
import { findStuckPod, type StuckMemory } from "./stuck-pods.ts";

const at = (s: number) => new Date(Date.UTC(2026, 10, 30, 0, 0, s));

function waiting(name: string, reason: string): V1Pod {
  return {
    metadata: { name },
    status: {
      phase: "Pending",
      containerStatuses: [
        {
          name: "c",
          image: "x",
          imageID: "",
          ready: false,
          restartCount: 0,
          state: { waiting: { reason, message: `${reason} for x` } },
        },
      ],
    },
  };
}

function unschedulable(name: string, since: Date): V1Pod {
  return {
    metadata: { name },
    status: {
      phase: "Pending",
      conditions: [
        {
          type: "PodScheduled",
          status: "False",
          reason: "Unschedulable",
          message: "0/1 nodes are available",
          lastTransitionTime: since,
        },
      ],
    },
  };
}

describe("findStuckPod", () => {
  const empty: StuckMemory = new Map();

  it.each(["ImagePullBackOff", "ErrImagePull", "CreateContainerConfigError", "InvalidImageName"])(
    "stops on %s once it has lasted the grace period, not before",
    (reason) => {
      const first = findStuckPod({
        pods: [waiting("p", reason)],
        now: at(0),
        graceMs: 10_000,
        memory: empty,
      });
      expect(first.stuck).toBeUndefined();
      const early = findStuckPod({
        pods: [waiting("p", reason)],
        now: at(9),
        graceMs: 10_000,
        memory: first.memory,
      });
      expect(early.stuck).toBeUndefined();
      const late = findStuckPod({
        pods: [waiting("p", reason)],
        now: at(10),
        graceMs: 10_000,
        memory: early.memory,
      });
      expect(late.stuck).toEqual({ pod: "p", reason, message: `${reason} for x`, since: at(0) });
    },
  );

  it("starts the grace period again when the reason changes or the pod recovers", () => {
    const a = findStuckPod({
      pods: [waiting("p", "ErrImagePull")],
      now: at(0),
      graceMs: 10_000,
      memory: empty,
    });
    const b = findStuckPod({
      pods: [waiting("p", "ImagePullBackOff")],
      now: at(8),
      graceMs: 10_000,
      memory: a.memory,
    });
    expect(
      findStuckPod({
        pods: [waiting("p", "ImagePullBackOff")],
        now: at(12),
        graceMs: 10_000,
        memory: b.memory,
      }).stuck,
    ).toBeUndefined();
    const ok = findStuckPod({
      pods: [waiting("p", "ContainerCreating")],
      now: at(13),
      graceMs: 10_000,
      memory: b.memory,
    });
    expect(ok.memory.size).toBe(0);
  });

  it("times Unschedulable from the PodScheduled condition's transition", () => {
    const found = findStuckPod({
      pods: [unschedulable("u", at(0))],
      now: at(120),
      graceMs: 120_000,
      memory: empty,
    });
    expect(found.stuck).toMatchObject({ pod: "u", reason: "Unschedulable", since: at(0) });
    expect(
      findStuckPod({
        pods: [unschedulable("u", at(1))],
        now: at(120),
        graceMs: 120_000,
        memory: empty,
      }).stuck,
    ).toBeUndefined();
  });

  it("ignores pods that are starting normally or have ended", () => {
    const running: V1Pod = { metadata: { name: "r" }, status: { phase: "Running" } };
    const creating = waiting("c", "ContainerCreating");
    const found = findStuckPod({
      pods: [running, creating],
      now: at(999),
      graceMs: 0,
      memory: empty,
    });
    expect(found).toEqual({ memory: new Map(), stuck: undefined });
  });
});
