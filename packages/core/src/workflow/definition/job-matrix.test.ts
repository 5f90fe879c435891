import { type MapState, stateGraph } from "@eks-sfn/rbac";
import { describe, expect, it } from "vitest";
import { exampleDefinition } from "./examples.test-support.ts";

describe("renderJobMatrixDefinition", () => {
  it.each(["job-matrix.json", "job-matrix-polling.json"] as const)(
    "%s maps over every Job with MaxConcurrency and each item catches its own failure",
    (file) => {
      const definition = exampleDefinition(file);
      const map = definition.States["Run jobs"] as MapState;
      expect(map.MaxConcurrency).toBe(2);
      expect(map.ToleratedFailurePercentage).toBeUndefined();
      const listed = (
        definition.States["List jobs"] as unknown as {
          Result: { index: number; job: { metadata: { name: string } } }[];
        }
      ).Result;
      expect(listed.map((item) => [item.index, item.job.metadata.name])).toEqual([
        [0, "my-eks-job"],
        [1, "my-eks-job-2"],
      ]);
      // Every path inside an item ends in a recorded outcome, never a Fail state: one Job's
      // failure cannot fail the Map and stop the others.
      const graph = stateGraph(definition);
      const inItem = new Set(
        graph.nodes.filter((node) => node.parent === "Run jobs").map((node) => node.name),
      );
      const itemEnds = graph.edges.filter(
        (edge) => edge.from !== null && inItem.has(edge.from) && edge.to === null,
      );
      expect(new Set(itemEnds.map((edge) => `${edge.from}:${edge.kind}`))).toEqual(
        new Set(["Record success:end", "Record failure:end"]),
      );
    },
  );
});
