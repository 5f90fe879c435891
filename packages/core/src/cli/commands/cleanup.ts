// `eks-sfn cleanup --ledger FILE`: undoes what a run recorded, for a run that was
// killed before it could clean up after itself. Safe to run more than once.
import { UserInputError } from "@eks-sfn/rbac";
import type { RunLedger } from "../../run/ledger.ts";
import { EXIT } from "../exit-codes.ts";
import { parseFlags, readFlagFile, stringFlag } from "../flags.ts";
import type { CliWorld } from "../world.ts";
import { awsClients, connectFromFlags, regionFrom } from "./connect-flags.ts";

export const help = `usage: eks-sfn cleanup --ledger FILE [--kubeconfig PATH [--context C]] [--region R]

Undoes exactly what the run that wrote FILE made: stops its execution, deletes its Jobs
(Foreground), revokes its grant, deletes its temporary cluster (node group first) and a
state machine it created (unless another execution still runs on it).
Whatever is already gone is skipped, so it is safe to run again.

  --ledger FILE       the run ledger (eks-sfn run prints its path)
  --kubeconfig PATH   reach the cluster with this kubeconfig (as in the run)
  --context C         a context in that kubeconfig
  --region R          the AWS region (default: the ledger's, then AWS_REGION)

exit codes: 0 everything undone or already gone, 2 bad input, 3 something could not be undone`;

const FLAGS = {
  ledger: { type: "string" },
  kubeconfig: { type: "string" },
  context: { type: "string" },
  region: { type: "string" },
} as const;
export const flagNames: readonly string[] = Object.keys(FLAGS);

export async function run(args: readonly string[], world: CliWorld): Promise<number> {
  const values = parseFlags("cleanup", args, FLAGS);
  const path = stringFlag(values, "ledger");
  if (path === undefined) {
    throw new UserInputError("--ledger", "is required", "Give the ledger file the run wrote.");
  }
  const { parseLedger } = await import("../../run/ledger.ts");
  let ledger: RunLedger;
  try {
    ledger = parseLedger(readFlagFile("--ledger", path));
  } catch (error) {
    if (error instanceof UserInputError) throw error;
    throw new UserInputError(
      "--ledger",
      `${path} is ${(error as Error).message}`,
      "Give the ledger file the run wrote.",
    );
  }
  const region = regionFrom(world, stringFlag(values, "region")) ?? ledger.region;
  const kubeconfig = stringFlag(values, "kubeconfig");
  const context = stringFlag(values, "context");
  const needsKube = ledger.jobs.length > 0 || ledger.grant !== undefined;
  const needsAws =
    ledger.execution?.engine === "aws" ||
    ledger.temporaryCluster !== undefined ||
    ledger.stateMachine?.created === true;
  const aws =
    region !== undefined && (needsAws || kubeconfig === undefined)
      ? await awsClients(region)
      : undefined;
  const connection =
    needsKube && (kubeconfig !== undefined || ledger.clusterName !== undefined)
      ? await connectFromFlags(world, {
          kubeconfig,
          context,
          clusterName: ledger.clusterName,
          region,
        })
      : undefined;
  const { cleanUp } = await import("../../run/clean-up.ts");
  const report = await cleanUp(ledger, {
    kube: connection?.kube,
    sfn: aws?.sfn,
    eks: aws?.eks ?? connection?.eks,
  });
  const { renderCleanUp } = await import("../../report/render-clean-up.ts");
  for (const line of renderCleanUp(report)) world.out(line);
  return report.ok ? EXIT.succeeded : EXIT.infrastructure;
}
