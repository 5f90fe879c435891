// moto's CreateStateMachine validates a definition as Step Functions would (its ASL
// parser), so each generated definition is created there.
import {
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  type DescribeExecutionCommandOutput,
  DescribeStateMachineCommand,
  GetExecutionHistoryCommand,
  type HistoryEvent,
  SFNClient,
  StartExecutionCommand,
} from "@aws-sdk/client-sfn";
import { beforeAll, describe, expect, it } from "vitest";
import { motoClientConfig, resetMoto } from "../../../../../test/support/stack.ts";
import { exampleDefinitions } from "./examples.test-support.ts";

const ROLE_ARN = "arn:aws:iam::123456789012:role/eks-sfn-state-machine";

const CLUSTER_INPUT = JSON.stringify({
  cluster: { name: "demo", ca: "Y2E=", endpoint: "https://127.0.0.1:1" },
});

async function runToEnd(
  sfn: SFNClient,
  file: string,
  definition: unknown,
): Promise<{ done: DescribeExecutionCommandOutput; events: HistoryEvent[] }> {
  const created = await sfn.send(
    new CreateStateMachineCommand({
      name: `run-${file.replace(/\.json$/, "")}`,
      definition: JSON.stringify(definition),
      roleArn: ROLE_ARN,
    }),
  );
  const started = await sfn.send(
    new StartExecutionCommand({
      stateMachineArn: created.stateMachineArn,
      name: "first",
      input: CLUSTER_INPUT,
    }),
  );
  const executionArn = started.executionArn ?? "";
  for (let i = 0; i < 150; i += 1) {
    const done = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    if (done.status !== "RUNNING") {
      const history = await sfn.send(
        new GetExecutionHistoryCommand({ executionArn, maxResults: 1000 }),
      );
      return { done, events: history.events ?? [] };
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${file}: execution still RUNNING`);
}

function entered(events: HistoryEvent[]): string[] {
  return events
    .filter((event) => event.type?.endsWith("StateEntered"))
    .map((event) => event.stateEnteredEventDetails?.name ?? "");
}

describe("moto's CreateStateMachine", () => {
  let sfn: SFNClient;
  beforeAll(async () => {
    await resetMoto();
    sfn = new SFNClient(motoClientConfig());
  });

  it.each(Object.entries(exampleDefinitions()))("accepts %s", async (file, definition) => {
    const name = `definition-${file.replace(/\.json$/, "")}`;
    const created = await sfn.send(
      new CreateStateMachineCommand({
        name,
        definition: JSON.stringify(definition),
        roleArn: ROLE_ARN,
        type: "STANDARD",
      }),
    );
    const described = await sfn.send(
      new DescribeStateMachineCommand({ stateMachineArn: created.stateMachineArn }),
    );
    expect(JSON.parse(described.definition ?? "")).toEqual(definition);
  });

  it("refuses a definition that is not ASL, so accepting means something", async () => {
    await expect(
      sfn.send(
        new CreateStateMachineCommand({
          name: "not-asl",
          definition: JSON.stringify({ StartAt: "Missing", States: {} }),
          roleArn: ROLE_ARN,
        }),
      ),
    ).rejects.toThrow();
  });

  // moto runs no eks task (TESTING.md): request-response eks:runJob fails as a task, so
  // these runs take the failure paths on a real interpreter.
  it("ends a polling run that cannot create its Job failed, with the caught Error and Cause", async () => {
    const { done, events } = await runToEnd(
      sfn,
      "run-job-polling.json",
      exampleDefinitions()["run-job-polling.json"],
    );
    expect(entered(events)).toEqual(["Create job", "Failed", "Failed in Step Functions"]);
    const failInput = JSON.parse(
      events.find((event) => event.stateEnteredEventDetails?.name === "Failed")
        ?.stateEnteredEventDetails?.input ?? "{}",
    ) as { error: { Error: string; Cause: string } };
    // moto fails eks tasks with States.Runtime, which a Fail state must rename.
    expect(failInput.error.Error).toBe("States.Runtime");
    expect(done.status).toBe("FAILED");
    expect(done.error).toBe(`EksSfn.${failInput.error.Error}`);
    expect(done.cause).toBe(failInput.error.Cause);
  });

  it("runs every matrix item to its own outcome, then fails the execution as JobsFailed", async () => {
    const { done, events } = await runToEnd(
      sfn,
      "job-matrix-polling.json",
      exampleDefinitions()["job-matrix-polling.json"],
    );
    expect(done.status).toBe("FAILED");
    expect(done.error).toBe("EksSfn.JobsFailed");
    const names = entered(events);
    expect(names.filter((name) => name === "Record failure")).toHaveLength(2);
    expect(names.slice(-3)).toEqual(["Summarise outcomes", "Any job failed?", "Some jobs failed"]);
    const mapExit = events.find((event) => event.type === "MapStateExited");
    const outcomes = (
      JSON.parse(mapExit?.stateExitedEventDetails?.output ?? "{}") as {
        outcomes: { index: number; outcome: string }[];
      }
    ).outcomes;
    expect(outcomes.map(({ index, outcome }) => ({ index, outcome }))).toEqual([
      { index: 0, outcome: "failed" },
      { index: 1, outcome: "failed" },
    ]);
  });
});
