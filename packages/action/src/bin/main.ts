import { githubActionsIo } from "../io.ts";
import { runMain } from "../main.ts";

await runMain({ io: githubActionsIo() });
