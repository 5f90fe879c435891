// The errors the local engine's EKS tasks fail with, shaped as aws-local-stepfunctions
// matches them: an Error whose `name` is the ASL error name (what `ErrorEquals` compares)
// and whose `message` is the `Cause` string. No ES `cause` property: the library would
// report it instead of the message.

/**
 * A task failure as Step Functions reports it: `error` is the ASL error name
 * (`EKS.401`, `States.TaskFailed`), `message` the `Cause` text (often JSON).
 */
export class TaskError extends Error {
  constructor(errorName: string, cause: string) {
    super(cause);
    this.name = errorName;
  }
}

/** The `Cause` of an `EKS.<status>` error ([SFN-EKS]: the documented EKS.401 example). */
export interface EksHttpCause {
  readonly ResponseBody: unknown;
  readonly StatusCode: number;
  readonly StatusText: string;
}

/**
 * A Kubernetes HTTP error as Step Functions' EKS integrations surface it: error
 * `EKS.<status>`, Cause `{"ResponseBody": <the Kubernetes Status>, "StatusCode", "StatusText"}`
 * (docs.aws.amazon.com/step-functions/latest/dg/connect-eks.html).
 */
export function eksHttpError(response: {
  status: number;
  statusText: string;
  body: unknown;
}): TaskError {
  const cause: EksHttpCause = {
    ResponseBody: response.body,
    StatusCode: response.status,
    StatusText: response.statusText,
  };
  return new TaskError(`EKS.${response.status}`, JSON.stringify(cause));
}
