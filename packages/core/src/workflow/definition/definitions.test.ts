import { createRequire } from "node:module";
import { parseStateMachineDefinition } from "@eks-sfn/rbac";
import { describe, expect, it } from "vitest";
import { expectGolden } from "../../test-support/golden.ts";
import { EXAMPLE_NAMES, exampleDefinition } from "./examples.test-support.ts";

// asl-validator is CommonJS without types: (definition) => { isValid, errors }.
const validate = createRequire(import.meta.url)("asl-validator") as (definition: unknown) => {
  isValid: boolean;
  errors: unknown[];
};

describe("the definitions generated for the article's pi Job", () => {
  it.each(EXAMPLE_NAMES)("%s matches its golden file", (name) => {
    const definition = exampleDefinition(name);
    const text = `${JSON.stringify(definition, null, 2)}\n`;
    // Printed on purpose: the definitions a user of examples/pi-job.yaml gets.
    console.log(`--- ${name}\n${text}`);
    expectGolden(import.meta.url, name, text);
  });

  it.each(EXAMPLE_NAMES)("%s passes asl-validator", (name) => {
    // The validator writes QueryLanguage into each state: give it a copy.
    const result = validate(structuredClone(exampleDefinition(name)));
    expect(result.errors).toEqual([]);
    expect(result.isValid).toBe(true);
  });

  it.each(EXAMPLE_NAMES)("%s reads back through parseStateMachineDefinition", (name) => {
    const definition = exampleDefinition(name);
    const text = JSON.stringify(definition);
    expect(parseStateMachineDefinition("definition", text)).toEqual(definition);
  });

  it("asl-validator can fail: it rejects a Next to a missing state", () => {
    const broken = structuredClone(exampleDefinition("run-job.json"));
    const run = broken?.States["Run job"] as { Next: string };
    run.Next = "Cleanup";
    expect(validate(broken).isValid).toBe(false);
  });
});
