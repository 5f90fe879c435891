// Words the access reports (preflight, grant, revoke) as lines of text, in one place:
// the effects return data, and every front end (the CLI's rbac command, the demo, the
// action) prints what this returns. Pure: no AWS, no Kubernetes.
import type { RoleMapping } from "@eks-sfn/rbac";
import type { GrantReport } from "../access/grant.ts";
import type { PreflightFinding, PreflightReport } from "../access/preflight.ts";
import type { RevokeReport, RevokeStep } from "../access/revoke.ts";

/** One line per decision and change of a grant, in the order they were made. */
export function renderGrantReport(report: GrantReport): string[] {
  const { plan, dryRun } = report;
  const lines: string[] = [...plan.notes];
  for (const applied of report.objects) {
    const { kind, namespace, name } = applied.object;
    const outcome =
      dryRun && applied.outcome !== "unchanged" ? `would be ${applied.outcome}` : applied.outcome;
    lines.push(`${kind} ${namespace}/${name}: ${outcome}.`);
  }
  const change = report.awsAuth;
  if (change !== undefined) {
    const stripped = change.pathStripped
      ? ` (ARN written without its path, as aws-auth requires; asked for ${change.requestedRoleArn})`
      : "";
    switch (change.kind) {
      case "added":
        lines.push(
          dryRun
            ? `aws-auth: would map ${change.entry.rolearn} to ${describeMapping(change.entry)}${stripped}.`
            : `aws-auth: mapped ${change.entry.rolearn} to ${describeMapping(change.entry)}${stripped}.`,
        );
        break;
      case "unchanged":
        lines.push(
          `aws-auth: ${change.entry.rolearn} is already mapped to ${describeMapping(change.entry)}; nothing changed${stripped}.`,
        );
        break;
      case "conflict":
        lines.push(
          `aws-auth: ${change.existing.rolearn} is already mapped to ${describeMapping(change.existing)}, not ${describeMapping(change.requested)}; left it unchanged${stripped}.`,
        );
        break;
    }
  }
  const entry = report.accessEntry;
  if (entry !== undefined) {
    const outcome = dryRun && entry.entry === "created" ? "would be created" : entry.entry;
    lines.push(
      `access entry for ${plan.role.arn}: ${outcome} (username "${entry.username ?? ""}").`,
    );
    if (entry.policy !== "not-requested") {
      lines.push(`AmazonEKSEditPolicy in ${plan.namespace}: ${entry.policy}.`);
    }
  }
  if (plan.strategy === "none") {
    lines.push("access-strategy none: the role's Kubernetes identity is left as it is.");
  }
  return lines;
}

/** One line per undone change, newest first; one line when the receipt recorded none. */
export function renderRevokeReport(report: RevokeReport): string[] {
  if (report.steps.length === 0) return ["The receipt records no change: nothing to remove."];
  return report.steps.map(renderRevokeStep);
}

function renderRevokeStep(step: RevokeStep): string {
  switch (step.kind) {
    case "aws-auth-mapping": {
      const { entry, outcome } = step;
      switch (outcome.kind) {
        case "removed": {
          const deleted = outcome.configMapDeleted ? " and the ConfigMap this run created" : "";
          const still = outcome.stillMappedBy
            ? `; the role is still mapped by another entry, to ${describeMapping(outcome.stillMappedBy)}, which was left in place`
            : "";
          return `aws-auth: removed this run's mapping of ${entry.rolearn}${deleted}${still}.`;
        }
        case "changed":
          return `aws-auth: ${entry.rolearn} is still mapped, to ${describeMapping(outcome.current)}: someone else changed or replaced this run's entry (${describeMapping(entry)}), so it was left in place.`;
        case "absent":
          return `aws-auth: the mapping of ${entry.rolearn} was already gone.`;
      }
      break;
    }
    case "kube-object":
      return `${step.object.kind} ${step.object.namespace}/${step.object.name}: ${step.outcome}.`;
    case "access-entry":
      return `access entry for ${step.principalArn}: ${step.outcome}.`;
    case "access-policy":
      return `${step.policyArn} for ${step.principalArn}: ${step.outcome}.`;
  }
  return "";
}

/** A preflight finding in words: what was found, what a problem causes, and the fix. */
export interface PreflightFindingText {
  readonly detail: string;
  readonly consequence?: string | undefined;
  readonly fix?: string | undefined;
}

const UNAUTHORIZED = "EKS.401 (Unauthorized) on the first Kubernetes call";

