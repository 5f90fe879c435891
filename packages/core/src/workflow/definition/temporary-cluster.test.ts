import {
  listTaskStates,
  renderStateMachinePolicy,
  type StateGraph,
  stateGraph,
} from "@eks-sfn/rbac";
import { describe, expect, it } from "vitest";
import {
  EXAMPLE_NAMES,
  exampleDefinition,
  piPlan,
  TEMPORARY_CLUSTER,
} from "./examples.test-support.ts";
import {
  CREATE_CLUSTER_STATE,
  DELETE_CLUSTER_STATE,
  renderTemporaryClusterDefinition,
  renderTemporaryClusterInput,
} from "./temporary-cluster.ts";

/**
 * States from which some path (success or any Catch) ends the execution, or loops for
 * ever, without passing `target`: a path that leaves the cluster behind. Nested states
 * are followed into (start edges) and out of (their Map or Parallel state's edges).
 */
function pathsAvoiding(graph: StateGraph, from: string, target: string): string[][] {
  const out = new Map<string, string[]>();
  const ends = new Set<string>();
  const parentOf = new Map(graph.nodes.map((node) => [node.name, node.parent]));
  for (const edge of graph.edges) {
    if (edge.from === null) {
      continue;
    }
    if (edge.to === null) {
      // The end of a branch or item processor continues at its Map/Parallel state's exits.
      const parent = parentOf.get(edge.from);
      if (parent === undefined) {
        ends.add(edge.from);
      } else {
        out.set(edge.from, [...(out.get(edge.from) ?? []), `exit:${parent}`]);
      }
      continue;
    }
    out.set(edge.from, [...(out.get(edge.from) ?? []), edge.to]);
  }
  const bad: string[][] = [];
  const visit = (state: string, path: string[]) => {
    if (state === target) {
      return;
    }
    const name = state.startsWith("exit:") ? state.slice(5) : state;
    if (path.includes(state)) {
      return; // a loop (the poll loop) leaves by one of its other edges, checked on its own
    }
    const nextPath = [...path, state];
    if (!state.startsWith("exit:") && ends.has(name)) {
      bad.push(nextPath);
    }
    const targets = state.startsWith("exit:")
      ? (out.get(name) ?? []).filter((to) => !isChildStart(graph, name, to))
      : (out.get(name) ?? []);
    for (const to of targets) {
      visit(to, nextPath);
    }
  };
  visit(from, []);
  return bad;
}

function isChildStart(graph: StateGraph, parent: string, to: string): boolean {
  return graph.edges.some(
    (edge) => edge.kind === "start" && edge.from === parent && edge.to === to,
  );
}

const temporary = EXAMPLE_NAMES.filter((name) => name.startsWith("temporary-cluster"));

