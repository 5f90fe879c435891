// Starting an execution by name, safely repeatable: Step Functions starts one execution
// per name, so a retried step (or a re-run of the same attempt) finds the execution its
// first try started instead of starting a second Job.
import {
  DescribeExecutionCommand,
  type SFNClient,
  StartExecutionCommand,
} from "@aws-sdk/client-sfn";
import { UserInputError } from "@eks-sfn/rbac";
import { AwsRequestError } from "../aws/aws-request-error.ts";
import { canonicalJson, unversionedArn } from "./state-machine.ts";

export interface StartedExecution {
  readonly executionArn: string;
  readonly startDate: Date;
  /**
   * True when an execution of this name and input had already ended and is returned
   * instead of a new one (StartExecution said ExecutionAlreadyExists). An execution
   * still RUNNING is returned by StartExecution itself, whose answer does not say whether
   * it started one: then this is false. Note that StopExecution does not end an execution
   * at once (moto flips it to ABORTED from its worker thread), so a start right after a
   * stop can still meet it RUNNING.
   */
  readonly existing: boolean;
}

/**
 * Starts `name` on `stateMachineArn` (a state machine or one of its versions,
 * `...:stateMachine:<name>:<n>`) with `input` (serialised as JSON). Starting again
 * with the same name and input returns the same execution: while it runs, Step
 * Functions answers with it (StartExecution's documented idempotency); after it ended,
 * StartExecution says ExecutionAlreadyExists and this returns the ended one (its input
 * compared as canonical JSON), so the caller watches and reports it instead of failing.
 * @throws UserInputError naming `nameInput` when that name belongs to an execution with a
 *   different input (names are unique per state machine for 90 days).
 * @throws AwsRequestError for any other failed request.
 */
export async function startExecution(request: {
  sfn: SFNClient;
  stateMachineArn: string;
  /** A valid execution name (execution-name.ts). */
  name: string;
  input: unknown;
  /** The user's name for the execution-name input, for error messages. */
  nameInput?: string | undefined;
  signal?: AbortSignal | undefined;
}): Promise<StartedExecution> {
  const input = JSON.stringify(request.input ?? {});
  try {
    const started = await request.sfn.send(
      new StartExecutionCommand({
        stateMachineArn: request.stateMachineArn,
        name: request.name,
        input,
      }),
      request.signal ? { abortSignal: request.signal } : {},
    );
    return {
      executionArn: started.executionArn ?? "",
      startDate: started.startDate ?? new Date(0),
      existing: false,
    };
  } catch (error) {
    if ((error as Error).name !== "ExecutionAlreadyExists") {
      throw new AwsRequestError("states:StartExecution", error);
    }
  }
  const executionArn = executionArnFor(request.stateMachineArn, request.name);
  const found = await request.sfn
    .send(
      new DescribeExecutionCommand({ executionArn }),
      request.signal ? { abortSignal: request.signal } : {},
    )
    .catch((error: unknown) => {
      throw new AwsRequestError("states:DescribeExecution", error);
    });
  if (canonicalJson(found.input ?? "{}") !== canonicalJson(input)) {
    throw new UserInputError(
      request.nameInput ?? "execution-name",
      `${JSON.stringify(request.name)} is already the name of an execution of this state machine with a different input (${executionArn})`,
      "Execution names are unique for 90 days: give a new name, or leave it to the default, which is new for every run attempt.",
    );
  }
  return { executionArn, startDate: found.startDate ?? new Date(0), existing: true };
}

/**
 * The ARN of execution `name` of a state machine or of one of its versions (an execution
 * started on a version has the machine's execution ARN; DescribeExecution names the
 * version in `stateMachineVersionArn`):
 * `arn:<partition>:states:<region>:<account>:execution:<machine>:<name>`.
 */
export function executionArnFor(stateMachineArn: string, name: string): string {
  return `${unversionedArn(stateMachineArn).replace(":stateMachine:", ":execution:")}:${name}`;
}
