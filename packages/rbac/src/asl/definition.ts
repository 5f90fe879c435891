// A typed model of Amazon States Language in its JSONPath dialect (the default query
// language): the state types and the fields this project writes or reads. Fields it does
// not model stay on the objects (index signatures) so a user's definition round-trips.
// Spec: https://states-language.net/spec.html and the Step Functions developer guide.

/** A JSON value that a `Parameters`-style template, `Result` or `Output` may hold. */
export type JsonValue =
  | string
  | number
  | boolean
  | null
  | JsonValue[]
  | { [key: string]: JsonValue };

/** Payload templates: a key ending in `.$` takes a path or an intrinsic function. */
export type PayloadTemplate = { [key: string]: JsonValue };

/** A state machine, or a Parallel branch, or a Map's item processor: `StartAt` and `States`. */
export interface StateMachineDefinition {
  StartAt: string;
  States: Record<string, State>;
  Comment?: string | undefined;
  /** Only "JSONPath" (the default) is modelled; JSONata definitions are rejected on parse. */
  QueryLanguage?: "JSONPath" | undefined;
  TimeoutSeconds?: number | undefined;
  Version?: string | undefined;
  [key: string]: unknown;
}

/** A Parallel branch or a Map item processor: a nested state machine. */
export interface SubMachine {
  StartAt: string;
  States: Record<string, State>;
  Comment?: string | undefined;
  [key: string]: unknown;
}

export type StateType =
  | "Task"
  | "Pass"
  | "Choice"
  | "Wait"
  | "Succeed"
  | "Fail"
  | "Parallel"
  | "Map";

export const STATE_TYPES: readonly StateType[] = [
  "Task",
  "Pass",
  "Choice",
  "Wait",
  "Succeed",
  "Fail",
  "Parallel",
  "Map",
];

interface StateBase {
  Comment?: string | undefined;
  InputPath?: string | null | undefined;
  OutputPath?: string | null | undefined;
  [key: string]: unknown;
}

/** A state that goes on: exactly one of `Next` (a state in the same `States`) or `End: true`. */
interface Transition {
  Next?: string | undefined;
  End?: true | undefined;
}

export interface Retrier {
  ErrorEquals: string[];
  IntervalSeconds?: number | undefined;
  MaxAttempts?: number | undefined;
  BackoffRate?: number | undefined;
  MaxDelaySeconds?: number | undefined;
  JitterStrategy?: "FULL" | "NONE" | undefined;
  Comment?: string | undefined;
}

export interface Catcher {
  ErrorEquals: string[];
  Next: string;
  /** Where `{Error, Cause}` lands in the state's input; default `$` (replaces it). */
  ResultPath?: string | null | undefined;
  Comment?: string | undefined;
}

interface ResultHandling {
  ResultPath?: string | null | undefined;
  ResultSelector?: PayloadTemplate | undefined;
  Retry?: Retrier[] | undefined;
  Catch?: Catcher[] | undefined;
}

export interface TaskState extends StateBase, Transition, ResultHandling {
  Type: "Task";
  /** An integration ARN such as `arn:aws:states:::eks:runJob.sync`. */
  Resource: string;
  Parameters?: PayloadTemplate | undefined;
  Credentials?: PayloadTemplate | undefined;
  TimeoutSeconds?: number | undefined;
  TimeoutSecondsPath?: string | undefined;
  HeartbeatSeconds?: number | undefined;
  HeartbeatSecondsPath?: string | undefined;
}

export interface PassState extends StateBase, Transition {
  Type: "Pass";
  Result?: JsonValue | undefined;
  ResultPath?: string | null | undefined;
  Parameters?: PayloadTemplate | undefined;
}

