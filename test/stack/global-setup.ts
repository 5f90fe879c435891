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
  if (given && !existing) {
    // A thrown error here reaches the user as vitest's "No test files found" and a
    // stack trace; one line and exit 1 says what is wrong and the fix.
    process.stderr.write(`${noStackMessage(given)}\n`);
    process.exit(1);
  }
  const state = existing ?? (await startStack());
  project.provide("stack", state);
  return async () => {
    if (!existing) await stopStack(state);
  };
}

/** The one line for a STACK_STATE that names no running stack (a stale or wrong file). */
export function noStackMessage(stackState: string): string {
  return `test stack: STACK_STATE=${stackState} names no running stack. Start it with \`npm run stack:up\` and run the \`export STACK_STATE=...\` line it prints, or unset STACK_STATE to let vitest start a stack for this run.`;
}
