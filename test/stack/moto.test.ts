import {
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  GetExecutionHistoryCommand,
  SFNClient,
  StartExecutionCommand,
} from "@aws-sdk/client-sfn";
import { beforeAll, describe, expect, it } from "vitest";
import { motoClientConfig, resetMoto } from "../support/stack.ts";

const definition = {
  StartAt: "Prepare",
  States: {
    Prepare: { Type: "Pass", Result: { prepared: true }, ResultPath: "$.prep", Next: "Pause" },
    Pause: { Type: "Wait", Seconds: 1, Next: "Decide" },
    Decide: {
      Type: "Choice",
      Choices: [{ Variable: "$.outcome", StringEquals: "fail", Next: "Broken" }],
      Default: "Done",
    },
    Done: { Type: "Pass", End: true },
    Broken: { Type: "Fail", Error: "Test.Failure", Cause: "the input asked for it" },
  },
};

async function runToEnd(sfn: SFNClient, executionArn: string) {
  for (let i = 0; i < 100; i += 1) {
    const described = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    if (described.status !== "RUNNING") return described;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`execution ${executionArn} still RUNNING`);
}

describe("moto in server mode", () => {
  const sfn = new SFNClient(motoClientConfig());
  let stateMachineArn = "";

  beforeAll(async () => {
    await resetMoto();
    const created = await sfn.send(
      new CreateStateMachineCommand({
        name: "stack-check",
        definition: JSON.stringify(definition),
        roleArn: "arn:aws:iam::123456789012:role/sfn",
      }),
    );
    stateMachineArn = created.stateMachineArn ?? "";
  });

  it("runs a Pass, Wait, Choice path to SUCCEEDED with a real history", async () => {
    const started = await sfn.send(
      new StartExecutionCommand({ stateMachineArn, name: "ok-1", input: '{"outcome":"ok"}' }),
    );
    const done = await runToEnd(sfn, started.executionArn ?? "");
    expect(done.status).toBe("SUCCEEDED");
    expect(JSON.parse(done.output ?? "{}")).toEqual({ outcome: "ok", prep: { prepared: true } });
    const history = await sfn.send(
      new GetExecutionHistoryCommand({ executionArn: started.executionArn }),
    );
    const entered = (history.events ?? [])
      .filter((e) => e.type?.endsWith("StateEntered"))
      .map((e) => e.stateEnteredEventDetails?.name);
    expect(entered).toEqual(["Prepare", "Pause", "Decide", "Done"]);
  });

  it("ends FAILED with the Fail state's error when the input chooses it", async () => {
    const started = await sfn.send(
      new StartExecutionCommand({ stateMachineArn, name: "fail-1", input: '{"outcome":"fail"}' }),
    );
    const done = await runToEnd(sfn, started.executionArn ?? "");
    expect(done.status).toBe("FAILED");
    expect(done.error).toBe("Test.Failure");
    expect(done.cause).toBe("the input asked for it");
  });
});
