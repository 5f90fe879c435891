// A definition as a graph of states and the transitions between them: what the no-leak
// proof of the temporary cluster walks and what the Mermaid report draws.
import {
  type Catcher,
  type ChoiceState,
  mapProcessor,
  type ParallelState,
  type State,
  type StateMachineDefinition,
  type StateType,
} from "./definition.ts";
import { walkStates } from "./walk-states.ts";

export interface StateNode {
  name: string;
  type: StateType;
  /** As parse errors write it: `States."Fan out".Branches[0].States."Run"`. */
  path: string;
  /** The Map or Parallel state whose branch or item processor holds it. */
  parent?: string | undefined;
  /** Which branch of `parent` (Parallel only). */
  branch?: number | undefined;
}

/**
 * - `start`: the machine's `StartAt` (`from` null), or a Parallel branch's or a Map item
 *   processor's `StartAt` (`from` the Parallel or Map state, `branch` its index);
 * - `next`, `default`, `choice` (`index` of the rule), `catch` (`index`, `errors`);
 * - `end`: `End: true` or a Succeed state; `fail`: a Fail state. Both have `to` null: the
 *   end of `from`'s scope (the execution at the top level; inside a branch or item
 *   processor, that branch or item, after which the Parallel or Map state goes on).
 */
export type StateEdgeKind = "start" | "next" | "default" | "choice" | "catch" | "end" | "fail";

export interface StateEdge {
  kind: StateEdgeKind;
  from: string | null;
  to: string | null;
  /** Choice rule, Catch or branch index. */
  index?: number | undefined;
  /** A Catch's `ErrorEquals`. */
  errors?: string[] | undefined;
}

export interface StateGraph {
  nodes: StateNode[];
  edges: StateEdge[];
}

/**
 * Every state of a parsed definition (nested ones included; names are unique in a whole
 * definition, as Step Functions requires) and every transition, in document order. Retry
 * is not an edge: a retried state goes back to itself.
 */
export function stateGraph(definition: StateMachineDefinition): StateGraph {
  const nodes: StateNode[] = [];
  const edges: StateEdge[] = [{ kind: "start", from: null, to: definition.StartAt }];
  walkStates(definition, (name, state, { path, parent, branch }) => {
    nodes.push({ name, type: state.Type, path, parent, branch });
    edges.push(...outgoing(name, state));
  });
  return { nodes, edges };
}

function outgoing(name: string, state: State): StateEdge[] {
  const edges: StateEdge[] = [];
  switch (state.Type) {
    case "Choice": {
      const choice = state as ChoiceState;
      choice.Choices.forEach((rule, index) => {
        edges.push({ kind: "choice", from: name, to: rule.Next, index });
      });
      if (choice.Default !== undefined) {
        edges.push({ kind: "default", from: name, to: choice.Default });
      }
      return edges;
    }
    case "Succeed":
      return [{ kind: "end", from: name, to: null }];
    case "Fail":
      return [{ kind: "fail", from: name, to: null }];
    case "Parallel":
      (state as ParallelState).Branches.forEach((branch, index) => {
        edges.push({ kind: "start", from: name, to: branch.StartAt, index });
      });
      break;
    case "Map": {
      const processor = mapProcessor(state);
      if (processor !== undefined) {
        edges.push({ kind: "start", from: name, to: processor.StartAt });
      }
      break;
    }
  }
  const transition = state as { Next?: string | undefined; End?: true | undefined };
  if (transition.Next !== undefined) {
    edges.push({ kind: "next", from: name, to: transition.Next });
  } else if (transition.End === true) {
    edges.push({ kind: "end", from: name, to: null });
  }
  const catchers = (state as { Catch?: Catcher[] | undefined }).Catch ?? [];
  catchers.forEach((catcher, index) => {
    edges.push({ kind: "catch", from: name, to: catcher.Next, index, errors: catcher.ErrorEquals });
  });
  return edges;
}
