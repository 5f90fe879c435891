// action.yml, the README and the input reader must agree: a user reads the README,
// GitHub reads action.yml, and the code reads what inputs.ts asks for.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import {
  DEFAULT_LOG_TAIL_LINES,
  DEFAULT_STATE_MACHINE_NAME,
  MAX_POLL_SECONDS,
} from "@eks-sfn/core/plan";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { readActionInputs } from "./inputs.ts";
import { OUTPUT_NAMES } from "./outputs.ts";
import { TEST_JOB } from "./test-support/job.ts";

const root = (file: string): string => fileURLToPath(new URL(`../../../${file}`, import.meta.url));

interface ActionMetadata {
  runs: { using: string; main: string; post: string; "post-if": string };
  inputs: Record<string, { required?: boolean; default?: string; description: string }>;
  outputs?: Record<string, { description: string }>;
}

const metadata = parse(readFileSync(root("action.yml"), "utf8")) as ActionMetadata;
const readme = readFileSync(root("README.md"), "utf8");

/** The rows of the markdown table under `## <heading>`: first cell without backticks, and the rest. */
function tableRows(heading: string): string[][] {
  const section = readme.split(/^## /m).find((s) => s.startsWith(`${heading}\n`)) ?? "";
  return section
    .split("\n")
    .filter((line) => line.startsWith("| `"))
    .map((line) =>
      line
        .split("|")
        .slice(1, -1)
        .map((cell) => cell.trim().replace(/^`|`$/g, "")),
    );
}

describe("action.yml", () => {
  it("runs on node24 with main, and post after every job", () => {
    expect(metadata.runs).toEqual({
      using: "node24",
      main: "dist/main.js",
      post: "dist/post.js",
      "post-if": "always()",
    });
  });

  it("lists the same inputs as the README, with the same required flags and defaults", () => {
    const fromYaml = Object.entries(metadata.inputs).map(([name, input]) => [
      name,
      input.required ? "yes" : "no",
      input.default ?? "",
    ]);
    const fromReadme = tableRows("Inputs").map(([name, required, fallback]) => [
      name,
      required,
      fallback,
    ]);
    expect(fromReadme).toEqual(fromYaml);
  });

  it("defaults state-machine-name to the shared plan's one default, which the README's CLI section names too", () => {
    expect(metadata.inputs["state-machine-name"]?.default).toBe(DEFAULT_STATE_MACHINE_NAME);
    const cli = (readme.split(/^## /m).find((s) => s.startsWith("CLI\n")) ?? "").replace(
      /\s+/g,
      " ",
    );
    expect(cli).toContain(`\`--state-machine-name\` (default \`${DEFAULT_STATE_MACHINE_NAME}\``);
  });

  it("says the shared polling maximum in action.yml, the Inputs table and the CLI section", () => {
    const range = `1 to ${MAX_POLL_SECONDS}`;
    expect(metadata.inputs.polling?.description).toContain(range);
    const row = tableRows("Inputs").find(([name]) => name === "polling");
    expect(row?.[3]).toContain(range);
    const cli = (readme.split(/^## /m).find((s) => s.startsWith("CLI\n")) ?? "").replace(
      /\s+/g,
      " ",
    );
    expect(cli).toContain(`\`--polling SECONDS\` (${range})`);
  });

  it("defaults log-tail-lines to the shared plan's one default, in action.yml, the Inputs table and the CLI section", () => {
    const lines = String(DEFAULT_LOG_TAIL_LINES);
    expect(metadata.inputs["log-tail-lines"]?.default).toBe(lines);
    const row = tableRows("Inputs").find(([name]) => name === "log-tail-lines");
    expect(row?.[2]).toBe(lines);
    const cli = (readme.split(/^## /m).find((s) => s.startsWith("CLI\n")) ?? "").replace(
      /\s+/g,
      " ",
    );
    expect(cli).toContain(`\`--log-tail-lines N\` (default ${lines}, as the action's`);
  });

  it("lists the same outputs as the README", () => {
    expect(tableRows("Outputs").map(([name]) => name)).toEqual(Object.keys(metadata.outputs ?? {}));
  });

  it("declares every output the action sets, in the same order", () => {
    expect(Object.keys(metadata.outputs ?? {})).toEqual([...OUTPUT_NAMES]);
  });

  it("gives every optional input a description and no input a required flag the reader does not enforce", () => {
    for (const [name, input] of Object.entries(metadata.inputs)) {
      expect(input.description.length, name).toBeGreaterThan(10);
      expect(input.required, name).toBe(false);
    }
  });

  it("declares every input the action reads, and reads every input it declares", () => {
    const asked = new Set<string>();
    const values: Record<string, string> = {
      "cluster-name": "c1",
      "role-arn": "arn:aws:iam::123456789012:role/sfn",
      job: TEST_JOB,
    };
    readActionInputs((name) => {
      asked.add(name);
      return values[name] ?? metadata.inputs[name]?.default ?? "";
    });
    expect([...asked].sort()).toEqual(Object.keys(metadata.inputs).sort());
  });
});
