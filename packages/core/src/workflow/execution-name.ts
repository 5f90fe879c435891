// Execution names: deterministic, so that a retried step starts the same execution
// instead of a second one (StartExecution is idempotent for one name and input), and
// valid by StartExecution's rules (FACTS.md "Step Functions API").
import { createHash } from "node:crypto";
import { UserInputError } from "@eks-sfn/rbac";

/** StartExecution's limit on `name`, in characters. */
export const EXECUTION_NAME_MAX_LENGTH = 80;

// Whitespace, the listed punctuation, and control characters (C0, DEL, C1).
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it finds
const FORBIDDEN = /[\s?*<>{}[\]"#%\\^|~`$&,;:/\u0000-\u001f\u007f-\u009f]/u;
// What generated names keep as is: a subset of the allowed characters, ASCII only,
// because AWS advises ASCII names for CloudWatch metrics.
const KEPT = /[A-Za-z0-9_.=+@-]/;
const HASH_LENGTH = 8;

/** True when StartExecution accepts `name`: 1 to 80 characters, none of the forbidden ones. */
export function isValidExecutionName(name: string): boolean {
  const length = [...name].length;
  return length >= 1 && length <= EXECUTION_NAME_MAX_LENGTH && !FORBIDDEN.test(name);
}

/**
 * A caller's own execution name, checked by StartExecution's rules.
 * @throws UserInputError naming `input` when the name is empty, longer than 80
 *   characters, or holds whitespace, control characters or `? * < > { } [ ] " # % \ ^ | ~ \` $ & , ; : /`.
 */
export function parseExecutionName(input: string, value: string): string {
  if (!isValidExecutionName(value)) {
    throw new UserInputError(
      input,
      `${JSON.stringify(value)} is not a valid Step Functions execution name (1 to ${EXECUTION_NAME_MAX_LENGTH} characters, no whitespace, control characters or ? * < > { } [ ] " # % \\ ^ | ~ \` $ & , ; : /)`,
      'Use letters, digits, "-" and "_", like "nightly-2026-11-30".',
    );
  }
  return value;
}

export interface GitHubRunIdentity {
  /** `GITHUB_RUN_ID`: digits. */
  readonly runId: string;
  /** `GITHUB_RUN_ATTEMPT`: 1 for the first attempt. */
  readonly attempt: number;
  /** `GITHUB_JOB`: the job's key in the workflow file. */
  readonly job: string;
  /**
   * What tells apart runs that share the three above: a matrix combination, or a step
   * that runs the action twice. Hashed into the name.
   */
  readonly discriminator?: string | undefined;
}

/**
 * The execution name for one GitHub Actions run attempt: `gh-<runId>-<attempt>-<job>`,
 * plus a short hash of the discriminator when there is one. The same identity always
 * gives the same name; different identities give different names (a job key that had
 * to be changed or cut to fit is followed by a hash of the original). Always valid.
 */
export function executionNameForRun(identity: GitHubRunIdentity): string {
  if (!/^\d+$/.test(identity.runId)) {
    throw new UserInputError(
      "GITHUB_RUN_ID",
      `${JSON.stringify(identity.runId)} is not a run id (digits)`,
      "Run inside GitHub Actions, or give the execution a name of your own.",
    );
  }
  if (!Number.isInteger(identity.attempt) || identity.attempt < 1) {
    throw new UserInputError(
      "GITHUB_RUN_ATTEMPT",
      `${identity.attempt} is not a run attempt (a whole number from 1)`,
      "Run inside GitHub Actions, or give the execution a name of your own.",
    );
  }
  const suffix =
    identity.discriminator === undefined ? "" : `-${shortHash(identity.discriminator)}`;
  const head = `gh-${identity.runId}-${identity.attempt}-`;
  return (
    head + fitted(identity.job, EXECUTION_NAME_MAX_LENGTH - head.length - suffix.length) + suffix
  );
}

/**
 * Any text made into a valid execution name deterministically: kept as is when it is
 * already a valid ASCII name of at most 80 characters; otherwise unusual characters
 * become `-`, it is cut to fit, and a hash of the original keeps it unique.
 */
export function executionNameFrom(text: string): string {
  return fitted(text, EXECUTION_NAME_MAX_LENGTH);
}

// `text` itself when every character is KEPT and it fits in `room`; otherwise its
// cleaned, cut form followed by `-` and a hash of `text`.
function fitted(text: string, room: number): string {
  const characters = [...text];
  if (characters.length > 0 && characters.length <= room && characters.every((c) => KEPT.test(c))) {
    return text;
  }
  const cleaned = characters.map((c) => (KEPT.test(c) ? c : "-")).join("");
  const tail = `-${shortHash(text)}`;
  return cleaned.slice(0, Math.max(0, room - tail.length)) + tail;
}

function shortHash(text: string): string {
  // A string is hashed as its UTF-8 bytes.
  return createHash("sha256").update(text).digest("hex").slice(0, HASH_LENGTH);
}
