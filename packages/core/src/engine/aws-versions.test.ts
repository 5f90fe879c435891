// Concurrent runs that share one state machine (a matrix, two developers): each must
// run its own definition. The aws engine publishes a version per run and starts on it.
//
// What moto 5.2.5 can show: CreateStateMachine/UpdateStateMachine with `publish: true`
// (a version ARN in the answer) and DescribeStateMachine of a version ARN (that
// version's definition). What it cannot: StartExecution on a version ARN,
// PublishStateMachineVersion and DeleteStateMachineVersion all answer HTTP 500
// (NotImplementedError, or "'StateMachineVersion' object has no attribute
// '_handle_name_input_idempotency'" for the start). So these tests show, through a
// recording proxy in front of moto, which ARN each run starts on and which version it
// deletes, and read those versions' definitions back from moto; the run's own outcome
// on a version cannot be shown here.
import {
  DescribeExecutionCommand,
  DescribeStateMachineCommand,
  type SFNClient,
} from "@aws-sdk/client-sfn";
import { STSClient } from "@aws-sdk/client-sts";
import type { StateMachineDefinition } from "@eks-sfn/rbac";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SfnProxy, startSfnProxy } from "../../../../test/support/sfn-proxy.ts";
import { motoClientConfig, testStack } from "../../../../test/support/stack.ts";
import { cleanUp } from "../run/clean-up.ts";
import { type AwsContext, engineFor } from "../run/engine-for.ts";
import { createLedgerRecorder, parseLedger, type RunLedger } from "../run/ledger.ts";
import { CLI_RUN_INPUTS, parseRunPlan } from "../run/run-plan.ts";
import { systemClock } from "../time/clock.ts";
import { startExecution } from "../workflow/start.ts";
import { ensureStateMachine } from "../workflow/state-machine.ts";
import { recordingSleep, TEST_ROLE_ARN, testSfnClient } from "../workflow/test-support/machines.ts";
import { createAwsEngine } from "./aws.ts";

let proxy: SfnProxy;
let counter = 0;
const uniqueName = (): string => `versions-${process.pid}-${Date.now()}-${++counter}`;

beforeAll(async () => {
  proxy = await startSfnProxy({ target: testStack().moto.endpoint });
});
afterAll(async () => {
  await proxy.close();
});

/** A one-state machine whose output says which run's definition ran. */
const definitionOf = (run: string): StateMachineDefinition => ({
  StartAt: "Which",
  States: { Which: { Type: "Pass", Result: { ran: run }, ResultPath: "$.which", End: true } },
});

async function definitionAt(arn: string): Promise<unknown> {
  const described = await testSfnClient().send(
    new DescribeStateMachineCommand({ stateMachineArn: arn }),
  );
  return JSON.parse(described.definition ?? "null");
}

