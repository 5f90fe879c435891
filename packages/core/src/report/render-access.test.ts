import { describe, expect, it } from "vitest";
import { renderRevokeReport } from "./render-access.ts";

const entry = {
  rolearn: "arn:aws:iam::111122223333:role/sfn",
  username: "eks-sfn-sfn",
  groups: ["eks-sfn-job-runners"],
};

describe("renderRevokeReport", () => {
  it("says a changed entry is still mapped, changed by someone else, and left in place (issue 14, case 6)", () => {
    const [line] = renderRevokeReport({
      steps: [
        {
          kind: "aws-auth-mapping",
          entry,
          outcome: {
            kind: "changed",
            current: { ...entry, groups: ["eks-sfn-job-runners", "system:masters"] },
          },
        },
      ],
    });
    expect(line).toBe(
      'aws-auth: arn:aws:iam::111122223333:role/sfn is still mapped, to username "eks-sfn-sfn" with groups [eks-sfn-job-runners, system:masters]: someone else changed or replaced this run\'s entry (username "eks-sfn-sfn" with groups [eks-sfn-job-runners]), so it was left in place.',
    );
    expect(line).not.toContain("already gone");
  });

  it("says a mapping that is gone was already gone, and an empty receipt removes nothing", () => {
    expect(
      renderRevokeReport({
        steps: [{ kind: "aws-auth-mapping", entry, outcome: { kind: "absent" } }],
      }),
    ).toEqual(["aws-auth: the mapping of arn:aws:iam::111122223333:role/sfn was already gone."]);
    expect(renderRevokeReport({ steps: [] })).toEqual([
      "The receipt records no change: nothing to remove.",
    ]);
  });
});
