// The polling loop's decision, run on moto's interpreter: the generated "Read job status"
// and "Job ended?" states, fed Job statuses as Kubernetes writes them (moto cannot run
// the eks:call that reads them), with each way out replaced by a Succeed state named
// after it so the history shows where the decision went.
import {
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  GetExecutionHistoryCommand,
  SFNClient,
  StartExecutionCommand,
} from "@aws-sdk/client-sfn";
import type { State, StateMachineDefinition } from "@eks-sfn/rbac";
import { beforeAll, describe, expect, it } from "vitest";
import { motoClientConfig, resetMoto } from "../../../../../test/support/stack.ts";
import { exampleDefinitions } from "./examples.test-support.ts";

const MAX_POLLS = 360;
const T = "2026-11-30T05:00:00Z";
const condition = (type: string, reason?: string) => ({
  type,
  status: "True",
  lastProbeTime: T,
  lastTransitionTime: T,
  ...(reason === undefined ? {} : { reason, message: `${reason} happened` }),
});

function decisionMachine(): StateMachineDefinition {
  const polling = exampleDefinitions()["job-matrix-polling.json"];
  if (polling === undefined) throw new Error("no job-matrix-polling.json");
  const item = (polling.States["Run jobs"] as { ItemProcessor: { States: Record<string, State> } })
    .ItemProcessor.States;
  const pick = (name: string) => {
    const state = item[name];
    if (state === undefined) throw new Error(`no state ${name}`);
    return state;
  };
  const exits: Record<string, State> = {};
  for (const name of ["Find pods", "Wait for job", "Job failed"]) {
    exits[name] = { Type: "Succeed" };
  }
  return {
    StartAt: "Read job status",
    States: {
      "Read job status": pick("Read job status"),
      "Job ended?": pick("Job ended?"),
      "Job condition failed": pick("Job condition failed"),
      "Job deadline passed": pick("Job deadline passed"),
      ...exits,
    },
  };
}

describe("deciding a Job's end on moto's interpreter", () => {
  const sfn = new SFNClient(motoClientConfig());
  let stateMachineArn = "";
  let runs = 0;

  beforeAll(async () => {
    await resetMoto();
    const created = await sfn.send(
      new CreateStateMachineCommand({
        name: "job-end-decision",
        definition: JSON.stringify(decisionMachine()),
        roleArn: "arn:aws:iam::123456789012:role/sfn",
      }),
    );
    stateMachineArn = created.stateMachineArn ?? "";
  });

  async function decide(status: unknown, count = 0) {
    runs += 1;
    const started = await sfn.send(
      new StartExecutionCommand({
        stateMachineArn,
        name: `decide-${runs}`,
        input: JSON.stringify({ result: { status }, polls: { count } }),
      }),
    );
    const executionArn = started.executionArn ?? "";
    for (let i = 0; i < 100; i += 1) {
      const done = await sfn.send(new DescribeExecutionCommand({ executionArn }));
      if (done.status !== "RUNNING") {
        const history = await sfn.send(new GetExecutionHistoryCommand({ executionArn }));
        const entered = (history.events ?? [])
          .filter((event) => event.type?.endsWith("StateEntered"))
          .map((event) => event.stateEnteredEventDetails?.name);
        return {
          status: done.status,
          last: entered.at(-1),
          output: JSON.parse(done.output ?? "{}"),
        };
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error("still RUNNING");
  }

  it("goes on waiting while the Job runs, and for a Job with no status yet", async () => {
    expect((await decide({ active: 1, ready: 0, startTime: T })).last).toBe("Wait for job");
    expect((await decide({})).last).toBe("Wait for job");
  });

  it("waits on SuccessCriteriaMet and FailureTarget, which come before the terminal condition", async () => {
    const early = { startTime: T, conditions: [condition("SuccessCriteriaMet")] };
    expect((await decide(early)).last).toBe("Wait for job");
    const failing = {
      startTime: T,
      failed: 1,
      conditions: [condition("FailureTarget", "BackoffLimitExceeded")],
    };
    expect((await decide(failing)).last).toBe("Wait for job");
  });

  it("sees Complete and goes to read the logs", async () => {
    const done = await decide({
      startTime: T,
      completionTime: T,
      succeeded: 1,
      conditions: [condition("SuccessCriteriaMet"), condition("Complete")],
    });
    expect(done.last).toBe("Find pods");
    expect(done.output.polls.count).toBe(1);
  });

  it("sees Failed and keeps its reason in the error's Cause", async () => {
    const done = await decide({
      startTime: T,
      failed: 1,
      conditions: [
        condition("FailureTarget", "BackoffLimitExceeded"),
        condition("Failed", "BackoffLimitExceeded"),
      ],
    });
    expect(done.last).toBe("Job failed");
    expect(done.output.error.Error).toBe("EksSfn.JobFailed");
    expect(done.output.error.Cause).toContain('"reason":"BackoffLimitExceeded"');
  });

  it("ends the loop at the deadline with the count and the last status", async () => {
    const done = await decide({ active: 1, startTime: T }, MAX_POLLS - 1);
    expect(done.last).toBe("Job failed");
    expect(done.output.error.Error).toBe("EksSfn.JobDeadlineExceeded");
    expect(done.output.error.Cause).toContain(`within ${MAX_POLLS} polls of 10 s`);
  });
});
