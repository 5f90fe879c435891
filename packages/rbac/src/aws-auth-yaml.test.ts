import { describe, expect, it } from "vitest";
import { awsAuthYamlToJson, resolvePlain } from "./aws-auth-yaml.ts";

// What go-yaml v2 (through sigs.k8s.io/yaml and encoding/json) makes of aws-auth text.
// The differential test in packages/rbac/test asks aws-iam-authenticator itself; these
// pin the same rules without a server.

describe("resolvePlain: YAML 1.1 plain scalars as go-yaml v2 resolves them", () => {
  it.each<[string, unknown]>([
    ["y", true],
    ["on", true],
    ["YES", true],
    ["n", false],
    ["Off", false],
    ["false", false],
    ["~", null],
    ["null", null],
    ["", null],
    ["12", 12],
    ["+12", 12],
    ["-12", -12],
    ["0", 0],
    ["1_000", 1000],
    ["017", 15],
    ["-017", -15],
    ["09", 9],
    ["0o17", 15],
    ["0O17", 15],
    ["0x1F", 31],
    ["0X1f", 31],
    ["+0x1F", 31],
    ["-0x10", -16],
    ["0b101", 5],
    ["0B101", 5],
    ["-0b101", -5],
    ["-0x8000000000000000", -(2 ** 63)],
    ["0xFFFFFFFFFFFFFFFF", 2 ** 64],
    ["1.5", 1.5],
    ["1.", 1],
    ["1e3", 1000],
    ["1E3", 1000],
    ["-1.5e-3", -0.0015],
    ["+2.5E+2", 250],
    [".5", 0.5],
    ["+.5", 0.5],
    [".5e1", 5],
    ["12345678901234567890", Number(12345678901234567890n)],
  ])("reads %j as %j", (text, value) => {
    expect(resolvePlain(text)).toStrictEqual(value);
  });

  it.each([
    "abc",
    "x1",
    ".",
    ".x",
    ".5e",
    ".5\u00a0",
    "0x",
    "0xG",
    "0o8",
    "0b2",
    "0b",
    "1_0x",
    "1.5.5",
    "1e",
    "1e+",
    "1e400",
    ".5e400",
    "2001-12-14",
    "1:20",
    "-0x8000000000000001",
    "0x10000000000000000",
    `0b${"1".repeat(65)}`,
    `-0b${"1".repeat(64)}`,
    "true_",
    "yes!",
  ])("keeps %j as text", (text) => {
    expect(resolvePlain(text)).toBe(text);
  });

  it("reads the special floats, which JSON cannot carry", () => {
    expect(resolvePlain(".nan")).toBeNaN();
    expect(resolvePlain(".Inf")).toBe(Number.POSITIVE_INFINITY);
    expect(resolvePlain("-.INF")).toBe(Number.NEGATIVE_INFINITY);
  });
});

