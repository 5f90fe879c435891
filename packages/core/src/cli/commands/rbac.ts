// `eks-sfn rbac render|preflight|grant|revoke`: the access flow on its own, for a
// state machine run elsewhere. Flags are checked before anything is reached.
import { readFileSync } from "node:fs";
import { parseCliArgs, RBAC_FLAGS, USAGE } from "../cli-args.ts";
import { EXIT } from "../exit-codes.ts";
import { runRbacCommand } from "../rbac-command.ts";
import type { CliWorld } from "../world.ts";
import { connectFromFlags, regionFrom } from "./connect-flags.ts";

export const help = USAGE;
export const flagNames: readonly string[] = RBAC_FLAGS;

export async function run(args: readonly string[], world: CliWorld): Promise<number> {
  // `eks-sfn rbac` alone is a usage mistake, answered with the subcommands (exit 2), as
  // `eks-sfn` alone is answered with the commands.
  if (args[0] === undefined || args[0].startsWith("-")) {
    world.out(USAGE);
    return EXIT.badInput;
  }
  const command = parseCliArgs(["rbac", ...args]);
  return runRbacCommand(command, {
    connect: (flags) =>
      connectFromFlags(world, {
        kubeconfig: flags.kubeconfig,
        clusterName: flags.clusterName,
        region: regionFrom(world, flags.region),
      }),
    readText: (path) => {
      try {
        return readFileSync(path, "utf8");
      } catch {
        return undefined;
      }
    },
    writeText: (path, text) => world.writeText(path, text),
    out: (line) => world.out(line),
  });
}
