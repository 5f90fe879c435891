// The state machine a run starts: created once by name, and updated only when its
// definition or role really changed, so re-runs do not make a new version each time.
import {
  CreateStateMachineCommand,
  DescribeStateMachineCommand,
  ListStateMachinesCommand,
  type SFNClient,
  UpdateStateMachineCommand,
} from "@aws-sdk/client-sfn";
import {
  parseRoleArn,
  parseStateMachineName,
  type StateMachineDefinition,
  UserInputError,
} from "@eks-sfn/rbac";
import { AwsRequestError } from "../aws/aws-request-error.ts";

export interface EnsureStateMachineRequest {
  readonly sfn: SFNClient;
  readonly name: string;
  readonly definition: StateMachineDefinition;
  /** The role Step Functions assumes to run it. */
  readonly roleArn: string;
  /** Tags set when it is created (not changed on update). */
  readonly tags?: Readonly<Record<string, string>> | undefined;
  /** Aborts the requests in flight. */
  readonly signal?: AbortSignal | undefined;
  /** The user's names for the inputs, for error messages. */
  readonly inputs?:
    | { name?: string | undefined; definition?: string | undefined; roleArn?: string | undefined }
    | undefined;
}

export interface EnsuredStateMachine {
  readonly arn: string;
  /** True when this call created it. */
  readonly created: boolean;
  /** True when this call changed an existing one (definition or role). */
  readonly updated: boolean;
}

/**
 * Creates a STANDARD state machine called `name` with `definition`, `roleArn` and
 * `tags`, or, when one of that name exists, updates it only if its definition (compared
 * as canonical JSON: key order and spacing do not count) or its role differ. Imitates
 * CloudFormation's no-op update: an unchanged machine gets no UpdateStateMachine call.
 * @throws UserInputError naming the input when the name or role ARN is malformed
 *   (before any call), or when Step Functions rejects the definition
 *   (`InvalidDefinition`) or the role (`InvalidArn`).
 * @throws AwsRequestError for any other failed request.
 */
export async function ensureStateMachine(
  request: EnsureStateMachineRequest,
): Promise<EnsuredStateMachine> {
  const inputs = {
    name: request.inputs?.name ?? "state-machine-name",
    definition: request.inputs?.definition ?? "definition",
    roleArn: request.inputs?.roleArn ?? "role-arn",
  };
  const name = parseStateMachineName(inputs.name, request.name);
  const roleArn = parseRoleArn(inputs.roleArn, request.roleArn).arn;
  const definition = JSON.stringify(request.definition);
  const { sfn } = request;
  const options = request.signal ? { abortSignal: request.signal } : {};

  const existing = await findStateMachineArn(sfn, name, options);
  if (existing === undefined) {
    try {
      const created = await sfn.send(
        new CreateStateMachineCommand({
          name,
          type: "STANDARD",
          definition,
          roleArn,
          tags: Object.entries(request.tags ?? {}).map(([key, value]) => ({ key, value })),
        }),
        options,
      );
      return { arn: created.stateMachineArn ?? "", created: true, updated: false };
    } catch (error) {
      if ((error as Error).name !== "StateMachineAlreadyExists") {
        throw userErrorOf(error, inputs, "states:CreateStateMachine");
      }
      // Another run created it between our look-up and our create: compare with it.
    }
  }
  const arn = existing ?? (await findStateMachineArn(sfn, name, options));
  if (arn === undefined) {
    throw new AwsRequestError(
      "states:CreateStateMachine",
      new Error(`${name} vanished after a conflict`),
    );
  }
  const current = await sfn
    .send(new DescribeStateMachineCommand({ stateMachineArn: arn }), options)
    .catch((error: unknown) => {
      throw new AwsRequestError("states:DescribeStateMachine", error);
    });
  const sameDefinition = canonicalJson(current.definition ?? "") === canonicalJson(definition);
  if (sameDefinition && current.roleArn === roleArn) {
    return { arn, created: false, updated: false };
  }
  try {
    await sfn.send(
      new UpdateStateMachineCommand({
        stateMachineArn: arn,
        ...(sameDefinition ? {} : { definition }),
        ...(current.roleArn === roleArn ? {} : { roleArn }),
      }),
      options,
    );
  } catch (error) {
    throw userErrorOf(error, inputs, "states:UpdateStateMachine");
  }
  return { arn, created: false, updated: true };
}

/**
 * JSON text with object keys sorted at every depth and no spacing; text that is not
 * JSON comes back unchanged (so it compares unequal to any definition).
 */
export function canonicalJson(text: string): string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return text;
  }
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}

async function findStateMachineArn(
  sfn: SFNClient,
  name: string,
  options: { abortSignal?: AbortSignal },
): Promise<string | undefined> {
  let nextToken: string | undefined;
  do {
    const page = await sfn
      .send(new ListStateMachinesCommand({ maxResults: 1000, nextToken }), options)
      .catch((error: unknown) => {
        throw new AwsRequestError("states:ListStateMachines", error);
      });
    const found = page.stateMachines?.find((machine) => machine.name === name);
    if (found?.stateMachineArn) return found.stateMachineArn;
    nextToken = page.nextToken;
  } while (nextToken);
  return undefined;
}

function userErrorOf(
  error: unknown,
  inputs: { definition: string; roleArn: string },
  action: string,
): Error {
  const name = (error as Error | undefined)?.name;
  const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  const message = (error as Error | undefined)?.message ?? String(error);
  // moto 5.2 answers a definition its parser rejects with `"__type": null`, which the
  // SDK cannot name (a TypeError with a 400): the name and role were checked before the
  // call, so a nameless 400 from create/update is the definition.
  const nameless400 = status === 400 && (name === "TypeError" || name === "Error");
  if (name === "InvalidDefinition" || nameless400) {
    return new UserInputError(
      inputs.definition,
      nameless400
        ? "Step Functions rejected the definition (HTTP 400)"
        : `Step Functions rejected the definition: ${message}`,
      "Fix the state named in the message (ValidateStateMachineDefinition or the Workflow Studio shows the same diagnostics).",
    );
  }
  if (name === "InvalidArn" && /role/i.test(message)) {
    return new UserInputError(
      inputs.roleArn,
      `Step Functions rejected the role ARN: ${message}`,
      "Give the ARN of an IAM role that trusts states.amazonaws.com.",
    );
  }
  return new AwsRequestError(action, error);
}
