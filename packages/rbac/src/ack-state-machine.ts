// A StateMachine custom resource for the AWS Controllers for Kubernetes (ACK) Step
// Functions controller: the state machine managed from Kubernetes.
import type { StateMachineDefinition } from "./asl/definition.ts";
import { parseStateMachineDefinition } from "./asl/parse-definition.ts";
import { listTaskStates } from "./asl/task-states.ts";
import {
  isDns1123Subdomain,
  parseNamespace,
  parseObjectName,
  parseRoleArn,
  type RoleArn,
} from "./names.ts";
import { UserInputError } from "./user-input-error.ts";

export const ACK_SFN_API_VERSION = "sfn.services.k8s.aws/v1alpha1";

export type StateMachineType = "STANDARD" | "EXPRESS";

export interface AckStateMachine {
  apiVersion: typeof ACK_SFN_API_VERSION;
  kind: "StateMachine";
  metadata: { name: string; namespace: string };
  spec: { name: string; roleARN: string; definition: string; type?: StateMachineType };
}

export interface AckStateMachineOptions {
  /** The Step Functions name. */
  name: string;
  /** The Kubernetes object's name; default derived from `name` ("MyAckMachine" -> "my-ack-machine"). */
  objectName?: string;
  /** Default "default". */
  namespace?: string;
  roleArn: string | RoleArn;
  /** An object, or JSON text. */
  definition: unknown;
  type?: StateMachineType;
}

export function renderAckStateMachine(options: AckStateMachineOptions): AckStateMachine {
  const name = parseStateMachineName("name", options.name);
  const objectName =
    options.objectName === undefined
      ? requireDerivedObjectName(name)
      : parseObjectName("objectName", options.objectName, "my-state-machine");
  const namespace = parseNamespace("namespace", options.namespace ?? "default");
  const role =
    typeof options.roleArn === "string"
      ? parseRoleArn("roleArn", options.roleArn)
      : options.roleArn;
  const definition = parseStateMachineDefinition("definition", options.definition);
  const spec: AckStateMachine["spec"] = {
    name,
    roleARN: role.arn,
    definition:
      typeof options.definition === "string"
        ? options.definition
        : JSON.stringify(definition, null, 2),
  };
  if (options.type !== undefined) {
    spec.type = parseStateMachineType("type", options.type);
    if (spec.type === "EXPRESS") {
      rejectWaitingIntegrations(definition);
    }
  }
  return {
    apiVersion: ACK_SFN_API_VERSION,
    kind: "StateMachine",
    metadata: { name: objectName, namespace },
    spec,
  };
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it rejects
const FORBIDDEN_NAME_CHARACTERS = /[\s?*<>{}[\]"#%\\^|~`$&,;:/\u0000-\u001f\u007f-\u009f]/u;

/**
 * A state machine (or execution) name: 1 to 80 characters, no whitespace, none of
 * ? * < > { } [ ] " # % \ ^ | ~ ` $ & , ; : / and no control characters.
 */
export function parseStateMachineName(input: string, value: string): string {
  const forbidden = FORBIDDEN_NAME_CHARACTERS.exec(value);
  if (value.length === 0 || value.length > 80 || forbidden !== null) {
    const why =
      forbidden === null
        ? `has ${value.length} characters`
        : `contains ${JSON.stringify(forbidden[0])}`;
    throw new UserInputError(
      input,
      `${JSON.stringify(value)} is not a valid Step Functions name: it ${why} (1 to 80 characters; no whitespace, control characters or ? * < > { } [ ] " # % \\ ^ | ~ \` $ & , ; : /)`,
      'Use a name like "RunJobOnEks".',
    );
  }
  return value;
}

/**
 * A Kubernetes object name for a Step Functions name: CamelCase split with '-', lowercased,
 * every run of other characters (dots included) made one '-'. `undefined` when nothing
 * usable remains.
 */
export function deriveObjectName(stateMachineName: string): string | undefined {
  const name = stateMachineName
    .replace(/([a-z0-9])([A-Z])/g, "$1-$2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1-$2")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
  return isDns1123Subdomain(name) ? name : undefined;
}

function requireDerivedObjectName(name: string): string {
  const derived = deriveObjectName(name);
  if (derived === undefined) {
    throw new UserInputError(
      "objectName",
      `no Kubernetes object name can be derived from the state machine name ${JSON.stringify(name)}`,
      'Give objectName, such as "my-state-machine".',
    );
  }
  return derived;
}

function parseStateMachineType(input: string, value: string): StateMachineType {
  if (value !== "STANDARD" && value !== "EXPRESS") {
    throw new UserInputError(
      input,
      `${JSON.stringify(value)} is not a state machine type`,
      'Use "STANDARD" or "EXPRESS".',
    );
  }
  return value;
}

// Express workflows allow only request-response integrations.
function rejectWaitingIntegrations(definition: StateMachineDefinition): void {
  const waiting = listTaskStates(definition).find((task) =>
    /\.(sync(:\d+)?|waitForTaskToken)$/.test(task.resource),
  );
  if (waiting !== undefined) {
    throw new UserInputError(
      "type",
      `an EXPRESS state machine cannot wait for ${waiting.resource} (${waiting.path}): Express workflows allow only request-response integrations`,
      'Use type "STANDARD".',
    );
  }
}
