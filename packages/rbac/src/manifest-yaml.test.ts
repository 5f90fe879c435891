import { describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import { renderManifests } from "./manifest-yaml.ts";

describe("renderManifests", () => {
  const shared = { app: "x" };
  const objects = [
    { apiVersion: "v1", kind: "Namespace", metadata: { name: "ci-jobs", labels: shared } },
    {
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: "c", namespace: "ci-jobs", labels: shared },
      data: { long: "x ".repeat(80) },
    },
  ];

  it("separates documents with --- and parses back to the same objects", () => {
    const text = renderManifests(objects);
    expect(text.split("\n").filter((line) => line === "---")).toHaveLength(1);
    expect(parseAllDocuments(text).map((doc) => doc.toJS())).toEqual(objects);
  });

  it("writes a value shared inside one object out twice instead of as a YAML alias", () => {
    // The yaml library aliases an object met twice within one document unless told not to.
    const labels = { app: "pi" };
    const job = {
      apiVersion: "batch/v1",
      kind: "Job",
      metadata: { name: "pi", labels },
      spec: { template: { metadata: { labels } } },
    };
    const text = renderManifests([job]);
    expect(text).not.toMatch(/[&*]a\d/);
    expect(text.match(/app: pi/g)).toHaveLength(2);
    expect(parseAllDocuments(text).map((doc) => doc.toJS())).toEqual([job]);
  });

  it("does not fold long strings", () => {
    expect(renderManifests(objects)).toContain(`long: "${"x ".repeat(80)}"`);
  });

  it("keeps the key order of each object and renders nothing for no objects", () => {
    expect(renderManifests([{ kind: "Namespace", apiVersion: "v1" }])).toBe(
      "kind: Namespace\napiVersion: v1\n",
    );
    expect(renderManifests([])).toBe("");
  });
});
