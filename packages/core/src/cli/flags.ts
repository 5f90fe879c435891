// Flags of one `eks-sfn` command, parsed with node:util's parseArgs; an unknown flag,
// a missing value or a stray word is a UserInputError naming it, before any call.
import { readFileSync, statSync } from "node:fs";
import { parseArgs } from "node:util";
import { UserInputError } from "@eks-sfn/rbac";

export type FlagSpec = Record<
  string,
  { readonly type: "string" | "boolean"; readonly multiple?: boolean; readonly short?: string }
>;

export type FlagValues = Record<string, string | boolean | string[] | boolean[] | undefined>;

/**
 * Parses `args` against `spec` (node:util parseArgs, strict); `--help` is always accepted.
 * A string flag followed by a word that starts like a negative number (`--polling -3`)
 * takes it as its value, so the value's own check names the flag and its range instead
 * of parseArgs calling the value "ambiguous".
 * @throws UserInputError naming the unknown flag, the flag without a value, or the stray word.
 */
export function parseFlags(command: string, args: readonly string[], spec: FlagSpec): FlagValues {
  try {
    return parseArgs({
      args: joinNegativeValues(args, spec),
      strict: true,
      allowPositionals: false,
      options: { ...spec, help: { type: "boolean", short: "h" } },
    }).values as FlagValues;
  } catch (error) {
    throw flagParseError(error, `eks-sfn ${command} --help`);
  }
}

/**
 * parseArgs' error as one UserInputError naming the flag. A value-taking flag with no
 * value (last on the line, or followed by another flag) says it needs one: parseArgs
 * calls the first "argument missing" and the second "argument is ambiguous".
 */
export function flagParseError(error: unknown, help: string): UserInputError {
  const message = (error as Error).message;
  const quoted = /'(?:-\w, )?(--?[\w-]+)/.exec(message)?.[1];
  const flag = quoted ?? /"([^"]+)"/.exec(message)?.[1] ?? "flags";
  if ((error as { code?: unknown }).code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE" && quoted) {
    return new UserInputError(
      flag,
      "needs a value",
      `Give it one: ${flag} VALUE (a value that starts with "-" as ${flag}=VALUE).`,
    );
  }
  return new UserInputError(
    flag,
    message.split("\n")[0]?.replace(/\.$/, "") ?? "is not a flag",
    `Run \`${help}\` for the flags.`,
  );
}

/** `--flag -3` as `--flag=-3` for the string flags of `spec`; everything else unchanged. */
function joinNegativeValues(args: readonly string[], spec: FlagSpec): string[] {
  const joined: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? "";
    const next = args[i + 1];
    const name = arg.startsWith("--") && !arg.includes("=") ? arg.slice(2) : undefined;
    if (
      name !== undefined &&
      Object.hasOwn(spec, name) &&
      spec[name]?.type === "string" &&
      next !== undefined &&
      /^-[\d.]/.test(next)
    ) {
      joined.push(`${arg}=${next}`);
      i++;
    } else {
      joined.push(arg);
    }
  }
  return joined;
}

/** A string flag's value, trimmed; undefined when absent. A blank value is refused. */
export function stringFlag(values: FlagValues, name: string): string | undefined {
  const value = values[name];
  if (value === undefined) return undefined;
  if (typeof value !== "string" || value.trim() === "") {
    throw new UserInputError(`--${name}`, "has no value", `Give --${name} a value.`);
  }
  return value.trim();
}

/** Files a user gives are small: a Job, a definition, an input, a kubeconfig. */
export const MAX_INPUT_FILE_BYTES = 1024 * 1024;

/**
 * Reads a file a flag names, refusing a missing, unreadable or oversized one before
 * reading it whole.
 * @throws UserInputError naming `flag`.
 */
export function readFlagFile(
  flag: string,
  path: string,
  limitBytes = MAX_INPUT_FILE_BYTES,
): string {
  let size: number;
  try {
    const stat = statSync(path);
    if (!stat.isFile()) {
      throw new UserInputError(flag, `${path} is not a file`, "Give the path of a file.");
    }
    size = stat.size;
  } catch (error) {
    if (error instanceof UserInputError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new UserInputError(
      flag,
      code === "ENOENT" ? `${path} does not exist` : `${path} cannot be read (${code})`,
      "Give the path of an existing file.",
    );
  }
  if (size > limitBytes) {
    throw new UserInputError(
      flag,
      `${path} is ${size} bytes, more than the ${limitBytes} a manifest or definition can be`,
      "Give the Job manifest or definition itself, not a bundle or a log.",
    );
  }
  return readFileSync(path, "utf8");
}
