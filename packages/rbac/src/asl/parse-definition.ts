// A user's state machine definition, read into the typed model with errors that name the
// state and the field (`States."Run job".Next: "Cleanup" is not a state`), before anything
// is sent to AWS. It checks what the model relies on (types, transitions, targets, names);
// Step Functions' own validation stays the last word on everything else.
import { UserInputError } from "../user-input-error.ts";
import {
  CHOICE_COMPARISONS,
  STATE_TYPES,
  type State,
  type StateMachineDefinition,
  type StateType,
  statePath,
} from "./definition.ts";
import { children } from "./walk-states.ts";

const MAX_STATE_NAME_LENGTH = 80;

/**
 * Reads an Amazon States Language definition (JSONPath dialect), given as an object or as
 * JSON text, into the typed model. The value is returned as given (not copied), so fields
 * the model does not know survive.
 *
 * Checks, in every nested machine (Parallel branches, Map `ItemProcessor` / `Iterator`):
 * `StartAt` names a state; each state has a known `Type`; a Task has a `Resource`; Task,
 * Pass, Wait, Parallel and Map have exactly one of `Next` and `End: true`; every `Next`,
 * `Default`, `Choices[i].Next` and `Catch[i].Next` names a state of the same `States`;
 * Choice rules use known operators; a Wait has exactly one of its four time fields; state
 * names are unique in the whole definition and at most 80 characters, as Step Functions
 * requires; each state is reachable from `StartAt` and each machine has a terminal state
 * (Step Functions' MISSING_TRANSITION_TARGET "State is not reachable" and
 * MISSING_END_STATE).
 *
 * @throws UserInputError naming `input` and the field, such as
 *   `definition: States."Run job".Next: "Cleanup" is not a state. ...`
 */
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
  const fail = (path: string, problem: string, fix: string): never => {
    throw new UserInputError(input, `${path}: ${problem}`, fix);
  };
  if (definition.QueryLanguage !== undefined && definition.QueryLanguage !== "JSONPath") {
    fail(
      "QueryLanguage",
      `${JSON.stringify(definition.QueryLanguage)} is not supported`,
      'Write the definition in the JSONPath dialect (leave QueryLanguage out or set "JSONPath").',
    );
  }
  if (definition.TimeoutSeconds !== undefined && !isPositiveInteger(definition.TimeoutSeconds)) {
    fail(
      "TimeoutSeconds",
      "is not a positive integer",
      "Give the whole execution's limit in seconds.",
    );
  }
  checkMachine(definition, "", new Set(), fail);
  return definition as StateMachineDefinition;
}

type Fail = (path: string, problem: string, fix: string) => never;

function checkMachine(
  machine: Record<string, unknown>,
  scope: string,
  names: Set<string>,
  fail: Fail,
): void {
  const at = (field: string) => (scope === "" ? field : `${scope}.${field}`);
  if (typeof machine.StartAt !== "string") {
    fail(at("StartAt"), "is missing or not a string", "Name the first state of this machine.");
  }
  if (!isObject(machine.States) || Object.keys(machine.States).length === 0) {
    fail(at("States"), "is missing or has no states", "Give at least one state.");
  }
  const states = machine.States as Record<string, unknown>;
  const startAt = machine.StartAt as string;
  const stateNames = Object.keys(states);
  const target = (path: string, name: unknown) => {
    if (typeof name !== "string" || !Object.hasOwn(states, name)) {
      fail(
        path,
        `${JSON.stringify(name)} is not a state`,
        `Name one of the states beside it: ${stateNames.map((n) => JSON.stringify(n)).join(", ")}.`,
      );
    }
    return name as string;
  };
  target(at("StartAt"), startAt);

  const edges = new Map<string, string[]>();
  for (const [name, state] of Object.entries(states)) {
    const path = statePath(scope, name);
    if (names.has(name)) {
      fail(
        path,
        "the state name is used twice in this definition",
        "Give every state, nested ones included, its own name: Step Functions requires it.",
      );
    }
    names.add(name);
    if (name.length === 0 || name.length > MAX_STATE_NAME_LENGTH) {
      fail(path, `the name has ${name.length} characters`, "Use 1 to 80 characters.");
    }
    if (!isObject(state)) {
      fail(path, "is not an object", 'Write the state as {"Type": ..., ...}.');
    }
    edges.set(name, checkState(state as Record<string, unknown>, path, target, names, fail));
  }

  const reached = new Set<string>([startAt]);
  const queue = [startAt];
  for (let name = queue.pop(); name !== undefined; name = queue.pop()) {
    for (const next of edges.get(name) ?? []) {
      if (!reached.has(next)) {
        reached.add(next);
        queue.push(next);
      }
    }
  }
  const terminal = Object.values(states).some(
    (state) =>
      isObject(state) && (state.Type === "Succeed" || state.Type === "Fail" || state.End === true),
  );
  if (!terminal) {
    fail(
      at("States"),
      "has no terminal state",
      "End at least one path: End: true, a Succeed or a Fail state (Step Functions: MISSING_END_STATE).",
    );
  }
  for (const name of stateNames) {
    if (!reached.has(name)) {
      fail(
        statePath(scope, name),
        `is not reachable from StartAt ${JSON.stringify(startAt)}`,
        "Remove the state or point a Next, Default, Choices or Catch at it: Step Functions rejects unreachable states.",
      );
    }
  }
}

