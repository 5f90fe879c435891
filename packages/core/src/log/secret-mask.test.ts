import { describe, expect, it } from "vitest";
import { maskingLogger } from "./logger.ts";
import { MASK, SecretMask } from "./secret-mask.ts";

describe("SecretMask", () => {
  it("replaces every occurrence of every secret, longest first", () => {
    const mask = new SecretMask();
    mask.add("k8s-aws-v1.abcdefgh");
    mask.add("k8s-aws-v1.abcdefgh-and-more");
    expect(mask.apply("a k8s-aws-v1.abcdefgh-and-more b k8s-aws-v1.abcdefgh")).toBe(
      `a ${MASK} b ${MASK}`,
    );
  });

  it("tells the front end about each new secret once", () => {
    const told: string[] = [];
    const mask = new SecretMask((s) => told.push(s));
    mask.add("secret-value-1");
    mask.add("secret-value-1");
    mask.add(undefined);
    mask.add("short");
    expect(told).toEqual(["secret-value-1"]);
    expect(mask.apply("short")).toBe("short");
  });

  it("masks what goes through a masking logger", () => {
    const lines: string[] = [];
    const sink = {
      info: (l: string) => lines.push(`info ${l}`),
      warn: (l: string) => lines.push(`warn ${l}`),
      debug: (l: string) => lines.push(`debug ${l}`),
    };
    const mask = new SecretMask();
    mask.add("wJalrXUtnFEMI/K7MDENG");
    const logger = maskingLogger(sink, mask);
    logger.info("key wJalrXUtnFEMI/K7MDENG");
    logger.warn("wJalrXUtnFEMI/K7MDENG!");
    logger.debug("nothing secret");
    expect(lines).toEqual([`info key ${MASK}`, `warn ${MASK}!`, "debug nothing secret"]);
  });
});
