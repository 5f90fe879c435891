// vitest global setup: hands the test stack to the tests. It reuses a stack that
// `npm run stack:up` or `cli.ts run` started (STACK_STATE), or starts one for this
// run and always stops what it started.
import type { TestProject } from "vitest/node";
import { CURRENT_STACK_FILE } from "./paths.ts";
import "./provided-context.ts";
import { readStackState, startStack, stopStack } from "./stack.ts";

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const given = process.env.STACK_STATE;
  const existing = given ? readStackState(given) : readStackState(CURRENT_STACK_FILE);
  if (given && !existing) throw new Error(`STACK_STATE=${given} names no running stack`);
  const state = existing ?? (await startStack());
  project.provide("stack", state);
  return async () => {
    if (!existing) await stopStack(state);
  };
}