/** Checks one state; returns the names it can go to in its own `States`. */
function checkState(
  state: Record<string, unknown>,
  path: string,
  target: (path: string, name: unknown) => string,
  names: Set<string>,
  fail: Fail,
): string[] {
  const type = state.Type;
  if (typeof type !== "string" || !STATE_TYPES.includes(type as StateType)) {
    fail(
      `${path}.Type`,
      `${JSON.stringify(type)} is not a state type`,
      `Use one of ${STATE_TYPES.join(", ")}.`,
    );
  }
  const next: string[] = [];
  const terminal = type === "Succeed" || type === "Fail" || type === "Choice";
  if (terminal) {
    for (const field of ["Next", "End"]) {
      if (state[field] !== undefined) {
        fail(
          `${path}.${field}`,
          `a ${type} state has no ${field}`,
          type === "Choice" ? "Use Choices[].Next and Default." : `Remove ${field}.`,
        );
      }
    }
  } else if (state.Next !== undefined && state.End !== undefined) {
    fail(path, "has both Next and End", "Keep one: Next to go on, End: true to stop.");
  } else if (state.Next !== undefined) {
    next.push(target(`${path}.Next`, state.Next));
  } else if (state.End !== true) {
    fail(path, "has neither Next nor End: true", "Add Next (the following state) or End: true.");
  }

  for (const field of ["InputPath", "OutputPath", "ResultPath"]) {
    const value = state[field];
    if (
      value !== undefined &&
      value !== null &&
      (typeof value !== "string" || !value.startsWith("$"))
    ) {
      fail(
        `${path}.${field}`,
        `${JSON.stringify(value)} is not a path`,
        'Use a path starting with "$", or null.',
      );
    }
  }

  switch (type as StateType) {
    case "Task":
      if (typeof state.Resource !== "string" || state.Resource === "") {
        fail(
          `${path}.Resource`,
          "is missing",
          'Give the integration ARN, such as "arn:aws:states:::eks:runJob.sync".',
        );
      }
      for (const field of ["TimeoutSeconds", "HeartbeatSeconds"]) {
        if (state[field] !== undefined && !isPositiveInteger(state[field])) {
          fail(`${path}.${field}`, "is not a positive integer", "Give whole seconds.");
        }
      }
      break;
    case "Choice": {
      const choices = state.Choices;
      if (!Array.isArray(choices) || choices.length === 0) {
        fail(`${path}.Choices`, "is missing or empty", "Give at least one rule with a Next.");
      }
      (choices as unknown[]).forEach((rule, index) => {
        const rulePath = `${path}.Choices[${index}]`;
        checkChoiceRule(rule, rulePath, fail);
        next.push(target(`${rulePath}.Next`, (rule as Record<string, unknown>).Next));
      });
      if (state.Default !== undefined) {
        next.push(target(`${path}.Default`, state.Default));
      }
      break;
    }
    case "Wait": {
      const given = ["Seconds", "Timestamp", "SecondsPath", "TimestampPath"].filter(
        (field) => state[field] !== undefined,
      );
      if (given.length !== 1) {
        fail(
          path,
          given.length === 0 ? "says nothing to wait for" : `has ${given.join(" and ")}`,
          "Give exactly one of Seconds, Timestamp, SecondsPath and TimestampPath.",
        );
      }
      if (state.Seconds !== undefined && !isNonNegativeInteger(state.Seconds)) {
        fail(`${path}.Seconds`, "is not a whole number of seconds", "Give 0 or more seconds.");
      }
      break;
    }
    case "Parallel":
      if (!Array.isArray(state.Branches) || state.Branches.length === 0) {
        fail(`${path}.Branches`, "is missing or empty", "Give at least one branch.");
      }
      break;
    case "Map":
      if (state.ItemProcessor !== undefined && state.Iterator !== undefined) {
        fail(
          path,
          "has both ItemProcessor and Iterator",
          "Keep ItemProcessor (Iterator is its older name).",
        );
      }
      if (state.ItemProcessor === undefined && state.Iterator === undefined) {
        fail(`${path}.ItemProcessor`, "is missing", "Give the states that process each item.");
      }
      for (const field of ["MaxConcurrency", "ToleratedFailurePercentage"]) {
        const value = state[field];
        if (value !== undefined && !isNonNegativeNumber(value)) {
          fail(`${path}.${field}`, "is not a number of 0 or more", `Give a number for ${field}.`);
        }
      }
      if (
        typeof state.ToleratedFailurePercentage === "number" &&
        state.ToleratedFailurePercentage > 100
      ) {
        fail(
          `${path}.ToleratedFailurePercentage`,
          "is over 100",
          "Give a percentage from 0 to 100.",
        );
      }
      break;
  }

  for (const [field, list] of [
    ["Retry", state.Retry],
    ["Catch", state.Catch],
  ] as const) {
    if (list === undefined) {
      continue;
    }
    if (type !== "Task" && type !== "Parallel" && type !== "Map") {
      fail(`${path}.${field}`, `a ${type} state cannot ${field}`, `Remove ${field}.`);
    }
    if (!Array.isArray(list)) {
      fail(`${path}.${field}`, "is not a list", `Give ${field} as a list of objects.`);
    }
    (list as unknown[]).forEach((item, index) => {
      const itemPath = `${path}.${field}[${index}]`;
      const errors = isObject(item) ? item.ErrorEquals : undefined;
      if (
        !Array.isArray(errors) ||
        errors.length === 0 ||
        !errors.every((error) => typeof error === "string")
      ) {
        fail(
          `${itemPath}.ErrorEquals`,
          "is missing or not a list of error names",
          'Give error names, such as ["States.ALL"].',
        );
      }
      if (field === "Catch") {
        next.push(target(`${itemPath}.Next`, (item as Record<string, unknown>).Next));
      }
    });
  }

  for (const [, child, childScope] of children(state as unknown as State, path)) {
    if (!isObject(child)) {
      fail(childScope, "is not an object", 'Write it as {"StartAt": ..., "States": {...}}.');
    }
    checkMachine(child as unknown as Record<string, unknown>, childScope, names, fail);
  }
  return next;
}

