// An Amazon States Language definition as far as this package reads it: that it is one,
// and which service integrations (Task `Resource` values) it calls.
import { UserInputError } from "./user-input-error.ts";

export interface StateMachineDefinition {
  StartAt: string;
  States: Record<string, unknown>;
  [key: string]: unknown;
}

/** Accepts a definition as an object or as JSON text. */
export function parseStateMachineDefinition(input: string, value: unknown): StateMachineDefinition {
  let definition = value;
  if (typeof value === "string") {
    try {
      definition = JSON.parse(value);
    } catch (error) {
      throw new UserInputError(
        input,
        `is not valid JSON (${(error as Error).message})`,
        "Give the state machine definition as JSON (Amazon States Language).",
      );
    }
  }
  if (
    !isObject(definition) ||
    typeof definition.StartAt !== "string" ||
    !isObject(definition.States)
  ) {
    throw new UserInputError(
      input,
      "is not an Amazon States Language definition: it needs a StartAt string and a States object",
      'Start from {"StartAt": "Run", "States": {"Run": {"Type": "Task", ...}}}.',
    );
  }
  return definition as StateMachineDefinition;
}

/**
 * Every Task `Resource` in a definition, each once, in the order met: top-level states,
 * Parallel `Branches`, and Map `Iterator` / `ItemProcessor`, at any depth.
 */
export function findIntegrations(definition: unknown): string[] {
  const found = new Set<string>();
  collectResources(parseStateMachineDefinition("definition", definition).States, found);
  return [...found];
}

function collectResources(states: unknown, found: Set<string>): void {
  if (!isObject(states)) {
    return;
  }
  for (const state of Object.values(states)) {
    if (!isObject(state)) {
      continue;
    }
    if (state.Type === "Task" && typeof state.Resource === "string") {
      found.add(state.Resource);
    }
    if (state.Type === "Parallel" && Array.isArray(state.Branches)) {
      for (const branch of state.Branches) {
        collectResources(isObject(branch) ? branch.States : undefined, found);
      }
    }
    if (state.Type === "Map") {
      for (const processor of [state.ItemProcessor, state.Iterator]) {
        collectResources(isObject(processor) ? processor.States : undefined, found);
      }
    }
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
