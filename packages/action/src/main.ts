// The action's main step: read the inputs, then hand the plan to core.
import * as actions from "@actions/core";
import { UserInputError } from "@eks-sfn/core";
import { type ActionInputs, readActionInputs } from "./inputs.ts";

export interface MainResult {
  readonly ok: boolean;
  readonly inputs?: ActionInputs;
}

export async function runMain(read = actions.getInput): Promise<MainResult> {
  try {
    const inputs = readActionInputs((name) => read(name));
    actions.info(
      `eks-sfn-action: cluster ${inputs.clusterName}, namespace ${inputs.namespace}, access ${inputs.accessStrategy}.`,
    );
    actions.setFailed(
      "eks-sfn-action: running a Job is not released yet; this build only checks its inputs. Pin a released version (org/eks-sfn-action@v1) to run Jobs.",
    );
    return { ok: false, inputs };
  } catch (error) {
    if (error instanceof UserInputError) {
      actions.setFailed(error.message);
      return { ok: false };
    }
    throw error;
  }
}
