#!/usr/bin/env node
// `eks-sfn`: the run flow in a terminal. The one error boundary: a mistake the user can
// fix is one line on stderr and exit 2, AWS or Kubernetes failing is one line naming the
// request and exit 3, never a stack. Each command loads only when it is asked for.
import { UserInputError } from "@eks-sfn/rbac";
import { EXIT } from "./exit-codes.ts";
import { type CliWorld, processWorld } from "./world.ts";

/** What every command module exports. */
export interface CliCommand {
  readonly help: string;
  /** The command's flag names without `--`, so errors can name inputs as flags. */
  readonly flagNames: readonly string[];
  run(args: readonly string[], world: CliWorld): Promise<number>;
}

const COMMANDS: Record<string, () => Promise<CliCommand>> = {
  plan: () => import("./commands/plan.ts"),
  run: () => import("./commands/run.ts"),
  rbac: () => import("./commands/rbac.ts"),
  sweep: () => import("./commands/sweep.ts"),
  cleanup: () => import("./commands/cleanup.ts"),
};

export const USAGE = `usage: eks-sfn <command> [flags]      (eks-sfn <command> --help for its flags)

  plan      render the definition, RBAC, access changes, IAM policy, ACK resource and
            Mermaid chart for a Job; no credentials, no network
  run       run a Job (or a definition) through a state machine, watch it, report,
            clean up
  rbac      render | preflight | grant | revoke the access a state machine's role needs
  sweep     delete expired temporary clusters this tool created
  cleanup   undo what a run recorded in its ledger (for a run killed hard)

exit codes: 0 succeeded, 1 the Job or execution failed, 2 bad input (nothing was
created), 3 AWS or Kubernetes refused or failed, or a timeout, 130 cancelled`;

// `eks-sfn rbac render | head`: a reader that stops early is not an error.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(0);
  throw error;
});

const world = processWorld();
const [name, ...args] = process.argv.slice(2);
const code = await main(name, args, world);
process.exitCode = code;
// Idle keep-alive sockets or watches must not hold the terminal: output is flushed by
// then, and the process ends with the command's code.
setTimeout(() => process.exit(code), 2_000).unref();

async function main(
  commandName: string | undefined,
  rest: readonly string[],
  cli: CliWorld,
): Promise<number> {
  if (commandName === undefined || commandName === "--help" || commandName === "-h") {
    cli.out(USAGE);
    return commandName === undefined ? EXIT.badInput : EXIT.succeeded;
  }
  const load = Object.hasOwn(COMMANDS, commandName) ? COMMANDS[commandName] : undefined;
  if (load === undefined) {
    cli.err(
      `eks-sfn: command: "${commandName}" is not a command. Use one of: ${Object.keys(COMMANDS).join(", ")}.`,
    );
    return EXIT.badInput;
  }
  const command = await load();
  if (rest.includes("--help") || rest.includes("-h")) {
    cli.out(command.help);
    return EXIT.succeeded;
  }
  try {
    return await command.run(rest, cli);
  } catch (error) {
    cli.err(`eks-sfn: ${describeError(error, command.flagNames)}`);
    return error instanceof UserInputError ? EXIT.badInput : EXIT.infrastructure;
  }
}

/**
 * One line for any error. A UserInputError raised by shared code under an input's plain
 * name (`namespace`) is shown under this front end's name for it (`--namespace`).
 */
function describeError(error: unknown, flagNames: readonly string[]): string {
  if (error instanceof UserInputError) {
    const input = error.input;
    const message = error.message.replace(/\s*\n\s*/g, " ");
    if (!input.startsWith("-") && flagNames.includes(input) && message.startsWith(`${input}:`)) {
      return `--${input}${message.slice(input.length)}`;
    }
    return message;
  }
  if (error instanceof Error) {
    const name = error.name && error.name !== "Error" ? `${error.name}: ` : "";
    return `${name}${error.message.split("\n")[0] ?? ""}`;
  }
  return String(error);
}
