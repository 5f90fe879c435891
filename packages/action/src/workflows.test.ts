// Every workflow file passes actionlint (built from the Go module proxy, cached), and
// actionlint really reads our action.yml: a misspelt input of `uses: ./` fails it.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { ensureActionlint, workflowFiles } from "../../../scripts/actionlint.ts";

const root = fileURLToPath(new URL("../../../", import.meta.url));

describe("workflow files", () => {
  it("all pass actionlint, examples included", () => {
    const files = workflowFiles();
    expect(files).toEqual(
      expect.arrayContaining([
        ".github/workflows/ci.yml",
        "examples/workflows/existing-cluster.yml",
        "examples/workflows/temporary-cluster.yml",
        "examples/workflows/matrix.yml",
        "examples/workflows/local-kind.yml",
        "examples/workflows/scheduled-sweep.yml",
      ]),
    );
    const result = spawnSync(ensureActionlint(), ["-no-color", ...files], {
      cwd: root,
      encoding: "utf8",
    });
    expect(result.stdout + result.stderr).toBe("");
    expect(result.status).toBe(0);
  }, 300_000);

  it("fails a workflow that gives the action an input action.yml does not declare", () => {
    const repo = mkdtempSync(join(tmpdir(), "eks-sfn-actionlint-"));
    mkdirSync(join(repo, ".github", "workflows"), { recursive: true });
    // actionlint finds the project by its .git, and checks that runs.main and runs.post exist.
    spawnSync("git", ["init", "-q"], { cwd: repo });
    symlinkSync(join(root, "action.yml"), join(repo, "action.yml"));
    symlinkSync(join(root, "dist"), join(repo, "dist"));
    writeFileSync(
      join(repo, ".github", "workflows", "bad.yml"),
      [
        "on: push",
        "jobs:",
        "  run:",
        "    runs-on: ubuntu-latest",
        "    steps:",
        "      - uses: ./",
        "        with:",
        "          clustr-name: c1",
        "",
      ].join("\n"),
    );
    const result = spawnSync(
      ensureActionlint(),
      ["-no-color", "-oneline", ".github/workflows/bad.yml"],
      { cwd: repo, encoding: "utf8" },
    );
    expect(result.status).toBe(1);
    expect(result.stdout.trim().split("\n")).toEqual([
      expect.stringMatching(
        /^\.github\/workflows\/bad\.yml:8:11: input "clustr-name" is not defined in action "EKS Job through Step Functions" defined at "\.\/"/,
      ),
    ]);
  }, 300_000);
});
