import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { goldenMode } from "./golden.ts";

const repoFile = (path: string): string =>
  readFileSync(new URL(`../../../../${path}`, import.meta.url), "utf8");

describe("golden files", () => {
  it("are compared unless UPDATE_GOLDEN=1", () => {
    expect(goldenMode({})).toBe("compare");
    expect(goldenMode({ UPDATE_GOLDEN: "true" })).toBe("compare");
    expect(goldenMode({ UPDATE_GOLDEN: "1" })).toBe("update");
    expect(goldenMode({ UPDATE_GOLDEN: "1", CI: "false" })).toBe("update");
  });

  it("are never rewritten in CI, even with UPDATE_GOLDEN=1", () => {
    expect(() => goldenMode({ UPDATE_GOLDEN: "1", CI: "true" })).toThrow(
      /^UPDATE_GOLDEN=1 in CI: golden files are never rewritten in CI/,
    );
  });

  it("cannot be rewritten by an exported UPDATE_GOLDEN reaching `npm test` through turbo", () => {
    const turbo = JSON.parse(repoFile("turbo.json")) as {
      tasks: Record<string, { passThroughEnv?: string[]; env?: string[] }>;
    };
    for (const task of Object.values(turbo.tasks)) {
      expect(task.passThroughEnv ?? []).not.toContain("UPDATE_GOLDEN");
      expect(task.env ?? []).not.toContain("UPDATE_GOLDEN");
    }
    const scripts = (JSON.parse(repoFile("package.json")) as { scripts: Record<string, string> })
      .scripts;
    const setters = Object.entries(scripts).filter(([, command]) =>
      command.includes("UPDATE_GOLDEN"),
    );
    expect(setters.map(([name]) => name)).toEqual(["golden"]);
  });
});
