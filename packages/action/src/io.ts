// The action's one port to the runner (STYLE.md "one port per front end"): inputs,
// outputs, state, secrets, log groups, annotations, the job summary and the exit code.
// Production passes `githubActionsIo` over @actions/core; tests pass a
// `RecordingActionIo` and read back everything the action did.
import * as actions from "@actions/core";
import type { SecretMask } from "@eks-sfn/core/plan";

/** Where an annotation points and what it is titled (the toolkit's AnnotationProperties). */
export interface AnnotationOptions {
  readonly title?: string | undefined;
  readonly file?: string | undefined;
  readonly startLine?: number | undefined;
}

export interface ActionIo {
  /** An input by its action.yml name, trimmed; "" when it was not given. */
  getInput(name: string): string;
  /** Sets a step output at once (GITHUB_OUTPUT), so later steps see it even after a failure. */
  setOutput(name: string, value: string): void;
  /** Saves a value for the post step (GITHUB_STATE). */
  saveState(name: string, value: string): void;
  /** A value main saved; "" when none. */
  getState(name: string): string;
  /** Registers a secret with the runner's log masking (`::add-mask::`). */
  setSecret(secret: string): void;
  /** One line in the step log. */
  info(line: string): void;
  /** A collapsible group in the step log; `endGroup` closes the innermost one. */
  startGroup(name: string): void;
  endGroup(): void;
  /** An error annotation (`::error::`), shown on the run's page and in the PR's checks. */
  error(message: string, options?: AnnotationOptions): void;
  /** A warning annotation (`::warning::`). */
  warning(message: string, options?: AnnotationOptions): void;
  /** Appends markdown to the job summary (GITHUB_STEP_SUMMARY). */
  appendSummary(markdown: string): Promise<void>;
  /** The process's exit code when it ends (0 success, 1 failure). */
  setExitCode(code: number): void;
  /** The runner's environment (GITHUB_*, RUNNER_*): read, never written. */
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** The real port: @actions/core 3.x on a GitHub runner (or anything that sets its files). */
export function githubActionsIo(env: NodeJS.ProcessEnv = process.env): ActionIo {
  return {
    getInput: (name) => actions.getInput(name),
    setOutput: (name, value) => actions.setOutput(name, value),
    saveState: (name, value) => actions.saveState(name, value),
    getState: (name) => actions.getState(name),
    setSecret: (secret) => actions.setSecret(secret),
    info: (line) => actions.info(line),
    startGroup: (name) => actions.startGroup(name),
    endGroup: () => actions.endGroup(),
    error: (message, options) => actions.error(message, annotationProperties(options)),
    warning: (message, options) => actions.warning(message, annotationProperties(options)),
    appendSummary: async (markdown) => {
      // Without the file (a local run) the toolkit throws; the log already says everything.
      if (!env.GITHUB_STEP_SUMMARY) return;
      await actions.summary.emptyBuffer().addRaw(markdown, true).write();
    },
    setExitCode: (code) => {
      process.exitCode = code;
    },
    env,
  };
}

function annotationProperties(
  options: AnnotationOptions | undefined,
): actions.AnnotationProperties {
  const properties: actions.AnnotationProperties = {};
  if (options?.title !== undefined) properties.title = options.title;
  if (options?.file !== undefined) properties.file = options.file;
  if (options?.startLine !== undefined) properties.startLine = options.startLine;
  return properties;
}

/**
 * The port with every text that leaves it (log lines, outputs, state, annotations,
 * summary) passed through the mask first, and every secret added to the mask also
 * registered with the runner. The runner masks its log, but not what other steps read
 * from outputs, nor every rendering of the summary; this covers both.
 */
export function maskedActionIo(io: ActionIo, mask: SecretMask): ActionIo {
  const m = (text: string): string => mask.apply(text);
  const options = (o: AnnotationOptions | undefined): AnnotationOptions | undefined =>
    o === undefined ? undefined : { ...o, title: o.title === undefined ? undefined : m(o.title) };
  return {
    getInput: (name) => io.getInput(name),
    setOutput: (name, value) => io.setOutput(name, m(value)),
    saveState: (name, value) => io.saveState(name, m(value)),
    getState: (name) => io.getState(name),
    setSecret: (secret) => mask.add(secret),
    info: (line) => io.info(m(line)),
    startGroup: (name) => io.startGroup(m(name)),
    endGroup: () => io.endGroup(),
    error: (message, o) => io.error(m(message), options(o)),
    warning: (message, o) => io.warning(m(message), options(o)),
    appendSummary: (markdown) => io.appendSummary(m(markdown)),
    setExitCode: (code) => io.setExitCode(code),
    env: io.env,
  };
}

/** One thing the action did through its port, in order. */
export type IoRecord =
  | { readonly kind: "output"; readonly name: string; readonly value: string }
  | { readonly kind: "state"; readonly name: string; readonly value: string }
  | { readonly kind: "secret"; readonly value: string }
  | { readonly kind: "info"; readonly line: string }
  | { readonly kind: "group"; readonly name: string }
  | { readonly kind: "endgroup" }
  | {
      readonly kind: "error" | "warning";
      readonly message: string;
      readonly options?: AnnotationOptions | undefined;
    }
  | { readonly kind: "summary"; readonly markdown: string }
  | { readonly kind: "exit"; readonly code: number };

/** A port that keeps everything in memory: inputs from a map, state shared with post. */
export class RecordingActionIo implements ActionIo {
  readonly records: IoRecord[] = [];
  readonly state: Map<string, string>;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly #inputs: Readonly<Record<string, string>>;