function checkChoiceRule(rule: unknown, path: string, fail: Fail, nested = false): void {
  if (!isObject(rule)) {
    fail(path, "is not an object", "Write the rule as an object.");
  }
  const value = rule as Record<string, unknown>;
  if (nested && value.Next !== undefined) {
    fail(`${path}.Next`, "a nested rule has no Next", "Put Next on the top-level rule only.");
  }
  const combinators = ["And", "Or", "Not"].filter((field) => value[field] !== undefined);
  const comparisons = Object.keys(value).filter((field) => CHOICE_COMPARISONS.includes(field));
  const unknown = Object.keys(value).filter(
    (field) =>
      !CHOICE_COMPARISONS.includes(field) &&
      !["And", "Or", "Not", "Variable", "Next", "Comment"].includes(field),
  );
  if (unknown.length > 0) {
    fail(
      `${path}.${unknown[0]}`,
      "is not a Choice operator",
      "Use a comparison such as StringEquals, NumericGreaterThan, IsPresent or StringMatches, or And/Or/Not.",
    );
  }
  if (combinators.length + comparisons.length !== 1) {
    fail(
      path,
      `has ${combinators.length + comparisons.length} operators`,
      "Give exactly one comparison (with Variable) or one of And, Or, Not.",
    );
  }
  if (comparisons.length === 1 && typeof value.Variable !== "string") {
    fail(
      `${path}.Variable`,
      "is missing",
      'Give the path the comparison reads, such as "$.status".',
    );
  }
  for (const field of ["And", "Or"]) {
    const list = value[field];
    if (list === undefined) {
      continue;
    }
    if (!Array.isArray(list) || list.length === 0) {
      fail(`${path}.${field}`, "is not a non-empty list of rules", "Give at least one rule.");
    }
    (list as unknown[]).forEach((inner, index) => {
      checkChoiceRule(inner, `${path}.${field}[${index}]`, fail, true);
    });
  }
  if (value.Not !== undefined) {
    checkChoiceRule(value.Not, `${path}.Not`, fail, true);
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isPositiveInteger(value: unknown): boolean {
  return typeof value === "number" && Number.isInteger(value) && value > 0;
}

function isNonNegativeInteger(value: unknown): boolean {
  return typeof value === "number" && Number.isInteger(value) && value >= 0;
}

function isNonNegativeNumber(value: unknown): boolean {
  return typeof value === "number" && Number.isFinite(value) && value >= 0;
}