describe("awsAuthYamlToJson", () => {
  const read = (text: string) => awsAuthYamlToJson(text);
  const value = (text: string) => {
    const result = awsAuthYamlToJson(text);
    if (!result.ok) throw new Error(`expected a value, got ${result.error}`);
    return result.value;
  };
  const error = (text: string) => {
    const result = awsAuthYamlToJson(text);
    if (result.ok) throw new Error(`expected an error, got ${JSON.stringify(result.value)}`);
    return result.error;
  };

  it("writes object keys sorted by their UTF-8 bytes, as encoding/json does", () => {
    const read = value("- rolearn: r\n  b: 1\n  Z: on\n  \uff01: x\n  \u{1f600}: w\n  a: ~\n");
    expect(JSON.stringify(read)).toBe(
      '[{"Z":true,"a":null,"b":1,"rolearn":"r","\uff01":"x","\u{1f600}":"w"}]',
    );
  });

  it("takes text starting with { (after white space) as JSON, as it is", () => {
    expect(read(' \n{"mapRoles": [1, "on"]}')).toEqual({
      ok: true,
      value: { mapRoles: [1, "on"] },
    });
    expect(error("{a: 1}")).toMatch(/JSON/);
  });

  it("reads no document, or only a comment, as null", () => {
    expect(read("")).toEqual({ ok: true, value: null });
    expect(read("# nothing here\n")).toEqual({ ok: true, value: null });
  });

  it("reports malformed YAML by the first line of its message", () => {
    const message = error("- a: [\n");
    expect(message).not.toBe("");
    expect(message).not.toContain("\n");
  });

  it("reads quoted, block, !!str, !!binary and unknown-tag scalars as text", () => {
    expect(value(`- "on"\n- '12'\n- |\n  12\n- !!str 12\n- !!binary aGk=\n- !foo 12\n`)).toEqual([
      "on",
      "12",
      "12\n",
      "12",
      "aGk=",
      "12",
    ]);
  });

  it("resolves scalars tagged !!int, !!bool, !!float and !!null as plain ones", () => {
    expect(value("- !!int 0x1F\n- !!bool yes\n- !!float 1.5\n- !!null ~\n- 12\n")).toEqual([
      31,
      true,
      1.5,
      null,
      12,
    ]);
  });

  it("refuses NaN and the infinities, which encoding/json cannot write", () => {
    expect(error("- .inf\n")).toMatch(/^json: unsupported value: /);
    expect(error("- a: !!float .nan\n")).toMatch(/^json: unsupported value: /);
  });

  it("reads an empty value, and an empty list item, as null", () => {
    expect(value("- a:\n  b: 1\n-\n")).toEqual([{ a: null, b: 1 }, null]);
  });

  it("writes number and boolean keys as text and refuses null or list keys", () => {
    expect(value("- 1: a\n  on: b\n  1.5: c\n")).toEqual([{ "1": "a", "1.5": "c", true: "b" }]);
    expect(error("- ~: x\n")).toBe("unsupported map key");
    expect(error("- [a]: x\n")).toBe("unsupported map key");
  });

  it("reads a pair inside a flow list as a one-key object", () => {
    expect(value("- [a: 1, b]\n")).toEqual([[{ a: 1 }, "b"]]);
  });

  it("follows aliases", () => {
    expect(value("- &x {a: 1}\n- *x\n")).toEqual([{ a: 1 }, { a: 1 }]);
  });

  it("merges << keys in place, later keys and earlier merged maps winning", () => {
    const text = [
      "- p: &p {a: 1, b: 1}",
      "  q: &q {a: 2, c: 2}",
      "  one: {<<: *p, b: 3}",
      "  list: {<<: [*p, *q]}",
      "  inline:",
      "    <<: {a: 4}",
      '  quoted: {"<<": 5}',
      "  tagged: {!!str <<: 6}",
      "",
    ].join("\n");
    expect(value(text)).toEqual([
      {
        p: { a: 1, b: 1 },
        q: { a: 2, c: 2 },
        one: { a: 1, b: 3 },
        list: { a: 1, b: 1, c: 2 },
        inline: { a: 4 },
        quoted: { "<<": 5 },
        tagged: { "<<": 6 },
      },
    ]);
  });

  it("refuses a merge of something that is not a map", () => {
    expect(error("- {<<: 1}\n")).toBe("map merge requires map or sequence of maps");
    expect(error("- {<<: [1]}\n")).toBe("map merge requires map or sequence of maps");
  });

  it("reads lists nested 200 deep and refuses one level more", () => {
    const nested = (depth: number) => `${"[".repeat(depth)}1${"]".repeat(depth)}`;
    expect(read(nested(200)).ok).toBe(true);
    expect(error(nested(201))).toBe("document nested too deeply");
  });

  it("counts each mapping as two levels: the mapping and its values", () => {
    const nested = (depth: number) => `${"{a: ".repeat(depth)}1${"}".repeat(depth)}`;
    expect(read(`- ${nested(99)}`).ok).toBe(true);
    expect(error(`- ${nested(101)}`)).toBe("document nested too deeply");
  });
});