async function outputOf(executionArn: string): Promise<unknown> {
  const sfn = testSfnClient();
  for (let tries = 0; tries < 200; tries += 1) {
    const described = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    if (described.status !== "RUNNING") return JSON.parse(described.output ?? "null");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${executionArn} still RUNNING after 10 s`);
}

describe("state machine versions against interleaved runs", () => {
  it("without versions, a run that starts after another run's update runs that run's definition", async () => {
    // The race this work closes, shown on moto: A ensures, B ensures, A starts, B starts.
    const sfn = testSfnClient();
    const name = uniqueName();
    const a = await ensureStateMachine({
      sfn,
      name,
      definition: definitionOf("A"),
      roleArn: TEST_ROLE_ARN,
    });
    await ensureStateMachine({ sfn, name, definition: definitionOf("B"), roleArn: TEST_ROLE_ARN });
    const startedA = await startExecution({ sfn, stateMachineArn: a.arn, name: "a", input: {} });
    const startedB = await startExecution({ sfn, stateMachineArn: a.arn, name: "b", input: {} });
    expect(await outputOf(startedA.executionArn)).toEqual({ which: { ran: "B" } });
    expect(await outputOf(startedB.executionArn)).toEqual({ which: { ran: "B" } });
  });

  it("publishes a version per ensure that keeps its own definition after the next run's update", async () => {
    const sfn = testSfnClient(proxy.endpoint);
    const name = uniqueName();
    const a = await ensureStateMachine({
      sfn,
      name,
      definition: definitionOf("A"),
      roleArn: TEST_ROLE_ARN,
      publish: { description: "eks-sfn execution run-a" },
    });
    const b = await ensureStateMachine({
      sfn,
      name,
      definition: definitionOf("B"),
      roleArn: TEST_ROLE_ARN,
      publish: { description: "eks-sfn execution run-b" },
    });
    expect(a).toMatchObject({ created: true, versionArn: `${a.arn}:1` });
    expect(b).toMatchObject({ arn: a.arn, updated: true, versionArn: `${a.arn}:2` });
    expect(await definitionAt(a.arn)).toEqual(definitionOf("B"));
    expect(await definitionAt(a.versionArn ?? "")).toEqual(definitionOf("A"));
    expect(await definitionAt(b.versionArn ?? "")).toEqual(definitionOf("B"));
    const sent = proxy.requests.filter(
      (r) =>
        (r.action === "CreateStateMachine" || r.action === "UpdateStateMachine") &&
        r.body.name === name,
    );
    expect(sent.map((r) => [r.body.publish, r.body.versionDescription])).toEqual([
      [true, "eks-sfn execution run-a"],
    ]);
  });

  it("gives each of two first runs racing to create the machine a version of its own definition", async () => {
    const sfn = testSfnClient();
    const name = uniqueName();
    const ensure = (run: string) =>
      ensureStateMachine({
        sfn,
        name,
        definition: definitionOf(run),
        roleArn: TEST_ROLE_ARN,
        publish: { description: `eks-sfn execution ${run}` },
      });
    const [a, b] = await Promise.all([ensure("A"), ensure("B")]);
    expect(a.versionArn).not.toBe(b.versionArn);
    expect(await definitionAt(a.versionArn ?? "")).toEqual(definitionOf("A"));
    expect(await definitionAt(b.versionArn ?? "")).toEqual(definitionOf("B"));
  });

  it("starts each interleaved run on the version holding its own definition, and deletes that version", async () => {
    const name = uniqueName();
    const engineOf = (onEnsured: () => Promise<void>) =>
      createAwsEngine({
        sfn: testSfnClient(proxy.endpoint),
        clock: systemClock,
        sleep: recordingSleep(50),
        stateMachine: { name, roleArn: TEST_ROLE_ARN },
        onStateMachine: onEnsured,
      });
    // A ensures, B ensures, A starts, B starts: A's hook (after its ensure) sets B off
    // and waits for B's ensure; B's hook waits until A's start has been answered.
    let aStartSent!: () => void;
    const afterAStart = new Promise<void>((resolve) => {
      aStartSent = resolve;
    });
    let runB: Promise<unknown> = Promise.resolve();
    const first = proxy.requests.length;
    const runA = engineOf(async () => {
      await new Promise<void>((bEnsured) => {
        runB = engineOf(async () => {
          bEnsured();
          await afterAStart;
        }).start({ definition: definitionOf("B"), input: {}, name: "run-b", signal: signal() });
        runB.catch(() => bEnsured());
      });
    })
      .start({ definition: definitionOf("A"), input: {}, name: "run-a", signal: signal() })
      .finally(() => aStartSent());
    // On moto both starts fail (HTTP 500 for a version ARN); on AWS they run.
    await runA.catch(() => undefined);
    await runB.catch(() => undefined);

    const ours = proxy.requests.slice(first);
    const starts = ours.filter((r) => r.action === "StartExecution");
    expect(starts.map((r) => r.body.name)).toEqual(["run-a", "run-b"]);
    const [startA, startB] = starts.map((r) => String(r.body.stateMachineArn));
    expect(startA).toMatch(/:stateMachine:versions-[^:]+:\d+$/);
    expect(startB).not.toBe(startA);
    expect(await definitionAt(startA ?? "")).toEqual(definitionOf("A"));
    expect(await definitionAt(startB ?? "")).toEqual(definitionOf("B"));
    // Each run deletes the version it published and no other.
    const deletes = ours
      .filter((r) => r.action === "DeleteStateMachineVersion")
      .map((r) => r.body.stateMachineVersionArn);
    expect(deletes.sort()).toEqual([startA, startB].sort());
  });
});

describe("the run's ledger and the version", () => {
  const planFor = (stateMachineName: string, runId: string) =>
    parseRunPlan(
      {
        kubeconfig: "/dev/null",
        roleArn: TEST_ROLE_ARN,
        engine: "aws",
        stateMachineName,
        definition: { text: JSON.stringify(definitionOf("A")), source: "definition.json" },
        runId,
      },
      CLI_RUN_INPUTS,
    );

  it("records the version before StartExecution, and cleanup from that ledger deletes it", async () => {
    const plan = planFor(uniqueName(), "versions-crash");
    expect(plan.stateMachineVersions).toBe(true);
    const first = proxy.requests.length;
    const startsSent = () =>
      proxy.requests.slice(first).filter((r) => r.action === "StartExecution").length;
    // Each ledger as written, with how many StartExecution requests had been answered.
    const written: { ledger: RunLedger; startsSent: number }[] = [];
    const ledger = createLedgerRecorder({ runId: plan.runId }, (next) => {
      written.push({ ledger: next, startsSent: startsSent() });
    });
    const sfn = testSfnClient(proxy.endpoint);
    const engine = await engineFor({
      plan,
      connection: undefined,
      ledger,
      aws: awsOf(sfn),
      ...time(),
    });
    await engine
      .start({ definition: definitionOf("A"), input: {}, name: "run-a", signal: signal() })
      .catch(() => undefined);

    const start = proxy.requests.slice(first).find((r) => r.action === "StartExecution");
    const firstWithVersion = written.find((w) => w.ledger.stateMachine?.versionArn !== undefined);
    expect(firstWithVersion?.startsSent).toBe(0);
    const versionArn = firstWithVersion?.ledger.stateMachine?.versionArn;
    expect(start?.body.stateMachineArn).toBe(versionArn);

    // A crashed run's last ledger, read back as `eks-sfn cleanup --ledger` reads it.
    const left = parseLedger(JSON.stringify(written.at(-1)?.ledger));
    expect(left.stateMachine?.versionArn).toBe(versionArn);
    const before = proxy.requests.length;
    const report = await cleanUp({ ...left, execution: undefined }, { sfn });
    const asked = proxy.requests
      .slice(before)
      .filter((r) => r.action === "DeleteStateMachineVersion")
      .map((r) => r.body.stateMachineVersionArn);
    expect(asked).toEqual([versionArn]);
    // The version goes first; the machine this run created goes last (clean-up.ts).
    expect(report.steps.map((step) => step.what)).toEqual([
      `state machine version ${versionArn}`,
      `state machine ${left.stateMachine?.arn}`,
    ]);
  });

  it("starts the latest revision and publishes nothing when versions are turned off", async () => {
    const name = uniqueName();
    const plan = parseRunPlan(
      {
        kubeconfig: "/dev/null",
        roleArn: TEST_ROLE_ARN,
        engine: "aws",
        stateMachineName: name,
        stateMachineVersions: false,
        definition: { text: JSON.stringify(definitionOf("A")), source: "definition.json" },
        runId: "versions-off",
      },
      CLI_RUN_INPUTS,
    );
    const ledger = createLedgerRecorder({ runId: plan.runId }, () => {});
    const first = proxy.requests.length;
    const engine = await engineFor({
      plan,
      connection: undefined,
      ledger,
      aws: awsOf(testSfnClient(proxy.endpoint)),
      ...time(),
    });
    const handle = await engine.start({
      definition: definitionOf("A"),
      input: {},
      name: "run-a",
      signal: signal(),
    });
    expect((await handle.outcome()).status).toBe("SUCCEEDED");
    const ours = proxy.requests.slice(first);
    expect(ours.some((r) => r.body.publish === true)).toBe(false);
    expect(ours.find((r) => r.action === "StartExecution")?.body.stateMachineArn).toMatch(
      /:stateMachine:versions-[^:]+$/,
    );
    expect(ledger.current().stateMachine?.versionArn).toBeUndefined();
  });
});

/** The aws engine needs only Step Functions; STS is for the local engine's role. */
function awsOf(sfn: SFNClient): AwsContext {
  return {
    region: testStack().region,
    credentials: async () => ({ ...testStack().credentials }),
    sfn,
    sts: new STSClient(motoClientConfig()),
  };
}

function time() {
  return { clock: systemClock, sleep: recordingSleep(50) };
}

function signal(): AbortSignal {
  return new AbortController().signal;
}
