import { describe, expect, it } from "vitest";
import { UserInputError } from "./user-input-error.ts";

describe("UserInputError", () => {
  it("says the input, the problem and the fix in one line, and is named for catch sites", () => {
    const error = new UserInputError("cluster-name", "is empty", "Set it to the EKS cluster.");
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe("UserInputError");
    expect(error.input).toBe("cluster-name");
    expect(error.message).toBe("cluster-name: is empty. Set it to the EKS cluster.");
    expect(String(error)).toBe(
      "UserInputError: cluster-name: is empty. Set it to the EKS cluster.",
    );
  });
});
