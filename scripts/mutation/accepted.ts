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
  {
    file: "packages/rbac/src/aws-auth-yaml.ts",
    mutator: "StringLiteral",
    code: '"utf8"',
    line: 'const left = Buffer.from(a, "utf8");',
    reason: 'equivalent: Buffer.from reads an empty encoding name as "utf8"',
  },
  {
    file: "packages/rbac/src/aws-auth-yaml.ts",
    mutator: "StringLiteral",
    code: '"utf8"',
    line: 'const right = Buffer.from(b, "utf8");',
    reason: 'equivalent: Buffer.from reads an empty encoding name as "utf8"',
  },
  {
    file: "packages/rbac/src/aws-auth-yaml.ts",
    mutator: "StringLiteral",
    code: '""',
    line: 'error: error.message.split("\\n", 1)[0] ?? ""',
    reason:
      "equivalent: split with a limit of 1 always returns one element, so the default is never used",
  },
  {
    file: "packages/rbac/src/aws-auth.ts",
    mutator: "StringLiteral",
    code: '""',
    line: 'error.message.split("\\n", 1)[0] ?? ""',
    reason:
      "equivalent: split with a limit of 1 always returns one element, so the default is never used",
  },
  {
    file: "packages/rbac/src/aws-auth-yaml.ts",
    mutator: "Regex",
    code: "/^[-+0-9]$/",
    reason:
      "equivalent: it tests one character (the empty text was read as null before), so the anchors change nothing",
  },
  {
    file: "packages/rbac/src/aws-auth-yaml.ts",
    mutator: "ConditionalExpression",
    code: "!isPair(pair)",
    reason: "equivalent: the items of a parsed YAML map are always pairs",
  },
  {
    file: "packages/rbac/src/aws-auth-yaml.ts",
    mutator: "ConditionalExpression",
    code: "isMap(node)",
    line: "if (isMap(node)) return pairsToObject(",
    reason:
      "equivalent: a parsed document holds only aliases, scalars, sequences and maps, and the others were handled above",
  },
  {
    file: "packages/rbac/src/aws-auth-yaml.ts",
    mutator: "StringLiteral",
    code: '""',
    line: 'const first = text[0] ?? "";',
    reason: "equivalent: the empty text was read as null above, so text[0] is always there",
  },
  {
    file: "packages/rbac/src/aws-auth-yaml.ts",
    mutator: "StringLiteral",
    code: '""',
    line: 'const [, sign, digits = ""] = match;',
    reason:
      "equivalent: the digits group always takes part in a match, so the default is never used",
  },
  {
    file: "packages/core/src/report/render-mermaid.ts",
    mutator: "ArrayDeclaration",
    code: "[]",
    line: "const visits = groupVisits(options.report?.path ?? []);",
    reason:
      "equivalent: with no report nothing is marked, and a made-up entry has no state name, so no node's visits change",
  },
  {
    file: "packages/core/src/report/render-mermaid.ts",
    mutator: "ConditionalExpression",
    code: 'node.type === "Parallel" || node.type === "Map"',
    reason:
      "equivalent: only Parallel and Map states have nodes inside them, so for any other state the list of branches is empty",
  },
  {
    file: "packages/core/src/report/render-mermaid.ts",
    mutator: "OptionalChaining",
    code: "visits.get(node.name)?.at(-1)?.status",
    reason:
      "equivalent: groupVisits never stores an empty list, so at(-1) of a stored list is a visit",
  },
  {
    file: "packages/core/src/report/render-mermaid.ts",
    mutator: "ConditionalExpression",
    code: "edge.from === null",
    line: "(edge) => edge.to !== null || edge.from === null || parentOf.get(edge.from) === undefined,",
    reason:
      "equivalent: for the start edge (from null) parentOf has no entry either, so the next test keeps it too",
  },
  {
    file: "packages/core/src/report/render-mermaid.ts",
    mutator: "ConditionalExpression",
    code: "edge.from === null",
    line: "const fromVisits = edge.from === null ? [] : (visits.get(edge.from) ?? []);",
    reason: "equivalent: no state is named null, so visits.get(null) ?? [] is [] as well",
  },
  {
    file: "packages/core/src/report/render-text.ts",
    mutator: "ConditionalExpression",
    code: "visit.error",
    line: "if (visit.error) parts.push(visit.error);",
    reason:
      "equivalent: an undefined error joins as an empty last part, and trimEnd removes the separator it leaves",
  },
  {
    file: "packages/core/src/report/render-text.ts",
    mutator: "StringLiteral",
    code: '"\\n"',
    line: 'oneLine(cause, 200)).join("\\n")',
    reason:
      "equivalent: oneLine leaves no newline, so block returns one line and the join separator is never used",
  },
  {
    file: "packages/core/src/report/render-text.ts",
    mutator: "StringLiteral",
    code: '""',
    line: 'const all = (container.log ?? "").replace(/\\n$/, "").split("\\n");',
    reason: "equivalent: logBlock is only called for a container whose log is defined",
  },
  {
    file: "packages/core/src/report/render-access.ts",
    mutator: "StringLiteral",
    code: '""',
    line: 'return "";',
    reason:
      "equivalent: every kind and outcome of a revoke step returns above; the line is only there for the type checker",
  },
];
