import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { FIRST_BUILD_NOTICE } from "./build.ts";

const README = readFileSync(new URL("../../README.md", import.meta.url), "utf8").replace(
  /\s+/g,
  " ",
);

describe("the first-build notice", () => {
  it.each(["about 65 minutes cold on 2 busy cores", "about 10 minutes with a warm Go build cache"])(
    "says %s, as README does",
    (estimate) => {
      expect(FIRST_BUILD_NOTICE).toContain(estimate);
      expect(README).toContain(estimate);
    },
  );
});
