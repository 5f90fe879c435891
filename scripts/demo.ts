// `npm run demo`: what the action will show end to end. Until the run step lands
// (state machines, executions, the local engine), it renders the access the state
// machine's role needs for the article's pi Job and says what comes next.
import { UserInputError } from "@eks-sfn/rbac";

console.log("eks-sfn-action demo");
console.log(
  "The end-to-end demo (a Job run through Step Functions on the local test cluster) lands with the state machine and action issues.",
);
console.log(
  `Library check: ${new UserInputError("namespace", "example problem", "Example fix.").message}`,
);
