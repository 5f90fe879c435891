// The recording proxy's answer sizes and its includeExecutionData imitation (moto always
// sends the events' input and output), which the history benchmark relies on.
import {
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  SFNClient,
  StartExecutionCommand,
} from "@aws-sdk/client-sfn";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SfnProxy, startSfnProxy } from "./sfn-proxy.ts";
import { motoClientConfig, testStack } from "./stack.ts";

let proxy: SfnProxy;
let executionArn: string;

beforeAll(async () => {
  proxy = await startSfnProxy({ target: testStack().moto.endpoint, executionData: true });
  const sfn = new SFNClient(motoClientConfig());
  const machine = await sfn.send(
    new CreateStateMachineCommand({
      name: `proxy-data-${process.pid}-${Date.now()}`,
      roleArn: "arn:aws:iam::123456789012:role/eks-sfn-test",
      definition: JSON.stringify({
        StartAt: "Job",
        States: { Job: { Type: "Pass", Result: { log: "x".repeat(4096) }, End: true } },
      }),
    }),
  );
  const started = await sfn.send(
    new StartExecutionCommand({ stateMachineArn: machine.stateMachineArn, name: "data" }),
  );
  executionArn = started.executionArn as string;
  for (let i = 0; i < 100; i += 1) {
    const described = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    if (described.status !== "RUNNING") break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
});
afterAll(async () => {
  await proxy.close();
});

// A raw request, so the test sees the very bytes the proxy answered with. moto routes by
// the Authorization header's service and does not check the signature.
async function history(includeExecutionData: boolean): Promise<string> {
  const { accessKeyId } = testStack().credentials;
  const response = await fetch(proxy.endpoint, {
    method: "POST",
    headers: {
      "content-type": "application/x-amz-json-1.0",
      "x-amz-target": "AWSStepFunctions.GetExecutionHistory",
      authorization: `AWS4-HMAC-SHA256 Credential=${accessKeyId}/20261130/${testStack().region}/states/aws4_request, SignedHeaders=host, Signature=0`,
    },
    body: JSON.stringify({ executionArn, includeExecutionData }),
  });
  expect(response.status).toBe(200);
  return response.text();
}

describe("startSfnProxy with executionData", () => {
  it("drops every event's input and output when includeExecutionData is false, keeps them otherwise", async () => {
    const bare = JSON.parse(await history(false)) as { events: Record<string, unknown>[] };
    const full = JSON.parse(await history(true)) as { events: Record<string, unknown>[] };
    const data = (events: Record<string, unknown>[]) =>
      events.flatMap((event) =>
        Object.entries(event)
          .filter(([key]) => key.endsWith("EventDetails"))
          .flatMap(([, details]) =>
            Object.keys(details as object).filter((k) => k === "input" || k === "output"),
          ),
      );
    expect(bare.events.map((event) => event.type)).toEqual(full.events.map((event) => event.type));
    expect(data(full.events).length).toBeGreaterThan(0);
    expect(data(bare.events)).toEqual([]);
    // The rest of the details (a state's name) stays.
    expect(JSON.stringify(bare.events)).toContain('"name":"Job"');
  });

  it("records the size in bytes of each answer it gave", async () => {
    const before = proxy.requests.length;
    const text = await history(true);
    const recorded = proxy.requests.slice(before);
    expect(recorded.map((r) => [r.action, r.bytes])).toEqual([
      ["GetExecutionHistory", Buffer.byteLength(text)],
    ]);
    expect(Buffer.byteLength(text)).toBeGreaterThan(4096);
  });
});
