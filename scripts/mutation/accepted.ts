// Survivors accepted after review, part of the mutation configuration: each names the
// file, the mutator, the exact code the mutant changes (`code`; with `line`, a piece of
// the source line, where the code occurs more than once), and why it may survive. Only
// two reasons are good enough: the mutant is equivalent (no input can tell it from the
// original), or it changes nothing but the wording of a message. An accepted mutant
// counts as neither killed nor survived; one that no longer survives is reported, so
// the list stays short.

export interface AcceptedMutant {
  readonly file: string;
  readonly mutator: string;
  readonly code: string;
  readonly line?: string;
  readonly reason: string;
}

export const ACCEPTED_MUTANTS: readonly AcceptedMutant[] = [
  {
    file: "packages/core/src/cluster/cluster-target.ts",
    mutator: "ConditionalExpression",
    code: "endpoint !== undefined",
    line: "if (endpoint !== undefined && caData !== undefined) {",
    reason:
      "equivalent: the checks above throw unless endpoint and CA data are both given or both missing, so either half decides",
  },
  {
    file: "packages/core/src/cluster/cluster-target.ts",
    mutator: "ConditionalExpression",
    code: "caData !== undefined",
    line: "if (endpoint !== undefined && caData !== undefined) {",
    reason: "equivalent: as above, caData is given exactly when endpoint is",
  },
  {
    file: "packages/core/src/cluster/cluster-target.ts",
    mutator: "LogicalOperator",
    code: "endpoint !== undefined && caData !== undefined",
    line: "if (endpoint !== undefined && caData !== undefined) {",
    reason: "equivalent: as above, both are given or neither is, so && and || agree",
  },
  {
    file: "packages/core/src/cluster/cluster-target.ts",
    mutator: "ConditionalExpression",
    code: "trimmed === undefined",
    reason:
      'equivalent: for undefined, `trimmed === ""` is false too and the function returns trimmed, which is undefined',
  },
  {
    file: "packages/core/src/cluster/cluster-target.ts",
    mutator: "Regex",
    code: "/\\s+/g",
    reason:
      "equivalent: replacing every whitespace run or every whitespace character with '' is the same",
  },
  {
    file: "packages/core/src/kube/job-manifest.ts",
    mutator: "ConditionalExpression",
    code: "generateName !== undefined",
    reason:
      'equivalent: without a generateName the check reads "undefineda", a valid name prefix, so nothing is refused either way',
  },
  {
    file: "packages/core/src/kube/job-manifest.ts",
    mutator: "ObjectLiteral",
    code: "{ prettyErrors: true, uniqueKeys: true }",
    reason:
      "equivalent: both options restate the yaml library's defaults; written out because the tests pin what they give (line and column in the message, duplicate keys refused)",
  },
  {
    file: "packages/core/src/kube/job-manifest.ts",
    mutator: "ObjectLiteral",
    code: "{ maxAliasCount: MAX_JOB_MANIFEST_ALIASES }",
    reason:
      "equivalent: MAX_JOB_MANIFEST_ALIASES is 100, the yaml library's default maxAliasCount; written out because the cap is a documented guarantee",
  },
  {
    file: "packages/core/src/kube/job-manifest.ts",
    mutator: "ConditionalExpression",
    code: 'typeof namespace === "string"',
    reason:
      "equivalent: isDns1123Label refuses a non-string too (the tests give a number); the typeof narrows the type for TypeScript",
  },
  {
    file: "packages/core/src/kube/job-manifest.ts",
    mutator: "ConditionalExpression",
    code: 'typeof value === "string"',
    line: 'return typeof value === "string" && value.length <= maxLength',
    reason:
      "equivalent: a non-string has no numeric length, so `value.length <= maxLength` is false for it anyway; the typeof narrows the type for TypeScript",
  },
  {
    file: "packages/core/src/workflow/definition/job-run-plan.ts",
    mutator: "ConditionalExpression",
    code: 'typeof value === "number"',
    reason:
      "equivalent: Number.isInteger is false for anything that is not a number; the typeof narrows the type for TypeScript",
  },
  {
    file: "packages/rbac/src/ack-state-machine.ts",
    mutator: "Regex",
    code: "/([A-Z]+)([A-Z][a-z])/g",
    reason:
      "equivalent: the '-' goes before the last capital of a run either way; the run's other capitals are left in place by both",
  },
  {
    file: "packages/rbac/src/iam-policy.ts",
    mutator: "StringLiteral",
    code: '""',
    line: 'const { operation = "", suffix } = groups;',
    reason:
      "equivalent: the operation group always takes part in a match ([^.]* matches the empty string), so the default is never used",
  },
  {
    file: "packages/rbac/src/iam-policy.ts",
    mutator: "StringLiteral",
    code: '""',
    line: 'const { region = "", account = "", name = "" } = groups;',
    reason:
      "equivalent: the region, account and name groups of CLUSTER_ARN always take part in a match, so their defaults are never used",
  },
  {
    file: "packages/core/src/retry/backoff.ts",
    mutator: "OptionalChaining",
    code: "signal?.reason",
    line: "reject(signal?.reason);",
    reason:
      "equivalent: onAbort is only ever added as a listener of the signal, so the signal is there when it runs",
  },
];
