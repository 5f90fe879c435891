// The user's own state machine: an existing one by ARN, or a definition file, started
// with the article's input shape so its EKS tasks find the cluster.
import {
  parseStateMachineDefinition,
  type StateMachineDefinition,
  UserInputError,
} from "@eks-sfn/rbac";

export type BringYourOwn =
  | { kind: "arn"; stateMachineArn: string }
  | { kind: "definition"; definition: StateMachineDefinition };

const STATE_MACHINE_ARN =
  /^arn:aws(-cn|-us-gov)?:states:[a-z]{2}(-[a-z]+)+-\d+:\d{12}:stateMachine:[^\s:]{1,80}$/;

/**
 * An existing state machine's ARN (`arn:aws:states:<region>:<account>:stateMachine:<name>`).
 *
 * @throws UserInputError naming `input` when it is not one (an execution ARN, a name).
 */
export function parseStateMachineArn(input: string, value: string): string {
  if (!STATE_MACHINE_ARN.test(value)) {
    throw new UserInputError(
      input,
      `${JSON.stringify(value)} is not a state machine ARN`,
      "Use an ARN like arn:aws:states:us-east-1:123456789012:stateMachine:RunJob.",
    );
  }
  return value;
}

/**
 * A user's definition file (JSON text), read into the typed model.
 *
 * @throws UserInputError naming `input`, the state and the field (parseStateMachineDefinition).
 */
export function parseDefinitionFile(input: string, text: string): BringYourOwn {
  return { kind: "definition", definition: parseStateMachineDefinition(input, text) };
}

/** The cluster as the article's input carries it: name, base64 CA data, https endpoint. */
export interface ClusterInput {
  name: string;
  /** `certificateAuthority.data` from DescribeCluster, unchanged (base64). */
  ca: string;
  endpoint: string;
}

/**
 * The execution input every definition here reads, the article's shape:
 * `{"cluster": {"name", "ca", "endpoint"}, ...extra}`.
 *
 * @throws UserInputError (input `inputName`) when `extra` is not an object or has its own
 *   `cluster`, which would hide the real one.
 */
export function renderExecutionInput(
  cluster: ClusterInput,
  extra: unknown = {},
  inputName = "input",
): Record<string, unknown> {
  if (typeof extra !== "object" || extra === null || Array.isArray(extra)) {
    throw new UserInputError(
      inputName,
      "is not a JSON object",
      'Give the extra execution input as an object, such as {"date": "2026-11-30"}.',
    );
  }
  if (Object.hasOwn(extra, "cluster")) {
    throw new UserInputError(
      inputName,
      'has a "cluster" field, which the run fills with the target cluster',
      "Rename your field.",
    );
  }
  return { ...(extra as Record<string, unknown>), cluster: { ...cluster } };
}
