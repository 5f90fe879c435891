// One walk over every state of a definition, nested ones included, so each reader (the
// Task list, the graph, the parser's name check) sees the same states in the same order.
import {
  mapProcessor,
  type ParallelState,
  type State,
  type StateMachineDefinition,
  type SubMachine,
  statePath,
} from "./definition.ts";

/** Where a state sits: its path in messages, and the Map or Parallel state around it. */
export interface StateLocation {
  /** `States."Fan out".Branches[0].States."Run"`: the form parse errors use. */
  path: string;
  /** The enclosing Map or Parallel state's name; undefined at the top level. */
  parent?: string | undefined;
  /** Which branch of the enclosing Parallel state (0-based); undefined inside a Map. */
  branch?: number | undefined;
  /** The path of the `States` object holding the state (`""` at the top level). */
  scope: string;
}

/**
 * Calls `visit` for every state in document order, depth first: a Parallel or Map state
 * before the states of its branches or item processor (`ItemProcessor`, or `Iterator`).
 */
export function walkStates(
  definition: StateMachineDefinition,
  visit: (name: string, state: State, location: StateLocation) => void,
): void {
  walkMachine(definition, "", undefined, undefined, visit);
}

function walkMachine(
  machine: SubMachine,
  scope: string,
  parent: string | undefined,
  branch: number | undefined,
  visit: (name: string, state: State, location: StateLocation) => void,
): void {
  for (const [name, state] of Object.entries(machine.States)) {
    const path = statePath(scope, name);
    visit(name, state, { path, parent, branch, scope });
    for (const [index, child, childScope] of children(state, path)) {
      walkMachine(child, childScope, name, index, visit);
    }
  }
}

/** The nested machines of a state, each with its branch index and path. */
export function children(state: State, path: string): [number | undefined, SubMachine, string][] {
  if (state.Type === "Parallel") {
    return (state as ParallelState).Branches.map((branch, index) => [
      index,
      branch,
      `${path}.Branches[${index}]`,
    ]);
  }
  if (state.Type === "Map") {
    const processor = mapProcessor(state);
    const field = state.ItemProcessor === undefined ? "Iterator" : "ItemProcessor";
    return processor === undefined ? [] : [[undefined, processor, `${path}.${field}`]];
  }
  return [];
}
