// The action's post step: always runs (post-if: always()), also after a cancel. Reads
// the ledger main saved and runs core's cleanUp: stop the execution if still running,
// delete the Job, revoke exactly this run's grant, delete a temporary cluster. Safe to
// run twice; says what it did.
import { type RunPlan, SecretMask } from "@eks-sfn/core/plan";
import { describeStep } from "./cancel.ts";
import { loadRunFlow, type RunFlow } from "./flow.ts";
import { readActionInputs, runIdFromGitHub } from "./inputs.ts";
import { type ActionIo, maskedActionIo } from "./io.ts";
import { CLEANED_UP_STATE, ledgerIsEmpty, readLedger } from "./state.ts";
import { renderCleanupSummary } from "./summary.ts";

export interface PostDeps {
  readonly io: ActionIo;
  readonly loadFlow?: (() => Promise<RunFlow>) | undefined;
}

/** Resolves with the exit code it also sets: 1 when something could not be cleaned up. */
export async function runPost(deps: PostDeps): Promise<number> {
  const mask = new SecretMask((secret) => deps.io.setSecret(secret));
  mask.add(deps.io.env.AWS_SECRET_ACCESS_KEY);
  mask.add(deps.io.env.AWS_SESSION_TOKEN);
  const io = maskedActionIo(deps.io, mask);
  try {
    const ledger = readLedger(io);
    if (ledger === undefined || ledgerIsEmpty(ledger)) {
      io.info("eks-sfn-action: nothing to clean up; main created nothing.");
      return 0;
    }
    if (io.getState(CLEANED_UP_STATE) === "true") {
      io.info("eks-sfn-action: nothing to clean up; main's run already cleaned up what it made.");
      return 0;
    }
    if (io.getInput("keep-resources").toLowerCase() === "true") {
      io.info(
        `eks-sfn-action: keep-resources is true: left in place: ${describeLedger(ledger).join(", ")}.`,
      );
      return 0;
    }
    const flow = await (deps.loadFlow ?? loadRunFlow)();
    const steps = await flow.cleanUp({
      ledger,
      mask,
      plan: planFromInputs(io),
      signal: new AbortController().signal,
    });
    for (const step of steps) io.info(`eks-sfn-action: ${describeStep(step)}`);
    await io.appendSummary(renderCleanupSummary(steps));
    const failed = steps.filter((step) => step.outcome === "failed");
    if (failed.length > 0) {
      io.error(
        `Cleanup left ${failed.map((step) => step.what).join(", ")} behind. Run \`eks-sfn cleanup --ledger FILE\` with this run's ledger, or remove them by hand.`,
      );
      io.setExitCode(1);
      return 1;
    }
    return 0;
  } catch (error) {
    io.error(
      `eks-sfn-action post step failed: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`,
    );
    io.setExitCode(1);
    return 1;
  }
}

/** The plan main ran, read again from the same inputs (post gets them too); undefined if bad. */
function planFromInputs(io: ActionIo): RunPlan | undefined {
  try {
    return readActionInputs((name) => io.getInput(name), {
      workspace: io.env.GITHUB_WORKSPACE,
      runId: runIdFromGitHub(io.env),
      region: io.env.AWS_REGION ?? io.env.AWS_DEFAULT_REGION,
    }).plan;
  } catch {
    return undefined;
  }
}

function describeLedger(ledger: NonNullable<ReturnType<typeof readLedger>>): string[] {
  return [
    ...(ledger.execution ? [`execution ${ledger.execution.id}`] : []),
    ...ledger.jobs.map((job) => `Job ${job.namespace}/${job.name}`),
    ...(ledger.grant ? [`the ${ledger.grant.strategy} grant for ${ledger.grant.roleArn}`] : []),
    ...(ledger.temporaryCluster ? [`cluster ${ledger.temporaryCluster.name}`] : []),
  ];
}
