export { renderFailureAnnotation } from "./annotations.ts";
export type { CleanupStep, RunFlow, RunObserver, RunResult } from "./flow.ts";
export { type ActionInputs, readActionInputs } from "./inputs.ts";
export { type ActionIo, githubActionsIo, RecordingActionIo } from "./io.ts";
export { runMain } from "./main.ts";
export { runPost } from "./post.ts";
export { renderSummary } from "./summary.ts";