describe("the temporary cluster", () => {
  it.each(temporary)(
    "%s: every path from every state after Create cluster reaches Delete cluster",
    (name) => {
      const graph = stateGraph(exampleDefinition(name));
      const after = new Set<string>();
      const queue = graph.edges
        .filter((edge) => edge.from === CREATE_CLUSTER_STATE && edge.to !== null)
        .map((edge) => edge.to as string);
      expect(queue).toContain("Create node group");
      for (let state = queue.pop(); state !== undefined; state = queue.pop()) {
        if (after.has(state) || state === DELETE_CLUSTER_STATE) {
          continue;
        }
        after.add(state);
        for (const edge of graph.edges) {
          if (edge.from === state && edge.to !== null) {
            queue.push(edge.to);
          }
        }
      }
      expect([...after]).toEqual(
        expect.arrayContaining(["Create node group", "Job failed", "Delete node group"]),
      );
      for (const state of after) {
        expect(pathsAvoiding(graph, state, DELETE_CLUSTER_STATE), state).toEqual([]);
      }
    },
  );

  it("the proof can fail: a Catch that skips teardown is found", () => {
    const definition = exampleDefinition("temporary-cluster.json");
    const run = definition.States["Run job"] as { Catch: { Next: string }[] };
    definition.States.Escape = { Type: "Fail", Error: "Escaped" };
    run.Catch = [{ ...run.Catch[0], Next: "Escape" } as { Next: string }];
    const bad = pathsAvoiding(stateGraph(definition), "Run job", DELETE_CLUSTER_STATE);
    expect(bad).toEqual([["Run job", "Escape"]]);
  });

  it("every state after the cluster exists that can fail has a Catch", () => {
    const definition = exampleDefinition("temporary-cluster.json");
    const uncaught = Object.entries(definition.States)
      .filter(([, state]) => state.Type === "Task" || state.Type === "Map")
      .filter(([, state]) => !(state as { Catch?: unknown[] }).Catch?.length)
      .map(([name]) => name);
    expect(uncaught).toEqual([]);
  });

  it("retries its own teardown on any error", () => {
    const definition = exampleDefinition("temporary-cluster.json");
    for (const name of ["Delete node group", DELETE_CLUSTER_STATE]) {
      const retry = (
        definition.States[name] as { Retry?: { ErrorEquals: string[]; MaxAttempts: number }[] }
      ).Retry;
      expect(retry?.[0]?.ErrorEquals, name).toEqual(["States.ALL"]);
      expect(retry?.[0]?.MaxAttempts, name).toBeGreaterThanOrEqual(3);
    }
  });

  it("tags the cluster with the run id, the repository and the expiry time", () => {
    expect(
      renderTemporaryClusterInput({
        name: "eks-sfn-123-1",
        runId: "123",
        repository: "octo/repo",
        expiresAt: new Date("2026-11-30T08:00:00Z"),
      }),
    ).toEqual({
      temporaryCluster: {
        name: "eks-sfn-123-1",
        tags: {
          "eks-sfn/run-id": "123",
          "eks-sfn/repository": "octo/repo",
          "eks-sfn/expires-at": "2026-11-30T08:00:00.000Z",
        },
      },
    });
  });

  it("needs the IAM of cluster and node group management, read from its Task states", () => {
    const definition = exampleDefinition("temporary-cluster.json");
    const policy = renderStateMachinePolicy({
      integrations: listTaskStates(definition),
      partition: "aws",
    });
    const actions = policy.Statement.flatMap((statement) => statement.Action);
    expect(actions).toEqual(
      expect.arrayContaining([
        "eks:CreateCluster",
        "eks:DeleteCluster",
        "eks:CreateNodegroup",
        "eks:DeleteNodegroup",
        "iam:PassRole",
      ]),
    );
  });

  it("leaves the Kubernetes version and security groups to EKS unless given, and gives the node group its own subnets", () => {
    const render = (cluster: object, nodegroup: object = {}) => {
      const definition = renderTemporaryClusterDefinition({
        cluster: { ...TEMPORARY_CLUSTER.cluster, ...cluster },
        nodegroup: { ...TEMPORARY_CLUSTER.nodegroup, ...nodegroup },
        run: { mode: "sync", plan: piPlan() },
      });
      type Params = { Parameters: Record<string, unknown> };
      return {
        cluster: (definition.States[CREATE_CLUSTER_STATE] as Params).Parameters,
        nodegroup: (definition.States["Create node group"] as Params).Parameters,
      };
    };
    const bare = render({ version: undefined });
    expect(bare.cluster).not.toHaveProperty("Version");
    expect(bare.cluster.ResourcesVpcConfig).toEqual({
      SubnetIds: TEMPORARY_CLUSTER.cluster.subnetIds,
      EndpointPublicAccess: true,
    });
    expect(bare.nodegroup.Subnets).toEqual(TEMPORARY_CLUSTER.cluster.subnetIds);
    const full = render(
      { securityGroupIds: ["sg-0123456789abcdef0"] },
      { subnetIds: ["subnet-1"] },
    );
    expect(full.cluster.Version).toBe("1.33");
    expect(full.cluster.ResourcesVpcConfig).toMatchObject({
      SecurityGroupIds: ["sg-0123456789abcdef0"],
    });
    expect(full.nodegroup.Subnets).toEqual(["subnet-1"]);
  });
});
