// A mistake the user can fix: the message names the input and the fix, and the
// action prints it as one line, never with a stack trace.
export class UserInputError extends Error {
  override readonly name = "UserInputError";
  /** The input at fault, as the user wrote it: an action input, a CLI flag or a field. */
  readonly input: string;

  constructor(input: string, problem: string, fix: string) {
    super(`${input}: ${problem}. ${fix}`);
    this.input = input;
  }
}