/** Words one finding. */
export function describePreflightFinding(finding: PreflightFinding): PreflightFindingText {
  switch (finding.check) {
    case "endpoint":
      if (finding.publicAccess === false) {
        return {
          detail: `cluster ${finding.cluster} has a private-only API endpoint; Step Functions' EKS integrations reach it over the internet`,
          consequence: "every eks:runJob and eks:call task fails",
          fix: `aws eks update-cluster-config --name ${finding.cluster} --resources-vpc-config endpointPublicAccess=true`,
        };
      }
      return {
        detail: finding.publicAccess
          ? `public endpoint ${finding.endpoint}`
          : `endpoint ${finding.endpoint} (public access not known for a cluster given explicitly)`,
      };
    case "authentication-mode":
      return {
        detail: finding.mode
          ? `authentication mode ${finding.mode}; the role's identity comes from ${finding.strategy}`
          : `authentication mode not known; planned strategy ${finding.strategy}`,
      };
    case "identity":
      return finding.source === "aws-auth"
        ? describeAwsAuthIdentity(finding)
        : describeAccessEntryIdentity(finding);
    case "namespace":
      if (finding.found === "missing") {
        return {
          detail: `namespace ${finding.namespace} does not exist`,
          consequence: "EKS.404 (NotFound) when the task creates the Job",
          fix: `kubectl create namespace ${finding.namespace}`,
        };
      }
      return {
        detail:
          finding.found === "exists"
            ? `namespace ${finding.namespace} exists`
            : `could not read namespace ${finding.namespace}`,
      };
    case "rbac":
      if (finding.missing.length === 0) {
        return {
          detail: `"${finding.username}" may run Jobs and read their logs in ${finding.namespace}`,
        };
      }
      return {
        detail: `"${finding.username}" may not ${finding.missing.join(", ")} in ${finding.namespace}`,
        consequence: "EKS.403 (Forbidden) when the task creates the Job or reads its logs",
        fix: "apply the job runner Role and RoleBinding (eks-sfn rbac grant)",
      };
  }
}

function describeAwsAuthIdentity(
  finding: Extract<PreflightFinding, { source: "aws-auth" }>,
): PreflightFindingText {
  const { role, found } = finding;
  switch (found.kind) {
    case "mapped":
      return {
        detail: `aws-auth maps ${role.arnWithoutPath} to username "${found.entry.username ?? ""}"`,
      };
    case "mapped-with-path":
      return {
        detail: `aws-auth maps ${role.arn} with its path (${role.path}); aws-iam-authenticator compares role ARNs without the path, so this entry never matches`,
        consequence: UNAUTHORIZED,
        fix: `write the entry as rolearn: ${role.arnWithoutPath} (eks-sfn rbac grant does this)`,
      };
    case "not-mapped":
      return {
        detail: `${role.arnWithoutPath} is not mapped in kube-system/aws-auth`,
        consequence: UNAUTHORIZED,
        fix: "grant access (eks-sfn rbac grant, or access-strategy aws-auth)",
      };
    case "unreadable":
      return {
        detail: `could not read kube-system/aws-auth (HTTP ${found.httpStatus ?? "error"})`,
      };
  }
}

function describeAccessEntryIdentity(
  finding: Extract<PreflightFinding, { source: "access-entry" }>,
): PreflightFindingText {
  const { role, found } = finding;
  switch (found.kind) {
    case "entered":
      return { detail: `access entry for ${role.arn} with username "${found.username ?? ""}"` };
    case "no-entry":
      return {
        detail: `${role.arn} has no access entry on ${finding.cluster}`,
        consequence: UNAUTHORIZED,
        fix: "grant access (eks-sfn rbac grant, or access-strategy access-entry)",
      };
    case "unreadable":
      return { detail: `could not describe the access entry (${found.errorName})` };
  }
}

/** One line per finding, with what it causes and the fix indented below. */
export function renderPreflightReport(report: PreflightReport): string[] {
  const lines: string[] = [];
  for (const finding of report.findings) {
    const status =
      finding.status === "ok" ? "ok" : finding.status === "problem" ? "PROBLEM" : "unknown";
    const text = describePreflightFinding(finding);
    lines.push(`${status}  ${finding.check}: ${text.detail}`);
    if (text.consequence) lines.push(`         causes: ${text.consequence}`);
    if (text.fix) lines.push(`         fix: ${text.fix}`);
  }
  return lines;
}

function describeMapping(entry: RoleMapping): string {
  const user = entry.username ? `username "${entry.username}"` : "no username";
  const groups = entry.groups ?? [];
  return `${user} with ${groups.length === 0 ? "no groups" : `groups [${groups.join(", ")}]`}`;
}
