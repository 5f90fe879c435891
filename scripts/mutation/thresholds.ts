// Reads Stryker's JSON report and holds each package's pure modules to the break
// threshold: `npm run mutation` fails when a package scores below 90%, and names every
// file below 85%. `--survivors` also lists what survived, one line per mutant.
import { readFileSync } from "node:fs";
import { packageOf } from "./scope.ts";

export const PACKAGE_BREAK = 90;
export const FILE_WARN = 85;

interface Mutant {
  readonly mutatorName: string;
  readonly replacement?: string;
  readonly status: string;
  readonly location: { readonly start: { readonly line: number; readonly column: number } };
}

interface Report {
  readonly files: Readonly<Record<string, { readonly mutants: readonly Mutant[] }>>;
}

/** Killed, survived and uncovered mutants; Stryker's score leaves out ignored and errors. */
export interface Tally {
  detected: number;
  undetected: number;
}

/** Stryker's mutation score: detected / (detected + undetected), in percent. */
export function score(tally: Tally): number {
  const valid = tally.detected + tally.undetected;
  return valid === 0 ? 100 : (100 * tally.detected) / valid;
}

function tallyOf(mutants: readonly Mutant[]): Tally {
  const tally: Tally = { detected: 0, undetected: 0 };
  for (const { status } of mutants) {
    if (status === "Killed" || status === "Timeout") tally.detected += 1;
    if (status === "Survived" || status === "NoCoverage") tally.undetected += 1;
  }
  return tally;
}

function main(argv: readonly string[]): number {
  const reportFile = argv.find((arg) => !arg.startsWith("--")) ?? "reports/mutation/mutation.json";
  const report = JSON.parse(readFileSync(reportFile, "utf8")) as Report;
  const packages = new Map<string, Tally>();
  const lines: string[] = [];
  const lowFiles: string[] = [];
  for (const [file, { mutants }] of Object.entries(report.files).sort(([a], [b]) =>
    a.localeCompare(b),
  )) {
    const tally = tallyOf(mutants);
    const total = packages.get(packageOf(file)) ?? { detected: 0, undetected: 0 };
    total.detected += tally.detected;
    total.undetected += tally.undetected;
    packages.set(packageOf(file), total);
    lines.push(
      `| ${file} | ${score(tally).toFixed(1)} | ${tally.detected} | ${tally.undetected} |`,
    );
    if (score(tally) < FILE_WARN) lowFiles.push(`${file} (${score(tally).toFixed(1)}%)`);
    if (argv.includes("--survivors")) {
      for (const mutant of mutants) {
        if (mutant.status !== "Survived" && mutant.status !== "NoCoverage") continue;
        const { line, column } = mutant.location.start;
        console.error(
          `${mutant.status}: ${file}:${line}:${column} ${mutant.mutatorName} -> ${JSON.stringify(mutant.replacement ?? "")}`,
        );
      }
    }
  }
  console.log("| file | score % | killed | survived |\n| --- | ---: | ---: | ---: |");
  console.log(lines.join("\n"));
  console.log("\n| package | score % | killed | survived |\n| --- | ---: | ---: | ---: |");
  let failed = false;
  for (const [name, tally] of [...packages].sort(([a], [b]) => a.localeCompare(b))) {
    console.log(
      `| ${name} | ${score(tally).toFixed(1)} | ${tally.detected} | ${tally.undetected} |`,
    );
    if (score(tally) < PACKAGE_BREAK) {
      failed = true;
      console.error(
        `mutation score of ${name}'s pure modules is ${score(tally).toFixed(1)}%, below ${PACKAGE_BREAK}%`,
      );
    }
  }
  for (const file of lowFiles) console.error(`below ${FILE_WARN}%: ${file}`);
  return failed ? 1 : 0;
}

process.exitCode = main(process.argv.slice(2));
