// The UserInputError an action throws, checked for the shape every user error has:
// "<input>: <problem>. <fix>", with neither the problem nor the fix left empty.
import { expect } from "vitest";
import { UserInputError } from "../user-input-error.ts";

export function userInputErrorOf(action: () => unknown): UserInputError {
  let caught: unknown;
  try {
    action();
  } catch (error) {
    caught = error;
  }
  if (!(caught instanceof UserInputError)) {
    throw new Error(`expected a UserInputError, got ${String(caught)}`);
  }
  expectProblemAndFix(caught);
  return caught;
}

export function expectProblemAndFix(error: UserInputError): void {
  expect(error.message.startsWith(`${error.input}: `), error.message).toBe(true);
  const rest = error.message.slice(error.input.length + 2);
  expect(rest, "the problem is empty").not.toMatch(/^\. /);
  expect(rest, "the fix is empty").not.toMatch(/\. $/);
  expect(rest, "no fix after the problem").toContain(". ");
}
