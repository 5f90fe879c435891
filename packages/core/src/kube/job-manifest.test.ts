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
    [
      "a Job without metadata",
      "apiVersion: batch/v1\nkind: Job\n",
      /^job\.yaml: metadata: is missing\./,
    ],
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

  it.each([
    ["an empty file", "", "Give a batch/v1 Job manifest, such as examples/pi-job.yaml."],
    [
      "text that is not YAML",
      "apiVersion: batch/v1\nkind: [Job",
      "Fix the YAML syntax; `kubectl apply --dry-run=client -f` shows the same error.",
    ],
    [
      "two documents",
      `${job("  name: a")}---\n${job("  name: b")}`,
      "Put only the Job in the file: one document, no `---` separating others.",
    ],
    ["a list", "- a\n", "Give a batch/v1 Job manifest (apiVersion: batch/v1, kind: Job)."],
    [
      "a Job without metadata",
      "apiVersion: batch/v1\nkind: Job\n",
      "Give metadata.name, or metadata.generateName for a new name each run.",
    ],
    [
      "a Job without a name",
      job("  labels: {a: b}"),
      'Give metadata.name (such as "pi"), or metadata.generateName (such as "pi-") for a new name each run.',
    ],
    ["a bad name", job("  name: My_Job"), 'Use a name like "pi-2000".'],
    ["a bad generateName", job("  generateName: My_"), 'Use a prefix like "pi-".'],
    [
      "a bad namespace",
      job("  name: a\n  namespace: Prod"),
      'Use a name like "ci-jobs", or leave it out and give the namespace to the run.',
    ],
    [
      "a Job without containers",
      "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: a\n",
      "Give the Job at least one container with a name and an image.",
    ],
    [
      "restartPolicy Always",
      job("  name: a").replace("restartPolicy: Never", "restartPolicy: Always"),
      'Use "Never" (the failed pod stays, with its logs) or "OnFailure".',
    ],
  ])("tells how to fix %s", (_, text, fix) => {
    expect(rejection(text).message.endsWith(`. ${fix}`)).toBe(true);
  });

  it("says where a YAML syntax error is, as the yaml library's pretty errors do", () => {
    expect(rejection("apiVersion: batch/v1\nkind: [Job").message).toMatch(
      /^job\.yaml: is not valid YAML \(.* at line \d+, column \d+:\)\./,
    );
  });

  it.each([
    ["null", "null\n", "null"],
    ["a number", "42\n", "number"],
    ["a string", "hello\n", "string"],
  ])("refuses a file that is YAML %s, saying what it is", (_, text, what) => {
    expect(rejection(text).message).toBe(
      `job.yaml: is a YAML ${what}, not a Kubernetes object. Give a batch/v1 Job manifest (apiVersion: batch/v1, kind: Job).`,
    );
  });

  it.each([
    ["apiVersion: batch/v1beta1\nkind: Job\n", "is a Job (batch/v1beta1), not a batch/v1 Job"],
    ["apiVersion: batch/v1\nkind: CronJob\n", "is a CronJob (batch/v1), not a batch/v1 Job"],
  ])("needs both apiVersion batch/v1 and kind Job: %j", (text, problem) => {
    expect(rejection(text).message).toMatch(
      new RegExp(`^job\\.yaml: ${problem.replace(/[()/.]/g, "\\$&")}\\.`),
    );
  });

  it.each([
    ["no spec", "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: a\n"],
    ["a spec without a template", `${job("  name: a").split("spec:")[0]}spec:\n  parallelism: 1\n`],
    ["a template without a spec", `${job("  name: a").split("spec:")[0]}spec:\n  template: {}\n`],
    ["a template that is a list", `${job("  name: a").split("spec:")[0]}spec:\n  template: []\n`],
    [
      "an empty container list",
      job("  name: a").replace(/containers:[\s\S]*$/, "containers: []\n"),
    ],
  ])("refuses %s as a Job without containers", (_, text) => {
    expect(rejection(text).message).toMatch(
      /^job\.yaml: spec\.template\.spec\.containers: is missing or empty\./,
    );
  });

  it.each([["Never"], ["OnFailure"], [undefined]])(
    "accepts restartPolicy %s, which a Job allows",
    (policy) => {
      const text = job("  name: a").replace(
        "restartPolicy: Never",
        policy === undefined ? "" : `restartPolicy: ${policy}`,
      );
      const podSpec: Record<string, unknown> = parseJobManifest("job.yaml", text).spec.template
        .spec;
      expect(podSpec.restartPolicy).toBe(policy);
    },
  );

  it("accepts a name of 63 characters, a generateName of 58 and a valid namespace", () => {
    const name = "a".repeat(63);
    expect(parseJobManifest("job.yaml", job(`  name: ${name}`)).metadata.name).toBe(name);
    const prefix = "p".repeat(58);
    expect(
      parseJobManifest("job.yaml", job(`  generateName: ${prefix}`)).metadata.generateName,
    ).toBe(prefix);
    expect(
      parseJobManifest("job.yaml", job("  name: a\n  namespace: ci-jobs")).metadata.namespace,
    ).toBe("ci-jobs");
  });

  it.each([
    [
      "a numeric name",
      job("  name: 123"),
      /^job\.yaml: metadata\.name: 123 is not a valid Job name/,
    ],
    [
      "a numeric namespace",
      job("  name: a\n  namespace: 5"),
      /^job\.yaml: metadata\.namespace: 5 is not a valid Kubernetes namespace name/,
    ],
  ])("refuses %s: YAML numbers are not names", (_, text, message) => {
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
    expect(error.message).toMatch(
      /\. Write the Job without YAML aliases, or with fewer than 100 of them\.$/,
    );
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it("reads a file of exactly 10 MB, counted in UTF-8 bytes", () => {
    const head = `${job("  name: a")}# `;
    const fill = MAX_JOB_MANIFEST_BYTES - Buffer.byteLength(head) - 1;
    // "é" is 2 bytes in UTF-8: a limit counted in characters would let more through.
    const exact = `${head}${"é".repeat(Math.floor(fill / 2))}${"x".repeat(fill % 2)}\n`;
    expect(Buffer.byteLength(exact)).toBe(MAX_JOB_MANIFEST_BYTES);
    expect(parseJobManifest("job.yaml", exact).metadata.name).toBe("a");
    expect(rejection(`${exact} `).message).toMatch(/^job\.yaml: is 10000001 bytes/);
  });

  it("refuses a file over 10 MB without parsing it", () => {
    const big = `${job("  name: a")}# ${"x".repeat(MAX_JOB_MANIFEST_BYTES)}\n`;
    expect(rejection(big).message).toMatch(
      /^job\.yaml: is \d+ bytes, over the limit of 10000000 bytes\. Give a Job manifest, not data: put large data in a ConfigMap, an image or object storage\.$/,
    );
  });
});
