// The Task states of a definition with where each sits: what the IAM policy, the local
// engine's handlers (keyed by state name) and the report need to know about integrations.
import type { StateMachineDefinition, TaskState } from "./definition.ts";
import { parseStateMachineDefinition } from "./parse-definition.ts";
import { walkStates } from "./walk-states.ts";

export interface TaskStateEntry {
  stateName: string;
  /** The Task's `Resource`, such as `arn:aws:states:::eks:runJob.sync`. */
  resource: string;
  /** Where it sits, as parse errors write it: `States."Fan out".Branches[0].States."Run"`. */
  path: string;
}

/**
 * Every Task state, nested ones (Parallel branches, Map `ItemProcessor` or `Iterator`, at
 * any depth) included, in document order. Pure; give it a parsed definition
 * (`parseStateMachineDefinition`).
 */
export function listTaskStates(definition: StateMachineDefinition): TaskStateEntry[] {
  const found: TaskStateEntry[] = [];
  walkStates(definition, (stateName, state, { path }) => {
    if (state.Type === "Task") {
      found.push({ stateName, resource: (state as TaskState).Resource, path });
    }
  });
  return found;
}

/**
 * Every Task `Resource` in a definition (an object or JSON text), each once, in the order
 * met: the input `renderStateMachinePolicy` takes as `integrations`.
 *
 * @throws UserInputError (input "definition") when it is not a valid definition.
 */
export function findIntegrations(definition: unknown): string[] {
  const parsed = parseStateMachineDefinition("definition", definition);
  return [...new Set(listTaskStates(parsed).map((task) => task.resource))];
}