  constructor(
    options: {
      inputs?: Readonly<Record<string, string>>;
      state?: Map<string, string>;
      env?: Readonly<Record<string, string | undefined>>;
    } = {},
  ) {
    this.#inputs = options.inputs ?? {};
    this.state = options.state ?? new Map();
    this.env = options.env ?? {};
  }

  getInput(name: string): string {
    return (this.#inputs[name] ?? "").trim();
  }
  setOutput(name: string, value: string): void {
    this.records.push({ kind: "output", name, value });
  }
  saveState(name: string, value: string): void {
    this.state.set(name, value);
    this.records.push({ kind: "state", name, value });
  }
  getState(name: string): string {
    return this.state.get(name) ?? "";
  }
  setSecret(value: string): void {
    this.records.push({ kind: "secret", value });
  }
  info(line: string): void {
    this.records.push({ kind: "info", line });
  }
  startGroup(name: string): void {
    this.records.push({ kind: "group", name });
  }
  endGroup(): void {
    this.records.push({ kind: "endgroup" });
  }
  error(message: string, options?: AnnotationOptions): void {
    this.records.push({ kind: "error", message, options });
  }
  warning(message: string, options?: AnnotationOptions): void {
    this.records.push({ kind: "warning", message, options });
  }
  async appendSummary(markdown: string): Promise<void> {
    this.records.push({ kind: "summary", markdown });
  }
  setExitCode(code: number): void {
    this.records.push({ kind: "exit", code });
  }

  /** The last value of each output. */
  get outputs(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const record of this.records)
      if (record.kind === "output") out[record.name] = record.value;
    return out;
  }
  /** The exit code last set; 0 when none was. */
  get exitCode(): number {
    let code = 0;
    for (const record of this.records) if (record.kind === "exit") code = record.code;
    return code;
  }
  /** The log as the runner would show it: lines, with groups as `::group::`/`::endgroup::`. */
  get log(): string[] {
    return this.records.flatMap((record) => {
      switch (record.kind) {
        case "info":
          return [record.line];
        case "group":
          return [`::group::${record.name}`];
        case "endgroup":
          return ["::endgroup::"];
        case "error":
        case "warning":
          return [`::${record.kind}::${record.message}`];
        default:
          return [];
      }
    });
  }
}
