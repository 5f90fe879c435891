import { describe, expect, it } from "vitest";
import { renderCleanUp } from "./render-clean-up.ts";

describe("renderCleanUp", () => {
  it("says what became of each step, with its detail in parentheses", () => {
    expect(
      renderCleanUp({
        ok: false,
        steps: [
          { what: "Job default/pi", outcome: "done" },
          { what: "execution run-1", outcome: "already-gone", detail: "ExecutionDoesNotExist" },
          { what: "temporary cluster eks-sfn-1", outcome: "skipped", detail: "kept on request" },
          { what: "state machine eks-sfn-1", outcome: "failed", detail: "DeleteStateMachine: 500" },
        ],
      }),
    ).toEqual([
      "cleanup: Job default/pi: removed",
      "cleanup: execution run-1: already gone (ExecutionDoesNotExist)",
      "cleanup: temporary cluster eks-sfn-1: skipped (kept on request)",
      "cleanup: state machine eks-sfn-1: FAILED (DeleteStateMachine: 500)",
    ]);
  });

  it("leaves out an empty detail", () => {
    expect(
      renderCleanUp({ ok: true, steps: [{ what: "Job default/pi", outcome: "done", detail: "" }] }),
    ).toEqual(["cleanup: Job default/pi: removed"]);
  });

  it("indents the grant revocation's own lines under its step", () => {
    expect(
      renderCleanUp({
        ok: true,
        steps: [
          {
            what: "grant",
            outcome: "done",
            revoke: {
              steps: [
                {
                  kind: "kube-object",
                  object: {
                    apiVersion: "rbac.authorization.k8s.io/v1",
                    kind: "Role",
                    namespace: "jobs",
                    name: "runner",
                  },
                  outcome: "deleted",
                },
              ],
            },
          },
          { what: "Job default/pi", outcome: "done" },
        ],
      }),
    ).toEqual([
      "cleanup: grant: removed",
      "  Role jobs/runner: deleted.",
      "cleanup: Job default/pi: removed",
    ]);
  });

  it("says so when the ledger records nothing to undo", () => {
    expect(renderCleanUp({ ok: true, steps: [] })).toEqual([
      "cleanup: the ledger records nothing to undo.",
    ]);
  });
});