export const CHOICE_COMPARISONS: readonly string[] = [
  "BooleanEquals",
  "BooleanEqualsPath",
  "IsBoolean",
  "IsNull",
  "IsNumeric",
  "IsPresent",
  "IsString",
  "IsTimestamp",
  "NumericEquals",
  "NumericEqualsPath",
  "NumericGreaterThan",
  "NumericGreaterThanPath",
  "NumericGreaterThanEquals",
  "NumericGreaterThanEqualsPath",
  "NumericLessThan",
  "NumericLessThanPath",
  "NumericLessThanEquals",
  "NumericLessThanEqualsPath",
  "StringEquals",
  "StringEqualsPath",
  "StringGreaterThan",
  "StringGreaterThanPath",
  "StringGreaterThanEquals",
  "StringGreaterThanEqualsPath",
  "StringLessThan",
  "StringLessThanPath",
  "StringLessThanEquals",
  "StringLessThanEqualsPath",
  "StringMatches",
  "TimestampEquals",
  "TimestampEqualsPath",
  "TimestampGreaterThan",
  "TimestampGreaterThanPath",
  "TimestampGreaterThanEquals",
  "TimestampGreaterThanEqualsPath",
  "TimestampLessThan",
  "TimestampLessThanPath",
  "TimestampLessThanEquals",
  "TimestampLessThanEqualsPath",
];

/**
 * A Choice rule: a comparison (`Variable` plus one operator from CHOICE_COMPARISONS), or
 * `And` / `Or` / `Not` of rules. Top-level rules carry `Next`; nested ones do not.
 */
export interface ChoiceRule {
  Variable?: string | undefined;
  And?: ChoiceRule[] | undefined;
  Or?: ChoiceRule[] | undefined;
  Not?: ChoiceRule | undefined;
  Next?: string | undefined;
  Comment?: string | undefined;
  [comparison: string]: unknown;
}

export interface ChoiceState extends StateBase {
  Type: "Choice";
  Choices: (ChoiceRule & { Next: string })[];
  Default?: string | undefined;
}

/** Exactly one of `Seconds`, `Timestamp`, `SecondsPath`, `TimestampPath`. */
export interface WaitState extends StateBase, Transition {
  Type: "Wait";
  Seconds?: number | undefined;
  Timestamp?: string | undefined;
  SecondsPath?: string | undefined;
  TimestampPath?: string | undefined;
}

export interface SucceedState extends StateBase {
  Type: "Succeed";
}

/** `ErrorPath` / `CausePath` (paths or intrinsics) keep an error caught earlier. */
export interface FailState {
  Type: "Fail";
  Comment?: string | undefined;
  Error?: string | undefined;
  ErrorPath?: string | undefined;
  Cause?: string | undefined;
  CausePath?: string | undefined;
  [key: string]: unknown;
}

export interface ParallelState extends StateBase, Transition, ResultHandling {
  Type: "Parallel";
  Branches: SubMachine[];
  Parameters?: PayloadTemplate | undefined;
}

export interface ItemProcessor extends SubMachine {
  ProcessorConfig?: { Mode?: "INLINE" | "DISTRIBUTED"; ExecutionType?: "STANDARD" | "EXPRESS" };
}

/** A Map state: `ItemProcessor`, or the older `Iterator` (same shape, still accepted). */
export interface MapState extends StateBase, Transition, ResultHandling {
  Type: "Map";
  ItemProcessor?: ItemProcessor | undefined;
  Iterator?: SubMachine | undefined;
  ItemsPath?: string | undefined;
  ItemSelector?: PayloadTemplate | undefined;
  /** The older name of `ItemSelector`. */
  Parameters?: PayloadTemplate | undefined;
  MaxConcurrency?: number | undefined;
  MaxConcurrencyPath?: string | undefined;
  ToleratedFailurePercentage?: number | undefined;
  ToleratedFailureCount?: number | undefined;
}

export type State =
  | TaskState
  | PassState
  | ChoiceState
  | WaitState
  | SucceedState
  | FailState
  | ParallelState
  | MapState;

/** The nested machine of a Map state, whichever field holds it. */
export function mapProcessor(state: MapState): SubMachine | undefined {
  return state.ItemProcessor ?? state.Iterator;
}

/** How a state's location is written in messages: `States."Run job".Catch[0].Next`. */
export function statePath(scope: string, stateName: string): string {
  return `${scope === "" ? "" : `${scope}.`}States.${JSON.stringify(stateName)}`;
}
