// `eks-sfn sweep`: deletes expired temporary clusters this tool created (by tag), node
// groups first; the janitor for a scheduled workflow.
import { parseDurationMs } from "../../run/run-plan.ts";
import { EXIT } from "../exit-codes.ts";
import { parseFlags, stringFlag } from "../flags.ts";
import type { CliWorld } from "../world.ts";
import { awsClients, regionFrom, requireRegion } from "./connect-flags.ts";

export const help = `usage: eks-sfn sweep [--region R] [--older-than DURATION] [--dry-run]

Finds the EKS clusters eks-sfn created for a run (tag eks-sfn.io/created-by=eks-sfn)
whose expiry (tag eks-sfn.io/expires-at) has passed, deletes their node groups and then
the clusters, and prints what it did. Clusters without the tag are never touched.

  --region R              the region to sweep (default: AWS_REGION)
  --older-than DURATION   also sweep tagged clusters created longer ago (90s, 30m, 6h)
  --dry-run               print what would be deleted, delete nothing

exit codes: 0 done, 2 bad input, 3 AWS refused or failed (a cluster it could not delete)`;

const FLAGS = {
  region: { type: "string" },
  "older-than": { type: "string" },
  "dry-run": { type: "boolean" },
} as const;
export const flagNames: readonly string[] = Object.keys(FLAGS);

export async function run(args: readonly string[], world: CliWorld): Promise<number> {
  const values = parseFlags("sweep", args, FLAGS);
  const olderThanMs = parseDurationMs("--older-than", stringFlag(values, "older-than"));
  const region = requireRegion(regionFrom(world, stringFlag(values, "region")));
  const dryRun = values["dry-run"] === true;
  const { sweepTemporaryClusters } = await import("../../run/sweep.ts");
  const { eks } = await awsClients(region);
  const report = await sweepTemporaryClusters({
    eks,
    region,
    clock: () => new Date(),
    olderThanMs,
    dryRun,
  });
  for (const c of report.swept) {
    const groups = c.nodegroups.length > 0 ? ` (node groups: ${c.nodegroups.join(", ")})` : "";
    const verb =
      c.outcome === "deleted"
        ? "deleted"
        : c.outcome === "would-delete"
          ? "would delete"
          : "FAILED to delete";
    world.out(
      `${verb} ${c.name}${groups}, expired ${c.expiresAt ?? "(by --older-than)"}${c.detail ? `: ${c.detail}` : ""}`,
    );
  }
  for (const c of report.kept)
    world.out(`kept ${c.name}: expires ${c.expiresAt ?? "(no expiry tag)"}`);
  if (report.swept.length === 0) world.out(`No expired temporary clusters in ${region}.`);
  return report.swept.some((c) => c.outcome === "failed") ? EXIT.infrastructure : EXIT.succeeded;
}
