import { describe, expect, it } from "vitest";
import { parseLog } from "./run-job.ts";

describe("parseLog", () => {
  it("parses a log whose whole text is one JSON value, trailing newline included", () => {
    expect(parseLog('{ "pi": 3.14 }\n')).toEqual({ pi: 3.14 });
    expect(parseLog("42\n")).toBe(42);
  });

  it("keeps text that is not one JSON value, such as several JSON lines", () => {
    expect(parseLog('{"a": 1}\n{"b": 2}\n')).toBe('{"a": 1}\n{"b": 2}\n');
    expect(parseLog("hello\n")).toBe("hello\n");
    expect(parseLog("")).toBe("");
  });
});
