// The UserInputError an action throws, for tests that read its input and message;
// an action that throws nothing, or something else, fails the test.
import { expect } from "vitest";
import { UserInputError } from "../user-input-error.ts";

export function thrown(action: () => unknown): UserInputError {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(UserInputError);
    return error as UserInputError;
  }
  throw new Error("expected a UserInputError, but nothing was thrown");
}
