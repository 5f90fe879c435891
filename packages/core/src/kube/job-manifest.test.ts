import { readFileSync } from "node:fs";
import { UserInputError } from "@eks-sfn/rbac";
import { describe, expect, it } from "vitest";
import { MAX_JOB_MANIFEST_BYTES, parseJobManifest } from "./job-manifest.ts";

const PI = readFileSync(new URL("../../../../examples/pi-job.yaml", import.meta.url), "utf8");

function rejection(text: string): UserInputError {
  try {
    parseJobManifest("job.yaml", text);
  } catch (error) {
    expect(error).toBeInstanceOf(UserInputError);
    return error as UserInputError;
  }
  throw new Error("expected a UserInputError, but the text was accepted");
}

const job = (metadata: string, extra = "") => `apiVersion: batch/v1
kind: Job
metadata:
${metadata}
spec:
  template:
    spec:
      restartPolicy: Never
      containers:
        - name: main
          image: busybox
${extra}`;

describe("parseJobManifest", () => {
  it("reads the article's pi Job whole", () => {
    const parsed = parseJobManifest("examples/pi-job.yaml", PI);
    expect(parsed.metadata.name).toBe("my-eks-job");
    expect(parsed.spec.backoffLimit).toBe(0);
    expect(parsed.spec.template.spec.containers[0]).toMatchObject({
      name: "pi-2000",
      image: "perl",
    });
  });

  it("reads JSON too, and a generateName without a name", () => {
    const parsed = parseJobManifest(
      "job.json",
      JSON.stringify({
        apiVersion: "batch/v1",
        kind: "Job",
        metadata: { generateName: "pi-" },
        spec: { template: { spec: { containers: [{ name: "c", image: "i" }] } } },
      }),
    );
    expect(parsed.metadata).toEqual({ generateName: "pi-" });
  });

  it.each([
    ["text that is not YAML", "apiVersion: batch/v1\nkind: [Job", /^job\.yaml: is not valid YAML/],
    ["an empty file", "", /^job\.yaml: is empty\./],
    ["a file of comments", "# nothing\n", /^job\.yaml: is empty\./],
    [
      "two documents",
      `${job("  name: a")}---\n${job("  name: b")}`,
      /^job\.yaml: holds 2 YAML documents/,
    ],
    [
      "a Deployment",
      "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n",
      /^job\.yaml: is a Deployment \(apps\/v1\), not a batch\/v1 Job\. eks:runJob runs only batch\/v1 Jobs/,
    ],
    [
      "a batch/v1beta1 CronJob",
      "apiVersion: batch/v1beta1\nkind: CronJob\n",
      /not a batch\/v1 Job/,
    ],
    ["a list", "- a\n- b\n", /^job\.yaml: is a YAML list, not a Kubernetes object/],
    ["a Job without a name", job("  labels: {a: b}"), /^job\.yaml: metadata\.name: is missing/],
    [
      "a name that is not DNS-1123",
      job("  name: My_Job"),
      /^job\.yaml: metadata\.name: "My_Job" is not a valid Job name/,
    ],
    [
      "a name over 63 characters",
      job(`  name: ${"a".repeat(64)}`),
      /metadata\.name: "a{64}" is not a valid Job name/,
    ],
    [
      "a generateName too long for the 5 characters Kubernetes adds",
      job(`  generateName: ${"a".repeat(59)}`),
      /metadata\.generateName: .* is not a valid Job name prefix/,
    ],
    [
      "a bad namespace",
      job("  name: a\n  namespace: Prod"),
      /^job\.yaml: metadata\.namespace: "Prod" is not a valid Kubernetes namespace/,
    ],
    [
      "a Job without containers",
      "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: a\nspec:\n  template:\n    spec: {}\n",
      /^job\.yaml: spec\.template\.spec\.containers: is missing or empty/,
    ],
    [
      "restartPolicy Always",
      job("  name: a").replace("restartPolicy: Never", "restartPolicy: Always"),
      /spec\.template\.spec\.restartPolicy: "Always" is not allowed in a Job/,
    ],
    ["a duplicated key", job("  name: a\n  name: b"), /^job\.yaml: is not valid YAML/],
  ])("rejects %s, naming the file and the field", (_, text, message) => {
    expect(rejection(text).message).toMatch(message);
  });

  it("refuses a YAML alias bomb before it expands", () => {
    const lines = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
    for (let level = 1; level < 9; level += 1) {
      const previous = String.fromCharCode(96 + level);
      const name = String.fromCharCode(97 + level);
      lines.push(`${name}: &${name} [${Array(10).fill(`*${previous}`).join(",")}]`);
    }
    const bomb = `apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: bomb\n${lines.join("\n")}\n`;
    const started = Date.now();
    const error = rejection(bomb);
    expect(error.message).toMatch(/^job\.yaml: cannot be read: .*alias/i);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it("refuses a file over 10 MB without parsing it", () => {
    const big = `${job("  name: a")}# ${"x".repeat(MAX_JOB_MANIFEST_BYTES)}\n`;
    expect(rejection(big).message).toMatch(
      /^job\.yaml: is \d+ bytes, over the limit of 10000000 bytes/,
    );
  });
});
