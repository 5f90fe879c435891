import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  UserInputError
} from "./chunk-VL6DFSIU.js";

// packages/core/src/workflow/execution-name.ts
import { createHash } from "node:crypto";
var EXECUTION_NAME_MAX_LENGTH = 80;
var FORBIDDEN = /[\s?*<>{}[\]"#%\\^|~`$&,;:/\u0000-\u001f\u007f-\u009f]/u;
var KEPT = /[A-Za-z0-9_.=+@-]/;
var HASH_LENGTH = 8;
function isValidExecutionName(name) {
  const length = [...name].length;
  return length >= 1 && length <= EXECUTION_NAME_MAX_LENGTH && !FORBIDDEN.test(name);
}
function parseExecutionName(input, value) {
  if (!isValidExecutionName(value)) {
    throw new UserInputError(
      input,
      `${JSON.stringify(value)} is not a valid Step Functions execution name (1 to ${EXECUTION_NAME_MAX_LENGTH} characters, no whitespace, control characters or ? * < > { } [ ] " # % \\ ^ | ~ \` $ & , ; : /)`,
      'Use letters, digits, "-" and "_", like "nightly-2026-11-30".'
    );
  }
  return value;
}
function executionNameForRun(identity) {
  if (!/^\d+$/.test(identity.runId)) {
    throw new UserInputError(
      "GITHUB_RUN_ID",
      `${JSON.stringify(identity.runId)} is not a run id (digits)`,
      "Run inside GitHub Actions, or give the execution a name of your own."
    );
  }
  if (!Number.isInteger(identity.attempt) || identity.attempt < 1) {
    throw new UserInputError(
      "GITHUB_RUN_ATTEMPT",
      `${identity.attempt} is not a run attempt (a whole number from 1)`,
      "Run inside GitHub Actions, or give the execution a name of your own."
    );
  }
  const suffix = identity.discriminator === void 0 ? "" : `-${shortHash(identity.discriminator)}`;
  const head = `gh-${identity.runId}-${identity.attempt}-`;
  return head + fitted(identity.job, EXECUTION_NAME_MAX_LENGTH - head.length - suffix.length) + suffix;
}
function executionNameFrom(text) {
  return fitted(text, EXECUTION_NAME_MAX_LENGTH);
}
function fitted(text, room) {
  const characters = [...text];
  if (characters.length > 0 && characters.length <= room && characters.every((c) => KEPT.test(c))) {
    return text;
  }
  const cleaned = characters.map((c) => KEPT.test(c) ? c : "-").join("");
  const tail = `-${shortHash(text)}`;
  return cleaned.slice(0, Math.max(0, room - tail.length)) + tail;
}
function shortHash(text) {
  return createHash("sha256").update(text, "utf8").digest("hex").slice(0, HASH_LENGTH);
}

export {
  EXECUTION_NAME_MAX_LENGTH,
  isValidExecutionName,
  parseExecutionName,
  executionNameForRun,
  executionNameFrom
};
