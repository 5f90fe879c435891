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

  it("masks a secret of 8 characters and leaves one of 7 alone", () => {
    const told: string[] = [];
    const mask = new SecretMask((s) => told.push(s));
    mask.add("1234567");
    mask.add("abcdefgh");
    expect(told).toEqual(["abcdefgh"]);
    expect(mask.size).toBe(1);
    expect(mask.apply("1234567 abcdefgh")).toBe(`1234567 ${MASK}`);
  });

  it("masks a longer secret whole whichever order the secrets were added in", () => {
    for (const order of [
      ["token-part", "token-part-and-rest"],
      ["token-part-and-rest", "token-part"],
    ]) {
      const mask = new SecretMask();
      for (const secret of order) mask.add(secret);
      expect(mask.apply("x token-part-and-rest y token-part z")).toBe(`x ${MASK} y ${MASK} z`);
    }
  });

  it("counts each secret once and works with no front end to tell", () => {
    const mask = new SecretMask();
    expect(mask.size).toBe(0);
    mask.add("secret-value-1");
    mask.add("secret-value-1");
    mask.add("secret-value-2");
    expect(mask.size).toBe(2);
    expect(mask.apply("secret-value-2")).toBe(MASK);
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
