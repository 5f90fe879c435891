export { type ActionInputs, readActionInputs } from "./inputs.ts";
export { runMain } from "./main.ts";
export { runPost } from "./post.ts";
