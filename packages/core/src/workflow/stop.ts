// Stopping an execution (cancel, timeout, stuck pods) and redriving a failed one.
import {
  DescribeExecutionCommand,
  RedriveExecutionCommand,
  type SFNClient,
  StopExecutionCommand,
} from "@aws-sdk/client-sfn";
import { AwsRequestError } from "../aws/aws-request-error.ts";

/** StopExecution's limits: `error` at most 256 characters, `cause` at most 32,768. */
export const STOP_ERROR_MAX_LENGTH = 256;
export const STOP_CAUSE_MAX_LENGTH = 32_768;

export interface StopResult {
  /** False when the execution had already ended (nothing was stopped). */
  readonly stopped: boolean;
  readonly stopDate?: Date | undefined;
}

/**
 * Stops a running execution with `error` and `cause` (cut to StopExecution's limits).
 * Idempotent: an execution that already ended is left as it is (StopExecution is not
 * called for it), so a cancel that races the execution's end does no harm.
 * @throws AwsRequestError when a request fails.
 */
export async function stopExecution(request: {
  sfn: SFNClient;
  executionArn: string;
  error: string;
  cause: string;
  signal?: AbortSignal | undefined;
}): Promise<StopResult> {
  const { sfn, executionArn } = request;
  const current = await sfn
    .send(
      new DescribeExecutionCommand({ executionArn }),
      request.signal ? { abortSignal: request.signal } : {},
    )
    .catch((error: unknown) => {
      throw new AwsRequestError("states:DescribeExecution", error);
    });
  if (current.status !== "RUNNING") return { stopped: false, stopDate: current.stopDate };
  const stopped = await sfn
    .send(
      new StopExecutionCommand({
        executionArn,
        error: request.error.slice(0, STOP_ERROR_MAX_LENGTH),
        cause: request.cause.slice(0, STOP_CAUSE_MAX_LENGTH),
      }),
      request.signal ? { abortSignal: request.signal } : {},
    )
    .catch((error: unknown) => {
      throw new AwsRequestError("states:StopExecution", error);
    });
  return { stopped: true, stopDate: stopped.stopDate };
}

/**
 * Restarts a failed, timed-out or aborted Standard execution from the states that did
 * not succeed (RedriveExecution: within 14 days of its end). `clientToken` makes a
 * retried call redrive once. moto does not implement RedriveExecution.
 * @throws AwsRequestError when Step Functions refuses (for example
 *   ExecutionNotRedrivable) or the request fails.
 */
export async function redriveExecution(request: {
  sfn: SFNClient;
  executionArn: string;
  clientToken?: string | undefined;
  signal?: AbortSignal | undefined;
}): Promise<{ redriveDate: Date }> {
  const redriven = await request.sfn
    .send(
      new RedriveExecutionCommand({
        executionArn: request.executionArn,
        clientToken: request.clientToken,
      }),
      request.signal ? { abortSignal: request.signal } : {},
    )
    .catch((error: unknown) => {
      throw new AwsRequestError("states:RedriveExecution", error);
    });
  return { redriveDate: redriven.redriveDate ?? new Date(0) };
}
