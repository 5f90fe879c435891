import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  getState,
  info
} from "./chunks/chunk-3MAM7UO6.js";
import "./chunks/chunk-HANBNIMK.js";

// packages/action/src/post.ts
var RECEIPT_STATE = "receipt";
async function runPost(getState2 = getState) {
  const receipt = getState2(RECEIPT_STATE);
  if (receipt === "") {
    info("eks-sfn-action: nothing to clean up; main created nothing.");
    return;
  }
  info("eks-sfn-action: cleaning up what main created.");
}

// packages/action/src/bin/post.ts
await runPost();
