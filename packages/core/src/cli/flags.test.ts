import { parseRoleArn, UserInputError } from "@eks-sfn/rbac";
import { describe, expect, it } from "vitest";
import { defaultUsername } from "../access/access-plan.ts";
import { parseCliArgs, RBAC_FLAGS, USAGE } from "./cli-args.ts";
import { RUN_PLAN_FLAGS, RUN_PLAN_HELP } from "./commands/run-plan-flags.ts";
import { parseFlags } from "./flags.ts";

const STRING_FLAGS = Object.entries(RUN_PLAN_FLAGS)
  .filter(([, spec]) => spec.type === "string")
  .map(([name]) => `--${name}`);

function refusal(parse: () => unknown): UserInputError {
  try {
    parse();
  } catch (error) {
    if (error instanceof UserInputError) return error;
    throw error;
  }
  throw new Error("parsed without an error");
}

describe("a value-taking flag given no value", () => {
  it.each(STRING_FLAGS)("%s as the last word says the flag needs a value", (flag) => {
    const error = refusal(() => parseFlags("plan", [flag], RUN_PLAN_FLAGS));
    expect(error.input).toBe(flag);
    expect(error.message).toBe(
      `${flag}: needs a value. Give it one: ${flag} VALUE (a value that starts with "-" as ${flag}=VALUE).`,
    );
  });

  it.each(STRING_FLAGS)("%s followed by another flag says the flag needs a value", (flag) => {
    const error = refusal(() => parseFlags("plan", [flag, "--no-logs"], RUN_PLAN_FLAGS));
    expect(error.input).toBe(flag);
    expect(error.message).toMatch(new RegExp(`^${flag}: needs a value\\.`));
    expect(error.message).not.toContain("ambiguous");
  });

  it.each(RBAC_FLAGS.filter((name) => name !== "dry-run").map((name) => `--${name}`))(
    "eks-sfn rbac grant %s with nothing after it says the flag needs a value",
    (flag) => {
      const error = refusal(() => parseCliArgs(["rbac", "grant", flag]));
      expect(error.input).toBe(flag);
      expect(error.message).toMatch(new RegExp(`^${flag}: needs a value\\.`));
    },
  );

  it("an unknown flag is still named as unknown, with the command's help", () => {
    const error = refusal(() => parseFlags("plan", ["--jbo", "x.yaml"], RUN_PLAN_FLAGS));
    expect(error.message).toBe(
      "--jbo: Unknown option '--jbo'. Run `eks-sfn plan --help` for the flags.",
    );
  });
});

describe("the --username default in --help", () => {
  it.each([
    ["rbac", USAGE],
    ["plan and run", RUN_PLAN_HELP],
  ])("%s --help gives the default with its hash suffix, as defaultUsername makes it", (_, help) => {
    const made = defaultUsername(parseRoleArn("role-arn", "arn:aws:iam::123456789012:role/etl"));
    expect(made).toMatch(/^eks-sfn-etl-[0-9a-f]{8}$/);
    expect(help).toContain("(default: eks-sfn-<role name>-<8 hex>)");
  });
});
