// The exit codes of `eks-sfn`, one meaning each (README "CLI"), so scripts can branch
// on them: a failed Job is not a typo, and neither is AWS refusing a request.
export const EXIT = {
  /** The Job and the execution succeeded (or the command did what it was asked). */
  succeeded: 0,
  /** The Job or the execution failed; preflight found a problem. */
  failed: 1,
  /** Bad input: a flag, a file; nothing was created. */
  badInput: 2,
  /** Infrastructure: AWS or Kubernetes refused or failed, or the run timed out. */
  infrastructure: 3,
  /** Cancelled (Ctrl-C): what the run made was cleaned up. */
  cancelled: 130,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
