import { githubActionsIo } from "../io.ts";
import { runPost } from "../post.ts";

await runPost({ io: githubActionsIo() });
